# -*- coding: utf-8 -*-
# Copyright (c) sailpoint_community.isc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The password_config role's plan: its whole run, replayed on the tenant held in memory.

The replay runs the modules' own reconcilers over an in-memory tenant (memory.py), in the order
the role applies changes, so that every step sees the steps before it:

1. sync groups to delete (their sources are then free, and ISC assigns their policy to them),
2. policies to create or update,
3. sync groups to create or update,
4. policies to delete.

Within phases 2 and 3, an object that needs what another one still holds (a name, a sync group's
source) waits until that one lets go (found by retrying until nothing moves), and its step goes
out in a later round than the step that frees it: the steps of one round are sent at once.

What comes out: one step per object (what the module will do, with its diff, the arguments to
call it with and the writes it made on the in-memory tenant) and every error, all found before
anything is written.
"""

import copy
from collections.abc import Mapping

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.errors import UnsupportedError

from ansible_collections.sailpoint_community.isc.plugins.module_utils import kinds, policy, sync_group
from ansible_collections.sailpoint_community.isc.plugins.module_utils import state as st
from ansible_collections.sailpoint_community.isc.plugins.module_utils.errors import IscError
from ansible_collections.sailpoint_community.isc.plugins.module_utils.lookup import closest_option, name_list
from ansible_collections.sailpoint_community.isc.plugins.module_utils.memory import InMemoryTenant
from ansible_collections.sailpoint_community.isc.plugins.module_utils.reconcile import NameTakenError

POLICY = kinds.POLICY.name
SYNC_GROUP = kinds.SYNC_GROUP.name
KINDS = {
    POLICY: (policy.PolicyReconciler, policy.module_options),
    SYNC_GROUP: (sync_group.SyncGroupReconciler, sync_group.module_options),
}
RULES = {POLICY: policy.module_rules, SYNC_GROUP: sync_group.module_rules}
VARIABLES = {POLICY: "password_config_policies", SYNC_GROUP: "password_config_sync_groups"}
# Deletions one run may make unless raised (max_deletions): a routine change retires a few objects; a run
# that deletes more is a clean-up to be asked for, or a misspelt or missing list about to wipe the tenant.
MAX_DELETIONS = 10
EXCLUSIVE_EMPTY = (
    "%s is empty while password_config_exclusive is true, which deletes every %s on the tenant%s; list the ones to keep, "
    "or set password_config_exclusive_allow_empty (module option exclusive_allow_empty) to true to delete every unlisted one"
)


def plan(tenant, policies=(), sync_groups=(), exclusive=False):
    """Every step of a password_config run, predicted; see the module docstring.

    ``tenant``: {"policies", "sync_groups", "sources"} as the _info modules return them.
    ``policies`` / ``sync_groups``: the role's input items (module options, ``state`` included).
    Returns {"steps": [...], "errors": [...], "warnings": [...]}. A step: {"kind", "name", "phase",
    "round", "action" (create, update, delete or none), "diff", "after", "args", "writes"}; an error:
    {"kind", "name", "msg"}, with ``conflict`` true when it is a hold on what the tenant has that never ends
    (a name or source another object keeps: an audit reports it as drift); a warning: {"kind", "name", "msg"}. ``round``: 1, or one more than the round of
    a step of the same phase that frees a name or source this step takes, or writes the same object.
    ``writes``: what the module would send, in order: {"op" (create, update or delete), "kind", "id"
    (for a create, the in-memory tenant's placeholder), "body" (the V3 API body; None for a delete)}.
    An update's body is the object as ``tenant`` holds it (its fields and id; not ISC's read-only
    ones, such as dateCreated) with the step's values over it.
    """
    planner = _Planner(tenant)
    policy_items = planner.valid(POLICY, policies)
    group_items = planner.valid(SYNC_GROUP, sync_groups)
    planner.check_duplicates(POLICY, policy_items)
    planner.check_duplicates(SYNC_GROUP, group_items)
    policy_items = [_with_state(item) for item in policy_items]
    group_items = [_with_state(item) for item in group_items]
    if exclusive:
        group_items += planner.unlisted(SYNC_GROUP, group_items)
        policy_items += planner.unlisted(POLICY, policy_items)

    policy_deletions = [item for item in policy_items if item["state"] == "absent"]
    planner.replay_in_workable_order(SYNC_GROUP, 1, [item for item in group_items if item["state"] == "absent"])
    planner.replay_in_workable_order(POLICY, 2, [item for item in policy_items if item["state"] == "present"], policy_deletions)
    planner.replay_in_workable_order(SYNC_GROUP, 3, [item for item in group_items if item["state"] == "present"])
    planner.replay_in_workable_order(POLICY, 4, policy_deletions)
    if exclusive:
        planner.keep_default_policy(policy_items)
    return {"steps": planner.steps, "errors": planner.errors, "warnings": planner.warnings}


def input_errors(policies=(), sync_groups=(), exclusive=False, exclusive_allow_empty=False, max_deletions=MAX_DELETIONS):
    """What is wrong with the role's items by the modules' own argument specs, one line each; no tenant needed.

    In exclusive mode an empty (or missing) list deletes every object of its kind: refused unless
    ``exclusive_allow_empty`` says that is meant, since a misspelt variable leaves a list empty too.
    """
    lists = ((POLICY, policies or []), (SYNC_GROUP, sync_groups or []))
    errors = [error["text"] for kind, items in lists for error in validate_items(kind, items)[1]]
    if max_deletions < 0:
        errors.append("password_config_max_deletions (module option max_deletions) must be 0 or more, got %d" % max_deletions)
    if exclusive and not exclusive_allow_empty:
        for kind, items in lists:
            if not items:
                errors.append(EXCLUSIVE_EMPTY % (VARIABLES[kind], kinds.noun(kind), " but the default one" if kind == POLICY else ""))
    return errors


def deletion_limit_error(steps, max_deletions=MAX_DELETIONS):
    """The message refusing a run that would delete more than ``max_deletions`` objects, naming each; None within it."""
    deletions = ["%s %r" % (kinds.noun(step["kind"]), step["name"]) for step in steps if step["action"] == "delete"]
    if len(deletions) <= max_deletions:
        return None
    return (
        "this run would delete %d objects, more than password_config_max_deletions (module option max_deletions) allows (%d): %s; "
        % (
            len(deletions),
            max_deletions,
            ", ".join(deletions),
        )
        + "raise it for this run if that is meant"
    )


# The role's variables that are a list (of dicts) and a dict; Ansible's own type check of them dumps the whole spec.
SHAPES = {
    "password_config_policies": (list, "a list of dicts, one per policy"),
    "password_config_sync_groups": (list, "a list of dicts, one per sync group"),
    "password_config_org_config": (Mapping, "a dict of options"),
    "password_config_dictionary": (Mapping, "a dict of options"),
}


def variable_errors(names, spec, values=None):
    """One line per misspelt role variable or option of a settings dict (with the closest known name), and per
    variable of the wrong shape.

    ``names``: the variables defined that start with ``password_config_``; the role's own internal ones
    (``password_config__``) are not the user's. ``spec``: the role's options (its argument_specs.yml).
    ``values``: the variables whose shape the role checks, by name.
    """
    errors = [_unknown("%s is not a variable of the password_config role" % name, name, spec) for name in sorted(set(str(name) for name in names))]
    errors = [error for error in errors if error]
    for name, value in sorted((values or {}).items()):
        kind, expected = SHAPES[name]
        if value is not None and not isinstance(value, kind):
            errors.append("%s must be %s, got %s" % (name, expected, _type_name(value)))
        elif isinstance(value, Mapping):
            options = spec[name].get("options") or {}
            errors += [_unknown("%s: unknown option %s" % (name, key), key, options) for key in sorted(str(key) for key in value) if key not in options]
    return errors


def _unknown(text, name, known):
    """``text`` with the closest of ``known`` for an unknown ``name``; None when it is known or internal."""
    if name in known or name.startswith("password_config__"):
        return None
    close = closest_option(name, known)
    return text + (" (did you mean %s?)" % close if close else "")


def _type_name(value):
    """Ansible's own types by what they hold (its tagged dict is a dict)."""
    for kind, name in ((Mapping, "a dict"), (str, "a string"), (bool, "a boolean"), ((int, float), "a number"), (list, "a list")):
        if isinstance(value, kind):
            return name
    return type(value).__name__


def validate_items(kind, items):
    """(kept, errors): the items that pass the module's own argument spec, with its conversions, and errors for the others.

    The role's argument_specs.yml leaves the items' options to this check, so that a wrong item is
    named (index and name) in one line instead of Ansible's dump of the whole spec.
    """
    options = KINDS[kind][1]()
    validator = ArgumentSpecValidator(options, **RULES[kind]())
    kept, errors = [], []
    for index, item in enumerate(items):
        if not isinstance(item, Mapping):
            errors.append(_error(kind, {}, "must be a dict of options, got %s" % type(item).__name__, index))
            continue
        # The validator deep-copies what it is given: lists are handed over as plain lists, since
        # deep-copying one of Ansible's lazy lists copies its whole templating context (seconds each).
        result = validator.validate(dict((key, list(value) if isinstance(value, list) else value) for key, value in item.items()))
        booleans = st.booleans_for_numbers(options, result.validated_parameters)
        if result.error_messages:
            problems = [_option_problem(error, result.unsupported_parameters, options) for error in result.errors.errors]
            errors.append(_error(kind, item, "; ".join(problems), index))
        elif booleans:
            errors.append(_error(kind, item, st.boolean_number_message(booleans), index))
        else:
            # Names in Unicode NFC, as the tenant's are read (state.canonical): duplicates and exclusive mode compare them so.
            kept.append(dict((key, st.canonical(value)) for key, value in result.validated_parameters.items() if key in item))
    return kept, errors


def _with_state(item):
    return dict(item, state=item.get("state") or "present")


class _Planner:
    def __init__(self, tenant):
        self.tenant = tenant
        self.memory = in_memory(tenant)
        self.source_ids = {}
        for source in tenant.get("sources") or []:
            self.source_ids.setdefault(source["name"], []).append(source["id"])
        self.steps = []
        self.errors = []
        self.warnings = []

    def valid(self, kind, items):
        kept, errors = validate_items(kind, items)
        self.errors.extend(errors)
        return kept

    def check_duplicates(self, kind, items):
        """Two items for one object (by the same name or id, or one by its flag, id or name and the other
        otherwise) would send conflicting writes on every run: refused, naming both."""
        existing = self.tenant.get("policies" if kind == POLICY else "sync_groups") or []
        # An object that an item by id or flag renames frees its name: an item by that name means a new object.
        renamed = self.renamed_ids(kind, items, existing)
        by_name = [obj for obj in existing if obj["id"] not in renamed]
        seen = {}
        for item in items:
            label = _label(kind, item)
            key = self.target_of(kind, item, existing if label != item.get("name") else by_name)
            first = seen.setdefault(key, item)
            if first is item:
                continue
            if _label(kind, first) == label:
                msg = "%s %r is listed twice in the role's input" % (kinds.noun(kind), label)
            else:
                msg = "%s and %s are one %s on the tenant (id %s): manage it in one item" % (_described(first), _described(item), kinds.noun(kind), key[1])
            self.errors.append(_error(kind, item, msg))

    def renamed_ids(self, kind, items, existing):
        """The ids of the objects that an item by id or flag renames."""
        ids = set()
        for item in items:
            if not item.get("name") or _label(kind, item) == item["name"]:
                continue  # an item by name, or one that keeps the name
            key = self.target_of(kind, item, existing)
            ids.update(obj["id"] for obj in existing if ("id", obj["id"]) == key and obj["name"] != item["name"])
        return ids

    def target_of(self, kind, item, existing):
        """What an item manages: ("id", the id of the one object of ``existing`` it names), else ("label", its label)."""
        if kind == POLICY and item.get("default_policy"):
            matches = [obj for obj in existing if obj.get("default_policy")]
        elif item.get("id"):
            return ("id", item["id"])
        else:
            matches = [obj for obj in existing if obj.get("name") == item.get("name")]
        return ("id", matches[0]["id"]) if len(matches) == 1 else ("label", _label(kind, item))

    def keep_default_policy(self, items):
        """In exclusive mode, the report lists the tenant's default policy as kept when no item manages it."""
        if any(item.get("default_policy") for item in items):
            return
        listed_ids = set(item["id"] for item in items if item.get("id"))
        listed_names = set(item.get("name") for item in items if not item.get("id"))
        for obj in self.tenant.get("policies") or []:
            if obj.get("default_policy") and obj["id"] not in listed_ids and obj["name"] not in listed_names:
                self.steps.append(
                    {
                        "kind": POLICY,
                        "name": obj["name"],
                        "phase": 0,  # no task of the role applies it: it is only reported
                        "round": 1,
                        "action": "none",
                        "exclusive": False,
                        "kept": "the org's default policy: never deleted (password_config_exclusive)",
                        "diff": {"before": {}, "after": {}},
                        "args": {"id": obj["id"], "name": obj["name"], "state": "present"},
                        "writes": [],
                    }
                )

    def unlisted(self, kind, items):
        """Deletions for exclusive mode: objects on the tenant that no item names (never the default policy)."""
        listed_ids = set(item["id"] for item in items if item.get("id"))
        listed_ids.update(
            obj["id"]
            for obj in self.tenant.get("policies") or []
            if kind == POLICY and obj.get("default_policy") and any(item.get("default_policy") for item in items)
        )
        listed_names = set(item.get("name") for item in items if not item.get("id") and not item.get("default_policy"))
        existing = self.tenant.get("policies" if kind == POLICY else "sync_groups") or []
        return [
            {"state": "absent", "id": obj["id"], "name": obj["name"], "exclusive": True}
            for obj in existing
            if obj["id"] not in listed_ids and obj["name"] not in listed_names and not obj.get("default_policy")
        ]

    def replay_in_workable_order(self, kind, phase, items, deleted_later=()):
        """Replay ``items``, deferring one that needs what another still holds until that one lets go.

        ``deleted_later``: the items of a later phase that delete objects of this kind, for messages.

        ``freed`` keeps the round of the step that freed each name or source: a step taking one goes
        out a round later, so that the steps of a round (sent at once) never race for it.
        """
        freed = {}
        pending = items
        while pending:
            deferred = []
            for item in pending:
                try:
                    step, before = self.replay(kind, phase, item)
                except (sync_group.SourceTakenError, NameTakenError) as error:
                    deferred.append((item, error))
                    continue
                except IscError as error:
                    self.errors.append(_error(kind, item, error.msg))
                    continue
                takes, frees = _claims(kind, before, step["writes"])
                step["round"] = 1 + max([0] + [freed[claim] for claim in takes if claim in freed])
                for claim in frees:
                    freed[claim] = max(freed.get(claim, 0), step["round"])
                self.steps.append(step)
            if len(deferred) == len(pending):  # nothing moved: these holds are real
                later = set(item.get("name") for item in deleted_later)
                # A conflict with what the tenant holds: an audit reports it as drift, a real run refuses it.
                self.errors.extend(dict(_error(kind, item, _waited_for(error, later)), conflict=True) for item, error in deferred)
                return
            pending = [item for item, _error_ in deferred]

    def replay(self, kind, phase, item):
        """One item's step on the in-memory tenant, and the object as it was before (None if new)."""
        reconciler_class, module_options = KINDS[kind]
        params = dict.fromkeys(module_options())
        params.update((key, value) for key, value in item.items() if key in params)
        reconciler = reconciler_class(self.memory)
        first_write = len(self.memory.writes)
        found = reconciler.find(params)
        if params["state"] == "absent":
            result = reconciler.ensure_absent(found)
        else:
            result = reconciler.ensure_present(params, found)
        self.warnings.extend(_error(kind, item, warning) for warning in reconciler.warnings)
        step = {
            "kind": kind,
            "name": item.get("name") or (found or {}).get("name"),
            "phase": phase,
            "round": 1,
            "action": _action(result),
            "exclusive": bool(item.get("exclusive")),
            "diff": result["diff"],
            "after": result[reconciler.result_key],
            "args": self.module_args(kind, params, found),
            "writes": self.memory.writes[first_write:],
        }
        return step, found

    def module_args(self, kind, params, found):
        """What the role passes to the module: the item's options, sources and the object by id.

        Ids save the module a lookup per object. The policy of a sync group stays a name: it may
        be created in this run, so the role turns it into an id only when it applies the group.
        """
        args = dict((key, value) for key, value in params.items() if value is not None)
        if found is not None:
            args["id"] = found["id"]
        names = args.pop("sources", None)
        if names is not None and "source_ids" not in args:
            args["source_ids"] = [self.source_ids[name][0] for name in name_list(names)]  # the replay found each exactly once
        return copy.deepcopy(args)


def in_memory(tenant):
    """The in-memory tenant of a tenant as the _info modules return it (their option-shaped items)."""
    return InMemoryTenant(
        policies=[dict(kinds.POLICY.api_object(item), defaultPolicy=item.get("default_policy")) for item in tenant.get("policies") or []],
        sync_groups=[kinds.SYNC_GROUP.api_object(item) for item in tenant.get("sync_groups") or []],
        sources=[
            {"id": item["id"], "name": item["name"], "type": item.get("type"), "features": item.get("features") or []} for item in tenant.get("sources") or []
        ],
    )


def _claims(kind, before, writes):
    """What a step takes and frees that another step of its phase may want: a name of its kind, a source
    (sync groups), and the object it writes (two steps on one object must not race either)."""
    after = before
    for write in writes:
        after = None if write["op"] == "delete" else write["body"]

    def held(obj):
        if not obj:
            return set()
        sources = obj.get("sourceIds") or [] if kind == SYNC_GROUP else []
        return set([("name", obj.get("name"))] + [("source", source_id) for source_id in sources])

    written = set(("object", write["id"]) for write in writes)
    return (held(after) - held(before)) | written, (held(before) - held(after)) | written


def _waited_for(error, deleted_later):
    """The message of a hold that never ended; a name that this run deletes only later says so."""
    if isinstance(error, NameTakenError) and error.name in deleted_later:
        return "%s (this run deletes %r, but only after renames and creations: delete it in a run of its own first)" % (error.msg, error.name)
    return error.msg


def _action(result):
    if not result["changed"]:
        return "none"
    if result["diff"]["before"] == {}:
        return "create"
    if result["diff"]["after"] == {}:
        return "delete"
    return "update"


def _label(kind, item):
    return "the default policy" if kind == POLICY and item.get("default_policy") else item.get("id") or item.get("name")


def _described(item):
    """An item as the user wrote it: what names its object."""
    if item.get("default_policy"):
        return "the item with default_policy: true"
    if item.get("id"):
        return "the item with id %r" % item["id"]
    return "the item named %r" % item.get("name")


def _error(kind, item, msg, index=None):
    """An input that breaks a rule; ``text`` names the object (and its place in the role's list), for the final failure."""
    name = item.get("name") or item.get("id") or ("(the default policy)" if item.get("default_policy") else None)
    where = "%s[%d], " % (VARIABLES[kind], index) if index is not None else ""
    return {"kind": kind, "name": name, "msg": msg, "text": "%s%s %r: %s" % (where, kinds.noun(kind), name, msg)}


def _option_problem(error, unsupported, options):
    """One short line per problem; an unknown option gets the closest known ones."""
    if isinstance(error, UnsupportedError):
        hints = []
        for option in sorted(unsupported):
            close = closest_option(option, options)
            hints.append("%s%s" % (option, " (did you mean %s?)" % close if close else ""))
        return "unknown option %s" % ", ".join(hints)
    return str(error)
