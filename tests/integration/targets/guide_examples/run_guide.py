"""run_guide.py GUIDE OUTPUT_DIR [ansible-playbook args]: the guide's first playbook, as printed.

Takes the first ``code-block:: yaml`` after the "Your first playbook" heading, writes it to a
file untouched, and runs it with --check --diff (no write, a clear warning about the policy that
the first task would create), then for real (the tenant has both objects), then again (changed=0).
The simulator's admin API (ISC_SIM_URL) shows the tenant and its journal.
"""

import json
import os
import re
import subprocess
import sys
import textwrap
import urllib.request
from pathlib import Path


def first_playbook(guide):
    text = Path(guide).read_text(encoding="utf-8")
    section = text.split("Your first playbook\n-------------------\n", 1)[1]
    match = re.search(r"\.\. code-block:: yaml\n\n((?:(?:  .*)?\n)+)", section)
    return textwrap.dedent(match.group(1))


def admin(path):
    with urllib.request.urlopen(os.environ["ISC_SIM_URL"] + "/_sim/" + path) as response:
        return json.load(response)


def run(playbook, *args):
    command = ["ansible-playbook", "-i", os.environ["INVENTORY_PATH"], str(playbook), *args]
    print("+", " ".join(command), flush=True)
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    print(done.stdout, done.stderr, flush=True)
    assert done.returncode == 0, "the guide's playbook failed: %s" % " ".join(command)
    return done.stdout + done.stderr


def recap(output):
    return re.search(r"localhost\s+: ok=(\d+)\s+changed=(\d+)\s+unreachable=0\s+failed=0", output).groups()


def main(guide, output_dir, *extra):
    playbook = Path(output_dir) / "site.yml"
    playbook.write_text(first_playbook(guide), encoding="utf-8")

    since = admin("journal")["last_seq"]
    output = run(playbook, "--check", "--diff", *extra)
    assert recap(output) == ("2", "2"), recap(output)
    assert "no password policy named 'Corporate' yet; check mode assumes an earlier task creates it" in output
    assert '+    "password_policy": "Corporate"' in output or "password_policy: Corporate" in output
    assert admin("journal?since=%d" % since)["writes"] == 0

    output = run(playbook, *extra)
    assert recap(output) == ("2", "2"), recap(output)
    assert "WARNING" not in output
    state = admin("state")
    ids = dict((source["name"], source["id"]) for source in state["sources"])
    (policy,) = [policy for policy in state["policies"] if policy["name"] == "Corporate"]
    assert policy["minLength"] == 12 and policy["passwordExpiration"] == 180
    assert sorted(policy["sourceIds"]) == sorted([ids["Active Directory"], ids["GitHub"]])
    (group,) = [group for group in state["sync_groups"] if group["name"] == "Corporate accounts"]
    assert group["passwordPolicyId"] == policy["id"]
    assert sorted(group["sourceIds"]) == sorted(policy["sourceIds"])

    since = admin("journal")["last_seq"]
    output = run(playbook, *extra)
    assert recap(output) == ("2", "0"), recap(output)
    assert admin("journal?since=%d" % since)["writes"] == 0


if __name__ == "__main__":
    main(*sys.argv[1:])
