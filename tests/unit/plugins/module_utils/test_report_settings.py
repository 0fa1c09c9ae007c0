"""The role's report and export of the org password settings and the password dictionary."""

import datetime

from ansible_collections.sailpoint_community.isc.plugins.module_utils.plan import plan
from ansible_collections.sailpoint_community.isc.plugins.module_utils.report import build_report, export, markdown

NOW = datetime.datetime(2026, 11, 21, 12, 0, tzinfo=datetime.timezone.utc)
TENANT = {"policies": [], "sync_groups": [], "sources": []}
ORG_UPDATE = {
    "changed": True,
    "password_org_config": {"digit_token_length": 8},
    "diff": {"before": {"digit_token_length": 6}, "after": {"digit_token_length": 8}},
}
DICTIONARY_UPDATE = {
    "changed": True,
    "words_added": ["qwerty"],
    "words_removed": ["letmein"],
    "diff": {"before": {"locale": "en_US", "words": ["acme", "letmein"]}, "after": {"locale": "en_US", "words": ["acme", "qwerty"]}},
}
IN_SYNC = {"changed": False, "diff": {"before": {"locale": "en_US"}, "after": {"locale": "en_US"}}, "words_added": [], "words_removed": []}


def report(settings, check_mode=True):
    return build_report(plan(TENANT), TENANT, check_mode=check_mode, host="acme", now=NOW, settings=settings)


def entry(built, kind):
    return [item for item in built["objects"] if item["kind"] == kind][0]


def test_audit_lists_both_settings_with_their_changes():
    built = report({"password_org_config": {"predicted": ORG_UPDATE}, "password_dictionary": {"predicted": DICTIONARY_UPDATE}})
    assert built["totals"] == {"would create": 0, "would update": 2, "would delete": 0, "in sync": 0}
    assert entry(built, "password_org_config")["changes"] == [{"field": "digit_token_length", "tenant": 6, "desired": 8}]
    assert entry(built, "password_dictionary")["changes"] == [
        {"field": "words added", "tenant": None, "desired": ["qwerty"]},
        {"field": "words removed", "tenant": ["letmein"], "desired": None},
    ]
    assert "would update: org password settings: digit_token_length 6 -> 8" in built["summary"]
    assert "would update: password dictionary: words added qwerty; words removed letmein" in built["summary"]
    text = markdown(built)
    assert "### Password dictionary" in text and "| `words added` | – | qwerty |" in text


def test_unmanaged_settings_are_not_reported_and_in_sync_has_no_changes():
    assert report({"password_org_config": {"predicted": {"skipped": True}}})["objects"] == []
    assert report({})["objects"] == []
    built = report({"password_dictionary": {"predicted": IN_SYNC}}, check_mode=False)
    assert entry(built, "password_dictionary") == {"kind": "password_dictionary", "name": "password dictionary", "status": "in sync", "changes": []}


def test_apply_statuses():
    created = dict(DICTIONARY_UPDATE, diff={"before": {}, "after": {"locale": "en_US", "words": ["acme"]}}, words_removed=[])
    built = report(
        {
            "password_org_config": {"predicted": ORG_UPDATE, "applied": ORG_UPDATE},
            "password_dictionary": {"predicted": created, "applied": created},
        },
        check_mode=False,
    )
    assert [entry(built, kind)["status"] for kind in ("password_org_config", "password_dictionary")] == ["updated", "created"]
    assert entry(built, "password_dictionary")["changes"][0] == {"field": "locale", "tenant": None, "desired": "en_US"}
    failed = report({"password_org_config": {"predicted": ORG_UPDATE, "applied": {"failed": True, "msg": "HTTP 500"}}}, check_mode=False)
    assert entry(failed, "password_org_config")["status"] == "failed" and entry(failed, "password_org_config")["error"] == "HTTP 500"
    stopped = report({"password_org_config": {"predicted": ORG_UPDATE, "applied": {"skipped": True}}}, check_mode=False)
    assert entry(stopped, "password_org_config")["status"] == "not applied"
    invalid = report({"password_dictionary": {"predicted": {"failed": True, "msg": "words[0]: white space"}}})
    assert entry(invalid, "password_dictionary")["status"] == "invalid" and invalid["drift"] == 1


def test_export_includes_the_settings_the_tenant_has():
    org = {"custom_instructions_enabled": False, "digit_token_enabled": True, "digit_token_duration_minutes": 5, "digit_token_length": 8}
    dictionary = {"locale": "en_US", "words": ["acme", "qwerty"], "word_count": 2}
    exported = export([], [], org_config=org, dictionary=dictionary)
    assert exported["password_config_org_config"] == org
    assert exported["password_config_dictionary"] == {"locale": "en_US", "words": ["acme", "qwerty"]}
    assert set(export([], [])) == {"password_config_policies", "password_config_sync_groups"}
    assert set(export([], [], org_config=None, dictionary=None)) == {"password_config_policies", "password_config_sync_groups"}


def test_a_real_runs_planning_step_is_registered_unchanged_and_read_from_its_diff():
    planned = dict(ORG_UPDATE, changed=False)  # changed_when keeps the planning step out of the play's changes
    built = report({"password_org_config": {"predicted": planned, "applied": ORG_UPDATE}}, check_mode=False)
    assert entry(built, "password_org_config")["status"] == "updated"
    assert entry(report({"password_org_config": {"predicted": planned}}), "password_org_config")["status"] == "would update"
