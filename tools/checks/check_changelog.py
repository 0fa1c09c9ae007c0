"""Check the changelog: CHANGELOG.rst is current, the next version is next, and changes have fragments.

    python tools/checks/check_changelog.py [--base REF]

- CHANGELOG.rst is what `antsibull-changelog generate` makes of changelogs/changelog.yaml (the released
  versions; unreleased fragments are not in it until the next `antsibull-changelog release`).
- galaxy.yml's version is not older than the newest release of changelog.yaml, and while fragments wait
  in changelogs/fragments/ it is newer: they are released under it, the next version.
- A change to plugins/ or roles/ since the newest release comes with a fragment. The base is the newest
  release tag reachable from HEAD (`1.2.3` or `v1.2.3`), else the commit that recorded the newest release
  in changelog.yaml, else the first commit. If anything under plugins/ or roles/ differs from the base
  (commits since then, staged or unstaged edits, new untracked files), changelogs/fragments/ must have
  gained at least one fragment since. Fragments are for what users see (a fix of behaviour that was
  never released is no news to them); a change users need not hear about gets one in `trivial`.

The fragment check needs the history back to the base. In a shallow clone (CI checkouts often are: use
`fetch-depth: 0` or `git fetch --unshallow`) or outside git, it says why and skips that check.
"""

import argparse
import filecmp
import os
import subprocess
import sys
import tempfile

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # tools/<folder>/this.py
WATCHED = ("plugins/", "roles/")
# Set to the next version right after a release; the release itself is the news, not the bump.
NOT_NEWS = ("plugins/module_utils/version.py",)
FRAGMENTS = "changelogs/fragments/"
FRAGMENT_EXTENSIONS = (".yml", ".yaml")


def git(*args, check=True):
    result = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
    if check and result.returncode:
        raise RuntimeError(f"git {' '.join(args)}: {result.stderr.strip()}")
    return result


CHANGELOG_YAML = "changelogs/changelog.yaml"


def version_key(version):
    """1.10.0 sorts after 1.9.0 (release versions only: numbers and dots)."""
    return tuple(int(part) for part in str(version).split("."))


def newest_release(root=ROOT):
    """The newest version released in changelog.yaml, or None."""
    with open(os.path.join(root, CHANGELOG_YAML), encoding="utf-8") as handle:
        releases = (yaml.safe_load(handle) or {}).get("releases") or {}
    return max(releases, key=version_key) if releases else None


def galaxy_version(root=ROOT):
    with open(os.path.join(root, "galaxy.yml"), encoding="utf-8") as handle:
        return str(yaml.safe_load(handle)["version"])


def waiting_fragments(root=ROOT):
    folder = os.path.join(root, FRAGMENTS)
    return sorted(name for name in os.listdir(folder) if name.endswith(FRAGMENT_EXTENSIONS)) if os.path.isdir(folder) else []


def version_problem(root=ROOT):
    """Why galaxy.yml's version cannot take the waiting fragments, or None."""
    released, version, fragments = newest_release(root), galaxy_version(root), waiting_fragments(root)
    if released is None or version_key(version) > version_key(released):
        return None
    if version_key(version) < version_key(released):
        return f"galaxy.yml's version {version} is older than the newest release, {released}"
    if fragments:
        return (
            f"galaxy.yml's version {version} is released already, but {len(fragments)} fragment(s) wait in {FRAGMENTS}: "
            "set galaxy.yml (and plugins/module_utils/version.py) to the next version"
        )
    return None


def changelog_rst_problem(root=ROOT):
    """Why CHANGELOG.rst is not what antsibull-changelog generates from changelog.yaml, or None."""
    with tempfile.TemporaryDirectory() as scratch:
        generated = os.path.join(scratch, "CHANGELOG.rst")
        subprocess.run([sys.executable, "-m", "antsibull_changelog", "generate", "--output", generated, "--output-format", "rst"], cwd=root, check=True)
        current = os.path.join(root, "CHANGELOG.rst")
        if os.path.exists(current) and filecmp.cmp(generated, current, shallow=False):
            return None
    return "CHANGELOG.rst is not what changelogs/changelog.yaml gives: run `antsibull-changelog generate` and commit CHANGELOG.rst"


def find_base():
    """(ref, description) of the newest release tag, else of the commit that recorded the newest release, else of the first commit."""
    tag = git("describe", "--tags", "--abbrev=0", "--match", "[0-9]*.[0-9]*.[0-9]*", "--match", "v[0-9]*.[0-9]*.[0-9]*", "HEAD", check=False)
    if tag.returncode == 0 and tag.stdout.strip():
        return tag.stdout.strip(), f"release tag {tag.stdout.strip()}"
    released = newest_release()
    if released:
        # The release commit adds the version as a key of `releases:` (`  1.0.0:`), once.
        commit = git("log", "-1", "--format=%H", "-S", f"  {released}:", "HEAD", "--", CHANGELOG_YAML, check=False).stdout.strip()
        if commit:
            return commit, f"the release of {released} ({commit[:10]}; not tagged)"
    roots = git("rev-list", "--max-parents=0", "HEAD").stdout.split()
    return roots[-1], f"the first commit ({roots[-1][:10]}; no release yet)"


def changed_since(base):
    """Paths changed between base and the working tree, and paths added (including untracked)."""
    changed = set(git("diff", "--name-only", base, "--").stdout.split("\n"))
    added = set(git("diff", "--name-only", "--diff-filter=A", base, "--").stdout.split("\n"))
    untracked = set(git("ls-files", "--others", "--exclude-standard").stdout.split("\n"))
    return {p for p in changed | untracked if p}, {p for p in added | untracked if p}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", help="compare with this ref instead of the newest release")
    args = parser.parse_args(argv)

    problems = [problem for problem in (changelog_rst_problem(), version_problem()) if problem]
    for problem in problems:
        print(f"ERROR: {problem}")
    return fragment_check(args) or (1 if problems else 0)


def fragment_check(args):
    """0 when plugins/ and roles/ are unchanged since the base or a fragment came with the change, else 1."""
    try:
        git("rev-parse", "--git-dir")
    except (OSError, RuntimeError):
        print("check_changelog: not a git checkout; nothing to compare, skipped")
        return 0
    if git("rev-parse", "--is-shallow-repository").stdout.strip() == "true" and not args.base:
        print(
            "check_changelog: this is a shallow clone, so the base (the newest release tag or the first commit) "
            "is not here; skipped. Fetch the whole history (git fetch --unshallow, or fetch-depth: 0) to check."
        )
        return 0

    base, description = (args.base, args.base) if args.base else find_base()
    changed, added = changed_since(base)
    code_changes = sorted(p for p in changed if p.startswith(WATCHED) and p not in NOT_NEWS)
    fragments = sorted(p for p in added if p.startswith(FRAGMENTS) and p.endswith(FRAGMENT_EXTENSIONS))
    print(f"check_changelog: since {description}: {len(code_changes)} changed file(s) in plugins/ and roles/, {len(fragments)} new fragment(s)")
    if code_changes and not fragments:
        shown = ", ".join(code_changes[:5]) + (", ..." if len(code_changes) > 5 else "")
        print(
            f"ERROR: plugins/ or roles/ changed ({shown}) but {FRAGMENTS} gained no fragment.\n"
            f"Add one, for example {FRAGMENTS}<short-name>.yml:\n"
            "  bugfixes:\n"
            "    - password_policy - what was wrong and what changed (https://github.com/...).\n"
            "Sections: see changelogs/config.yaml. Write what users see; `trivial:` for changes users need not hear about."
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
