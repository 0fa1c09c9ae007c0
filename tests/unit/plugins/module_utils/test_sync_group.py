"""password_sync_group logic over an in-memory tenant: flow, names, lazy checks, every rule."""

import pytest

from ansible_collections.sailpoint_community.isc.plugins.module_utils.errors import ApiError, ValidationError
from ansible_collections.sailpoint_community.isc.plugins.module_utils.memory import InMemoryTenant
from ansible_collections.sailpoint_community.isc.plugins.module_utils.sync_group import SyncGroupReconciler, module_options

POLICIES = [{"id": "p1", "name": "Corporate"}, {"id": "p2", "name": "Engineering"}, {"id": "p3", "name": "Twin"}, {"id": "p4", "name": "Twin"}]
SOURCES = [
    {"id": "s1", "name": "Active Directory", "features": ["PROVISIONING", "PASSWORD"]},
    {"id": "s2", "name": "GitHub", "features": ["PASSWORD"]},
    {"id": "s3", "name": "Salesforce", "features": ["PASSWORD"]},
    {"id": "s4", "name": "Workday", "features": ["PROVISIONING"]},
    {"id": "s5", "name": "LDAP", "features": ["PASSWORD"]},
]
GROUP = {
    "id": "g1",
    "name": "Corporate accounts",
    "passwordPolicyId": "p1",
    "sourceIds": ["s2", "s1"],
    "created": "2026-01-01T00:00:00.000Z",
    "modified": "2026-01-01T00:00:00.000Z",
}
OTHER = {"id": "g2", "name": "Engineering accounts", "passwordPolicyId": "p2", "sourceIds": ["s5", "s3"]}


def params(**values):
    base = dict.fromkeys(module_options())
    base["state"] = "present"
    base.update(values)
    return base


def run(tenant, check_mode=False, **values):
    return SyncGroupReconciler(tenant, check_mode=check_mode).run(params(**values))


@pytest.fixture
def tenant():
    return InMemoryTenant(policies=POLICIES, sync_groups=[GROUP, OTHER], sources=SOURCES)


def test_create_with_names(tenant):
    tenant.sync_groups.objects.pop("g2")
    result = run(tenant, name="New group", password_policy="Engineering", sources=["LDAP", "Salesforce"])
    ((op, kind, _new_id, body),) = [tuple(write.values()) for write in tenant.writes]
    assert (op, kind) == ("create", "password_sync_group")
    assert body == {"name": "New group", "passwordPolicyId": "p2", "sourceIds": ["s3", "s5"]}
    group = result["password_sync_group"]
    assert group["password_policy"] == "Engineering" and group["sources"] == ["LDAP", "Salesforce"]
    assert result["diff"] == {"before": {}, "after": {"name": "New group", "password_policy": "Engineering", "sources": ["LDAP", "Salesforce"]}}


def test_same_again_is_not_changed_and_needs_no_lookup_beyond_names(tenant):
    result = run(tenant, name="Corporate accounts", password_policy="Corporate", sources=["Active Directory", "GitHub"])
    assert result["changed"] is False and tenant.writes == []
    assert tenant.calls == [("password-sync-groups", "list"), ("password-policies", "list"), ("sources", "find")]


def test_same_again_by_ids_reads_only_the_group(tenant):
    result = run(tenant, id="g1", password_policy_id="p1", source_ids=["s1", "s2"])
    assert result["changed"] is False
    assert tenant.calls == [("password-sync-groups", "get")]


def test_update_puts_the_whole_group(tenant):
    tenant.sync_groups.objects["g2"]["sourceIds"] = ["s5"]
    result = run(tenant, name="Corporate accounts", password_policy="Engineering", sources=["Active Directory", "GitHub", "Salesforce"])
    ((op, kind, object_id, body),) = [tuple(write.values()) for write in tenant.writes]
    assert (op, kind, object_id) == ("update", "password_sync_group", "g1")
    assert body["passwordPolicyId"] == "p2" and body["sourceIds"] == ["s1", "s2", "s3"]
    assert body["created"] == "2026-01-01T00:00:00.000Z"
    assert result["diff"] == {
        "before": {"name": "Corporate accounts", "password_policy": "Corporate", "sources": ["Active Directory", "GitHub"]},
        "after": {"name": "Corporate accounts", "password_policy": "Engineering", "sources": ["Active Directory", "GitHub", "Salesforce"]},
    }


