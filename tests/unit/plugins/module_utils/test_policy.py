"""password_policy logic over an in-memory tenant: flow, check mode, merging, every rule."""

import pytest

from ansible_collections.sailpoint_community.isc.plugins.module_utils.errors import ValidationError
from ansible_collections.sailpoint_community.isc.plugins.module_utils.memory import InMemoryTenant
from ansible_collections.sailpoint_community.isc.plugins.module_utils.policy import FIELDS, PolicyReconciler, module_options

DEFAULT = {
    "id": "d" * 32,
    "name": "Default Password Policy",
    "defaultPolicy": True,
    "minLength": 8,
    "dateCreated": 1639056206564,
    "lastUpdated": None,
    "sourceIds": [],
}
CORP = {
    "id": "c" * 32,
    "name": "Corporate",
    "defaultPolicy": False,
    "minLength": 12,
    "maxLength": 0,
    "useDictionary": True,
    "description": "corp",
    "sourceIds": ["s1"],
    "dateCreated": 1639056206564,
    "lastUpdated": 1662385430753,
}
SOURCES = [
    {"id": "s1", "name": "Active Directory", "features": ["PASSWORD"]},
    {"id": "s2", "name": "GitHub", "features": ["PASSWORD"]},
    {"id": "s3", "name": 'R&D "EU" #1', "features": ["PASSWORD"]},
]


def params(**values):
    base = dict.fromkeys(module_options())
    base["state"] = "present"
    base.update(values)
    return base


def run(tenant, check_mode=False, **values):
    return PolicyReconciler(tenant, check_mode=check_mode).run(params(**values))


@pytest.fixture
def tenant():
    return InMemoryTenant(policies=[DEFAULT, CORP], sources=SOURCES)


def test_create_sends_only_what_the_task_set_over_isc_defaults(tenant):
    result = run(tenant, name="Vendors", min_length=16, sources=["GitHub"])
    assert result["changed"] is True
    ((op, kind, _new_id, body),) = [tuple(write.values()) for write in tenant.writes]
    assert (op, kind) == ("create", "password_policy")
    assert body["name"] == "Vendors" and body["minLength"] == 16 and body["sourceIds"] == ["s2"]
    assert body["minCharacterTypes"] == -1 and body["passwordExpiration"] == 90
    assert result["password_policy"]["id"] is not None
    assert result["password_policy"]["sources"] == ["GitHub"]
    assert result["diff"] == {"before": {}, "after": {"name": "Vendors", "min_length": 16, "sources": ["GitHub"]}}


def test_check_mode_create_writes_nothing_and_predicts_the_object(tenant):
    predicted = run(tenant, check_mode=True, name="Vendors", min_length=16)
    assert tenant.writes == []
    assert predicted["changed"] is True
    assert predicted["password_policy"]["id"] is None
    real = run(tenant, name="Vendors", min_length=16)
    options = [field.option for field in FIELDS]
    assert {k: predicted["password_policy"][k] for k in options} == {k: real["password_policy"][k] for k in options}


def test_same_values_again_change_nothing(tenant):
    result = run(tenant, name="Corporate", min_length=12, use_dictionary=True, description="corp", sources=["Active Directory"])
    assert result["changed"] is False
    assert tenant.writes == []
    assert result["diff"]["before"] == result["diff"]["after"]


def test_update_puts_the_whole_object_with_only_the_managed_field_changed(tenant):
    result = run(tenant, name="Corporate", min_length=14)
    assert result["changed"] is True
    ((op, kind, object_id, body),) = [tuple(write.values()) for write in tenant.writes]
    assert (op, kind, object_id) == ("update", "password_policy", "c" * 32)
    assert body["minLength"] == 14
    assert body["useDictionary"] is True and body["description"] == "corp" and body["sourceIds"] == ["s1"]
    assert body["dateCreated"] == 1639056206564  # the tenant's own fields go back unchanged
    assert result["diff"] == {"before": {"name": "Corporate", "min_length": 12}, "after": {"name": "Corporate", "min_length": 14}}


def test_check_mode_update_predicts_without_writing(tenant):
    result = run(tenant, check_mode=True, name="Corporate", min_length=14)
    assert result["changed"] is True and tenant.writes == []
    assert result["password_policy"]["min_length"] == 14
    assert result["password_policy"]["id"] == "c" * 32
    assert result["password_policy"]["use_dictionary"] is True


def test_rename_by_id(tenant):
    result = run(tenant, id="c" * 32, name="Corporate 2026")
    assert result["changed"] is True
    assert tenant.policies.objects["c" * 32]["name"] == "Corporate 2026"
    assert result["diff"] == {"before": {"name": "Corporate"}, "after": {"name": "Corporate 2026"}}


def test_sources_diff_shows_names_of_sources_leaving_and_joining(tenant):
    result = run(tenant, name="Corporate", sources=["GitHub", 'R&D "EU" #1'])
    assert result["diff"]["before"] == {"name": "Corporate", "sources": ["Active Directory"]}
    assert result["diff"]["after"] == {"name": "Corporate", "sources": ["GitHub", 'R&D "EU" #1']}
    assert tenant.policies.objects["c" * 32]["sourceIds"] == ["s2", "s3"]


def test_source_order_does_not_matter(tenant):
    run(tenant, name="Corporate", source_ids=["s2", "s1"])
    tenant.writes.clear()
    assert run(tenant, name="Corporate", sources=["GitHub", "Active Directory"])["changed"] is False
    assert tenant.writes == []


