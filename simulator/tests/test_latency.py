"""The latency setting: an ISC-like response time added to every ISC request (make bench uses it).

Timing asserts here are one-sided with wide margins: a request takes *at least* the latency, and
concurrent requests take far less than the sum of their latencies (the margin is seconds, not ms).
"""

import os
import signal
import subprocess
import sys
import threading
import time

import pytest
import requests
from test_cli import console_script, wait_for


def test_latency_is_off_by_default_and_set_by_constructor_config_and_reset(sim_factory):
    assert sim_factory().config()["latency"] == 0
    sim = sim_factory(latency=0.2)
    assert sim.config()["latency"] == 0.2
    assert requests.post(sim.admin_url + "/config", json={"latency": 0.05}, timeout=10).json()["latency"] == 0.05
    assert sim.config()["latency"] == 0.05
    for bad in (-0.1, "slow", True, None):
        answer = requests.post(sim.admin_url + "/config", json={"latency": bad}, timeout=10)
        assert answer.status_code == 400 and "latency" in answer.json()["messages"][0]["text"]
    assert sim.config()["latency"] == 0.05
    sim.reset()
    assert sim.config()["latency"] == 0.2  # back to the startup value, like the other settings
    with pytest.raises(ValueError, match="latency"):
        sim_factory(latency=-1)


def test_every_isc_request_takes_at_least_the_latency(sim_factory, make_api):
    sim = sim_factory(latency=0.3)
    started = time.monotonic()
    api = make_api(sim)  # the token request
    assert time.monotonic() - started >= 0.3
    for method, path in (("GET", "/v3/sources"), ("GET", "/v3/password-policies/nope"), ("POST", "/v3/password-policies")):
        started = time.monotonic()
        answer = api.request(method, path, json={"name": "Slow"} if method == "POST" else None)
        assert time.monotonic() - started >= 0.3, (method, path)
        assert answer.status_code in (200, 404)
    assert [entry["status"] for entry in sim.journal()["requests"]] == [200, 200, 404, 200]  # journaled as usual


def test_concurrent_requests_wait_side_by_side_not_in_turn(sim_factory, make_api):
    sim = sim_factory()
    token = make_api(sim).access_token
    sim.configure(latency=1.0)
    answers = []

    def read():
        answers.append(requests.get(sim.base_url + "/v3/sources", headers={"Authorization": "Bearer " + token}, timeout=30).status_code)

    threads = [threading.Thread(target=read) for _thread in range(4)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    assert answers == [200] * 4
    # In turn, four requests would take 4 s or more; side by side about 1 s. 3 s leaves room for a busy machine.
    assert 1.0 <= elapsed < 3.0


def test_the_command_lines_take_latency(tmp_path):
    ready = tmp_path / "ready"
    process = subprocess.Popen(
        [sys.executable, "-m", "isc_simulator", "--port", "0", "--quiet", "--latency", "0.25", "--ready-file", str(ready)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = wait_for(ready, process)
        assert requests.get(url + "/_sim/config", timeout=10).json()["latency"] == 0.25
    finally:
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=10)
    probe = "import os, requests; print(requests.get(os.environ['ISC_SIM_URL'] + '/_sim/config', timeout=5).json()['latency'])"
    result = subprocess.run(
        [console_script("with-isc-simulator"), "--latency", "0.15", "--", sys.executable, "-c", probe],
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "0.15"
    for command in ([sys.executable, "-m", "isc_simulator", "--latency", "-1"], [console_script("with-isc-simulator"), "--latency", "-1", "--", "true"]):
        refused = subprocess.run(command, capture_output=True, text=True, timeout=30, check=False)
        assert refused.returncode == 2 and "--latency must be 0 or more" in refused.stderr
