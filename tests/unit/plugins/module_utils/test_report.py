"""Reports read the same in both modes; exports give the role's input format."""

import datetime

from ansible_collections.sailpoint_community.isc.plugins.module_utils import policy, state
from ansible_collections.sailpoint_community.isc.plugins.module_utils.plan import plan
from ansible_collections.sailpoint_community.isc.plugins.module_utils.report import build_report, export, markdown, summary

NOW = datetime.datetime(2026, 11, 21, 12, 0, tzinfo=datetime.timezone.utc)
SOURCES = [{"id": "s1", "name": "AD", "features": ["PASSWORD"]}, {"id": "s2", "name": "Git|Hub", "features": ["PASSWORD"]}]


def policy_info(pid, name, **values):
    item = dict(state.defaults(policy.FIELDS), id=pid, name=name, default_policy=False)
    item.update(values)
    return item


TENANT = {"policies": [policy_info("c" * 32, "Corp", min_length=8), policy_info("o" * 32, "Old")], "sync_groups": [], "sources": SOURCES}
POLICIES = [{"name": "Corp", "min_length": 12, "source_ids": ["s2"]}, {"name": "New", "min_length": 9}, {"name": "Old", "state": "absent"}]


def test_audit_report_lists_each_object_with_the_fields_that_differ():
    run_plan = plan(TENANT, policies=POLICIES)
    report = build_report(run_plan, TENANT, check_mode=True, host="acme", base_url="https://acme", now=NOW)
    assert report["mode"] == "audit" and report["generated"] == "2026-11-21T12:00:00Z"
    assert report["totals"] == {"would create": 1, "would update": 1, "would delete": 1, "in sync": 0}
    assert report["drift"] == 3
    corp = [entry for entry in report["objects"] if entry["name"] == "Corp"][0]
    assert corp["status"] == "would update"
    assert corp["changes"] == [
        {"field": "min_length", "tenant": 8, "desired": 12},
        {"field": "sources", "tenant": [], "desired": ["Git|Hub"]},
    ]  # ids shown by name
    assert report["summary"][0] == "Objects: would create 1, would update 1, would delete 1, in sync 0"
    assert "would update: password policy 'Corp': min_length 8 -> 12; sources (none) -> Git|Hub" in report["summary"]


def test_apply_report_says_what_the_modules_did():
    run_plan = plan(TENANT, policies=POLICIES)
    corp, new, old = run_plan["steps"]
    results = [
        {"item": corp, "changed": True, "diff": {"before": {"min_length": 8}, "after": {"min_length": 12}}},
        {"item": new, "failed": True, "msg": "POST /v3/password-policies failed with HTTP 500 [trackingId: t1]"},
        {"item": old, "skipped": True},
    ]
    report = build_report(run_plan, TENANT, results, check_mode=False, now=NOW)
    by_name = dict((entry["name"], entry) for entry in report["objects"])
    assert by_name["Corp"]["status"] == "updated"
    assert by_name["New"]["status"] == "failed" and "trackingId: t1" in by_name["New"]["error"]
    assert by_name["Old"]["status"] == "not applied"
    assert [entry["status"] for entry in report["objects"]] == ["failed", "not applied", "updated"]  # urgent first


def test_invalid_inputs_are_in_the_report():
    run_plan = plan(TENANT, policies=[{"name": "Corp", "min_length": -5}])
    report = build_report(run_plan, TENANT, check_mode=True, now=NOW)
    assert report["objects"][0]["status"] == "invalid"
    assert "min_length must be 0 or more" in report["objects"][0]["error"]


def test_markdown_has_totals_sections_and_escaped_cells():
    run_plan = plan(TENANT, policies=POLICIES, exclusive=False)
    text = markdown(build_report(run_plan, TENANT, check_mode=True, host="acme", base_url="https://acme", now=NOW))
    assert text.startswith("# Password configuration drift report: acme\n")
    assert "| would update | 1 |" in text
    assert "## Would update" in text and "### Password policy `Corp`" in text
    assert "| `min_length` | 8 | 12 |" in text
    assert "| `sources` | (none) | Git\\|Hub |" in text
    assert "## Would delete\n- Password policy `Old`" in text


def test_markdown_of_an_apply_run_says_before_and_after():
    report = build_report(plan(TENANT, policies=[{"name": "Corp", "min_length": 8}]), TENANT, check_mode=False, now=NOW)
    text = markdown(report)
    assert "change report" in text and "**Everything is in sync.**" in text
    assert "Real run: nothing was written" in text and "Applied" not in text


def test_markdown_of_a_real_run_says_written_only_when_something_was():
    run_plan = plan(TENANT, policies=POLICIES)
    corp, new, old = run_plan["steps"]
    refused = markdown(build_report(run_plan, TENANT, check_mode=False, now=NOW))  # stopped before any write: no results
    assert "Real run: nothing was written" in refused and "Applied" not in refused
    results = [{"item": corp, "changed": True, "diff": {"before": {"min_length": 8}, "after": {"min_length": 12}}}]
    applied = markdown(build_report(run_plan, TENANT, results, check_mode=False, now=NOW))
    assert "Applied: the changes below were written" in applied


def test_export_gives_names_and_only_set_values():
    policies = [policy_info("c" * 32, "Corp", min_length=12, description=None, source_ids=["s1"], sources=["AD"], expiration_reminder_days=None)]
    groups = [{"id": "g", "name": "G", "password_policy": "Corp", "password_policy_id": "c" * 32, "sources": None, "source_ids": ["s1", "gone"]}]
    exported = export(policies, groups)
    corp = exported["password_config_policies"][0]
    assert corp["name"] == "Corp" and corp["min_length"] == 12 and corp["sources"] == ["AD"]
    assert "description" not in corp and "expiration_reminder_days" not in corp and "id" not in corp
    assert exported["password_config_sync_groups"] == [{"name": "G", "password_policy": "Corp", "source_ids": ["s1", "gone"]}]  # a dangling id is kept as an id


def test_summary_reads_plainly_for_values_on_one_side_only():
    entries = [
        {"kind": "password_policy", "name": "New", "status": "would create", "changes": [{"field": "min_length", "tenant": None, "desired": 12}]},
        {"kind": "password_policy", "name": "Old", "status": "would update", "changes": [{"field": "min_length", "tenant": 8, "desired": 12}]},
    ]
    lines = summary({"would create": 1, "would update": 1}, entries)
    assert lines == [
        "Objects: would create 1, would update 1",
        "would create: password policy 'New': min_length 12",
        "would update: password policy 'Old': min_length 8 -> 12",
    ]
