"""The connection's environment variables in a module run: an empty SAIL_* variable is not set.

AWX renders a credential's injector from the inputs the credential has, so a credential created
without api_version (as awx.awx.credential does) gives the job SAIL_API_VERSION="".
"""

import pytest

from ansible_collections.sailpoint_community.isc.plugins.modules import password_policy_info
from ansible_collections.sailpoint_community.isc.tests.unit.plugins.module_harness import OMIT

CONNECTION_VARIABLES = ("SAIL_BASE_URL", "SAIL_CLIENT_ID", "SAIL_CLIENT_SECRET", "SAIL_ACCESS_TOKEN", "SAIL_API_VERSION")


def test_an_awx_credential_without_api_version_reads_on_v3(simulator, run_module, monkeypatch):
    # What an AWX job gets from a credential with base URL, client id and secret only.
    monkeypatch.setenv("SAIL_BASE_URL", simulator.base_url)
    monkeypatch.setenv("SAIL_CLIENT_ID", simulator.client_id)
    monkeypatch.setenv("SAIL_CLIENT_SECRET", simulator.client_secret)
    monkeypatch.setenv("SAIL_API_VERSION", "")
    since = simulator.journal()["last_seq"]
    result = run_module(password_policy_info, dict(base_url=OMIT, client_id=OMIT, client_secret=OMIT))
    assert result["exit_code"] == 0, result
    paths = [entry["path"] for entry in simulator.journal(since=since)["requests"] if entry["path"] != "/oauth/token"]
    assert paths and all(path.startswith("/v3/") for path in paths)


@pytest.mark.parametrize("variable", CONNECTION_VARIABLES)
def test_an_empty_variable_leaves_its_option_unset(simulator, run_module, monkeypatch, variable):
    # The options given to the module, and the one variable empty: the empty one changes nothing.
    monkeypatch.setenv(variable, "")
    result = run_module(password_policy_info, {})
    assert result["exit_code"] == 0, result
    assert result["password_policies"], result


@pytest.mark.parametrize("value", ["", "  "])
def test_an_empty_base_url_variable_says_base_url_is_required(run_module, monkeypatch, value):
    monkeypatch.setenv("SAIL_BASE_URL", value)
    result = run_module(password_policy_info, dict(base_url=OMIT))
    assert result["exit_code"] == 1
    assert result["msg"].startswith("base_url is required"), result["msg"]
