"""Errors render their own failure: status, method, path, detailCode, texts, trackingId."""

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
    read = api_error("GET", "/v3/password-policies", 403, DTO)
    assert isinstance(read, ForbiddenError) and "ORG_ADMIN" not in read.msg


def test_404_and_plain_text_bodies():
    error = api_error("GET", "/v3/x", 404, "<html>not here</html>")
    assert isinstance(error, NotFoundError) and "<html>not here</html>" in error.msg


def test_fail_kwargs_leave_out_empty_details():
    assert ValidationError("bad", option=None).fail_kwargs() == {"msg": "bad"}
    assert ValidationError("bad", option="min_length").fail_kwargs() == {"msg": "bad", "option": "min_length"}
