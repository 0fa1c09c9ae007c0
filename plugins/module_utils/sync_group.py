# -*- coding: utf-8 -*-
# Copyright (c) sailpoint_community.isc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Password sync groups: their fields, their rules, and how to reconcile one."""

from ansible_collections.sailpoint_community.isc.plugins.module_utils import kinds
from ansible_collections.sailpoint_community.isc.plugins.module_utils import state as st
from ansible_collections.sailpoint_community.isc.plugins.module_utils.errors import ValidationError
from ansible_collections.sailpoint_community.isc.plugins.module_utils.lookup import SourceDirectory, UnknownNameError, one_by_name
from ansible_collections.sailpoint_community.isc.plugins.module_utils.policy import check_name
from ansible_collections.sailpoint_community.isc.plugins.module_utils.reconcile import Reconciler
from ansible_collections.sailpoint_community.isc.plugins.module_utils.resources import is_idn_source

FIELDS = kinds.SYNC_GROUP.fields
MIN_SOURCES = 2
PASSWORD_FEATURE = "PASSWORD"


class SourceTakenError(ValidationError):
    """A wanted source is in another sync group (the planner orders moves with this)."""


# Options that cannot be given together (AnsibleModule's mutually_exclusive, and the role's plan).
MUTUALLY_EXCLUSIVE = (("sources", "source_ids"), ("password_policy", "password_policy_id"))


def module_rules():
    """The rules between options, for AnsibleModule and for the role's items alike."""
    return dict(required_one_of=[["name", "id"]], mutually_exclusive=[list(pair) for pair in MUTUALLY_EXCLUSIVE])


def module_options():
    """The argument spec of the password_sync_group module's own options."""
    spec = dict(
        state=dict(type="str", choices=["present", "absent"], default="present"),
        id=dict(type="str"),
        password_policy=dict(type="str", no_log=False),  # a policy name, not a secret
        sources=dict(type="list", elements="str"),
        # Read-only fields of password_sync_group_info results, accepted so that an item can be passed back as is.
        created=dict(type="str"),
        modified=dict(type="str"),
    )
    for field in FIELDS:
        spec[field.option] = st.option_spec(field)
    spec["password_policy_id"]["no_log"] = False  # an id, not a secret (the name trips Ansible's heuristic)
    return spec


