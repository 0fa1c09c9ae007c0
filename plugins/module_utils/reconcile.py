# -*- coding: utf-8 -*-
# Copyright (c) sailpoint_community.isc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""state=present/absent for one ISC object: find, compare, predict or write.

The flow is the same for every kind of object, so it lives here once; ``policy.py`` and
``sync_group.py`` describe their kind (fields, options, rules) by filling in the hooks.
"""

from ansible_collections.sailpoint_community.isc.plugins.module_utils import state as st
from ansible_collections.sailpoint_community.isc.plugins.module_utils.errors import ValidationError
from ansible_collections.sailpoint_community.isc.plugins.module_utils.lookup import one_by_name, same_name
from ansible_collections.sailpoint_community.isc.plugins.module_utils.resources import as_tenant

READ_ONLY = ("id", "created", "modified")


class NameTakenError(ValidationError):
    """A rename onto a name another object has (the planner waits for a rename that frees it)."""

    def __init__(self, msg, option, name):
        super().__init__(msg, option=option)
        self.name = name


class Reconciler:
    """Brings one object to the state a task asks for.

    Order of work, so that nothing is written before every rule has passed:
    find the object → resolve the names the task gave (``resolve``) → read the wanted values
    (``wanted``) → check them (``check``) → compare → if something must change: rules that need
    more lookups (``check_write``) → predict (check mode) or write.

    It works on a tenant's collections (``tenant.policies``, ``.sync_groups``, ``.sources``): over
    HTTP for the modules (an IscClient may be given for its HTTP tenant), in memory for the plan.
    """

    kind = None

    def __init__(self, tenant, check_mode=False):
        self.tenant = as_tenant(tenant)
        self.check_mode = check_mode
        self.collection = getattr(self.tenant, self.kind.tenant_attr)
        self.fields = self.kind.fields
        self.noun = self.kind.noun
        self.result_key = self.kind.name
        self._items = None
        # Not in the result: ansible-core 2.19 deprecates a result's "warnings"; the module passes them to module.warn().
        self.warnings = []

    # Hooks a kind of object fills in -------------------------------------------------

    def resolve(self, params):
        """{id option: value} for the references the task gave by name (``sources`` → ``source_ids``).

        The one step that looks names up; the hooks after it get what it returns (``resolved``).
        """
        return {}

    def wanted(self, params, current, resolved):
        """{option: value} of the fields the task manages: the options it set, and the resolved names."""
        wanted = dict((field.option, params[field.option]) for field in self.fields if params.get(field.option) is not None)
        wanted.update(resolved)
        return wanted

    def check(self, desired, wanted, current, resolved):
        """Rules on the desired values alone; raise ValidationError."""

    def check_write(self, desired, wanted, current, resolved):
        """Rules that need more API lookups; run only when a write is about to happen."""

    def check_delete(self, current):
        """Rules that forbid deleting ``current``."""

    def state_of(self, obj):
        """The snake_case state of an API object, read-only fields included."""
        state = st.from_api(self.fields, obj)
        state.update(id=obj.get("id"), created=st.iso8601(obj.get("created")), modified=st.iso8601(obj.get("modified")))
        return state

    def new_state(self):
        """The state ISC gives a new object before the task's values are applied."""
        return dict(st.defaults(self.fields), **dict.fromkeys(READ_ONLY))

    def describe(self, state):
        """The state as returned to the user (a kind adds display names here)."""
        return dict(state)

    def known_names(self, id_option):
        """{id: name} of the objects ``id_option`` references that this run has looked up."""
        return {}

    def learn_names(self, states):
        """Fetch, in bulk, the display names that ``describe`` adds to these states."""

    def display_names(self, resolved):
        """{id option: {id: name}} for the references the task gave by name: the diff shows those by name."""
        return dict((id_option, self.known_names(id_option)) for id_option, _name_option in self.kind.display if id_option in resolved)

    # The flow ------------------------------------------------------------------------

    def items(self):
        """All objects of the collection, read once per run (finding by name means listing)."""
        if self._items is None:
            self._items = self.collection.list()
        return self._items

    def find(self, params):
        if params.get("id"):
            found = self.collection.get(params["id"])
            if found is None and params["state"] == "present":
                raise ValidationError("id: there is no %s with id %r; to create one, give its name and leave id out" % (self.noun, params["id"]), option="id")
            return found
        return one_by_name(self.items(), params["name"], self.noun)

    def read(self, object_id=None, name=None, resolve_names=True, default_policy=False):
        """Objects as the _info modules return them: the one with ``object_id``, those named ``name``, or all.

        Without ``resolve_names`` the names of referenced objects (sources, the policy) are not looked
        up and stay None: the requests that cost are left out for callers that hold those objects.
        """
        if object_id:
            found = self.collection.get(object_id)
            objects = [found] if found else []
        else:
            objects = [
                item for item in self.items() if (name is None or same_name(item.get("name"), name)) and (not default_policy or item.get("defaultPolicy"))
            ]
        states = [self.state_of(obj) for obj in objects]
        if resolve_names:
            self.learn_names(states)
        return [self.describe(state) for state in states]

    def run(self, params):
        current_obj = self.find(params)
        if params["state"] == "absent":
            return self.ensure_absent(current_obj)
        return self.ensure_present(params, current_obj)

    def ensure_present(self, params, current_obj):
        current = self.state_of(current_obj) if current_obj else None
        resolved = self.resolve(params)
        wanted = self.wanted(params, current, resolved)
        desired = st.apply(self.fields, current or self.new_state(), wanted)
        self.check(desired, wanted, current, resolved)
        managed = [field.option for field in self.fields if field.option in wanted]
        if current is not None and not st.differences(current, desired, managed):
            return self.result(False, current, self.diff(current, current, managed, self.display_names(resolved)))

        self.check_rename(desired, current)
        self.check_write(desired, wanted, current, resolved)
        diff = self.diff(current, desired, managed, self.display_names(resolved))
        if self.check_mode:
            return self.result(True, desired, diff)
        body = st.to_api(self.fields, desired)
        if current_obj:
            # PUT replaces the whole object: send the tenant's object with our values over it.
            saved = self.collection.update(current_obj["id"], dict(current_obj, **body))
        else:
            saved = self.collection.create(body)
        return self.result(True, self.state_of(saved), diff)

    def check_rename(self, desired, current):
        # Objects are found by name, so a rename onto a name another object has would leave two that no
        # later task can tell apart. ISC's answer to it is not documented: refused here, before writing.
        if current is None or desired["name"] == current["name"]:
            return
        taken = [item["id"] for item in self.collection.find_by_name(desired["name"], self.items()) if item["id"] != current["id"]]
        if taken:
            raise NameTakenError(
                "name: cannot rename %s %r to %r: another %s has that name (id %s), and names must stay unique to be "
                "found by name; rename or delete that one first" % (self.noun, current["name"], desired["name"], self.noun, ", ".join(taken)),
                option="name",
                name=desired["name"],
            )

    def ensure_absent(self, current_obj):
        if not current_obj:
            return self.result(False, None, self.diff(None, None, []))
        current = self.state_of(current_obj)
        self.check_delete(current)
        all_options = [field.option for field in self.fields]
        diff = self.diff(current, None, all_options)
        if not self.check_mode:
            self.collection.delete(current["id"])
        return self.result(True, None, diff)

    def diff(self, before, after, options, names=None):
        return {
            "before": diff_view(self.kind, before, options, names) if before is not None else {},
            "after": diff_view(self.kind, after, options, names) if after is not None else {},
        }

    def result(self, changed, state, diff):
        return {"changed": changed, self.result_key: self.describe(state) if state is not None else {}, "diff": diff}


def diff_view(kind, state, options, names=None):
    """The part of a state shown in a diff: ``options``, with the references in ``names``
    ({id option: {id: name}}) shown by name when every id is named there."""
    view = dict((option, state.get(option)) for option in options)
    for id_option, name_option in kind.display:
        known = (names or {}).get(id_option)
        if known is None or id_option not in view:
            continue
        value = view[id_option]
        if isinstance(value, list):
            if all(ref in known for ref in value):
                del view[id_option]
                view[name_option] = sorted(known[ref] for ref in value)
        elif value in known:
            view[name_option] = known[view.pop(id_option)]
    return view
