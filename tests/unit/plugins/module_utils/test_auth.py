"""Token lifecycle with a fake clock: fetched once, reused, replaced before expiry."""

import pytest

from ansible_collections.sailpoint_community.isc.plugins.module_utils.auth import TokenAuth, refresh_margin, scrub, secret_forms
from ansible_collections.sailpoint_community.isc.plugins.module_utils.errors import IscError


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def make(clock, **kwargs):
    issued = []

    def fetch(client_id, client_secret):
        issued.append((client_id, client_secret))
        return "token-%d" % len(issued), 749

    kwargs.setdefault("client_id", "id")
    kwargs.setdefault("client_secret", "secret")
    return TokenAuth(fetch, clock=clock, **kwargs), issued


def test_token_is_fetched_once_and_reused():
    clock = Clock()
    auth, issued = make(clock)
    assert auth.header() == "Bearer token-1"
    clock.now += 600
    assert auth.header() == "Bearer token-1"
    assert len(issued) == 1


def test_token_is_replaced_shortly_before_it_expires():
    clock = Clock()
    auth, issued = make(clock)
    auth.header()
    clock.now += 749 - refresh_margin(749) + 0.01
    assert auth.header() == "Bearer token-2"
    assert len(issued) == 2


def test_given_access_token_is_used_first_and_credentials_only_to_refresh():
    clock = Clock()
    auth, issued = make(clock, access_token="given")
    clock.now += 10_000  # a given token's expiry is unknown: it is used until ISC refuses it
    assert auth.header() == "Bearer given"
    assert issued == []
    auth.refresh()
    assert auth.header() == "Bearer token-1"


def test_access_token_alone_cannot_refresh():
    auth, _issued = make(Clock(), access_token="given", client_id=None, client_secret=None)
    assert auth.header() == "Bearer given"
    assert not auth.can_refresh
    with pytest.raises(IscError, match="client_id and client_secret"):
        auth.refresh()


def test_new_tokens_are_reported_for_masking():
    seen = []
    auth, _issued = make(Clock(), on_token=seen.append)
    auth.header()
    assert seen == ["token-1"]


@pytest.mark.parametrize("expires_in, margin", [(749, 60), (300, 30), (2, 0.2)])
def test_refresh_margin(expires_in, margin):
    assert refresh_margin(expires_in) == pytest.approx(margin)


def test_secret_forms_are_every_encoding_the_collection_produces():
    forms = secret_forms('S\u00e9cr3t/+&= "x')
    assert forms == sorted(forms, key=len, reverse=True)  # longest first: a form inside another is masked whole
    assert set(forms) == {
        'S\u00e9cr3t/+&= "x',  # the literal
        "S%C3%A9cr3t%2F%2B%26%3D+%22x",  # form-encoded, as the token request sends it
        "S%C3%A9cr3t%2F%2B%26%3D%20%22x",  # percent-encoded
        'S\\u00e9cr3t/+&= \\"x',  # JSON, ASCII
        'S\u00e9cr3t/+&= \\"x',  # JSON, UTF-8
    }
    assert secret_forms("0123abcdef") == ["0123abcdef"] and secret_forms(None) == []


def test_scrub_masks_in_text_and_json_data_keys_included():
    forms = secret_forms("S\u00e9cr3t")
    data = {"a": ["x S%C3%A9cr3t y", {"S\u00e9cr3t": "S\\u00e9cr3t"}], "n": 3}
    assert scrub(data, forms) == {"a": ["x ******** y", {"********": "********"}], "n": 3}
