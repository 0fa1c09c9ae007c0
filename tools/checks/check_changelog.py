"""Check that a change to plugins/ or roles/ comes with a changelog fragment.

    python tools/checks/check_changelog.py [--base REF]

The base is the newest release tag reachable from HEAD (`1.2.3` or `v1.2.3`), or the repository's
first commit when nothing has been released yet. If anything under plugins/ or roles/ differs from
the base (commits since then, staged or unstaged edits, new untracked files), then
changelogs/fragments/ must have gained at least one fragment since the base. A change that users do
not need to hear about still gets one, in the `trivial` section.

It needs the history back to the base. In a shallow clone (CI checkouts often are: use
`fetch-depth: 0` or `git fetch --unshallow`) or outside git, it says why and checks nothing.
"""

import argparse
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # tools/<folder>/this.py
WATCHED = ("plugins/", "roles/")
FRAGMENTS = "changelogs/fragments/"
FRAGMENT_EXTENSIONS = (".yml", ".yaml")


def git(*args, check=True):
    result = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
    if check and result.returncode:
        raise RuntimeError(f"git {' '.join(args)}: {result.stderr.strip()}")
    return result


def find_base():
    """(ref, description) of the newest release tag, else of the first commit."""
    tag = git("describe", "--tags", "--abbrev=0", "--match", "[0-9]*.[0-9]*.[0-9]*", "--match", "v[0-9]*.[0-9]*.[0-9]*", "HEAD", check=False)
    if tag.returncode == 0 and tag.stdout.strip():
        return tag.stdout.strip(), f"release tag {tag.stdout.strip()}"
    roots = git("rev-list", "--max-parents=0", "HEAD").stdout.split()
    return roots[-1], f"the first commit ({roots[-1][:10]}; no release tag yet)"


def changed_since(base):
    """Paths changed between base and the working tree, and paths added (including untracked)."""
    changed = set(git("diff", "--name-only", base, "--").stdout.split("\n"))
    added = set(git("diff", "--name-only", "--diff-filter=A", base, "--").stdout.split("\n"))
    untracked = set(git("ls-files", "--others", "--exclude-standard").stdout.split("\n"))
    return {p for p in changed | untracked if p}, {p for p in added | untracked if p}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", help="compare with this ref instead of the newest release tag")
    args = parser.parse_args(argv)

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
    code_changes = sorted(p for p in changed if p.startswith(WATCHED))
    fragments = sorted(p for p in added if p.startswith(FRAGMENTS) and p.endswith(FRAGMENT_EXTENSIONS))
    print(f"check_changelog: since {description}: {len(code_changes)} changed file(s) in plugins/ and roles/, {len(fragments)} new fragment(s)")
    if code_changes and not fragments:
        shown = ", ".join(code_changes[:5]) + (", ..." if len(code_changes) > 5 else "")
        print(
            f"ERROR: plugins/ or roles/ changed ({shown}) but {FRAGMENTS} gained no fragment.\n"
            f"Add one, for example {FRAGMENTS}<short-name>.yml:\n"
            "  bugfixes:\n"
            "    - password_policy - what was wrong and what changed (https://github.com/...).\n"
            "Sections: see changelogs/config.yaml; use `trivial:` for changes users need not hear about."
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
