"""A module that fails on an ISC error shows ISC's own words whatever the body's shape (isc-api.md: the
ErrorResponseDto, {detailMessage}, {formatted_msg, ...}, {errorName, errorMessage}, {error}, {message},
plain text, an empty body), with the status, method, path and, when ISC sent one, the trackingId."""

import pytest

from ansible_collections.sailpoint_community.isc.plugins.modules import password_policy, password_policy_info

DEFAULT_ID = "2c9180877b1d5f3a017b1d6e4c2a0001"
SHAPES = {
    "error_response": "Injected fault (error_response).",
    "detail_message": "Injected fault (detail_message).",
    "formatted_msg": "Injected fault (formatted_msg).",
    "error_name": "Injected fault (error_name).",
    "error": "Injected fault (error).",
    "message": "Injected fault (message).",
    "text": "Injected fault (text).",
    "empty": "(empty response body)",
}
TRACKED = ("error_response", "detail_message")  # the shapes that carry a trackingId


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_a_failed_write_shows_isc_words(simulator, run_module, shape):
    path = "/v3/password-policies/" + DEFAULT_ID
    simulator.add_fault(method="PUT", path=path, status=409, shape=shape)
    result = run_module(password_policy, dict(default_policy=True, min_length=13))
    assert result["failed"] and (result["status"], result["method"], result["path"]) == (409, "PUT", path)
    assert result["msg"].startswith("PUT %s failed with HTTP 409" % path) and SHAPES[shape] in result["msg"], result["msg"]
    assert "{" not in result["msg"]  # ISC's words read out of the body, not the body dumped as JSON
    assert ("tracking_id" in result) is (shape in TRACKED)
    if shape == "formatted_msg":
        assert result["detail_code"] == "SLPT-409" and "(SLPT-409)" in result["msg"]
    if shape in TRACKED:
        assert "[trackingId: %s]" % result["tracking_id"] in result["msg"]


@pytest.mark.parametrize("shape", ["detail_message", "formatted_msg", "text", "empty"])
def test_a_failed_listing_shows_isc_words(simulator, run_module, shape):
    simulator.add_fault(method="GET", path="/v3/password-policies", status=400, shape=shape)
    result = run_module(password_policy_info, {})
    assert result["failed"] and (result["status"], result["method"], result["path"]) == (400, "GET", "/v3/password-policies")
    assert SHAPES[shape] in result["msg"] and "{" not in result["msg"], result["msg"]
