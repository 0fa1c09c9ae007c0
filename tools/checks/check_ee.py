"""Check what an execution environment gets from this collection, without building one.

    python tools/checks/check_ee.py COLLECTIONS_DIR

COLLECTIONS_DIR holds ansible_collections/sailpoint_community/isc (the mirror's .build). Checks:

1. `ansible-builder introspect` on COLLECTIONS_DIR finds the collection's Python requirements
   through meta/execution-environment.yml, and they are exactly the runtime ones of requirements.txt
   (`requests`), and no system packages.
2. examples/execution-environment/execution-environment.yml is valid for ansible-builder (v3
   schema) and `ansible-builder create` turns it into a build context. No image is built (that needs
   Podman or Docker).
"""

import os
import re
import subprocess
import sys
import tempfile

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # tools/<folder>/this.py
COLLECTION = "sailpoint_community.isc"
EXAMPLE = os.path.join("examples", "execution-environment", "execution-environment.yml")


def builder(*args):
    exe = os.path.join(os.path.dirname(sys.executable), "ansible-builder")
    return subprocess.run([exe] + list(args), capture_output=True, text=True, check=False)


def requirement_name(line):
    return re.split(r"[\s<>=!~;\[#]", line.strip(), maxsplit=1)[0].lower().replace("_", "-")


def check_introspect(collections_dir):
    errors = []
    collection = os.path.join(collections_dir, "ansible_collections", *COLLECTION.split("."))
    meta = os.path.join(collection, "meta", "execution-environment.yml")
    if not os.path.isfile(meta):
        return [f"{os.path.relpath(meta, collections_dir)} is missing"]
    with open(meta, encoding="utf-8") as handle:
        python_file = (yaml.safe_load(handle).get("dependencies") or {}).get("python")
    with tempfile.TemporaryDirectory() as tmp:
        pip_out, bindep_out = os.path.join(tmp, "requirements.txt"), os.path.join(tmp, "bindep.txt")
        result = builder("introspect", "--sanitize", "--write-pip", pip_out, "--write-bindep", bindep_out, collections_dir)
        if result.returncode:
            return [f"ansible-builder introspect failed:\n{result.stdout}{result.stderr}"]
        found = open(pip_out, encoding="utf-8").read().splitlines() if os.path.exists(pip_out) else []
        system = open(bindep_out, encoding="utf-8").read().splitlines() if os.path.exists(bindep_out) else []
    ours = [line for line in found if f"from collection {COLLECTION}" in line]
    names = sorted({requirement_name(line) for line in ours if line.strip()})
    with open(os.path.join(collection, python_file or "requirements.txt"), encoding="utf-8") as handle:
        declared = sorted({requirement_name(line) for line in handle if line.strip() and not line.lstrip().startswith(("#", "-"))})
    print(f"ansible-builder introspect: {COLLECTION} needs {', '.join(ours) or 'nothing'}")
    if "requests" not in names:
        errors.append(f"introspect does not find requests for {COLLECTION}: {found}")
    if names != declared:
        errors.append(f"introspect finds {names}, requirements.txt declares {declared}")
    if [line for line in system if line.strip()]:
        errors.append(f"unexpected system requirements: {system}")
    return errors


def check_example():
    path = os.path.join(ROOT, EXAMPLE)
    with open(path, encoding="utf-8") as handle:
        definition = yaml.safe_load(handle)
    if definition.get("version") != 3:
        return [f"{EXAMPLE}: version must be 3"]
    with tempfile.TemporaryDirectory() as tmp:
        result = builder("create", "--file", path, "--context", tmp, "--output-filename", "Containerfile")
        if result.returncode:
            return [f"ansible-builder create {EXAMPLE} failed:\n{result.stdout}{result.stderr}"]
        with open(os.path.join(tmp, "Containerfile"), encoding="utf-8") as handle:
            containerfile = handle.read()
        galaxy = os.path.join(tmp, "_build", "requirements.yml")
        with open(galaxy, encoding="utf-8") as handle:
            collections = [item["name"] if isinstance(item, dict) else item for item in (yaml.safe_load(handle) or {}).get("collections", [])]
    errors = []
    if COLLECTION not in collections:
        errors.append(f"{EXAMPLE}: its galaxy requirements do not install {COLLECTION}")
    if "introspect" not in containerfile:
        errors.append(f"{EXAMPLE}: the build would not introspect the collections' requirements")
    print(f"ansible-builder create: {EXAMPLE} gives a build context installing {', '.join(collections)}")
    return errors


def main(argv):
    if len(argv) != 1:
        sys.exit(__doc__)
    errors = check_introspect(os.path.abspath(argv[0])) + check_example()
    for error in errors:
        print(f"ERROR: {error}")
    if not errors:
        print("ee: the execution environment requirements are in order")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
