"""Interrupts and concurrent runs: the password_config role against a simulator with latency, for real.

Each case runs once per API version (setup_isc/api_versions.py) against a fresh simulator it starts itself
(0.3 s per request, so that a converge of 60 policies takes seconds and can be caught in the middle):

- Ctrl-C: SIGINT to ansible-playbook's process group, as a terminal sends it, in the middle of the creates
  (and SIGTERM to ansible-playbook alone).
  No POST reaches the tenant after ansible-playbook has exited, and the next run creates the rest, each once,
  and warns with what the interrupted run had written.
- Two runs at once on one controller: the second waits for the first (the tenant's lock); no duplicate.
- Two runs at once on two controllers (two lock directories): the duplicates they create are found, and
  neither run reports success.
"""

import json
import os
import runpy
import signal
import subprocess
import time
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest
from isc_simulator import Simulator, load_seed

HERE = Path(__file__).resolve().parent
api_versions = SimpleNamespace(**runpy.run_path(str(HERE.parent / "setup_isc" / "api_versions.py")))

ROOTS = {"v3": "/v3/%s", "v1": "/%s/v1"}
POLICIES = 60
LATENCY = 0.3
GRACE = 1.0  # seconds a starved server may stamp a write sent before the exit late
SEED = {"policies": [dict(load_seed(None)["policies"][0], sourceIds=[])], "sources": []}
DESIRED = {
    "password_config_policies": [{"name": "Concurrency policy %03d" % number, "min_length": 8 + number % 8} for number in range(1, POLICIES + 1)],
    "password_config_sync_groups": [],
}
NAMES = sorted(item["name"] for item in DESIRED["password_config_policies"])


class Tenant:
    """One simulator, and ansible-playbook runs of the role against it."""

    def __init__(self, sim, workdir, version):
        self.sim = sim
        self.workdir = workdir
        self.version = version
        self.policies_path = ROOTS[version] % "password-policies"
        self.runs = 0

    def start(self, lock_dir, *extra):
        """ansible-playbook in a process group of its own (a terminal's job), its output in a file."""
        self.runs += 1
        tenant_file = self.workdir / ("tenant-%d.json" % self.runs)
        tenant_file.write_text(json.dumps(DESIRED), encoding="utf-8")
        env = dict(os.environ, SAIL_BASE_URL=self.sim.base_url, SAIL_CLIENT_ID=self.sim.client_id, SAIL_CLIENT_SECRET=self.sim.client_secret)
        env.update(SAIL_API_VERSION=self.version, SAIL_LOCK_DIR=str(lock_dir))
        env.pop("SAIL_ACCESS_TOKEN", None)
        command = ["ansible-playbook", "-i", os.environ["INVENTORY_PATH"], str(HERE / "converge.yml")]
        command += ["-e", "tenant_file=%s" % tenant_file, "-e", "report_dir=%s" % (self.workdir / ("report-%d" % self.runs))] + list(extra)
        output = open(self.workdir / ("output-%d.txt" % self.runs), "w+", encoding="utf-8")  # noqa: SIM115 - read in finish()
        process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
        return SimpleNamespace(process=process, output=output)

    @staticmethod
    def finish(run, timeout=240):
        rc = run.process.wait(timeout)
        run.output.seek(0)
        text = run.output.read()
        run.output.close()
        return rc, text

    def posts(self, since=0.0):
        return [
            entry for entry in self.sim.journal()["requests"] if entry["method"] == "POST" and entry["path"] == self.policies_path and entry["time"] > since
        ]

    def policy_names(self):
        return Counter(policy["name"] for policy in self.sim.state()["policies"] if policy["name"].startswith("Concurrency"))


@pytest.fixture(params=api_versions.chosen())
def tenant(request, tmp_path):
    sim = Simulator(port=0, seed=SEED, rate_limit_enabled=False, latency=LATENCY).start()
    try:
        yield Tenant(sim, tmp_path, request.param)
        assert not api_versions.foreign_requests(sim.journal()["requests"], request.param)
    finally:
        sim.stop()


