"""The password_config engine against the in-process simulator: one read, the plan's writes, nothing more.

The simulator's journal is the witness: which requests went out, in which order, with which bodies.
"""

import os
import signal
import socket

import pytest

from ansible_collections.sailpoint_community.isc.plugins.module_utils import engine, org_config, policy, sync_group
from ansible_collections.sailpoint_community.isc.plugins.module_utils.client import IscClient
from ansible_collections.sailpoint_community.isc.plugins.module_utils.errors import ValidationError
from ansible_collections.sailpoint_community.isc.plugins.module_utils.tenant_lock import LockError, TenantLock

POLICIES = "/v3/password-policies"
GROUPS = "/v3/password-sync-groups"
READS = 3  # policies, sync groups, sources: one page each on these tenants


def client_for(sim):
    return IscClient(sim.base_url, client_id=sim.client_id, client_secret=sim.client_secret)


def requests_of(sim, since=0):
    return [(entry["method"], entry["path"]) for entry in sim.journal(since)["requests"]]


def writes_of(sim, since=0):
    return [entry for entry in sim.journal(since)["requests"] if entry["method"] in ("POST", "PUT", "DELETE") and entry["path"] != "/oauth/token"]


def run(sim, check_mode=False, **params):
    return engine.run(client_for(sim), params, check_mode=check_mode)


def summary_names(result):
    return sorted((step["kind"], step["name"], step["action"]) for step in result["steps"] if step["action"] != "none")


CONVERGE = dict(
    policies=[
        {"default_policy": True, "min_length": 10},
        {"name": "Corporate", "min_length": 12, "sources": ["Okta"]},
        {"name": "Engineering", "min_length": 16},
    ],
    sync_groups=[
        {"name": "Corporate accounts", "password_policy": "Corporate", "sources": ["GitHub", "Salesforce"]},
        {"name": "Engineering accounts", "password_policy": "Engineering", "sources": ["ServiceNow", "LDAP"]},
    ],
)


@pytest.mark.isc_sim_quirks(False)  # issue 15's request budget: one request per listing, where ISC sends X-Total-Count (test_client_paging covers the rest)
def test_converge_costs_a_token_three_reads_and_one_write_per_object(simulator):
    result = run(simulator, **CONVERGE)
    assert result["errors"] == [] and result["changed"] and not result.get("failed")
    sent = requests_of(simulator)
    assert sent[0] == ("POST", "/oauth/token")
    assert sorted(sent[1:4]) == sorted([("GET", POLICIES), ("GET", GROUPS), ("GET", "/v3/sources")])
    changed = [step for step in result["steps"] if step["action"] != "none"]
    assert len(changed) == 5  # the default policy updated, two policies and two groups created
    # After the writes, one more listing of each kind it created in: the duplicate check.
    assert len(sent) == 1 + READS + len(changed) + 2, sent
    assert sent[-2:] == [("GET", POLICIES), ("GET", GROUPS)]
    assert [step["status"] for step in changed] == ["written"] * 5
    state = simulator.state()
    policies = dict((item["name"], item) for item in state["policies"])
    groups = dict((item["name"], item) for item in state["sync_groups"])
    # The placeholder ids of the plan became the ids ISC gave the new policies.
    assert groups["Corporate accounts"]["passwordPolicyId"] == policies["Corporate"]["id"]
    assert groups["Engineering accounts"]["passwordPolicyId"] == policies["Engineering"]["id"]
    created = dict((step["name"], step) for step in result["steps"])
    assert created["Corporate"]["after"]["id"] == policies["Corporate"]["id"]
    assert policies["Default"]["minLength"] == 10

    again_mark = simulator.journal()["count"]
    again = run(simulator, **CONVERGE)
    assert not again["changed"] and again["diff"] == []
    assert len(requests_of(simulator, again_mark)) == 1 + READS  # a token and the three reads, no write
    assert again["report"]["drift"] == 0


def test_check_mode_sends_no_write_and_predicts_the_real_run(simulator):
    predicted = run(simulator, check_mode=True, **CONVERGE)
    assert writes_of(simulator) == []
    mark = simulator.journal()["count"]
    real = run(simulator, **CONVERGE)
    assert predicted["changed"] is True and real["changed"] is True
    assert summary_names(predicted) == summary_names(real)
    assert [step["diff"] for step in predicted["steps"]] == [step["diff"] for step in real["steps"]]
    assert len(writes_of(simulator, mark)) == len(summary_names(real))
    assert predicted["report"]["mode"] == "audit" and real["report"]["mode"] == "apply"
    assert predicted["report"]["drift"] == real["report"]["drift"] == 5