def test_check_mode_predicts_without_writing(tenant):
    result = run(tenant, check_mode=True, name="Corporate accounts", sources=["Active Directory", "GitHub"], password_policy="Engineering")
    assert result["changed"] is True and tenant.writes == []
    assert result["password_sync_group"]["password_policy_id"] == "p2"
    assert result["password_sync_group"]["id"] == "g1"


def test_delete(tenant):
    result = run(tenant, name="Corporate accounts", state="absent")
    assert result["changed"] and tenant.writes == [{"op": "delete", "kind": "password_sync_group", "id": "g1", "body": None}]
    assert result["diff"]["before"]["source_ids"] == ["s1", "s2"] and result["diff"]["after"] == {}
    assert run(tenant, name="Corporate accounts", state="absent")["changed"] is False


def test_info_read_fills_in_names(tenant):
    groups = SyncGroupReconciler(tenant).read()
    assert [(g["name"], g["password_policy"], g["sources"]) for g in groups] == [
        ("Corporate accounts", "Corporate", ["Active Directory", "GitHub"]),
        ("Engineering accounts", "Engineering", ["LDAP", "Salesforce"]),
    ]
    assert set(groups[0]) == {"id", "name", "password_policy", "password_policy_id", "sources", "source_ids", "created", "modified"}


@pytest.mark.parametrize(
    "values, option, text",
    [
        (dict(password_policy="Nope", sources=["GitHub", "LDAP"]), "password_policy", "no password policy named 'Nope'"),
        (dict(password_policy="Twin", sources=["GitHub", "LDAP"]), "password_policy", "matches 2 password policies"),
        (dict(password_policy="Corporate", sources=["GitHub", "Nope", "Nada"]), "sources", "no source named 'Nope', 'Nada'"),
        (dict(password_policy="Corporate", sources=["GitHub"]), "sources", "needs at least 2 sources; got 1"),
        (dict(password_policy="Corporate", source_ids=["s2"]), "source_ids", "needs at least 2 sources; got 1"),
        (dict(password_policy="Corporate", sources=["GitHub", "Workday"]), "sources", "'Workday' does not support password management"),
        (dict(password_policy="Corporate", sources=["GitHub", "LDAP"]), "sources", "'GitHub' is in 'Corporate accounts', 'LDAP' is in 'Engineering accounts'"),
        (dict(password_policy_id="p1", source_ids=["s3", "s4"]), "source_ids", "'Workday' does not support"),
        (dict(sources=["GitHub", "LDAP"]), "password_policy", "password_policy (or password_policy_id) is required"),
        (dict(password_policy="Corporate"), "sources", "sources (or source_ids) are required"),
        (dict(name=" ", password_policy="Corporate", sources=["GitHub", "LDAP"]), "name", "must not be empty"),
    ],
)
def test_invalid_groups_fail_before_any_write(tenant, values, option, text):
    values.setdefault("name", "New group")
    with pytest.raises(ValidationError) as error:
        run(tenant, **values)
    assert error.value.details["option"] == option, error.value.msg
    assert text in error.value.msg
    assert tenant.writes == []


def test_unknown_policy_id_is_found_by_check_mode_and_refused_by_isc_in_a_real_run(tenant):
    tenant.sync_groups.objects.clear()
    with pytest.raises(ValidationError, match="password_policy_id: there is no password policy with id 'nope'"):
        run(tenant, check_mode=True, name="New group", password_policy_id="nope", source_ids=["s3", "s5"])
    # A real write needs no extra lookup: ISC refuses the unknown id, and nothing is written.
    tenant.calls.clear()
    with pytest.raises(ApiError, match="HTTP 400.*password policy nope"):
        run(tenant, name="New group", password_policy_id="nope", source_ids=["s3", "s5"])
    assert tenant.sync_groups.objects == {}
    assert [call for call in tenant.calls if call[1] in ("list", "get", "find")] == [("password-sync-groups", "list"), ("sources", "find")]


def test_unknown_source_id_is_named(tenant):
    tenant.sync_groups.objects.clear()
    with pytest.raises(ValidationError, match="source_ids: no source with id s9"):
        run(tenant, name="New group", password_policy="Corporate", source_ids=["s3", "s9"])
    assert tenant.writes == []