def wait_for(condition, timeout=120):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


@pytest.mark.parametrize(
    "signum, kill, exit_code",
    [
        (signal.SIGINT, os.killpg, 99),  # a terminal's Ctrl-C: the whole foreground job
        (signal.SIGTERM, os.kill, -signal.SIGTERM),  # what a scheduler (AWX's cancel) sends to ansible-playbook
    ],
    ids=["ctrl-c to the process group", "sigterm to ansible-playbook"],
)
def test_an_interrupt_stops_the_writes_and_the_next_run_creates_the_rest_once(tenant, tmp_path, signum, kill, exit_code):
    run = tenant.start(tmp_path / "locks")
    wait_for(lambda: len(tenant.posts()) >= 10)
    kill(run.process.pid, signum)
    rc, output = tenant.finish(run)
    exited = time.time()
    assert rc == exit_code, output[-3000:]
    time.sleep(5 * LATENCY + 1)  # the old module went on for seconds: give its writes time to show
    # A write sent just before the exit may be stamped a little later by a starved server thread; the
    # old module's writes went on for seconds after it, so a second of grace still catches them.
    assert tenant.posts(since=exited + GRACE) == [], "POSTs reached the tenant after ansible-playbook had exited"
    created = tenant.policy_names()
    assert len(created) < POLICIES and set(created.values()) == {1}

    again = tenant.start(tmp_path / "locks")
    rc, output = tenant.finish(again)
    assert rc == 0, output[-3000:]
    assert tenant.policy_names() == Counter(NAMES)  # every policy, each once
    assert len(tenant.posts()) == POLICIES  # the interrupted run's and the rest: nothing sent twice
    flat = " ".join(output.split())
    said = "was interrupted; this run read the tenant afresh. It said: The run was interrupted by %s" % signal.Signals(signum).name
    assert said in flat, output[-3000:]
    assert "%d change(s) were written, %d not sent" % (len(created), POLICIES - len(created)) in flat


def test_two_runs_on_one_controller_take_turns(tenant, tmp_path):
    # The first run's creates take 1 s more each (some 15 s in all), so that the second, however slowly
    # Ansible starts on a busy machine, arrives while the first is still writing.
    tenant.sim.add_fault(method="POST", path=tenant.policies_path, delay=1, times=POLICIES)
    first = tenant.start(tmp_path / "locks")
    wait_for(lambda: len(tenant.posts()) >= 1)  # the first holds the lock and is writing
    second = tenant.start(tmp_path / "locks")
    (rc1, out1), (rc2, out2) = tenant.finish(first), tenant.finish(second)
    assert rc1 == 0 and rc2 == 0, (out1[-2000:], out2[-2000:])
    assert tenant.policy_names() == Counter(NAMES)
    assert len(tenant.posts()) == POLICIES  # the second found them all and created none
    assert "for another password_config run on this tenant to finish" in " ".join(out2.split()), out2[-3000:]


def test_two_runs_on_two_controllers_find_the_duplicates_and_neither_succeeds(tenant, tmp_path):
    # Both reads are held back a moment, so that the two runs read the empty tenant before either writes.
    tenant.sim.add_fault(method="GET", path=tenant.policies_path, delay=3, times=2)
    runs = [tenant.start(tmp_path / "controller-a"), tenant.start(tmp_path / "controller-b")]
    results = [tenant.finish(run) for run in runs]
    duplicated = sorted(name for name, count in tenant.policy_names().items() if count > 1)
    assert duplicated, "the two runs did not overlap: the case proved nothing"
    for rc, output in results:
        assert rc != 0, output[-3000:]
        flat = " ".join(output.split())
        assert "that this run manages now match more than one object: another run" in flat, output[-3000:]
    assert any("password policy %r (ids: " % duplicated[0] in " ".join(output.split()) for _rc, output in results)
