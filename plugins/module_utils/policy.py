# -*- coding: utf-8 -*-
# Copyright (c) sailpoint_community.isc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Password policies: their fields, their rules, and how to reconcile one."""

from ansible_collections.sailpoint_community.isc.plugins.module_utils import kinds
from ansible_collections.sailpoint_community.isc.plugins.module_utils import state as st
from ansible_collections.sailpoint_community.isc.plugins.module_utils.errors import ValidationError
from ansible_collections.sailpoint_community.isc.plugins.module_utils.lookup import SourceDirectory
from ansible_collections.sailpoint_community.isc.plugins.module_utils.reconcile import Reconciler
from ansible_collections.sailpoint_community.isc.plugins.module_utils.resources import is_idn_source

# Every writable field of PasswordPolicyV3Dto, with ISC's defaults: kinds.POLICY says it once.
FIELDS = kinds.POLICY.fields
INT_OPTIONS = tuple(field.option for field in FIELDS if field.kind == "int")
# -1 means "not enforced" for these; every other number must be 0 or more.
NOT_ENFORCED_OPTIONS = ("min_character_types", "max_repeated_chars", "account_id_min_word_length", "account_name_min_word_length")
CHARACTER_CLASS_OPTIONS = ("min_upper", "min_lower", "min_numeric", "min_special")


def module_rules():
    """The rules between options, for AnsibleModule and for the role's items alike.

    id and default_policy are not mutually exclusive here: an info item carries default_policy: false
    next to its id; PolicyReconciler.find refuses default_policy=true with an id before any request.
    """
    return dict(required_one_of=[["name", "id", "default_policy"]], mutually_exclusive=[["sources", "source_ids"]])


def module_options():
    """The argument spec of the password_policy module's own options."""
    spec = dict(
        state=dict(type="str", choices=["present", "absent"], default="present"),
        id=dict(type="str"),
        sources=dict(type="list", elements="str"),
        # Selects the org's default policy (defaultPolicy: true) whatever its name; see find().
        default_policy=dict(type="bool"),
        # Read-only fields of password_policy_info results, accepted so that an item can be passed back.
        created=dict(type="str"),
        modified=dict(type="str"),
    )
    for field in FIELDS:
        spec[field.option] = st.option_spec(field)
    return spec


def name_key(name):
    """A name as people compare it: letter case and runs of spaces ignored."""
    return " ".join(str(name or "").split()).casefold()


# ISC documents no limit; longer names are refused as a safe bound (and read badly in Password Manager).
MAX_NAME_LENGTH = 128


def check_name(name, option="name"):
    """Names may hold any printable characters (quotes, #, &, %, \\, non-ASCII letters) but must read well.

    Names are compared in Unicode NFC (state.canonical); control and invisible characters are refused.
    """
    name = "" if name is None else str(name)
    if not name.strip():
        raise ValidationError("%s must not be empty or blank" % option, option=option)
    if name != name.strip():
        raise ValidationError(
            "%s must not start or end with spaces (got %r): names are matched exactly, so a stray space would make a second object" % (option, name),
            option=option,
        )
    if len(name) > MAX_NAME_LENGTH:
        raise ValidationError("%s must be at most %d characters (got %d)" % (option, MAX_NAME_LENGTH, len(name)), option=option)
    invisible = st.invisible_character(name)
    if invisible:
        raise ValidationError(
            "%s must not contain control characters or invisible ones: %r has %s, which would make a name that looks like another" % (option, name, invisible),
            option=option,
        )


def check_policy_rules(desired, wanted, is_new=False):
    """The value rules of a password policy, checked on what would be written.

    ``wanted`` holds what the task set; other values are the tenant's (or ISC's defaults for
    a new policy), and messages say which is which, because the fix may be to set that option too.
    """
    origin = _origin_of(desired, wanted, is_new)
    check_name(desired["name"])
    _check_lower_bounds(desired, origin)
    if desired["min_character_types"] is not None and desired["min_character_types"] > 4:
        raise ValidationError(
            "min_character_types must be between -1 and 4 (there are four character types); got %s%s"
            % (desired["min_character_types"], origin("min_character_types")),
            option="min_character_types",
        )
    if desired["max_length"]:  # 0 means no maximum
        _check_max_length(desired, origin)


