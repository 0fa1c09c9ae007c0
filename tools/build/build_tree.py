"""Mirror the collection into DEST/ansible_collections/sailpoint_community/isc.

ansible-test and ansible-lint need the collection at a real path of that shape, while a git
clone lives anywhere. This copies the files git knows about (tracked, plus new files that are
not ignored) and removes files that have since disappeared, so the mirror always matches the
working tree. Tool output inside the mirror (tests/output, .ansible) is left alone.

The mirror is made a git repository of its own: ansible-test lists a collection's files with
git, and inside our clone (where .build is ignored) it would otherwise find none.
"""

import argparse
import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # tools/<folder>/this.py
KEEP_IN_MIRROR = ("tests/output/", ".ansible/", ".git/")
SKIP_WITHOUT_GIT = {".git", ".venv", ".build", "tests/output", "__pycache__", ".ansible", ".pytest_cache", ".ruff_cache"}


def source_files():
    """Relative paths of the collection's files."""
    try:
        out = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            check=True,
            capture_output=True,
        ).stdout
        return sorted(p for p in out.decode().split("\0") if p and os.path.isfile(os.path.join(ROOT, p)))
    except (OSError, subprocess.CalledProcessError):
        return sorted(walk_without_git())


def walk_without_git():
    """Fallback for a tarball or a copy without .git: everything but caches, venvs and tool output."""
    for folder, dirs, files in os.walk(ROOT):
        rel = os.path.relpath(folder, ROOT)
        dirs[:] = [d for d in dirs if not skipped(os.path.normpath(os.path.join(rel, d)))]
        for name in files:
            yield os.path.normpath(os.path.join(rel, name))


def skipped(rel_dir):
    name = os.path.basename(rel_dir)
    return rel_dir in SKIP_WITHOUT_GIT or name in SKIP_WITHOUT_GIT or name.startswith(".venv")


def sync(dest):
    wanted = set(source_files())
    for rel in wanted:
        src, dst = os.path.join(ROOT, rel), os.path.join(dest, rel)
        if not os.path.exists(dst) or not same_file(src, dst):
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copy2(src, dst)
    for folder, _dirs, files in os.walk(dest, topdown=False):
        rel_folder = os.path.normpath(os.path.relpath(folder, dest))
        if (rel_folder + "/").startswith(KEEP_IN_MIRROR):
            continue  # tool output and the mirror's own .git are not ours to prune
        for name in files:
            rel = os.path.normpath(os.path.join(rel_folder, name))
            if rel not in wanted:
                os.remove(os.path.join(folder, name))
        if folder != dest and not os.listdir(folder):
            os.rmdir(folder)
    return len(wanted)


def same_file(a, b):
    sa, sb = os.stat(a), os.stat(b)
    return sa.st_size == sb.st_size and int(sa.st_mtime) == int(sb.st_mtime) and sa.st_mode == sb.st_mode


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest", help="the collection folder to create or refresh")
    dest = os.path.abspath(parser.parse_args().dest)
    if not dest.replace(os.sep, "/").endswith("ansible_collections/sailpoint_community/isc"):
        sys.exit("build_tree: DEST must end in ansible_collections/sailpoint_community/isc")
    os.makedirs(dest, exist_ok=True)
    count = sync(dest)
    if not os.path.isdir(os.path.join(dest, ".git")):
        subprocess.run(["git", "init", "--quiet", dest], check=True)
    print(f"build_tree: {count} files mirrored into {os.path.relpath(dest)}")


if __name__ == "__main__":
    main()