def test_update_sends_the_object_as_read_with_the_planned_fields_over_it(simulator):
    simulator.seed({"policies": [{"name": "Corporate", "minLength": 8, "description": "kept"}]})
    raw = [item for item in simulator.state()["policies"] if item["name"] == "Corporate"][0]
    mark = simulator.journal()["count"]
    run(simulator, policies=[{"name": "Corporate", "min_length": 12}])
    (put,) = writes_of(simulator, mark)
    assert put["method"] == "PUT" and put["path"] == "%s/%s" % (POLICIES, raw["id"])
    # Fields the collection does not model (the server's own, here) go back as read; ours over them.
    assert put["body"] == dict(raw, minLength=12)


def test_an_error_anywhere_means_no_write_at_all_and_every_error_is_named(simulator):
    result = run(
        simulator,
        policies=[{"name": "Fine", "min_length": 12}, {"name": "Typo", "sources": ["Active Directroy"]}],
        sync_groups=[{"name": "Lonely", "password_policy": "Fine", "sources": ["GitHub"]}],
        org_config={"digit_token_length": 19},
    )
    assert result["failed"] and not result["changed"]
    assert writes_of(simulator) == []
    assert result["msg"].startswith("3 input(s) break a rule; nothing was written: ")
    assert "password policy 'Typo': sources: no source named 'Active Directroy' (did you mean 'Active Directory'?)" in result["msg"]
    assert "password sync group 'Lonely': sources: a password sync group needs at least 2 sources" in result["msg"]
    assert "password_config_org_config: digit_token_length must be between 6 and 18 (got 19)" in result["msg"]
    assert sorted(entry["status"] for entry in result["report"]["objects"] if entry["status"] == "invalid") == ["invalid"] * 3


def test_wrong_items_fail_before_any_request(simulator):
    with pytest.raises(ValidationError, match=r"1 input item\(s\) are wrong; nothing was sent: password_config_policies\[0\]"):
        run(simulator, policies=[{"name": "X", "min_lenght": 3}])
    assert simulator.journal()["count"] == 0


def test_a_write_failing_mid_apply_says_what_was_written_what_failed_and_what_was_not_attempted(simulator):
    simulator.add_fault(method="POST", path=POLICIES, status=400, times=1, body={"messages": [{"text": "no"}]})
    result = run(
        simulator,
        policies=[{"name": "First", "min_length": 12}],
        sync_groups=[{"name": "Group", "password_policy": "First", "sources": ["GitHub", "Salesforce"]}],
        org_config={"digit_token_length": 8},
    )
    assert result["failed"]
    msg = result["msg"]
    assert msg.startswith("1 change(s) failed, 1 were written, 1 not attempted")
    assert "Failed: password policy 'First' (create): POST /v3/password-policies failed with HTTP 400" in msg
    assert "Written: org password settings (create)" in msg
    assert "Not attempted: password sync group 'Group' (create)" in msg
    assert [entry["method"] for entry in writes_of(simulator)] == ["POST", "POST"]  # the settings, the failed policy; no group
    statuses = dict((entry["name"], entry["status"]) for entry in result["report"]["objects"])
    assert statuses == {"First": "failed", "Group": "not applied", "org password settings": "created"}


def test_diff_is_a_list_naming_each_object_with_names_for_references(simulator):
    source_ids = dict((item["name"], item["id"]) for item in simulator.state()["sources"])
    result = run(
        simulator,
        check_mode=True,
        policies=[{"name": "Corporate", "min_length": 12, "source_ids": [source_ids["Okta"]]}],
        sync_groups=[{"name": "G", "password_policy": "Corporate", "source_ids": [source_ids["GitHub"], source_ids["LDAP"]]}],
    )
    assert [(diff["before_header"], diff["after_header"]) for diff in result["diff"]] == [
        ("password policy Corporate (tenant)", "password policy Corporate (create)"),
        ("password sync group G (tenant)", "password sync group G (create)"),
    ]
    policy_diff, group_diff = result["diff"]
    assert policy_diff["after"]["sources"] == ["Okta"] and "source_ids" not in policy_diff["after"]
    assert group_diff["after"]["sources"] == ["GitHub", "LDAP"] and group_diff["after"]["password_policy"] == "Corporate"


