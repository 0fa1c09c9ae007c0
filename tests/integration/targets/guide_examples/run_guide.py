"""run_guide.py README GUIDE OUTPUT_DIR [ansible-playbook args]: the guide's first playbook, and the README's
role example, as printed.

Takes the first ``code-block:: yaml`` after the "Your first playbook" heading, writes it to a
file untouched, and runs it with --check --diff (no write, a clear warning about the policy that
the first task would create), then for real (the tenant has both objects), then again (changed=0).
Then, on the tenant the guide's playbook left, the README's role example, with ``-i localhost,`` as users run it (a play
without ``connection: local`` would connect over ssh): the tenant gets what it lists.
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


def readme_role_example(readme):
    """The first ```yaml block of the README that plays a role."""
    blocks = re.findall(r"^```yaml\n(.*?)^```", Path(readme).read_text(encoding="utf-8"), re.M | re.S)
    return next(block for block in blocks if "roles:" in block)


def admin(path):
    with urllib.request.urlopen(os.environ["ISC_SIM_URL"] + "/_sim/" + path) as response:
        return json.load(response)


def run(playbook, *args, inventory=None):
    command = ["ansible-playbook", "-i", inventory or os.environ["INVENTORY_PATH"], str(playbook), *args]
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


def run_readme_role_example(readme, output_dir, *extra):
    playbook = Path(output_dir) / "readme.yml"
    playbook.write_text(readme_role_example(readme), encoding="utf-8")
    # localhost's Python is this one, which has requests; the connection is the play's own.
    os.chdir(output_dir)
    run(playbook, "-e", "ansible_python_interpreter=" + sys.executable, *extra, inventory="localhost,")
    state = admin("state")
    names = dict((source["id"], source["name"]) for source in state["sources"])
    (default,) = [policy for policy in state["policies"] if policy["defaultPolicy"]]
    (policy,) = [policy for policy in state["policies"] if policy["name"] == "Corporate"]
    (group,) = [group for group in state["sync_groups"] if group["name"] == "Corporate accounts"]
    assert default["minLength"] == 10 and policy["minLength"] == 12 and policy["passwordExpiration"] == 180
    assert group["passwordPolicyId"] == policy["id"]
    assert sorted(names[source_id] for source_id in group["sourceIds"]) == ["Active Directory", "GitHub", "Salesforce"]
    assert (Path(output_dir) / "reports" / "password-config-localhost.md").exists()


if __name__ == "__main__":
    readme_path, guide_path, output, *args = sys.argv[1:]
    main(guide_path, output, *args)
    run_readme_role_example(readme_path, output, *args)
