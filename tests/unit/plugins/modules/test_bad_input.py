"""Bad input, module by module: each case fails, names the option and the rule, and writes nothing.

Every case runs a module's main() in-process (the ``run_module`` harness) against a fresh local
ISC simulator through the real HTTP client. The tenant is seeded through ``simulator.seed`` (not
journaled), so the journal's write count since the case started must stay 0.
"""

import json

import pytest

from ansible_collections.sailpoint_community.isc.plugins.modules import (
    password_policy,
    password_policy_info,
    password_sync_group,
    password_sync_group_info,
    source_info,
)
from ansible_collections.sailpoint_community.isc.tests.unit.plugins.module_harness import OMIT

# Fixed ids of the simulator's default seed.
AD = "2c91808a7c1f4e2b017c1f5d00000001"
GITHUB = "2c91808a7c1f4e2b017c1f5d00000002"
SALESFORCE = "2c91808a7c1f4e2b017c1f5d00000003"
SERVICENOW = "2c91808a7c1f4e2b017c1f5d00000004"
OKTA = "2c91808a7c1f4e2b017c1f5d00000005"
LDAP = "2c91808a7c1f4e2b017c1f5d00000006"
WORKDAY = "2c91808a7c1f4e2b017c1f5d00000007"
IDN = "2c91808a7c1f4e2b017c1f5d0000000a"  # the hidden IdentityNow source, governed by the default policy
DEFAULT_POLICY = "2c9180877b1d5f3a017b1d6e4c2a0001"
CORPORATE = "c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0"
TWIN_1, TWIN_2 = "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1", "a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2"
DUP_SOURCE_1, DUP_SOURCE_2 = "d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1", "d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2"
TWIN_GROUP_1 = "0e1e1e1e-1e1e-4e1e-8e1e-1e1e1e1e1e01"
TWIN_GROUP_2 = "0e1e1e1e-1e1e-4e1e-8e1e-1e1e1e1e1e02"
UNKNOWN = "f" * 32

# Added to the default seed for every case.
SEED = {
    "sources": [
        {"id": DUP_SOURCE_1, "name": "Dup source", "features": ["PASSWORD"]},
        {"id": DUP_SOURCE_2, "name": "Dup source", "features": ["PASSWORD"]},
    ],
    "policies": [
        {"id": CORPORATE, "name": "Corporate", "minLength": 12, "maxLength": 16},
        {"id": TWIN_1, "name": "Twin", "minLength": 10},
        {"id": TWIN_2, "name": "Twin", "minLength": 11},
    ],
    "sync_groups": [
        {"name": "Corporate accounts", "passwordPolicyId": CORPORATE, "sourceIds": [AD, GITHUB]},
        {"id": TWIN_GROUP_1, "name": "Twin group", "passwordPolicyId": TWIN_1, "sourceIds": [OKTA, SERVICENOW]},
        {"id": TWIN_GROUP_2, "name": "Twin group", "passwordPolicyId": TWIN_1, "sourceIds": [OKTA, SERVICENOW]},
    ],
}

PP, PPI, PSG, PSGI, SI = (password_policy, password_policy_info, password_sync_group, password_sync_group_info, source_info)
GROUP = dict(name="New group", password_policy="Corporate")  # plus sources for a complete sync group task


def case(case_id, module, args, option, *rules, check_mode=False):
    """One row: the module fails; its message contains ``option`` and every one of ``rules``."""
    return pytest.param(module, args, option, rules, check_mode, id=case_id)


