"""Run sanity and integration tests on every supported ansible-core, and print the matrix.

    python tools/checks/test_matrix.py [--only CORE[,CORE...]] [--output FILE] [--stages sanity,integration]

The cells are listed in tools/checks/matrix.txt (one pinned ansible-core per line, with the Python it
runs on). Each cell gets its own virtualenv (.venv-core-<core>-py<python>, made once and reused)
with that ansible-core and the pins of requirements-dev.txt for what the tests import (CELL_PACKAGES),
and its own mirror of the collection (.build/matrix/<cell>/ansible_collections/...), so that a
cell never disturbs `make test` running next to it. A cell whose Python is not installed is
reported as skipped. Afterwards the matrix is printed and written to FILE (default
.build/matrix/matrix.md), and the exit code is non-zero when any cell failed.

With --check-index, it also asks the package index (once per Python) which ansible-core releases
exist for each Python, and warns about minor versions that tools/checks/matrix.txt does not cover yet.
"""

import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # tools/<folder>/this.py
MATRIX_FILE = os.path.join(ROOT, "tools", "checks", "matrix.txt")
WORK = os.path.join(ROOT, ".build", "matrix")
STAGES = ("sanity", "integration")
# Besides ansible-core, what the modules and the integration targets import; pinned as in requirements-dev.txt.
CELL_PACKAGES = ("requests", "pytest")
# The integration targets start simulators: the repository's own package, editable as in .venv.
SIMULATOR = ["--editable", os.path.join(ROOT, "simulator")]


DEV_REQUIREMENTS = os.path.join(ROOT, "requirements-dev.txt")


def dev_pins(names=CELL_PACKAGES, path=DEV_REQUIREMENTS):
    """The `name==version` lines of requirements-dev.txt for these packages."""
    pins = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            match = re.match(r"^([A-Za-z0-9_.-]+)==(\S+)", line.strip())
            if match and match.group(1).lower() in names:
                pins[match.group(1).lower()] = match.group(0)
    missing = [name for name in names if name not in pins]
    if missing:
        sys.exit(f"test_matrix: requirements-dev.txt pins no {', '.join(missing)}")
    return [pins[name] for name in names]


def read_cells(path=MATRIX_FILE):
    """[(core minor, python minor, pip requirement, extra requirements)] from tools/checks/matrix.txt."""
    cells = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.split("#", 1)[0].strip()
            if line:
                python, requirement, *extra = line.split()
                core = re.search(r"==(\d+\.\d+)", requirement).group(1)
                cells.append((core, python, requirement, extra + dev_pins() + SIMULATOR))
    return cells