def _origin_of(desired, wanted, is_new):
    """The function that tells, for a message, where the values of some options come from."""
    others = "ISC's default" if is_new else "the tenant's current value"

    def origin(*options):
        """' (set by the task: a=1; the tenant's current values: b=2)', or '' when the task set them all."""
        from_task = ["%s=%s" % (option, desired[option]) for option in options if option in wanted]
        from_tenant = ["%s=%s" % (option, desired[option]) for option in options if option not in wanted]
        if not from_tenant:
            return ""
        parts = ["set by the task: " + ", ".join(from_task)] if from_task else []
        parts.append("%s%s: %s" % (others, "s" if len(from_tenant) > 1 else "", ", ".join(from_tenant)))
        return " (%s)" % "; ".join(parts)

    return origin


def _check_lower_bounds(desired, origin):
    """Every number 0 or more; -1 too where it means 'not enforced'."""
    for option in INT_OPTIONS:
        value = desired[option]
        if value is None:
            continue
        if option in NOT_ENFORCED_OPTIONS and value < -1:
            raise ValidationError("%s must be -1 (not enforced) or 0 or more; got %s%s" % (option, value, origin(option)), option=option)
        if option not in NOT_ENFORCED_OPTIONS and value < 0:
            raise ValidationError("%s must be 0 or more; got %s%s" % (option, value, origin(option)), option=option)


def _check_max_length(desired, origin):
    """A maximum length (not 0) that the minimum length and the character classes' minimums fit in."""
    max_length = desired["max_length"]
    if (desired["min_length"] or 0) > max_length:
        raise ValidationError(
            "min_length (%s) must not be greater than max_length (%s); max_length 0 means no maximum%s"
            % (desired["min_length"], max_length, origin("min_length", "max_length")),
            option="min_length",
        )
    total = sum(desired[option] or 0 for option in CHARACTER_CLASS_OPTIONS)
    if total > max_length:
        raise ValidationError(
            "min_upper + min_lower + min_numeric + min_special must not exceed max_length: %s = %d > %s%s"
            % (
                " + ".join(str(desired[option] or 0) for option in CHARACTER_CLASS_OPTIONS),
                total,
                max_length,
                origin(*CHARACTER_CLASS_OPTIONS + ("max_length",)),
            ),
            option="max_length",
        )


