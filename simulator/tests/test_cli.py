"""The command lines (`isc-simulator` as `make simulator` runs it, `python -m isc_simulator`,
`with-isc-simulator` as the demo and the integration tests run it) and HTTPS."""

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest
import requests


def wait_for(path, process, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if path.exists() and path.read_text().endswith("\n"):
            return path.read_text().strip()
        assert process.poll() is None, process.communicate()
        time.sleep(0.02)
    raise AssertionError("the simulator did not write its ready file")


def console_script(name):
    """A console script of the installed package, next to the interpreter running the tests."""
    path = os.path.join(os.path.dirname(sys.executable), name)
    assert os.access(path, os.X_OK), f"{name} is not installed next to {sys.executable}"
    return path


@pytest.mark.parametrize("command", [["isc-simulator"], [sys.executable, "-m", "isc_simulator"]], ids=["console-script", "python-m"])
def test_cli_start_serve_and_sigterm(tmp_path, command):
    if command == ["isc-simulator"]:
        command = [console_script("isc-simulator")]
    ready = tmp_path / "ready"
    env = {**os.environ, "ISC_SIM_CLIENT_ID": "ci-client", "ISC_SIM_CLIENT_SECRET": "ci-s3cret"}
    started = time.monotonic()
    process = subprocess.Popen([*command, "--port", "0", "--ready-file", str(ready)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = wait_for(ready, process)
        assert time.monotonic() - started < 5
        token = requests.post(
            url + "/oauth/token", timeout=5, data={"grant_type": "client_credentials", "client_id": "ci-client", "client_secret": "ci-s3cret"}
        )
        assert token.status_code == 200
        sources = requests.get(
            url + "/v3/sources", params={"filters": 'name eq "Okta"'}, timeout=5, headers={"Authorization": "Bearer " + token.json()["access_token"]}
        )
        assert [s["name"] for s in sources.json()] == ["Okta"]
    finally:
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=10)
    assert process.returncode == 0
    assert f"export SAIL_BASE_URL={url}" in out.splitlines()
    assert "export SAIL_CLIENT_ID=ci-client" in out.splitlines()
    assert "export SAIL_CLIENT_SECRET=ci-s3cret" in out.splitlines()
    assert f"{url}/_sim" in out
    assert "POST /oauth/token 200" in err and "GET /v3/sources 200" in err
    assert "ci-s3cret" not in err and "Bearer" not in err and "Okta" not in err
    assert not ready.exists()


def test_cli_refuses_a_bad_seed(tmp_path):
    seed = tmp_path / "seed.json"
    seed.write_text('{"policies": [{"name": "p", "sourceIds": ["missing"]}]}')
    result = subprocess.run(
        [sys.executable, "-m", "isc_simulator", "--port", "0", "--seed", str(seed)],
        timeout=10,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2 and "missing" in result.stderr


def test_with_isc_simulator_runs_a_command_against_fresh_tenants():
    probe = (
        "import os, requests; urls = os.environ['ISC_SIM_URLS'].split();"
        "assert 'SAIL_ACCESS_TOKEN' not in os.environ;"
        "assert os.environ['SAIL_BASE_URL'] == urls[0] == os.environ['ISC_SIM_URL'];"
        "form = dict(grant_type='client_credentials', client_id=os.environ['SAIL_CLIENT_ID'], client_secret=os.environ['SAIL_CLIENT_SECRET']);"
        "print(len(urls), [requests.post(url + '/oauth/token', data=form, timeout=5).status_code for url in urls]);"
        "raise SystemExit(7)"
    )
    env = {**os.environ, "SAIL_ACCESS_TOKEN": "a-real-tenant-token"}
    result = subprocess.run(
        [console_script("with-isc-simulator"), "--tenants", "2", "--", sys.executable, "-c", probe],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 7, result.stderr  # the command's own exit code
    assert result.stdout.strip() == "2 [200, 200]"


def test_with_isc_simulator_needs_a_command():
    result = subprocess.run([sys.executable, "-m", "isc_simulator.with_simulator"], capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 2 and "give the command to run after --" in result.stderr


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command to make a test certificate")
def test_https(tmp_path, sim_factory, make_api):
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
        timeout=30,
    )
    sim = sim_factory(tls_cert=str(cert), tls_key=str(key))
    assert sim.base_url.startswith("https://127.0.0.1:")
    api = make_api(sim, login=False)
    api.session.verify = str(cert)
    api.session.trust_env = False  # else REQUESTS_CA_BUNDLE from the environment overrides session.verify
    assert api.login().get("/v3/sources").status_code == 200
    with pytest.raises(requests.exceptions.ConnectionError):
        requests.get(sim.base_url.replace("https", "http") + "/v3/sources", timeout=5)