CASES = [
    # --- password_policy: wrong types ------------------------------------------------------------------------
    case("policy-min_length-not-a-number", PP, dict(name="P", min_length="twelve"), "min_length", "convert to int"),
    case("policy-min_length-fraction", PP, dict(name="P", min_length=3.7), "min_length", "convert to int"),
    case("policy-expiration_enabled-not-a-bool", PP, dict(name="P", expiration_enabled="maybe"), "expiration_enabled", "convert to bool"),
    case("policy-sources-a-dict", PP, dict(name="P", sources={"GitHub": 1}), "sources", "convert to list"),
    case("policy-state-unknown-choice", PP, dict(name="P", state="deleted"), "state", "must be one of: present, absent"),
    # --- password_policy: numbers out of range -----------------------------------------------------------------
    case("policy-min_length-negative", PP, dict(name="P", min_length=-1), "min_length", "must be 0 or more; got -1"),
    case("policy-max_length-negative", PP, dict(name="P", max_length=-8), "max_length", "must be 0 or more; got -8"),
    case("policy-min_upper-negative", PP, dict(name="P", min_upper=-2), "min_upper", "must be 0 or more; got -2"),
    case("policy-expiration_days-negative", PP, dict(name="P", expiration_days=-5), "expiration_days", "must be 0 or more; got -5"),
    case("policy-expiration_reminder_days-negative", PP, dict(name="P", expiration_reminder_days=-1), "expiration_reminder_days", "must be 0 or more; got -1"),
    case(
        "policy-max_repeated_chars-below-sentinel",
        PP,
        dict(name="P", max_repeated_chars=-2),
        "max_repeated_chars",
        "must be -1 (not enforced) or 0 or more; got -2",
    ),
    case(
        "policy-account_id_min_word_length-below-sentinel",
        PP,
        dict(name="P", account_id_min_word_length=-3),
        "account_id_min_word_length",
        "must be -1 (not enforced) or 0 or more; got -3",
    ),
    case(
        "policy-account_name_min_word_length-below-sentinel",
        PP,
        dict(name="P", account_name_min_word_length=-7),
        "account_name_min_word_length",
        "must be -1 (not enforced) or 0 or more; got -7",
    ),
    case(
        "policy-min_character_types-below-sentinel", PP, dict(name="P", min_character_types=-2), "min_character_types", "-1 (not enforced) or 0 or more; got -2"
    ),
    case("policy-min_character_types-above-4", PP, dict(name="P", min_character_types=5), "min_character_types", "between -1 and 4", "got 5"),
    case(
        "policy-min_length-above-max_length",
        PP,
        dict(name="P", min_length=20, max_length=10),
        "min_length",
        "min_length (20) must not be greater than max_length (10)",
    ),
    case(
        "policy-min_length-above-the-tenants-max_length",
        PP,
        dict(name="Corporate", min_length=20),
        "min_length",
        "min_length (20) must not be greater than max_length (16)",
        "(set by the task: min_length=20; the tenant's current value: max_length=16)",
    ),
    case(
        "policy-min_length-above-max_length-check-mode",
        PP,
        dict(name="P", min_length=20, max_length=10),
        "min_length",
        "must not be greater than max_length",
        check_mode=True,
    ),
    case(
        "policy-character-minimums-above-max_length",
        PP,
        dict(name="P", max_length=3, min_upper=1, min_lower=1, min_numeric=1, min_special=1),
        "max_length",
        "must not exceed max_length",
        "1 + 1 + 1 + 1 = 4 > 3",
    ),
    # --- password_policy: names ----------------------------------------------------------------------------------
    case("policy-name-empty", PP, dict(name=""), "name", "must not be empty or blank"),
    case("policy-name-whitespace-only", PP, dict(name=" \t "), "name", "must not be empty or blank"),
    case("policy-name-null", PP, dict(name=None), "name", "must not be empty or blank"),
    case("policy-name-leading-space", PP, dict(name=" Corporate"), "name", "must not start or end with spaces"),
    case("policy-name-trailing-space", PP, dict(name="Corporate "), "name", "must not start or end with spaces"),
    case("policy-name-over-128-characters", PP, dict(name="x" * 129), "name", "at most 128 characters (got 129)"),
    case("policy-name-newline", PP, dict(name="Corp\nrate"), "name", "must not contain control characters"),
    case("policy-name-escape-character", PP, dict(name="Corp\x1b[31m"), "name", "must not contain control characters"),
    case("policy-name-delete-character", PP, dict(name="Corp\x7f"), "name", "must not contain control characters"),
    case("policy-rename-to-blank-by-id", PP, dict(id=CORPORATE, name="  "), "name", "must not be empty or blank"),
    case(
        "policy-rename-onto-another-policy-by-id",
        PP,
        dict(id=CORPORATE, name="Default"),
        "name",
        "cannot rename password policy 'Corporate' to 'Default'",
        "another password policy has that name",
        DEFAULT_POLICY,
    ),
    case(
        "policy-rename-onto-another-policy-check-mode", PP, dict(id=CORPORATE, name="Default"), "name", "another password policy has that name", check_mode=True
    ),
    case(
        "policy-rename-default-onto-another-policy",
        PP,
        dict(default_policy=True, name="Corporate"),
        "name",
        "cannot rename password policy 'Default' to 'Corporate'",
        CORPORATE,
    ),
    case(
        "group-rename-onto-another-group-by-id",
        PSG,
        dict(id=TWIN_GROUP_1, name="Corporate accounts"),
        "name",
        "cannot rename password sync group 'Twin group' to 'Corporate accounts'",
    ),
    case("policy-name-ambiguous", PP, dict(name="Twin", min_length=9), "name", "matches 2 password policies", TWIN_1, TWIN_2, "by id"),
    case("policy-delete-ambiguous-name", PP, dict(name="Twin", state="absent"), "name", TWIN_1, TWIN_2),
    # --- password_policy: unknown, ambiguous and conflicting references -----------------------------------------
    case("policy-unknown-sources-all-listed", PP, dict(name="P", sources=["GitHub", "Nope", "Gone"]), "sources", "no source named 'Nope', 'Gone'"),
    case(
        "policy-source-name-typos-suggest",
        PP,
        dict(name="P", sources=["Active Directroy", "Salesforce", "Servicenow", "Zzz"]),
        "sources",
        "no source named 'Active Directroy', 'Servicenow', 'Zzz' (names are case-sensitive; did you mean 'Active Directory' or 'ServiceNow'?)",
    ),
    case("policy-source-name-wrong-case", PP, dict(name="P", sources=["github"]), "sources", "no source named 'github'", "case-sensitive", "'GitHub'"),
    case("policy-source-name-ambiguous", PP, dict(name="P", sources=["Dup source"]), "sources", "match several sources", DUP_SOURCE_1, DUP_SOURCE_2),
    case("policy-unknown-source-ids", PP, dict(name="P", source_ids=[GITHUB, UNKNOWN]), "source_ids", "no source with id " + UNKNOWN),
    case(
        "policy-unknown-source-ids-check-mode", PP, dict(name="Corporate", source_ids=[UNKNOWN]), "source_ids", "no source with id " + UNKNOWN, check_mode=True
    ),
    case("policy-sources-and-source_ids", PP, dict(name="P", sources=["GitHub"], source_ids=[AD]), "sources|source_ids", "mutually exclusive"),
    case("policy-sources-and-source_ids-same", PP, dict(name="P", sources=["GitHub"], source_ids=[GITHUB]), "sources|source_ids", "mutually exclusive"),
    case("policy-id-and-default_policy", PP, dict(id=DEFAULT_POLICY, default_policy=True), "default_policy", "mutually exclusive: id|default_policy"),
    case("policy-default_policy-absent", PP, dict(default_policy=True, state="absent"), "state", "default password policy is never deleted"),
    case(
        "policy-default_policy-absent-check-mode",
        PP,
        dict(default_policy=True, name="Default", state="absent"),
        "state",
        "never deleted",
        check_mode=True,
    ),
    case(
        "policy-default_policy-drops-identitynow",
        PP,
        dict(default_policy=True, sources=["Workday", "HR Flat File"]),
        "sources",
        "would remove the IdentityNow source 'IdentityNow'",
        "never removes it",
    ),
    case(
        "policy-default_policy-drops-identitynow-by-id",
        PP,
        dict(default_policy=True, source_ids=[WORKDAY]),
        "source_ids",
        "IdentityNow source",
        IDN,
    ),
    case(
        "policy-default-by-id-drops-identitynow-check-mode",
        PP,
        dict(id=DEFAULT_POLICY, source_ids=[]),
        "source_ids",
        "IdentityNow source",
        check_mode=True,
    ),
    case("policy-unknown-id", PP, dict(id=UNKNOWN, name="P"), "id", "no password policy with id"),
    case("policy-null-source-name", PP, dict(name="P", sources=["GitHub", None]), "sources", "no source named ''"),
    # --- password_policy: deletes ISC must not receive ------------------------------------------------------------
    case("policy-delete-default-policy", PP, dict(name="Default", state="absent"), "state", "default password policy", "never deleted"),
    case("policy-delete-default-policy-by-id", PP, dict(id=DEFAULT_POLICY, state="absent"), "state", "default password policy"),
    case("policy-delete-policy-a-group-uses", PP, dict(name="Corporate", state="absent"), "state", "still used by password sync group(s) 'Corporate accounts'"),
    case(
        "policy-delete-policy-a-group-uses-check-mode",
        PP,
        dict(name="Corporate", state="absent"),
        "state",
        "still used by password sync group",
        check_mode=True,
    ),
    # --- connection settings (every module shares them) ---------------------------------------------------------
    case("policy-no-base_url", PP, dict(name="P", base_url=OMIT), "base_url", "base_url is required", "SAIL_BASE_URL"),
    case("policy-null-base_url", PP, dict(name="P", base_url=None), "base_url", "base_url is required"),
    case("policy-base_url-ending-in-v3", PP, dict(name="P", base_url="https://acme.api.identitynow.com/v3"), "base_url", "without /v3"),
    case("policy-base_url-ending-in-v3-slash", PP, dict(name="P", base_url="https://acme.api.identitynow.com/v3/"), "base_url", "without /v3"),
    case("policy-base_url-without-scheme", PP, dict(name="P", base_url="acme.api.identitynow.com"), "base_url", "base_url has no scheme", "https://"),
    case("policy-base_url-host-and-port-without-scheme", PP, dict(name="P", base_url="127.0.0.1:8811"), "base_url", "base_url has no scheme", "http://"),
    case("policy-base_url-other-scheme", PP, dict(name="P", base_url="ftp://acme.api.identitynow.com"), "base_url", "not ftp://"),
    case("policy-base_url-without-host", PP, dict(name="P", base_url="https://"), "base_url", "must be a valid URL"),
    case("policy-base_url-with-a-space", PP, dict(name="P", base_url="https://acme .api.identitynow.com"), "base_url", "must be a valid URL"),
    case("policy-base_url-port-out-of-range", PP, dict(name="P", base_url="http://127.0.0.1:99999"), "base_url", "must be a valid URL"),
    case("policy-base_url-broken-ipv6", PP, dict(name="P", base_url="http://[::1"), "base_url", "must be a valid URL"),
    case("policy-ca_path-missing-file", PP, dict(name="P", ca_path="/nonexistent/isc-ca.pem"), "ca_path", "must be an existing PEM file", "does not exist"),
    case("policy-client_id-without-secret", PP, dict(name="P", client_secret=OMIT), "client_secret", "client_id and client_secret go together"),
    case("policy-client_secret-without-id", PP, dict(name="P", client_id=OMIT), "client_id", "client_id and client_secret go together"),
    case("policy-no-credentials", PP, dict(name="P", client_id=OMIT, client_secret=OMIT), "client_id", "No credentials"),
    case("policy-timeout-zero", PP, dict(name="P", timeout=0), "timeout", "must be greater than 0"),
    case("policy-timeout-negative", PP, dict(name="P", timeout=-1), "timeout", "must not be negative"),
    case("policy-timeout-not-a-number", PP, dict(name="P", timeout="soon"), "timeout", "convert to float"),
    case("policy-max_rate_limit_wait-negative", PP, dict(name="P", max_rate_limit_wait=-1), "max_rate_limit_wait", "must not be negative"),
    case("policy-validate_certs-null", PP, dict(name="P", validate_certs=None), "validate_certs", "convert to bool"),
    # --- password_policy_info --------------------------------------------------------------------------------------
    case("policy_info-name-and-id", PPI, dict(name="Corporate", id=CORPORATE), "name|id", "mutually exclusive"),
    case("policy_info-no-base_url", PPI, dict(base_url=OMIT), "base_url", "base_url is required"),
    case("policy_info-timeout-zero", PPI, dict(timeout=0), "timeout", "must be greater than 0"),
    # --- password_sync_group -------------------------------------------------------------------------------------
    case("group-one-source", PSG, dict(GROUP, sources=["Salesforce"]), "sources", "needs at least 2 sources; got 1"),
    case("group-one-source-id", PSG, dict(GROUP, source_ids=[SALESFORCE]), "source_ids", "needs at least 2 sources; got 1"),
    case("group-same-source-twice", PSG, dict(GROUP, sources=["Salesforce", "Salesforce"]), "sources", "needs at least 2 sources; got 1"),
    case("group-shrink-existing-to-one-source", PSG, dict(name="Corporate accounts", sources=["GitHub"]), "sources", "needs at least 2 sources; got 1"),
    case(
        "group-source-without-password-feature",
        PSG,
        dict(GROUP, sources=["Salesforce", "Workday"]),
        "sources",
        "'Workday' does not support password management",
        "PASSWORD",
    ),
    case(
        "group-source-id-without-password-feature",
        PSG,
        dict(GROUP, source_ids=[SALESFORCE, WORKDAY]),
        "source_ids",
        "'Workday' does not support password management",
    ),
    case(
        "group-source-in-another-group",
        PSG,
        dict(GROUP, sources=["GitHub", "LDAP"]),
        "sources",
        "one password sync group only",
        "'GitHub' is in 'Corporate accounts'",
    ),
    case(
        "group-source-in-another-group-check-mode",
        PSG,
        dict(GROUP, sources=["GitHub", "LDAP"]),
        "sources",
        "'GitHub' is in 'Corporate accounts'",
        check_mode=True,
    ),
    case("group-unknown-sources-all-listed", PSG, dict(GROUP, sources=["LDAP", "Nope", "Nada"]), "sources", "no source named 'Nope', 'Nada'"),
    case(
        "group-source-name-ambiguous",
        PSG,
        dict(GROUP, sources=["LDAP", "Dup source"]),
        "sources",
        "match several sources",
        DUP_SOURCE_1,
        DUP_SOURCE_2,
        "by source_ids",
    ),
    case("group-unknown-source-id", PSG, dict(GROUP, source_ids=[LDAP, UNKNOWN]), "source_ids", "no source with id " + UNKNOWN),
    case("group-sources-and-source_ids", PSG, dict(GROUP, sources=["LDAP", "Salesforce"], source_ids=[LDAP, OKTA]), "sources|source_ids", "mutually exclusive"),
    case(
        "group-unknown-policy-name",
        PSG,
        dict(name="New group", password_policy="Nope", sources=["LDAP", "Salesforce"]),
        "password_policy",
        "no password policy named 'Nope'",
    ),
    case(
        "group-policy-name-typo-suggests",
        PSG,
        dict(name="New group", password_policy="Corprate", sources=["LDAP", "Salesforce"]),
        "password_policy",
        "no password policy named 'Corprate' (did you mean 'Corporate'?)",
    ),
    case(
        "group-policy-name-ambiguous",
        PSG,
        dict(name="New group", password_policy="Twin", sources=["LDAP", "Salesforce"]),
        "password_policy",
        "matches 2 password policies",
        TWIN_1,
        TWIN_2,
        "by password_policy_id",
    ),
    case(
        "group-policy-and-policy_id",
        PSG,
        dict(GROUP, password_policy_id=CORPORATE, sources=["LDAP", "Salesforce"]),
        "password_policy|password_policy_id",
        "mutually exclusive",
    ),
    case(
        "group-unknown-policy-id-check-mode",
        PSG,
        dict(name="New group", password_policy_id=UNKNOWN, source_ids=[LDAP, SALESFORCE]),
        "password_policy_id",
        "no password policy with id",
        check_mode=True,
    ),
    case(
        "group-create-without-policy",
        PSG,
        dict(name="New group", sources=["LDAP", "Salesforce"]),
        "password_policy",
        "password_policy (or password_policy_id) is required",
    ),
    case(
        "group-create-with-null-policy",
        PSG,
        dict(name="New group", password_policy=None, sources=["LDAP", "Salesforce"]),
        "password_policy",
        "is required",
    ),
    case("group-create-without-sources", PSG, dict(GROUP), "sources", "sources (or source_ids) are required"),
    case("group-create-with-null-sources", PSG, dict(GROUP, sources=None), "sources", "are required"),
    case("group-sources-a-dict", PSG, dict(GROUP, sources={"LDAP": 1}), "sources", "convert to list"),
    case("group-name-blank", PSG, dict(GROUP, name="  ", sources=["LDAP", "Salesforce"]), "name", "must not be empty or blank"),
    case("group-name-trailing-space", PSG, dict(GROUP, name="Lab ", sources=["LDAP", "Salesforce"]), "name", "must not start or end with spaces"),
    case("group-name-over-128-characters", PSG, dict(GROUP, name="g" * 200, sources=["LDAP", "Salesforce"]), "name", "at most 128 characters (got 200)"),
    case("group-name-tab", PSG, dict(GROUP, name="Lab\tgroup", sources=["LDAP", "Salesforce"]), "name", "must not contain control characters"),
    case("group-name-ambiguous", PSG, dict(name="Twin group", state="absent"), "name", "matches 2 password sync groups", TWIN_GROUP_1, TWIN_GROUP_2),
    case("group-unknown-id", PSG, dict(id=UNKNOWN, name="New group"), "id", "no password sync group with id"),
    case(
        "group-base_url-ending-in-v3",
        PSG,
        dict(GROUP, sources=["LDAP", "Salesforce"], base_url="https://acme.api.identitynow.com/v3"),
        "base_url",
        "without /v3",
    ),
    case("group-client_id-without-secret", PSG, dict(GROUP, sources=["LDAP", "Salesforce"], client_secret=OMIT), "client_secret", "go together"),
    # --- password_sync_group_info and source_info ------------------------------------------------------------------
    case("group_info-name-and-id", PSGI, dict(name="Twin group", id=TWIN_GROUP_1), "name|id", "mutually exclusive"),
    case("group_info-base_url-ending-in-v3", PSGI, dict(base_url="https://acme.api.identitynow.com/v3"), "base_url", "without /v3"),
    case("group_info-timeout-negative", PSGI, dict(timeout=-0.5), "timeout", "must not be negative"),
    case("source_info-name-and-id", SI, dict(name="GitHub", id=GITHUB), "name|id", "mutually exclusive"),
    case("source_info-ca_path-missing-file", SI, dict(ca_path="/nonexistent/isc-ca.pem"), "ca_path", "does not exist"),
    case("source_info-client_secret-without-id", SI, dict(client_id=OMIT), "client_id", "go together"),
]


@pytest.mark.parametrize("module, args, option, rules, check_mode", CASES)
def test_bad_input_fails_naming_option_and_rule_without_writing(simulator, run_module, module, args, option, rules, check_mode):
    simulator.seed(SEED)
    tenant_before = simulator.state()
    since = simulator.journal()["last_seq"]

    result = run_module(module, args, check_mode=check_mode)

    assert result.get("failed") is True and result["exit_code"] == 1, result
    message = result["msg"]
    assert option in message, message
    for rule in rules:
        assert rule in message, message
    if "option" in result:  # the collection's own checks also say which option failed, as a field
        assert result["option"] == option, result
    journal = simulator.journal(since=since)
    assert journal["writes"] == 0, [(r["method"], r["path"], r["status"]) for r in journal["requests"]]
    assert simulator.state() == tenant_before
    assert simulator.client_secret not in json.dumps(result)


def test_the_table_is_big_and_covers_every_module():
    modules = set(param.values[0] for param in CASES)
    assert len(CASES) >= 100  # guide_failures.rst says: more than 100 cases
    assert modules == {PP, PPI, PSG, PSGI, SI}
    assert len(set(param.id for param in CASES)) == len(CASES)