def test_a_sync_group_moving_its_source_goes_out_in_the_planned_rounds(simulator):
    run(simulator, **CONVERGE)
    mark = simulator.journal()["count"]
    result = run(
        simulator,
        sync_groups=[
            # takes GitHub, which Corporate accounts gives up in the same run
            {"name": "Engineering accounts", "password_policy": "Engineering", "sources": ["ServiceNow", "LDAP", "GitHub"]},
            {"name": "Corporate accounts", "password_policy": "Corporate", "sources": ["Salesforce", "Okta"]},
        ],
    )
    assert not result.get("failed"), result.get("msg")
    rounds = dict((step["name"], step["round"]) for step in result["steps"] if step["kind"] == "password_sync_group")
    assert rounds == {"Corporate accounts": 1, "Engineering accounts": 2}
    assert [entry["method"] for entry in writes_of(simulator, mark)] == ["PUT", "PUT"]


def test_a_rename_onto_a_name_another_rename_frees_goes_out_after_it(simulator):
    run(simulator, **CONVERGE)
    ids = dict((item["name"], item["id"]) for item in simulator.state()["policies"])
    mark = simulator.journal()["count"]
    # Listed in the order that would race: Engineering takes the name Corporate gives up in the same run.
    result = run(simulator, policies=[{"id": ids["Engineering"], "name": "Corporate"}, {"id": ids["Corporate"], "name": "Corporate (old)"}])
    assert not result.get("failed"), result.get("msg")
    assert [(entry["method"], entry["path"].rsplit("/", 1)[1], entry["body"]["name"]) for entry in writes_of(simulator, mark)] == [
        ("PUT", ids["Corporate"], "Corporate (old)"),
        ("PUT", ids["Engineering"], "Corporate"),
    ]
    names = dict((item["id"], item["name"]) for item in simulator.state()["policies"])
    assert (names[ids["Corporate"]], names[ids["Engineering"]]) == ("Corporate (old)", "Corporate")


def test_sync_group_delete_sends_only_the_delete(simulator):
    run(simulator, **CONVERGE)
    mark = simulator.journal()["count"]
    result = run(simulator, sync_groups=[{"name": "Corporate accounts", "state": "absent"}])
    assert [(entry["method"], entry["path"].rsplit("/", 1)[0]) for entry in writes_of(simulator, mark)] == [("DELETE", GROUPS)]
    assert summary_names(result) == [("password_sync_group", "Corporate accounts", "delete")]


# Every field of a kind, carried from a role item to the API body -------------------------------------------------


def _value(field, sources):
    if field.kind == "int":
        return 3
    if field.kind == "bool":
        return True
    if field.kind == "set":
        return [sources["Okta"]]
    return "value of %s" % field.option


@pytest.mark.parametrize("kind, fields", [("password_policy", policy.FIELDS), ("password_sync_group", sync_group.FIELDS)])
def test_every_field_of_a_kind_reaches_the_api_body(simulator, kind, fields):
    """A field added to a kind but lost on the engine's path would be reported in sync and never sent."""
    sources = dict((item["name"], item["id"]) for item in simulator.state()["sources"])
    run(simulator, policies=[{"name": "Target policy", "min_length": 1}])
    target_policy = [item for item in simulator.state()["policies"] if item["name"] == "Target policy"][0]
    mark = simulator.journal()["count"]
    if kind == "password_policy":
        item = dict((field.option, _value(field, sources)) for field in fields)
        item.update(name="Every field", max_length=30, expiration_reminder_days=5)
        run(simulator, policies=[item])
    else:
        item = {"name": "Every field group", "password_policy_id": target_policy["id"], "source_ids": [sources["GitHub"], sources["LDAP"]]}
        assert set(item) == set(field.option for field in fields)
        run(simulator, sync_groups=[item])
    (post,) = writes_of(simulator, mark)
    for field in fields:
        value = item[field.option]
        assert post["body"].get(field.api) == (sorted(value) if isinstance(value, list) else value), field.option


def test_every_org_config_field_reaches_the_api_body(simulator):
    values = {"custom_instructions_enabled": True, "digit_token_enabled": True, "digit_token_duration_minutes": 17, "digit_token_length": 11}
    assert set(values) == set(field.option for field in org_config.FIELDS)
    before = run(simulator, org_config={"digit_token_length": 7})  # the settings exist: an update sends what differs
    assert not before.get("failed"), before.get("msg")
    mark = simulator.journal()["count"]
    run(simulator, org_config=values)
    (put,) = writes_of(simulator, mark)
    assert put["body"] == dict((field.api, values[field.option]) for field in org_config.FIELDS)