def find_python(version):
    """A real interpreter for Python X.Y: on PATH if it works (pyenv shims may not), else pyenv's."""
    candidates = [shutil.which(f"python{version}")]
    try:
        root = subprocess.run(["pyenv", "root"], capture_output=True, text=True, check=True).stdout.strip()
        candidates += sorted(glob.glob(os.path.join(root, "versions", f"{version}.*", "bin", f"python{version}")), reverse=True)
    except (OSError, subprocess.CalledProcessError):
        pass
    for candidate in filter(None, candidates):
        probe = subprocess.run([candidate, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"], capture_output=True, text=True, check=False)
        if probe.returncode == 0 and probe.stdout.strip() == version:
            return candidate
    return None


def run(cmd, log, **kwargs):
    log.write(f"\n$ {' '.join(cmd)}\n")
    log.flush()
    return subprocess.call(cmd, stdout=log, stderr=subprocess.STDOUT, **kwargs)


def prepare_venv(core, python, interpreter, requirement, extra, log):
    venv = os.path.join(ROOT, f".venv-core-{core}-py{python}")
    marker = os.path.join(venv, ".installed")
    wanted = " ".join([requirement] + extra)
    if os.path.exists(marker):
        with open(marker, encoding="utf-8") as handle:
            if handle.read().strip() == wanted:
                return venv
    if run([interpreter, "-m", "venv", "--clear", venv], log):
        return None
    pip = [os.path.join(venv, "bin", "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    if run(pip + [requirement] + extra, log):
        return None
    # ansible-test's sanity venvs need pip without the get-pip.py download (see tools/build/ansible_test_pip.py).
    if run([os.path.join(venv, "bin", "python"), os.path.join(ROOT, "tools", "build", "ansible_test_pip.py")], log):
        return None
    with open(marker, "w", encoding="utf-8") as handle:
        handle.write(wanted + "\n")
    return venv


def run_cell(core, python, requirement, extra, stages, verbose):
    name = f"core-{core}-py{python}"
    cell_dir = os.path.join(WORK, name)
    os.makedirs(cell_dir, exist_ok=True)
    result = {stage: "skipped" for stage in STAGES}
    times = {}
    log_path = os.path.join(cell_dir, "log.txt")
    interpreter = find_python(python)
    if not interpreter:
        return result, times, f"Python {python} is not installed", log_path
    with open(log_path, "w", encoding="utf-8") as log:
        started = time.monotonic()
        venv = prepare_venv(core, python, interpreter, requirement, extra, log)
        times["setup"] = time.monotonic() - started
        if not venv:
            return {stage: "error" for stage in stages}, times, "could not create the virtualenv", log_path
        collection = os.path.join(cell_dir, "ansible_collections", "sailpoint_community", "isc")
        if run([sys.executable, os.path.join(ROOT, "tools", "build", "build_tree.py"), collection], log):
            return {stage: "error" for stage in stages}, times, "could not mirror the collection", log_path
        os.makedirs(os.path.join(cell_dir, "tmp"), exist_ok=True)
        if os.environ.get("ISC_TEST_API_VERSIONS"):  # the targets get no environment: setup_isc/api_versions.py reads this file
            with open(os.path.join(collection, "tests", "integration", "targets", "setup_isc", "api_versions.txt"), "w", encoding="utf-8") as handle:
                handle.write(os.environ["ISC_TEST_API_VERSIONS"] + "\n")
        env = dict(os.environ)
        for key in list(env):
            if key.startswith(("SAIL_", "ISC_SIM", "ANSIBLE_")) or key in ("VIRTUAL_ENV", "PYTHONPATH"):
                del env[key]  # nothing from the caller's shell or from make may leak into a cell
        env.update(
            PATH=os.path.join(venv, "bin") + os.pathsep + os.environ.get("PATH", ""),
            VIRTUAL_ENV=venv,
            ANSIBLE_COLLECTIONS_PATH=cell_dir,
            ANSIBLE_REMOTE_TMP=os.path.join(cell_dir, "tmp"),
        )
        ansible_test = os.path.join(venv, "bin", "ansible-test")
        commands = {
            "sanity": [ansible_test, "sanity", "--venv", "--python", python, "--color", "no"],
            "integration": [ansible_test, "integration", "--local", "--python", python, "--color", "no"],
        }
        for stage in stages:
            started = time.monotonic()
            if verbose:
                print(f"  {name}: {stage} ...", flush=True)
            code = run(commands[stage], log, cwd=collection, env=env)
            times[stage] = time.monotonic() - started
            result[stage] = "pass" if code == 0 else "FAIL"
    return result, times, "", log_path


def check_index(cells):
    """Warn about ansible-core minor versions on the index that tools/checks/matrix.txt does not cover."""
    covered = {(core, python) for core, python, _req, _extra in cells}
    newest_covered = max(tuple(map(int, core.split("."))) for core, _p, _r, _e in cells)
    warnings = []
    for python in sorted({python for _core, python, _req, _extra in cells}):
        interpreter = find_python(python)
        if not interpreter:
            continue
        out = subprocess.run([interpreter, "-m", "pip", "index", "versions", "ansible-core"], capture_output=True, text=True, check=False).stdout
        match = re.search(r"Available versions: (.*)", out)
        if not match:
            warnings.append(f"could not list ansible-core releases for Python {python}")
            continue
        minors = {".".join(v.strip().split(".")[:2]) for v in match.group(1).split(",")}
        for minor in sorted(minors, key=lambda v: tuple(map(int, v.split(".")))):
            if tuple(map(int, minor.split("."))) > newest_covered and (minor, python) not in covered:
                warnings.append(f"ansible-core {minor} exists for Python {python} but is not in tools/checks/matrix.txt")
    return warnings


def describe_run():
    """When, and on which commit (and whether the working tree had uncommitted changes)."""

    def git(*args):
        result = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
        return result.stdout.strip() if result.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = " with uncommitted changes" if git("status", "--porcelain") else ""
    return f"Run {time.strftime('%Y-%m-%d %H:%M %Z')} on commit {commit}{dirty}."


def render(rows, stages):
    lines = ["| ansible-core | Python | " + " | ".join(stages) + " | note |", "| --- | --- | " + " | ".join("---" for _stage in stages) + " | --- |"]
    for row in rows:
        cells = []
        for stage in stages:
            status = row["result"][stage]
            seconds = row["times"].get(stage)
            cells.append(f"{status} ({seconds:.0f} s)" if seconds is not None else status)
        lines.append(f"| {row['requirement'].split('==')[1]} | {row['python']} | " + " | ".join(cells) + f" | {row['note']} |")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated ansible-core minor versions to run (default: all)")
    parser.add_argument("--stages", default=",".join(STAGES), help="comma-separated stages (default: %(default)s)")
    parser.add_argument("--output", default=os.path.join(WORK, "matrix.md"), help="where to write the matrix")
    parser.add_argument("--check-index", action="store_true", help="warn about newer ansible-core releases on the package index")
    args = parser.parse_args(argv)
    stages = [stage for stage in args.stages.split(",") if stage]
    if any(stage not in STAGES for stage in stages):
        parser.error(f"stages are {', '.join(STAGES)}")
    cells = read_cells()
    if args.only:
        only = set(args.only.split(","))
        cells = [cell for cell in cells if cell[0] in only]

    rows = []
    for core, python, requirement, extra in cells:
        print(f"===== ansible-core {requirement.split('==')[1]} on Python {python} =====", flush=True)
        result, times, note, log_path = run_cell(core, python, requirement, extra, stages, verbose=True)
        if not note and any(result[stage] != "pass" for stage in stages):
            note = f"log: {os.path.relpath(log_path, ROOT)}"
        rows.append({"python": python, "requirement": requirement, "result": result, "times": times, "note": note})
        print("  " + ", ".join(f"{stage} {result[stage]}" for stage in stages) + (f" ({note})" if note else ""), flush=True)

    table = render(rows, stages)
    warnings = check_index(read_cells()) if args.check_index else []
    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    with open(args.output, "w", encoding="utf-8") as handle:
        handle.write("# sailpoint_community.isc test matrix\n\n" + describe_run() + "\n\n" + table + "\n")
        for warning in warnings:
            handle.write(f"\nWarning: {warning}\n")
    print("\n===== matrix =====\n" + table)
    for warning in warnings:
        print(f"Warning: {warning}")
    print(f"\nwritten to {os.path.relpath(os.path.abspath(args.output), ROOT)}")
    failed = [row for row in rows if any(row["result"][stage] in ("FAIL", "error") for stage in stages)]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