def test_delete_and_delete_again(tenant):
    result = run(tenant, name="Corporate", state="absent")
    assert result["changed"] is True and result["password_policy"] == {}
    assert result["diff"]["after"] == {} and result["diff"]["before"]["min_length"] == 12
    assert [w["op"] for w in tenant.writes] == ["delete"]
    again = run(tenant, name="Corporate", state="absent")
    assert again["changed"] is False and len(tenant.writes) == 1


def test_check_mode_delete_writes_nothing(tenant):
    assert run(tenant, check_mode=True, name="Corporate", state="absent")["changed"] is True
    assert tenant.writes == []


def test_info_read_returns_module_shaped_items_with_source_names(tenant):
    items = PolicyReconciler(tenant).read()
    corp = [item for item in items if item["name"] == "Corporate"][0]
    assert corp["sources"] == ["Active Directory"] and corp["source_ids"] == ["s1"]
    assert corp["created"] == "2021-12-09T13:23:26.564Z" and corp["modified"] == "2022-09-05T13:43:50.753Z"
    assert set(corp) >= set(field.option for field in FIELDS) | {"id", "default_policy", "created", "modified"}
    assert PolicyReconciler(tenant).read(object_id="unknown") == []
    assert [i["id"] for i in PolicyReconciler(tenant).read(name="Corporate")] == ["c" * 32]


@pytest.mark.parametrize(
    "values, option, text",
    [
        (dict(min_length=-1), "min_length", "min_length must be 0 or more; got -1"),
        (dict(expiration_days=-5), "expiration_days", "expiration_days must be 0 or more"),
        (dict(max_repeated_chars=-2), "max_repeated_chars", "must be -1 (not enforced) or 0 or more; got -2"),
        (dict(min_character_types=5), "min_character_types", "between -1 and 4"),
        (dict(min_length=20, max_length=10), "min_length", "min_length (20) must not be greater than max_length (10)"),
        (dict(max_length=3, min_length=0, min_upper=1, min_lower=1, min_numeric=1, min_special=1), "max_length", "1 + 1 + 1 + 1 = 4 > 3"),
        (dict(sources=["GitHub", "Nope", "Gone"]), "sources", "no source named 'Nope', 'Gone'"),
        (dict(name="   "), "name", "name must not be empty or blank"),
    ],
)
def test_invalid_values_fail_before_any_write(tenant, values, option, text):
    values.setdefault("name", "New policy")
    with pytest.raises(ValidationError) as error:
        run(tenant, **values)
    assert error.value.details["option"] == option
    assert text in error.value.msg
    assert tenant.writes == []


def test_rule_messages_say_when_a_value_is_the_tenants(tenant):
    run(tenant, name="Corporate", max_length=20)
    tenant.writes.clear()
    with pytest.raises(ValidationError) as error:
        run(tenant, name="Corporate", min_length=30)
    assert error.value.msg == (
        "min_length (30) must not be greater than max_length (20); max_length 0 means no maximum "
        "(set by the task: min_length=30; the tenant's current value: max_length=20)"
    )
    assert tenant.writes == []


def test_the_sum_rule_says_plainly_which_values_are_the_tasks_and_which_the_tenants(tenant):
    run(tenant, name="Corporate", max_length=15, min_numeric=1, min_special=1)
    with pytest.raises(ValidationError) as error:
        run(tenant, name="Corporate", min_upper=10, min_lower=10)
    assert error.value.msg == (
        "min_upper + min_lower + min_numeric + min_special must not exceed max_length: 10 + 10 + 1 + 1 = 22 > 15 "
        "(set by the task: min_upper=10, min_lower=10; the tenant's current values: min_numeric=1, min_special=1, max_length=15)"
    )


def test_rule_messages_of_a_new_policy_name_isc_defaults(tenant):
    with pytest.raises(ValidationError) as error:
        run(tenant, name="New one", max_length=8, min_length=12)
    assert "(set by the task" not in error.value.msg  # both values are the task's
    with pytest.raises(ValidationError) as error:
        run(tenant, name="New one", max_length=3, min_upper=2, min_lower=2)
    assert "(set by the task: min_upper=2, min_lower=2, max_length=3; ISC's defaults: min_numeric=0, min_special=0)" in error.value.msg


def test_ambiguous_name_lists_ids(tenant):
    tenant.policies.objects["e" * 32] = dict(CORP, id="e" * 32)
    with pytest.raises(ValidationError) as error:
        run(tenant, name="Corporate", min_length=1)
    assert "c" * 32 in error.value.msg and "e" * 32 in error.value.msg
    assert tenant.writes == []


def test_unknown_id_is_an_error_for_present_and_fine_for_absent(tenant):
    with pytest.raises(ValidationError, match="no password policy with id"):
        run(tenant, id="f" * 32, name="x")
    assert run(tenant, id="f" * 32, state="absent")["changed"] is False


def test_default_policy_is_never_deleted(tenant):
    with pytest.raises(ValidationError, match="default password policy"):
        run(tenant, name="Default Password Policy", state="absent")
    assert tenant.writes == []


def test_policy_used_by_a_sync_group_is_not_deleted(tenant):
    group = {"id": "g1", "name": "Corp sync", "passwordPolicyId": "c" * 32, "sourceIds": ["s1", "s2"]}
    tenant.sync_groups.objects["g1"] = group
    with pytest.raises(ValidationError, match="still used by password sync group\\(s\\) 'Corp sync'"):
        run(tenant, name="Corporate", state="absent")
    assert tenant.writes == []
