"""Let ansible-test bootstrap pip where only a package index is reachable.

ansible-test creates its sanity/units virtualenvs without pip, then downloads a `get-pip.py`
from an Ansible CI host. Machines that reach only a package index (or a corporate mirror)
fail there with "does not have pip available". Before downloading, ansible-test looks for
~/.ansible/test/cache/get_pip_<version>.py; this installs a small stand-in there that runs
pip from a pip wheel fetched through the normal package index. A real get-pip script that is
already cached is left untouched.
"""

import os
import re
import subprocess
import sys

MARKER = "# sailpoint_community.isc: offline stand-in for get-pip.py"
SHIM = (
    MARKER
    + """
# Called by ansible-test as: python get_pip_X_Y.py [pip options] pip==X.Y --no-setuptools --no-wheel
import glob, os, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
wheels = glob.glob(os.path.join(here, "pip-{version}-*.whl"))
if not wheels:
    sys.exit("pip {version} wheel missing from %s; run `make` again to fetch it" % here)
args = [a for a in sys.argv[1:] if a not in ("--no-setuptools", "--no-wheel")]
# A pip wheel runs as it is: python pip-X.whl/pip install ... (pip's own documented bootstrap).
sys.exit(subprocess.call([sys.executable, os.path.join(wheels[0], "pip"), "install", "--find-links", here] + args))
"""
)


def required_pip_version():
    """The pip version ansible-test installs into its virtualenvs (get_venv_packages())."""
    import ansible_test  # pylint: disable=import-outside-toplevel

    source = os.path.join(os.path.dirname(ansible_test.__file__), "_internal", "python_requirements.py")
    with open(source, encoding="utf-8") as handle:
        match = re.search(r"pip=['\"]([0-9.]+)['\"]", handle.read())
    if not match:
        sys.exit(f"ansible_test_pip: cannot find the pip version in {source}")
    return match.group(1)


def main():
    version = required_pip_version()
    cache = os.path.expanduser("~/.ansible/test/cache")
    script = os.path.join(cache, f"get_pip_{version.replace('.', '_')}.py")
    os.makedirs(cache, exist_ok=True)

    if os.path.exists(script):
        with open(script, encoding="utf-8") as handle:
            if MARKER not in handle.read(200):
                print(f"ansible_test_pip: {script} is a real get-pip script; leaving it")
                return
    if not any(name.startswith(f"pip-{version}-") and name.endswith(".whl") for name in os.listdir(cache)):
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:", f"pip=={version}", "--dest", cache], check=True)
    with open(script, "w", encoding="utf-8") as handle:
        handle.write(SHIM.format(version=version))
    print(f"ansible_test_pip: pip {version} bootstrap ready in {cache}")


if __name__ == "__main__":
    main()
