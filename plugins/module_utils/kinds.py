# -*- coding: utf-8 -*-
# Copyright (c) sailpoint_community.isc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What each kind of object is, said once: its name, noun, fields, references and display names.

The reconcilers, the in-memory tenant, the plan, the report and the export all read these.
"""

from collections import namedtuple

from ansible_collections.sailpoint_community.isc.plugins.module_utils import state as st


class Kind(namedtuple("Kind", "name noun label service tenant_attr fields references display")):
    """One kind of object.

    name: the plan's and the report's key, also the module's result key (``password_policy``).
    noun: how messages name one (``password policy``); label: the report's title for one.
    service: its API service; tenant_attr: its collection on a tenant (``tenant.policies``).
    fields: its state.Field tuple. references: {id option: tenant attribute of the objects it names}.
    display: ((id option, name option), ...): options shown by the names of what they reference
    when the task gave names (in the diff) or always (the report, the export).
    """

    __slots__ = ()

    @property
    def options(self):
        return [field.option for field in self.fields]

    def api_object(self, item):
        """The API object (V3 camelCase) of an item as the _info module returns it."""
        return dict(st.to_api(self.fields, item), id=item["id"])


F = st.Field

POLICY = Kind(
    name="password_policy",
    noun="password policy",
    label="Password policy",
    service="password-policies",
    tenant_attr="policies",
    # Every writable field of PasswordPolicyV3Dto; defaults are ISC's for a field left out.
    fields=(
        F("name", "name", "str", None),
        F("description", "description", "str", None),
        F("min_length", "minLength", "int", 0),
        F("max_length", "maxLength", "int", 0),
        F("min_alpha", "minAlpha", "int", 0),
        F("min_upper", "minUpper", "int", 0),
        F("min_lower", "minLower", "int", 0),
        F("min_numeric", "minNumeric", "int", 0),
        F("min_special", "minSpecial", "int", 0),
        F("min_character_types", "minCharacterTypes", "int", -1),
        F("max_repeated_chars", "maxRepeatedChars", "int", -1),
        F("account_id_min_word_length", "accountIdMinWordLength", "int", -1),
        F("account_name_min_word_length", "accountNameMinWordLength", "int", -1),
        F("use_account_attributes", "useAccountAttributes", "bool", False),
        F("use_identity_attributes", "useIdentityAttributes", "bool", False),
        F("use_dictionary", "useDictionary", "bool", False),
        F("validate_against_account_id", "validateAgainstAccountId", "bool", False),
        F("validate_against_account_name", "validateAgainstAccountName", "bool", False),
        F("expiration_enabled", "enablePasswdExpiration", "bool", False),
        F("expiration_days", "passwordExpiration", "int", 90),
        # ISC gives a new policy 0 (the field is not nullable; a recorded real default policy has 0).
        F("expiration_reminder_days", "firstExpirationReminder", "int", 0),
        F("require_strong_auth", "requireStrongAuthn", "bool", False),
        F("require_strong_auth_off_network", "requireStrongAuthOffNetwork", "bool", False),
        F("require_strong_auth_untrusted_geographies", "requireStrongAuthUntrustedGeographies", "bool", False),
        F("source_ids", "sourceIds", "set", []),
    ),
    references={"source_ids": "sources"},
    display=(("source_ids", "sources"),),
)

SYNC_GROUP = Kind(
    name="password_sync_group",
    noun="password sync group",
    label="Password sync group",
    service="password-sync-groups",
    tenant_attr="sync_groups",
    fields=(
        F("name", "name", "str", None),
        F("password_policy_id", "passwordPolicyId", "str", None),
        F("source_ids", "sourceIds", "set", []),
    ),
    references={"password_policy_id": "policies", "source_ids": "sources"},
    display=(("source_ids", "sources"), ("password_policy_id", "password_policy")),
)

KINDS = dict((kind.name, kind) for kind in (POLICY, SYNC_GROUP))


def noun(kind_name):
    """'password policy' for the kind named 'password_policy', as messages name its objects."""
    return KINDS[kind_name].noun
