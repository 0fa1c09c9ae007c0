"""Errors render their own failure: status, method, path, detailCode, texts, trackingId."""

import pytest

from ansible_collections.sailpoint_community.isc.plugins.module_utils.errors import (
    FORBIDDEN_WRITE_HINT,
    ApiError,
    AuthError,
    ForbiddenError,
    NotFoundError,
    RateLimitError,
    ValidationError,
    api_error,
)

DTO = {
    "detailCode": "400.1 Bad Request Content",
    "trackingId": "e7eab60924f64aa284175b9fa3309599",
    "messages": [{"locale": "en-US", "localeOrigin": "DEFAULT", "text": "minLength must be an integer"}],
    "causes": [],
}


def test_error_response_dto_is_rendered_with_every_detail():
    error = api_error("PUT", "/v3/password-policies/abc", 400, DTO)
    assert error.__class__ is ApiError  # the plain class: no more specific one applies
    assert error.msg == (
        "PUT /v3/password-policies/abc failed with HTTP 400 (400.1 Bad Request Content): "
        "minLength must be an integer [trackingId: e7eab60924f64aa284175b9fa3309599]"
    )
    kwargs = error.fail_kwargs()
    assert kwargs["status"] == 400 and kwargs["method"] == "PUT" and kwargs["path"] == "/v3/password-policies/abc"
    assert kwargs["detail_code"] == "400.1 Bad Request Content"
    assert kwargs["tracking_id"] == "e7eab60924f64aa284175b9fa3309599"
    assert kwargs["messages"] == ["minLength must be an integer"]


def test_401_and_429_shapes():
    error = api_error("GET", "/v3/sources", 401, {"error": "JWT validation failed: JWT is expired"})
    assert isinstance(error, AuthError) and "JWT is expired" in error.msg
    error = api_error("GET", "/v3/sources", 429, {"message": " Rate Limit Exceeded "})
    assert isinstance(error, RateLimitError) and error.msg.endswith("HTTP 429: Rate Limit Exceeded")


def test_403_on_a_write_explains_the_pat_requirement_but_not_on_a_read():
    assert FORBIDDEN_WRITE_HINT in api_error("POST", "/v3/password-policies", 403, DTO).msg
    assert "idn:password-policy:write" in api_error("POST", "/v3/password-policies", 403, DTO).msg
    read = api_error("GET", "/v3/password-policies", 403, DTO)
    assert isinstance(read, ForbiddenError) and "ORG_ADMIN" not in read.msg


@pytest.mark.parametrize("path", ["/v3/password-dictionary", "/password-dictionary/v1"])
def test_403_on_a_read_is_a_permission_problem_naming_the_right(path):
    # From the OpenAPI files: reading the dictionary needs a user's token of ORG_ADMIN level and its scope.
    msg = api_error("GET", path, 403, DTO).msg
    assert "A permission problem, not a wrong input" in msg
    assert "ORG_ADMIN user level (API clients cannot read it)" in msg and "idn:password-dictionary:read" in msg


def test_403_on_a_read_names_the_scope_of_each_service():
    assert "idn:sources:read" in api_error("GET", "/sources/v1", 403, DTO).msg
    assert "idn:password-sync-group:read" in api_error("GET", "/v3/password-sync-groups", 403, DTO).msg
    assert "idn:password-org-config:read" in api_error("GET", "/v3/password-org-config", 403, DTO).msg
    assert "A permission problem" in api_error("GET", "/v3/unknown", 403, DTO).msg


def test_404_and_plain_text_bodies():
    error = api_error("GET", "/v3/x", 404, "<html>not here</html>")
    assert isinstance(error, NotFoundError) and "<html>not here</html>" in error.msg


def test_fail_kwargs_leave_out_empty_details():
    assert ValidationError("bad", option=None).fail_kwargs() == {"msg": "bad"}
    assert ValidationError("bad", option="min_length").fail_kwargs() == {"msg": "bad", "option": "min_length"}


