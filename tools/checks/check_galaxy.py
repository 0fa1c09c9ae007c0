"""Build the collection tarball as Galaxy gets it, and import-check it offline.

    python tools/checks/check_galaxy.py COLLECTION_DIR [--keep DIR]

1. `ansible-galaxy collection build` of COLLECTION_DIR (the mirror in .build) into a temporary
   folder, and, to check galaxy.yml's build_ignore against a real working tree, of the git checkout
   this script lives in when it is not the mirror itself.
2. Neither tarball may contain anything but what users need (SHIPPED: plugins, roles, docs, meta,
   playbooks, extensions, examples, changelogs (not the unreleased fragments), README, CHANGELOG.rst, LICENSE,
   requirements.txt): no tests, tools,
   simulator, caches, virtualenvs, build trees or tool output; the first must contain REQUIRED.
3. galaxy-importer on the first tarball, configured by tools/checks/galaxy-importer.cfg (no ansible-test:
   it needs a container engine). Any WARNING or ERROR line fails the check.
"""

import argparse
import fnmatch
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# What users need, and nothing else: the only top-level entries the tarball may have. The development
# tooling (tests/, tools/, the simulator/ package, Makefile, lint and dev requirements) stays in git.
SHIPPED = (
    "MANIFEST.json", "FILES.json", "README.md", "CHANGELOG.rst", "LICENSE", "requirements.txt",
    "changelogs", "docs", "examples", "extensions", "meta", "playbooks", "plugins", "roles",
)  # fmt: skip
# Members that must never ship, even inside a shipped folder (fnmatch against the member path and each of its folders).
FORBIDDEN = (
    "*/__pycache__", "__pycache__", "*.pyc", "*.pyo", ".venv", ".venv-*", ".build", ".build/*", ".git", ".github",
    ".ansible", ".cache", ".pytest_cache", ".ruff_cache", ".mypy_cache", ".tox", "tests/output",
    "docs/build", "docs/temp-rst", "bench-results", "changelogs/fragments", "changelogs/.plugin-cache.yaml", "*.tar.gz", "importer_result.json", "*.log",
)  # fmt: skip
REQUIRED = (
    "MANIFEST.json", "FILES.json", "README.md", "LICENSE", "meta/runtime.yml", "meta/execution-environment.yml",
    "requirements.txt", "changelogs/changelog.yaml", "CHANGELOG.rst", "plugins/modules/password_policy.py",
    "plugins/modules/password_sync_group.py", "plugins/lookup/access_token.py", "plugins/filter/password_config.py",
    "roles/password_config/meta/argument_specs.yml", "playbooks/export.yml",
    "extensions/awx/isc_credential_type.yml", "docs/docsite/extra-docs.yml", "examples/demo/site.yml",
)  # fmt: skip


def build(source, dest):
    galaxy = os.path.join(os.path.dirname(sys.executable), "ansible-galaxy")
    result = subprocess.run([galaxy, "collection", "build", "--force", "--output-path", dest, source], capture_output=True, text=True, check=False)
    if result.returncode:
        raise SystemExit(f"ansible-galaxy collection build {source} failed:\n{result.stdout}{result.stderr}")
    tarballs = [name for name in os.listdir(dest) if name.endswith(".tar.gz")]
    return os.path.join(dest, tarballs[0])


def forbidden_members(tarball):
    with tarfile.open(tarball) as archive:
        names = [member.name[2:] if member.name.startswith("./") else member.name for member in archive.getmembers()]
    bad = []
    for name in names:
        parts = name.split("/")
        if parts[0] not in SHIPPED:
            bad.append(name)
            continue
        prefixes = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]
        if any(
            fnmatch.fnmatch(prefix, pattern) or fnmatch.fnmatch(parts[i - 1], pattern) for i, prefix in enumerate(prefixes, start=1) for pattern in FORBIDDEN
        ):
            bad.append(name)
    return names, bad


def import_check(tarball, workdir):
    env = dict(os.environ, GALAXY_IMPORTER_CONFIG=os.path.join(HERE, "galaxy-importer.cfg"))
    # The importer finds ansible-doc and friends on PATH: use the ones next to this interpreter.
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    result = subprocess.run([sys.executable, "-m", "galaxy_importer.main", tarball], cwd=workdir, env=env, capture_output=True, text=True, check=False)
    output = result.stdout + result.stderr
    problems = [line for line in output.splitlines() if line.startswith(("WARNING", "ERROR", "Traceback"))]
    if result.returncode or "Importer processing completed successfully" not in output:
        problems.append(f"galaxy-importer exited with {result.returncode}:\n{output[-3000:]}")
    return problems


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("collection", help="the collection folder to build (the mirror in .build)")
    parser.add_argument("--keep", help="copy the tarball into this folder")
    args = parser.parse_args(argv)
    collection = os.path.abspath(args.collection)
    errors = []
    with tempfile.TemporaryDirectory() as tmp:
        tarball = build(collection, os.path.join(tmp, "mirror"))
        names, bad = forbidden_members(tarball)
        size = os.path.getsize(tarball)
        print(f"galaxy: {os.path.basename(tarball)}, {len(names)} entries, {size / 1024:.0f} KiB")
        errors += [f"the tarball contains {name}: add it to build_ignore in galaxy.yml" for name in bad]
        errors += [f"the tarball lacks {name}" for name in REQUIRED if name not in names]

        # .git is a folder in a clone and a file in a git worktree.
        if os.path.exists(os.path.join(ROOT, ".git")) and os.path.realpath(ROOT) != os.path.realpath(collection):
            # Contributors may run `ansible-galaxy collection build` in their clone, next to .venv and .build.
            checkout_names, bad = forbidden_members(build(ROOT, os.path.join(tmp, "checkout")))
            print(f"galaxy: the working tree {ROOT} builds to {len(checkout_names)} entries")
            errors += [f"building the working tree ships {name}: add it to build_ignore in galaxy.yml" for name in bad]

        problems = import_check(tarball, tmp)
        errors += [f"galaxy-importer: {line}" for line in problems]
        if args.keep:
            os.makedirs(args.keep, exist_ok=True)
            shutil.copy2(tarball, args.keep)

    for error in errors:
        print(f"ERROR: {error}")
    if not errors:
        print("galaxy: the tarball is clean and galaxy-importer reports no error and no warning")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