class SyncGroupReconciler(Reconciler):
    kind = kinds.SYNC_GROUP

    def __init__(self, tenant, check_mode=False):
        super().__init__(tenant, check_mode)
        self.sources = SourceDirectory(self.tenant.sources)
        self.policies = self.tenant.policies
        self.policy_names = {}  # id → name, for the policies this run has seen
        self.default_policy_ids = set()  # of the policies this run has listed: which one is the org's default

    def resolve(self, params):
        resolved = {}
        if params.get("password_policy") is not None:
            resolved["password_policy_id"] = self._policy_id(params["password_policy"])
        if params.get("sources") is not None:
            resolved["source_ids"] = self.sources.resolve(params["sources"])
        return resolved

    def wanted(self, params, current, resolved):
        wanted = super().wanted(params, current, resolved)
        if current is None:
            if "password_policy_id" not in wanted:
                raise ValidationError(
                    "password_policy (or password_policy_id) is required to create password sync group %r" % params.get("name"), option="password_policy"
                )
            if "source_ids" not in wanted:
                raise ValidationError("sources (or source_ids) are required to create password sync group %r" % params.get("name"), option="sources")
        return wanted

    def _policy_id(self, name):
        policies = self.policies.list()
        self._learn_policies(policies)
        policy = one_by_name(policies, name, kinds.POLICY.noun, option="password_policy", id_option="password_policy_id")
        if policy is None and self.check_mode:
            # An earlier task of the same play may create it: check mode cannot know, so it predicts
            # with the name alone (the policy has no id yet) and says so; a real run still refuses.
            self.warnings.append(
                "password_policy: there is no password policy named %r yet; check mode assumes an earlier task creates it "
                "(a real run fails if it is still missing)" % name
            )
            self.policy_names[None] = name
            return None
        if policy is None:
            raise UnknownNameError("password_policy", kinds.POLICY.noun, [name], [item.get("name") for item in policies])
        return policy["id"]

    def check(self, desired, wanted, current, resolved):
        check_name(desired["name"])
        if "source_ids" in wanted and len(desired["source_ids"]) < MIN_SOURCES:
            raise ValidationError(
                "%s: a password sync group needs at least %d sources; got %d" % (source_option(resolved), MIN_SOURCES, len(desired["source_ids"])),
                option=source_option(resolved),
            )

    def check_write(self, desired, wanted, current, resolved):
        """Rules that need the tenant's sources, policies and other groups: only before a write."""
        policy_id = desired["password_policy_id"]
        policy_changes = current is None or policy_id != current["password_policy_id"]
        # A real write needs no lookup: ISC refuses an unknown policy id before writing anything.
        # Check mode writes nothing, so it looks the id up to predict that failure.
        if self.check_mode and policy_changes and policy_id not in self.policy_names:
            # Only a check: its name is not kept, so the prediction shows what a real run returns.
            if self.policies.get(policy_id) is None:
                raise ValidationError("password_policy_id: there is no password policy with id %r" % policy_id, option="password_policy_id")

        ids = desired["source_ids"]
        known = dict((source["id"], source) for source in self.sources.fetch(ids + (current or {}).get("source_ids", [])))
        option = source_option(resolved)
        unknown = [source_id for source_id in ids if source_id not in known]
        if unknown:
            raise ValidationError("%s: no source with id %s" % (option, ", ".join(unknown)), option=option)
        unsupported = [known[source_id]["name"] for source_id in ids if PASSWORD_FEATURE not in (known[source_id].get("features") or [])]
        if unsupported:
            raise ValidationError(
                "%s: %s %s not support password management (no %s feature), so cannot be in a "
                "sync group" % (option, ", ".join(repr(name) for name in sorted(unsupported)), "does" if len(unsupported) == 1 else "do", PASSWORD_FEATURE),
                option=option,
            )
        self._check_not_in_other_groups(ids, current, option, known)
        self._warn_if_idn_source_leaves_the_default(ids, policy_id, current, policy_changes, known, option)

    def _warn_if_idn_source_leaves_the_default(self, ids, policy_id, current, policy_changes, known, option):
        # The IdentityNow source is behind logins to ISC itself and the default policy governs it. In a
        # group, the group's policy may govern it instead; ISC does not document it, so say so, not refuse.
        joining = [known[source_id] for source_id in ids if is_idn_source(known[source_id])]
        if not joining or not (policy_changes or set(source["id"] for source in joining) - set(current["source_ids"])):
            return
        if policy_id in self.policy_names:  # listed by this run (None: check mode's policy-to-be): no request
            is_default = policy_id in self.default_policy_ids
        else:
            is_default = policy_id is not None and bool((self.policies.get(policy_id) or {}).get("defaultPolicy"))
        if is_default:
            return
        names = ", ".join(repr(source["name"]) for source in joining)
        self.warnings.append(
            "%s: the IdentityNow source %s (behind logins to ISC itself) is in this password sync group, whose password "
            "policy is not the org's default: ISC may then apply that policy to ISC's own logins (not documented)" % (option, names)
        )

    def _check_not_in_other_groups(self, ids, current, option, known):
        # A source's password can follow one sync group only: a second group would break the sync
        # guarantee of the first and may enforce another policy. ISC does not document this, so it
        # is refused here, before anything is written.
        own_id = current["id"] if current else None
        taken = []
        for group in self.items():
            if group.get("id") == own_id:
                continue
            for source_id in sorted(set(ids) & set(group.get("sourceIds") or [])):
                taken.append("%r is in %r" % (known[source_id]["name"], group.get("name")))
        if taken:
            raise SourceTakenError(
                "%s: a source can be in one password sync group only, and %s; remove it from that group first" % (option, ", ".join(taken)), option=option
            )

    def _learn_policies(self, policies):
        self.policy_names.update((policy["id"], policy["name"]) for policy in policies)
        self.default_policy_ids.update(policy["id"] for policy in policies if policy.get("defaultPolicy"))

    def learn_names(self, states):
        self._learn_policies(self.policies.list())
        self.sources.fetch(sorted(set(source_id for state in states for source_id in state["source_ids"])))

    def describe(self, state):
        return dict(state, password_policy=self.policy_names.get(state["password_policy_id"]), sources=self.sources.names(state["source_ids"]))

    def known_names(self, id_option):
        return dict(self.policy_names) if id_option == "password_policy_id" else self.sources.known_names()


def source_option(resolved):
    """The option the task gave the sources with, for messages."""
    return "sources" if "source_ids" in resolved else "source_ids"