def test_a_failed_write_lets_its_phase_finish_and_starts_no_later_phase(simulator):
    simulator.seed({"policies": [{"name": "A", "minLength": 8}, {"name": "B", "minLength": 8}]})
    broken = [item for item in simulator.state()["policies"] if item["name"] == "A"][0]
    simulator.add_fault(method="PUT", path="%s/%s" % (POLICIES, broken["id"]), status=400, times=1)
    mark = simulator.journal()["count"]
    result = run(
        simulator,
        policies=[{"name": "A", "min_length": 12}, {"name": "B", "min_length": 12}],
        sync_groups=[{"name": "G", "password_policy": "B", "sources": ["GitHub", "LDAP"]}],
    )
    assert result["failed"]
    statuses = dict((step["name"], step.get("status")) for step in result["steps"])
    assert statuses == {"A": "failed", "B": "written", "G": "not attempted"}
    assert sorted(entry["method"] for entry in writes_of(simulator, mark)) == ["PUT", "PUT"]
    assert "Written: password policy 'B' (updated). Not attempted: password sync group 'G' (create)." in result["msg"]


@pytest.mark.parametrize("check_mode", [False, True])
def test_exclusive_with_an_empty_list_is_refused_before_any_request_unless_allowed(simulator, check_mode):
    with pytest.raises(ValidationError, match=r"password_config_sync_groups is empty while password_config_exclusive is true"):
        run(simulator, check_mode=check_mode, policies=CONVERGE["policies"], exclusive=True)
    assert simulator.journal()["count"] == 0
    result = run(simulator, check_mode=check_mode, policies=CONVERGE["policies"], exclusive=True, exclusive_allow_empty=True)
    assert not result.get("failed"), result.get("msg")


def _strays(simulator, count):
    simulator.seed({"policies": [{"name": "Stray %d" % n} for n in range(count)]})


@pytest.mark.parametrize("check_mode", [False, True])
def test_a_run_over_the_deletion_limit_writes_nothing_and_names_each_deletion(simulator, check_mode):
    _strays(simulator, 11)
    mark = simulator.journal()["count"]
    result = run(simulator, check_mode=check_mode, exclusive=True, exclusive_allow_empty=True)
    assert result["failed"] and not result["changed"]
    assert writes_of(simulator, mark) == []
    assert "this run would delete 11 objects, more than password_config_max_deletions (module option max_deletions) allows (10)" in result["msg"]
    assert all("password policy 'Stray %d'" % n in result["msg"] for n in range(11))
    assert "'Default'" not in result["msg"]


def test_a_raised_deletion_limit_lets_the_deletions_through(simulator):
    _strays(simulator, 3)
    assert run(simulator, exclusive=True, exclusive_allow_empty=True, max_deletions=2)["failed"]
    result = run(simulator, exclusive=True, exclusive_allow_empty=True, max_deletions=3)
    assert not result.get("failed") and result["report"]["totals"]["deleted"] == 3
    assert [item["name"] for item in simulator.state()["policies"]] == ["Default"]


def test_an_audit_reports_a_source_a_group_renamed_by_hand_holds_as_drift_and_a_real_run_refuses(simulator):
    run(simulator, **CONVERGE)
    group = [item for item in simulator.state()["sync_groups"] if item["name"] == "Corporate accounts"][0]
    client_for(simulator).put("%s/%s" % (GROUPS, group["id"]), dict(group, name="Corporate accounts (renamed by hand)"))
    mark = simulator.journal()["count"]
    audit = run(simulator, check_mode=True, **CONVERGE)
    assert not audit.get("failed"), audit.get("msg")
    assert not audit["changed"]  # the real run refuses: it changes nothing either
    (entry,) = [entry for entry in audit["report"]["objects"] if entry["status"] == "conflict"]
    assert entry["name"] == "Corporate accounts" and "is in 'Corporate accounts (renamed by hand)'" in entry["error"]
    assert audit["report"]["drift"] >= 1 and audit["report"]["mode"] == "audit"
    real = run(simulator, **CONVERGE)
    assert real["failed"] and "is in 'Corporate accounts (renamed by hand)'" in real["msg"]
    assert writes_of(simulator, mark) == []


class InterruptingClient(IscClient):
    """Sends SIGINT to this process (as ansible's worker does to the module) once ``after`` POSTs were answered.

    From then on an answered POST returns only once the handler has run (the main thread may be slow to run
    it on a busy machine), so that each thread sends at most the one POST it may already have been sending.
    """

    def __init__(self, *args, after=3, **kwargs):
        super().__init__(*args, **kwargs)
        self.after = after
        self.answered = 0

    def post(self, path, body, headers=None):
        answer = super().post(path, body, headers=headers)
        with self._lock:
            self.answered += 1
            if self.answered == self.after:
                os.kill(os.getpid(), signal.SIGINT)
        if self.answered >= self.after:
            self.stop.event.wait(10)
        return answer


