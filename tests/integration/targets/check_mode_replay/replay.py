"""Replay every integration playbook in check mode and prove that no write reached the API.

Each playbook of the targets next to this one (and the collection's own playbooks) runs with
--check against fresh local ISC simulators, once per API version (setup_isc/api_versions.py). Its
assertions expect real changes, so they fail in check mode; a copy of the playbook with
`ignore_errors: true` on every play keeps each task running, so that every module call of the
playbook is made, in check mode. Then the simulators' journals must show no POST, PUT or DELETE
at all, and every API request on that version's paths.
"""

import os
import runpy
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import yaml
from isc_simulator import Simulator

HERE = Path(__file__).resolve().parent
TARGETS = HERE.parent
# setup_isc/api_versions.py: the versions to run, their paths (a script beside the targets, not a package).
api_versions = SimpleNamespace(**runpy.run_path(str(TARGETS / "setup_isc" / "api_versions.py")))
deprecations = SimpleNamespace(**runpy.run_path(str(TARGETS / "setup_isc" / "deprecations.py")))

COLLECTION = Path(os.environ["ANSIBLE_COLLECTIONS_PATH"].split(":")[0]) / "ansible_collections" / "sailpoint_community" / "isc"
SKIP_TARGETS = {HERE.name, "setup_isc", "password_config_faults"}


def playbooks():
    """(target, path) of every playbook: top-level YAML files whose documents are lists of plays."""
    found = []
    for target in sorted(path for path in TARGETS.iterdir() if path.is_dir() and path.name not in SKIP_TARGETS):
        for path in sorted(target.glob("*.yml")):
            content = yaml.safe_load(path.read_text(encoding="utf-8"))
            is_playbook = isinstance(content, list) and content and all(isinstance(play, dict) and "hosts" in play for play in content)
            if is_playbook:
                found.append((target, path))
    found.append((COLLECTION, COLLECTION / "playbooks" / "export.yml"))
    return found


def replay(target, path, version):
    plays = yaml.safe_load(path.read_text(encoding="utf-8"))
    for play in plays:
        play["ignore_errors"] = True
    copy = path.with_name(".check-replay-" + path.name)
    copy.write_text(yaml.safe_dump(plays, sort_keys=False), encoding="utf-8")
    simulators = [Simulator(port=0, rate_limit_enabled=False).start() for _tenant in range(2)]
    try:
        env = dict(
            os.environ,
            SAIL_BASE_URL=simulators[0].base_url,
            ISC_SIM_URL=simulators[0].base_url,
            ISC_SIM_URLS=" ".join(sim.base_url for sim in simulators),
            SAIL_CLIENT_ID=simulators[0].client_id,
            SAIL_CLIENT_SECRET=simulators[0].client_secret,
            SAIL_API_VERSION=version,
            ISC_TEST_API_VERSION=version,
        )
        env.pop("SAIL_ACCESS_TOKEN", None)
        output_dir = Path(os.environ.get("OUTPUT_DIR", "/tmp")) / "check-replay"
        inventory = target / "tenants.yml" if path.name == "many_tenants.yml" else os.environ["INVENTORY_PATH"]
        command = [
            "ansible-playbook",
            "--check",
            "-i",
            str(inventory),
            str(copy),
            "-e",
            "output_dir=%s" % output_dir,
            "-e",
            "export_file=%s/exported.yml" % output_dir,
        ]
        completed = subprocess.run(command, cwd=target, env=env, capture_output=True, text=True, check=False)
        journal = [entry for sim in simulators for entry in sim.journal()["requests"]]
        requests_seen = len(journal)
        writes = [
            (entry["method"], entry["path"])
            for entry in journal
            if entry["method"] in ("POST", "PUT", "PATCH", "DELETE") and entry["path"] != api_versions.TOKEN_PATH
        ]
        foreign = api_versions.foreign_requests(journal, version)
    finally:
        for sim in simulators:
            sim.stop()
        copy.unlink()
    return completed, requests_seen, writes, foreign


def main():
    failures = []
    for version in api_versions.chosen():
        for target, path in playbooks():
            failures += check(target, path, version)
    if failures:
        sys.exit("\n".join(failures))
    print("check-mode replay: no playbook wrote anything")


def check(target, path, version):
    """What went wrong in the replay of one playbook on one API version."""
    failures = []
    completed, requests_seen, writes, foreign = replay(target, path, version)
    label = "%s %s/%s" % (version, target.name, path.name)
    print("%-48s exit %d, %4d API requests, %d writes" % (label, completed.returncode, requests_seen, len(writes)), flush=True)
    if writes:
        failures.append("%s wrote in check mode: %s" % (label, writes))
    if foreign:
        failures.append("%s sent requests off the %s paths: %s" % (label, version, sorted(set(foreign))[:5]))
    warned = deprecations.found(completed.stdout + completed.stderr)
    if warned:
        failures.append("%s printed deprecation warnings: %s" % (label, warned[:5]))
    if requests_seen == 0 and "bad_input" not in path.name:
        failures.append("%s made no API request at all: the replay proved nothing\n%s" % (label, completed.stdout[-2000:]))
    return failures


if __name__ == "__main__":
    main()
