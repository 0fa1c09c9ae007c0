"""Each kind is described once (kinds.py), and the reconcilers' hooks keep no per-object state."""

import pytest

from ansible_collections.sailpoint_community.isc.plugins.module_utils import kinds, policy, report, resources, sync_group
from ansible_collections.sailpoint_community.isc.plugins.module_utils.memory import InMemoryTenant
from ansible_collections.sailpoint_community.isc.plugins.module_utils.reconcile import diff_view

SOURCES = [{"id": "s%d" % n, "name": name, "features": ["PASSWORD"]} for n, name in enumerate(["AD", "GitHub", "LDAP"])]
POLICIES = [{"id": "p1", "name": "Corp"}, {"id": "p2", "name": "Eng"}]


@pytest.mark.parametrize(
    "kind, options, collection",
    [(kinds.POLICY, policy.module_options(), resources.PasswordPolicies), (kinds.SYNC_GROUP, sync_group.module_options(), resources.PasswordSyncGroups)],
)
def test_one_description_serves_modules_resources_and_report(kind, options, collection):
    assert kind.fields is (policy.FIELDS if kind is kinds.POLICY else sync_group.FIELDS)
    assert set(kind.options) <= set(options)
    for id_option, name_option in kind.display:
        assert id_option in kind.references and name_option in options  # a reference the task may give by name
    assert (collection.service, collection.noun) == (kind.service, kind.noun)
    assert report.LABELS[kind.name] == kind.label


def test_diff_view_is_a_function_of_its_inputs():
    state = {"name": "G", "password_policy_id": "p1", "source_ids": ["s0", "s1"]}
    options = ["name", "password_policy_id", "source_ids"]
    assert diff_view(kinds.SYNC_GROUP, state, options) == state
    names = {"source_ids": {"s0": "AD", "s1": "GitHub"}, "password_policy_id": {"p1": "Corp"}}
    assert diff_view(kinds.SYNC_GROUP, state, options, names) == {"name": "G", "sources": ["AD", "GitHub"], "password_policy": "Corp"}
    # An id whose name is not known keeps the ids (never a partial list of names).
    assert diff_view(kinds.SYNC_GROUP, state, options, {"source_ids": {"s0": "AD"}})["source_ids"] == ["s0", "s1"]


def test_a_reconciler_keeps_no_state_from_one_task_to_the_next():
    # Before, wanted() left flags on the reconciler that a later diff read: a task by ids after one by names
    # showed names. Now each run's diff follows its own task.
    tenant = InMemoryTenant(policies=POLICIES, sources=SOURCES, sync_groups=[{"id": "g1", "name": "G", "passwordPolicyId": "p1", "sourceIds": ["s0", "s1"]}])
    reconciler = sync_group.SyncGroupReconciler(tenant, check_mode=True)
    params = dict.fromkeys(sync_group.module_options(), None)
    by_name = reconciler.run(dict(params, state="present", name="G", password_policy="Eng", sources=["AD", "LDAP"]))
    assert by_name["diff"]["after"] == {"name": "G", "password_policy": "Eng", "sources": ["AD", "LDAP"]}
    by_ids = reconciler.run(dict(params, state="present", name="G", password_policy_id="p2", source_ids=["s0", "s2"]))
    assert by_ids["diff"]["after"] == {"name": "G", "password_policy_id": "p2", "source_ids": ["s0", "s2"]}


def test_resolve_says_what_it_resolved():
    tenant = InMemoryTenant(policies=POLICIES, sources=SOURCES)
    reconciler = sync_group.SyncGroupReconciler(tenant)
    assert reconciler.resolve({"password_policy": "Eng", "sources": ["LDAP", "AD"]}) == {"password_policy_id": "p2", "source_ids": ["s2", "s0"]}
    assert reconciler.resolve({"password_policy_id": "p2", "source_ids": ["s2"]}) == {}
    assert policy.PolicyReconciler(tenant).resolve({"sources": ["GitHub"]}) == {"source_ids": ["s1"]}
