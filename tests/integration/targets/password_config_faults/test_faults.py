"""Fault matrix and secrets: the password_config role against simulators that fail on purpose.

Each case runs once per API version (setup_isc/api_versions.py): it starts a fresh local ISC
simulator, injects faults on that version's paths through its in-process API, runs the role with
ansible-playbook at -vvvv with --diff and SAIL_API_VERSION, and checks:

- the end state: exactly the desired objects, no duplicates, and a check-mode run finds no drift;
- every request went to that version's paths;
- the time: bounded (generous bounds; speed itself is measured by `make bench`);
- secrets: the client secret and every token the simulator issued appear nowhere, not in the
  output at -vvvv (normal, check and diff runs, success and failure), not in the reports, not in
  the simulator's journal.
"""

import json
import os
import runpy
import subprocess
import time
from collections import namedtuple
from pathlib import Path
from types import SimpleNamespace

import pytest
import requests
from isc_simulator import Simulator, load_seed

HERE = Path(__file__).resolve().parent
# setup_isc/api_versions.py: the versions to run, their paths (a script beside the targets, not a package).
api_versions = SimpleNamespace(**runpy.run_path(str(HERE.parent / "setup_isc" / "api_versions.py")))
deprecations = SimpleNamespace(**runpy.run_path(str(HERE.parent / "setup_isc" / "deprecations.py")))

COLLECTION = Path(os.environ["ANSIBLE_COLLECTIONS_PATH"].split(":")[0]) / "ansible_collections" / "sailpoint_community" / "isc"

SECRET = "canary-secret-4c9f0e7a"  # recognisable, so that a leak anywhere is found
READONLY = ("readonly-api-client", "canary-readonly-secret-b31d")
ROOTS = {"v3": "/v3/%s", "v1": "/%s/v1"}  # where a service's requests go in each version
Run = namedtuple("Run", "rc output seconds report markdown")