def posts_of(sim):
    return [entry for entry in writes_of(sim) if entry["method"] == "POST"]


def test_sigint_stops_new_writes_says_what_was_written_and_the_next_run_finishes_without_duplicates(sim_factory, tmp_path):
    sim = sim_factory(latency=0.05)
    params = dict(policies=[{"name": "Bulk %02d" % number, "min_length": 10} for number in range(20)], lock_dir=str(tmp_path))
    client = InterruptingClient(sim.base_url, client_id=sim.client_id, client_secret=sim.client_secret)
    result = engine.run(client, params)
    assert result["failed"]
    assert result["msg"].startswith("The run was interrupted by SIGINT: no write was sent after that; the writes in flight got their answers.")
    posts = posts_of(sim)
    # The answered ones, and at most one more per other thread: the one it was sending when the signal came.
    assert 3 <= len(posts) <= 3 + engine.WORKERS - 1
    written = [step["name"] for step in result["steps"] if step.get("status") == "written"]
    assert sorted(written) == sorted(entry["body"]["name"] for entry in posts)
    assert "%d change(s) were written, %d not sent" % (len(posts), 20 - len(posts)) in result["msg"]
    assert [step["status"] for step in result["steps"] if step["name"] not in written] == ["not attempted"] * (20 - len(posts))
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # the module's handler is gone again

    again = engine.run(client_for(sim), params)
    assert not again.get("failed") and again["changed"]
    names = [policy["name"] for policy in sim.state()["policies"]]
    assert sorted(name for name in names if name.startswith("Bulk")) == sorted(item["name"] for item in params["policies"])
    warning = [item["msg"] for item in again["object_warnings"] if item["kind"] == "tenant"]
    assert len(warning) == 1 and "the previous run on this tenant (pid %d" % os.getpid() in warning[0]
    assert "was interrupted; this run read the tenant afresh. It said: The run was interrupted by SIGINT" in warning[0]


class RivalClient(IscClient):
    """Another controller creating the same policies at the same time: each of this run's POSTs is preceded by the rival's."""

    def __init__(self, *args, sim=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.sim = sim

    def post(self, path, body, headers=None):
        if path == POLICIES:
            self.sim.seed({"policies": [{"name": body["name"], "minLength": 8}]})
        return super().post(path, body, headers=headers)


def test_objects_another_run_created_meanwhile_fail_the_run_naming_them(simulator, tmp_path):
    client = RivalClient(simulator.base_url, client_id=simulator.client_id, client_secret=simulator.client_secret, sim=simulator)
    result = engine.run(client, dict(policies=[{"name": "Twice A", "min_length": 10}, {"name": "Twice B", "min_length": 10}], lock_dir=str(tmp_path)))
    assert result["failed"] and result["changed"]
    policies = dict((item["id"], item["name"]) for item in simulator.state()["policies"])
    ours = dict((step["name"], step["after"]["id"]) for step in result["steps"] if step.get("status") == "written")
    msg = result["msg"]
    assert msg.startswith("2 name(s) that this run manages now match more than one object: another run")
    for name in ("Twice A", "Twice B"):
        theirs = [object_id for object_id, other in policies.items() if other == name and object_id != ours[name]]
        assert len(theirs) == 1
        assert "password policy %r (ids: " % name in msg and "%s created by this run" % ours[name] in msg and theirs[0] in msg


def test_a_run_waits_for_the_tenants_lock_and_then_fails_naming_the_holder(simulator, tmp_path):
    with TenantLock(simulator.base_url, str(tmp_path), 0) as holder:
        with pytest.raises(LockError) as failure:
            run(simulator, policies=[{"name": "Locked out", "min_length": 10}], lock_dir=str(tmp_path), lock_timeout=0.5)
    assert "pid %d on %s, started %s" % (os.getpid(), socket.gethostname(), holder.started) in failure.value.msg
    assert simulator.journal()["count"] == 0  # not even the token: nothing read, nothing written
    audit = run(simulator, check_mode=True, policies=[{"name": "Locked out", "min_length": 10}], lock_dir=str(tmp_path), lock_timeout=0)
    assert audit["changed"]  # the lock is free again; check mode never needed it