# Every error shape of isc-api.md, plus plain text and an empty body: ISC's words always reach the user,
# with the status, method, path and (when ISC sends one) the trackingId.
SHAPES = [
    pytest.param(DTO, "400.1 Bad Request Content", ["minLength must be an integer"], DTO["trackingId"], id="ErrorResponseDto"),
    pytest.param(
        {"detailCode": "400.1 Bad Request Content", "trackingId": "t1", "messages": [], "causes": [{"text": "sourceIds[0] is unknown"}]},
        "400.1 Bad Request Content",
        ["sourceIds[0] is unknown"],
        "t1",
        id="ErrorResponseDto-causes-only",
    ),
    pytest.param({"error": "JWT validation failed: JWT is expired"}, None, ["JWT validation failed: JWT is expired"], None, id="401-error"),
    pytest.param(
        {"error": "invalid_client", "error_description": "Bad credentials"}, None, ["invalid_client", "Bad credentials"], None, id="oauth-error-description"
    ),
    pytest.param({"message": " Rate Limit Exceeded "}, None, ["Rate Limit Exceeded"], None, id="429-message"),
    pytest.param(
        {"detailMessage": "Specified offset is invalid.", "trackingId": "abc123"}, None, ["Specified offset is invalid."], "abc123", id="detailMessage"
    ),
    pytest.param(
        {"detailMessage": "Specified offset is invalid.", "stackTrace": [], "suppressedExceptions": []},
        None,
        ["Specified offset is invalid."],
        None,
        id="detailMessage-java-exception",  # a real tenant's end-offset 400 (sailpoint-oss/typescript-sdk issue 59)
    ),
    pytest.param(
        {"error": "Experimental Header is missing or invalid."}, None, ["Experimental Header is missing or invalid."], None, id="experimental-header-error"
    ),
    pytest.param(
        {"formatted_msg": "Source 'AD' is locked", "slpt_error_code": "SLPT-1234", "msg_template": "Source '{0}' is locked", "http_response_code": 409},
        "SLPT-1234",
        ["Source 'AD' is locked"],
        None,
        id="formatted_msg",
    ),
    pytest.param(
        {"slpt_error_code": "SLPT-9", "msg_template": "Something {0} failed", "http_response_code": 500},
        "SLPT-9",
        ["Something {0} failed"],
        None,
        id="msg_template-without-formatted_msg",
    ),
    pytest.param(
        {"errorName": "IllegalArgumentException", "errorMessage": "name may not be null"},
        "IllegalArgumentException",
        ["name may not be null"],
        None,
        id="errorName-errorMessage",
    ),
    pytest.param("Service Unavailable\n  try later", None, ["Service Unavailable try later"], None, id="plain-text"),
    pytest.param(None, None, ["(empty response body)"], None, id="empty-body"),
    pytest.param("", None, ["(empty response body)"], None, id="empty-string"),
    pytest.param({"odd": ["shape"]}, None, ['{"odd":["shape"]}'], None, id="unknown-json-object"),
    pytest.param(["a", "list"], None, ['["a","list"]'], None, id="json-list"),
]


@pytest.mark.parametrize("body, code, texts, tracking_id", SHAPES)
@pytest.mark.parametrize("status", [400, 401, 404, 409, 429, 500, 503])
def test_every_error_shape_shows_isc_words(body, code, texts, tracking_id, status):
    error = api_error("PUT", "/v3/password-policies/abc", status, body)
    assert error.msg.startswith("PUT /v3/password-policies/abc failed with HTTP %d" % status)
    for text in texts:
        assert text in error.msg
    kwargs = error.fail_kwargs()
    assert kwargs["status"] == status and kwargs["method"] == "PUT" and kwargs["path"] == "/v3/password-policies/abc"
    assert kwargs["messages"] == texts
    assert kwargs.get("detail_code") == code
    assert kwargs.get("tracking_id") == tracking_id
    if tracking_id:
        assert "[trackingId: %s]" % tracking_id in error.msg
    if code:
        assert "(%s)" % code in error.msg


def test_long_texts_are_shortened():
    error = api_error("GET", "/v3/sources", 500, "x" * 5000)
    assert len(error.msg) < 400