def make_tenant(policies, groups):
    """A seed with the default policy and enough sources, and the role's input for it."""
    # The default seed's default policy governs seed sources this tenant does not have: copy it without them.
    default_policy = dict(load_seed(None)["policies"][0], sourceIds=[])
    sources = [
        {"id": "%032x" % (0xFA000 + number), "name": "Fault source %03d" % number, "connector": "fault", "features": ["PROVISIONING", "PASSWORD"]}
        for number in range(1, 2 * groups + policies // 2 + 1)
    ]
    names = [source["name"] for source in sources]
    desired_policies = [
        {"name": "Fault policy %03d" % number, "min_length": 8 + number % 8, "expiration_enabled": number % 2 == 0, "use_dictionary": number % 3 == 0}
        for number in range(1, policies + 1)
    ]
    for number, item in enumerate(desired_policies[: policies // 2]):
        item["sources"] = [names[2 * groups + number]]
    desired_groups = [
        {"name": "Fault group %03d" % number, "password_policy": desired_policies[number - 1]["name"], "sources": names[2 * (number - 1) : 2 * number]}
        for number in range(1, groups + 1)
    ]
    return ({"policies": [default_policy], "sources": sources}, {"password_config_policies": desired_policies, "password_config_sync_groups": desired_groups})


SEED, DESIRED = make_tenant(20, 10)


class Harness:
    """Runs the role against one simulator and keeps everything it printed or wrote."""

    def __init__(self, sim, workdir, version):
        self.sim = sim
        self.workdir = workdir
        self.version = version
        self.policies_path, self.groups_path, self.sources_path = (ROOTS[version] % name for name in ("password-policies", "password-sync-groups", "sources"))
        self.texts = []  # every output and report, checked for secrets at the end
        self.runs = 0

    def role(self, desired=None, *extra, env=None, drop_env=(), **role_vars):
        self.runs += 1
        tenant_file = self.workdir / ("tenant-%d.json" % self.runs)
        tenant_file.write_text(json.dumps(dict(desired or DESIRED, **role_vars)), encoding="utf-8")
        report_dir = self.workdir / ("report-%d" % self.runs)
        run_env = dict(os.environ, SAIL_BASE_URL=self.sim.base_url, SAIL_CLIENT_ID=self.sim.client_id, SAIL_CLIENT_SECRET=SECRET, SAIL_API_VERSION=self.version)
        run_env.pop("SAIL_ACCESS_TOKEN", None)
        for name in drop_env:
            run_env.pop(name, None)
        run_env.update(env or {})
        command = [
            "ansible-playbook",
            "-i",
            os.environ["INVENTORY_PATH"],
            "-vvvv",
            "--diff",
            str(HERE / "converge.yml"),
            "-e",
            "tenant_file=%s" % tenant_file,
            "-e",
            "report_dir=%s" % report_dir,
        ] + list(extra)
        started = time.monotonic()
        completed = subprocess.run(command, env=run_env, capture_output=True, text=True, check=False)
        seconds = time.monotonic() - started
        output = completed.stdout + completed.stderr
        assert not deprecations.found(output), "deprecation warnings in the output: %s" % deprecations.found(output)[:5]
        report_file = report_dir / "password-config-localhost.json"
        report = json.loads(report_file.read_text(encoding="utf-8")) if report_file.exists() else None
        markdown_file = report_dir / "password-config-localhost.md"
        markdown = markdown_file.read_text(encoding="utf-8") if markdown_file.exists() else ""
        self.texts += [output, json.dumps(report), markdown]
        return Run(completed.returncode, output, seconds, report, markdown)

    def assert_converged(self, desired=None):
        """Exactly the desired objects, each once, and a check-mode run that finds nothing to change."""
        desired = desired or DESIRED
        state = self.sim.state()
        policy_names = [policy["name"] for policy in state["policies"]]
        group_names = [group["name"] for group in state["sync_groups"]]
        assert sorted(policy_names) == sorted([SEED["policies"][0]["name"]] + [item["name"] for item in desired["password_config_policies"]])
        assert sorted(group_names) == sorted(item["name"] for item in desired["password_config_sync_groups"])
        audit = self.role(desired, "--check")
        assert audit.rc == 0, audit.output[-3000:]
        assert audit.report["drift"] == 0, audit.report["summary"]

    def writes(self):
        return self.sim.journal()["writes"]

    def statuses(self, method, path_prefix):
        return [entry["status"] for entry in self.sim.journal()["requests"] if entry["method"] == method and entry["path"].startswith(path_prefix)]

    def assert_no_secrets(self):
        self.texts.append(json.dumps(self.sim.journal()))
        for text in self.texts:
            for secret in [SECRET, READONLY[1]] + self.sim.issued_tokens():
                assert secret not in text, "a secret or token leaked: %s..." % secret[:12]

    def assert_on_its_version(self):
        assert not api_versions.foreign_requests(self.sim.journal()["requests"], self.version)


@pytest.fixture(params=api_versions.chosen())
def version(request):
    return request.param


@pytest.fixture
def harness(tmp_path, version):
    sim = Simulator(port=0, seed=SEED, client_secret=SECRET, rate_limit_enabled=False).start()
    sim.add_client(*READONLY, user_context=False)
    try:
        checked = Harness(sim, tmp_path, version)
        yield checked
        checked.assert_no_secrets()
        checked.assert_on_its_version()
    finally:
        sim.stop()


def changed(desired, count, field="min_length", step=1):
    """The desired state with `count` policies' `field` moved by `step`."""
    copy = json.loads(json.dumps(desired))
    for item in copy["password_config_policies"][:count]:
        item[field] = item[field] + step
    return copy


def test_429_bursts_on_reads_and_writes_are_waited_out(harness):
    harness.sim.add_faults(
        [
            dict(method="GET", path=harness.policies_path, status=429, headers={"Retry-After": "1"}, times=2),
            dict(method="POST", path=harness.policies_path, status=429, headers={"Retry-After": "1"}, times=3),
            dict(method="POST", path=harness.groups_path, status=429, headers={"Retry-After": "1"}, times=2),
        ]
    )
    run = harness.role()
    assert run.rc == 0, run.output[-3000:]
    assert harness.statuses("POST", harness.policies_path).count(429) == 3
    assert run.seconds < 180
    harness.assert_converged()


def test_429_beyond_the_wait_limit_is_a_clear_error_and_writes_nothing(harness):
    harness.sim.add_fault(method="GET", path=harness.policies_path, status=429, headers={"Retry-After": "1"}, times=50)
    run = harness.role(None, "-e", "password_config_max_rate_limit_wait=2")
    assert run.rc != 0
    # The give-up message says what ISC asked, the budget and what was already waited.
    assert "ISC asked to wait 1 s (Retry-After: 1)" in run.output
    assert "max_rate_limit_wait=2.0 s (already waited 2 s in total)" in run.output
    assert harness.writes() == 0
    assert run.seconds < 60


def test_502_503_504_on_reads_updates_and_deletes_are_retried(harness):
    assert harness.role().rc == 0
    harness.sim.seed({"policies": [{"name": "Fault stray policy"}]})
    desired = changed(DESIRED, 5)
    harness.sim.add_faults(
        [
            dict(method="GET", path=harness.groups_path, status=502, times=1),
            dict(method="GET", path=harness.sources_path, status=504, times=1),
            dict(method="PUT", path=harness.policies_path + "/*", status=503, times=2),
            dict(method="DELETE", path=harness.policies_path + "/*", status=504, times=1),
        ]
    )
    run = harness.role(desired, password_config_exclusive=True)
    assert run.rc == 0, run.output[-3000:]
    assert run.report["totals"]["updated"] == 5 and run.report["totals"]["deleted"] == 1
    assert harness.statuses("DELETE", harness.policies_path) == [504, 204]
    assert harness.statuses("PUT", harness.policies_path)[:3] == [503, 503, 200]
    harness.assert_converged(desired)


@pytest.mark.parametrize("drop", ["after", "before"])
def test_dropped_create_is_neither_lost_nor_duplicated(harness, drop):
    harness.sim.add_faults(
        [dict(method="POST", path=harness.policies_path, drop=drop, times=2), dict(method="POST", path=harness.groups_path, drop=drop, times=1)]
    )
    run = harness.role()
    assert run.rc == 0, run.output[-3000:]
    dropped = [entry for entry in harness.sim.journal()["requests"] if entry["dropped"] == drop]
    assert len(dropped) == 3
    harness.assert_converged()  # a create that the server made is found by name, not made again


def test_token_expiring_in_the_middle_of_a_run_is_replaced(harness):
    harness.sim.configure(token_lifetime=2)
    # One module run now does it all in well under 2 s: a slow read makes the token expire mid-run.
    harness.sim.add_fault(method="GET", path=harness.groups_path, delay=2.5, times=1)
    run = harness.role()
    assert run.rc == 0, run.output[-3000:]
    tokens = [entry for entry in harness.sim.journal()["requests"] if entry["path"] == "/oauth/token"]
    assert len(tokens) > 1
    harness.assert_converged()


def test_revoked_token_with_no_way_to_refresh_is_a_clear_auth_error(harness):
    token = requests.post(
        harness.sim.base_url + "/oauth/token",
        timeout=10,
        data={"grant_type": "client_credentials", "client_id": harness.sim.client_id, "client_secret": SECRET},
    ).json()
    harness.sim.revoke_tokens()
    run = harness.role(None, env={"SAIL_ACCESS_TOKEN": token["access_token"]}, drop_env=("SAIL_CLIENT_ID", "SAIL_CLIENT_SECRET"))
    assert run.rc != 0
    assert "ISC refused the access token and no client_id/client_secret were given to fetch a new one" in run.output
    assert harness.writes() == 0


def test_wrong_client_secret_is_a_clear_auth_error_and_writes_nothing(harness):
    run = harness.role(None, env={"SAIL_CLIENT_SECRET": "canary-wrong-secret-55aa"})
    assert run.rc != 0
    assert "POST /oauth/token failed with HTTP 401" in run.output
    assert "check client_id and client_secret (SAIL_CLIENT_ID / SAIL_CLIENT_SECRET)" in run.output
    assert "canary-wrong-secret-55aa" not in run.output
    assert harness.writes() == 0


# A secret that each encoding changes: é (non-ASCII), / + & = % (form and URL encoding), " (JSON).
SPECIAL_SECRET = 'canary-S\u00e9cr3t/+&=%"-9d2e'
SPECIAL_FORMS = (
    SPECIAL_SECRET,
    "canary-S%C3%A9cr3t%2F%2B%26%3D%25%22-9d2e",  # form-encoded, as the token request sends it
    'canary-S\\u00e9cr3t/+&=%\\"-9d2e',  # JSON-escaped
    "canary-S\u00e9cr3t",
    "canary-S%C3%A9cr3t",
    "canary-S\\u00e9cr3t",
)


def test_a_secret_with_special_characters_leaks_in_no_encoding_at_vvvv(tmp_path, version):
    # The simulator cannot echo a request body, so the faults carry the echo a real endpoint or proxy would send.
    sim = Simulator(port=0, seed=SEED, client_secret=SPECIAL_SECRET, rate_limit_enabled=False, quirks=True).start()
    try:
        harness = Harness(sim, tmp_path, version)
        env = {"SAIL_CLIENT_SECRET": SPECIAL_SECRET}
        assert harness.role(None, env=env).rc == 0  # the secret works: the encodings below are of a real secret
        form_echo = "invalid_request: grant_type=client_credentials&client_id=%s&client_secret=%s" % (sim.client_id, SPECIAL_FORMS[1])
        sim.add_fault(method="POST", path="/oauth/token", status=400, body=form_echo)
        echoed = harness.role(None, env=env)
        sim.add_fault(method="POST", path="/oauth/token", status=400, body={"unexpected": {"form": {"client_secret": SPECIAL_SECRET}}})
        unknown_shape = harness.role(None, "--check", env=env)
        for run in (echoed, unknown_shape):
            assert run.rc != 0 and "POST /oauth/token failed with HTTP 400" in run.output, run.output[-3000:]
            assert "********" in run.output  # the echo reached the message, masked
        for text in harness.texts:
            for form in SPECIAL_FORMS:
                assert form not in text, "the secret leaked as %r" % form
    finally:
        sim.stop()


def test_403_on_a_write_names_the_pat_and_org_admin_rule(harness):
    # Credentials as role variables this time (not the environment): they must be masked too.
    run = harness.role(
        None, env={"SAIL_CLIENT_ID": "", "SAIL_CLIENT_SECRET": ""}, password_config_client_id=READONLY[0], password_config_client_secret=READONLY[1]
    )
    assert run.rc != 0
    assert "personal access token (PAT) of a user with the ORG_ADMIN user level" in run.output
    # Where ansible-core prints module arguments at -vvvv (up to 2.20; 2.21 prints none), the secret was
    # there and is masked: the leak check below would have seen it (or any token) otherwise.
    if '"invocation"' in run.output:
        assert '"client_secret": "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"' in run.output
        # The role passes no token (the module fetches its own); a token given would be masked the same way.
        assert '"access_token": null' in run.output or '"access_token": "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"' in run.output
    failed = [entry for entry in run.report["objects"] if entry["status"] == "failed"]
    assert failed and all("HTTP 403" in entry["error"] for entry in failed)
    assert harness.sim.state()["sync_groups"] == []


def test_persistent_500_on_one_object_fails_it_keeps_the_others_and_a_rerun_finishes(harness):
    assert harness.role().rc == 0
    desired = changed(DESIRED, 5)
    broken = [policy for policy in harness.sim.state()["policies"] if policy["name"] == "Fault policy 003"][0]
    harness.sim.add_fault(method="PUT", path="%s/%s" % (harness.policies_path, broken["id"]), status=500, times=100)
    run = harness.role(desired)
    assert run.rc != 0
    entries = dict((entry["name"], entry) for entry in run.report["objects"])
    assert entries["Fault policy 003"]["status"] == "failed"
    assert "PUT %s/%s failed with HTTP 500" % (harness.policies_path, broken["id"]) in entries["Fault policy 003"]["error"]
    assert "trackingId" in entries["Fault policy 003"]["error"]
    assert [entries["Fault policy %03d" % number]["status"] for number in (1, 2, 4, 5)] == ["updated"] * 4
    assert harness.statuses("PUT", "%s/%s" % (harness.policies_path, broken["id"])) == [500] * 5  # bounded retries
    harness.sim.clear_faults()
    rerun = harness.role(desired)
    assert rerun.rc == 0, rerun.output[-3000:]
    assert rerun.report["totals"]["updated"] == 1
    harness.assert_converged(desired)


def test_a_server_slower_than_the_timeout_gives_a_timeout_error_in_bounded_time(harness):
    harness.sim.add_fault(method="GET", path=harness.policies_path, delay=3, times=10)
    run = harness.role(None, "-e", "password_config_timeout=1")
    assert run.rc != 0
    assert "no response within timeout=1.0 seconds; gave up after 5 attempts" in run.output
    assert harness.writes() == 0
    assert run.seconds < 60


def test_the_real_rate_limit_with_150_objects(tmp_path, version):
    seed, desired = make_tenant(100, 50)
    sim = Simulator(port=0, seed=seed, client_secret=SECRET, rate_limit=100, rate_window=10).start()
    try:
        harness = Harness(sim, tmp_path, version)
        run = harness.role(desired)
        assert run.rc == 0, run.output[-3000:]
        assert run.report["totals"]["created"] == 150
        harness.assert_converged(desired)
        harness.assert_no_secrets()
        harness.assert_on_its_version()
    finally:
        sim.stop()