class PolicyReconciler(Reconciler):
    kind = kinds.POLICY

    def __init__(self, tenant, check_mode=False):
        super().__init__(tenant, check_mode)
        self.sources = SourceDirectory(self.tenant.sources)

    def find(self, params):
        """The policy the task means: the org's default one with ``default_policy: true``, else by id or name.

        The default policy is found by its flag, never by its name (a real tenant calls it "Default",
        others "Default Password Policy"); the task's ``name`` then renames it. It is never created
        nor deleted. A name that matches no policy but differs from the default policy's name only
        in letter case or spacing gets a warning: the task would create a second policy.
        """
        if params.get("default_policy"):
            if params.get("state") == "absent":
                raise ValidationError(
                    "state=absent with default_policy=true: the org's default password policy is never deleted "
                    "(ISC creates it with the org and needs it); change its settings instead",
                    option="state",
                )
            if params.get("id"):  # AnsibleModule refuses this already; the role's plan calls here directly
                raise ValidationError("parameters are mutually exclusive: id|default_policy", option="default_policy")
            return self.default_policy()
        if not params.get("id") and not params.get("name"):
            check_name(params.get("name"))  # a null or empty name: say so, naming the option
        found = super().find(params)
        if found is None and not params.get("id") and params.get("state") == "present":
            default = next((item for item in self.items() if item.get("defaultPolicy")), None)
            if default is not None and name_key(default.get("name")) == name_key(params["name"]):
                self.warnings.append(
                    "name %r differs from the name of the org's default password policy, %r, only in letter case or "
                    "spacing: this task creates a new policy. To manage the default policy, use default_policy: true "
                    "instead of its name." % (params["name"], default.get("name"))
                )
        return found

    def default_policy(self):
        defaults = [item for item in self.items() if item.get("defaultPolicy")]
        if not defaults:
            raise ValidationError(
                "default_policy: the tenant has no default password policy (no policy has defaultPolicy: true); the collection never creates one",
                option="default_policy",
            )
        if len(defaults) > 1:
            raise ValidationError(
                "default_policy: %d policies have defaultPolicy: true (ids: %s); give the id of the one you mean"
                % (len(defaults), ", ".join(item["id"] for item in defaults)),
                option="default_policy",
            )
        return defaults[0]

    def resolve(self, params):
        if params.get("sources") is not None:
            return {"source_ids": self.sources.resolve(params["sources"])}
        return {}

    def check(self, desired, wanted, current, resolved):
        check_policy_rules(desired, wanted, is_new=current is None)

    def check_write(self, desired, wanted, current, resolved):
        # Sources joining the policy must exist (ISC would refuse the write; check mode would not know);
        # with names they are known already. Names of sources leaving it are for the diff. One request.
        old_ids = current["source_ids"] if current is not None else []
        added = [source_id for source_id in desired["source_ids"] if source_id not in old_ids]
        removed = [source_id for source_id in old_ids if source_id not in desired["source_ids"]]
        guarded = removed if current is not None and current["default_policy"] else []
        by_name = "source_ids" in resolved
        known = self.sources.fetch(added + (old_ids if by_name else guarded))
        unknown = sorted(set(added) - set(source["id"] for source in known))
        if unknown:
            raise ValidationError("source_ids: no source with id %s" % ", ".join(unknown), option="source_ids")
        # The IdentityNow source is behind logins to ISC itself, and the real default policy governs it.
        # What ISC does when it loses that policy is not documented: the collection never does it.
        leaving = [source for source in known if source["id"] in guarded and is_idn_source(source)]
        if leaving:
            option = "sources" if by_name else "source_ids"
            raise ValidationError(
                "%s: this would remove the IdentityNow source %s from the org's default password policy %r. That source is "
                "behind logins to ISC itself, ISC's source list hides it, and what ISC does when the default policy stops "
                "governing it is not documented, so the collection never removes it: add %r to %s"
                % (
                    option,
                    ", ".join("%r (id %s)" % (source["name"], source["id"]) for source in leaving),
                    current["name"],
                    leaving[0]["name"] if option == "sources" else leaving[0]["id"],
                    option,
                ),
                option=option,
            )

    def check_delete(self, current):
        if current["default_policy"]:
            raise ValidationError(
                "state=absent: %r is the org's default password policy, which ISC needs; it is never deleted (change its settings instead)" % current["name"],
                option="state",
            )
        users = [group for group in self.tenant.sync_groups.list() if group.get("passwordPolicyId") == current["id"]]
        if users:
            raise ValidationError(
                "state=absent: password policy %r is still used by password sync group(s) %s; give "
                "them another policy or delete them first" % (current["name"], ", ".join("%r" % group["name"] for group in users)),
                option="state",
            )

    def state_of(self, obj):
        state = super().state_of(obj)
        # Policies carry epoch-millisecond dateCreated/lastUpdated; created/modified are usually absent.
        state["created"] = st.iso8601(obj.get("created") or obj.get("dateCreated"))
        state["modified"] = st.iso8601(obj.get("modified") or obj.get("lastUpdated"))
        state["default_policy"] = bool(obj.get("defaultPolicy"))
        return state

    def new_state(self):
        return dict(super().new_state(), default_policy=False)

    def learn_names(self, states):
        self.sources.fetch(sorted(set(source_id for state in states for source_id in state["source_ids"])))

    def describe(self, state):
        return dict(state, sources=self.sources.names(state["source_ids"]))

    def known_names(self, id_option):
        return self.sources.known_names()
