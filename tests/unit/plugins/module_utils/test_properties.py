"""Properties of the normalise / compare / predict core, for any valid task (hypothesis).

- Applying a valid desired object and then comparing says "in sync": a second run is not changed
  and writes nothing.
- Check mode predicts exactly the object a real run leaves on the tenant (every option field).
- Comparison ignores the forms ISC may use: numbers as strings, booleans as strings, lists in any
  order (with repeats), null versus absent for fields with defaults, "" for a missing string.

Invalid combinations are the bad-input tests' business: the strategies below only build valid ones.
Many examples run against InMemoryTenant (the plan's in-memory collections); fewer through the real HTTP client against
the in-process simulator. Examples are derandomized and no example database is kept, so every CI
run tries the same examples.
"""

import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from isc_simulator import load_seed

from ansible_collections.sailpoint_community.isc.plugins.module_utils import state
from ansible_collections.sailpoint_community.isc.plugins.module_utils.client import IscClient
from ansible_collections.sailpoint_community.isc.plugins.module_utils.memory import InMemoryTenant
from ansible_collections.sailpoint_community.isc.plugins.module_utils.policy import CHARACTER_CLASS_OPTIONS, PolicyReconciler
from ansible_collections.sailpoint_community.isc.plugins.module_utils.policy import FIELDS as POLICY_FIELDS
from ansible_collections.sailpoint_community.isc.plugins.module_utils.policy import module_options as policy_options
from ansible_collections.sailpoint_community.isc.plugins.module_utils.ratelimit import RateLimiter
from ansible_collections.sailpoint_community.isc.plugins.module_utils.sync_group import FIELDS as GROUP_FIELDS
from ansible_collections.sailpoint_community.isc.plugins.module_utils.sync_group import SyncGroupReconciler
from ansible_collections.sailpoint_community.isc.plugins.module_utils.sync_group import module_options as group_options

FAST = settings(max_examples=150, deadline=None, derandomize=True, database=None, print_blob=False)
HTTP = settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=False,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

SEED = load_seed(None)  # the simulator's bundled tenant: the default policy and nine sources
SOURCES = SEED["sources"]
SOURCE_NAMES = dict((source["id"], source["name"]) for source in SOURCES)
PASSWORD_SOURCES = [source for source in SOURCES if "PASSWORD" in source["features"]]
POLICY_OPTIONS = [field.option for field in POLICY_FIELDS]
GROUP_OPTIONS = [field.option for field in GROUP_FIELDS]
DEFAULTS = state.defaults(POLICY_FIELDS)

# Printable names, with the characters that need care in JSON and filters; no blank ends.
NAME = st.text(alphabet=st.sampled_from(list("abcXYZ019 #%&\\\"'-_.()üÉ東🔐")), min_size=1, max_size=40).map(lambda text: text.strip()).filter(bool)

INT_RANGES = {
    "min_length": (0, 64),
    "min_alpha": (0, 16),
    "min_upper": (0, 8),
    "min_lower": (0, 8),
    "min_numeric": (0, 8),
    "min_special": (0, 8),
    "min_character_types": (-1, 4),
    "max_repeated_chars": (-1, 20),
    "account_id_min_word_length": (-1, 20),
    "account_name_min_word_length": (-1, 20),
    "expiration_days": (0, 100000),
    "expiration_reminder_days": (0, 365),
}
BOOL_OPTIONS = [field.option for field in POLICY_FIELDS if field.kind == "bool"]


def max_length_floor(values):
    """The smallest valid non-zero max_length for these values."""
    return max(values["min_length"] or 0, sum(values[option] or 0 for option in CHARACTER_CLASS_OPTIONS), 1)


@st.composite
def full_policies(draw):
    """A complete, valid policy state (option names), as a tenant could hold it."""
    values = dict((option, draw(st.integers(*bounds))) for option, bounds in INT_RANGES.items())
    values.update((option, draw(st.booleans())) for option in BOOL_OPTIONS)
    values["name"] = draw(NAME)
    values["description"] = draw(st.none() | NAME)
    values["source_ids"] = sorted(draw(st.sets(st.sampled_from(sorted(SOURCE_NAMES)), max_size=4)))
    floor = max_length_floor(values)
    values["max_length"] = draw(st.just(0) | st.integers(floor, floor + 64))
    return values


@st.composite
def policy_tasks(draw):
    """(existing policy or None, task params): a valid task over a tenant that may hold the policy."""
    existing = draw(st.none() | full_policies())
    target = draw(full_policies())
    options = draw(st.sets(st.sampled_from([o for o in POLICY_OPTIONS if o not in ("name", "source_ids")])))
    wanted = dict((option, target[option]) for option in options if target[option] is not None)
    params = dict.fromkeys(policy_options())
    params["state"] = "present"
    if existing is not None and draw(st.booleans()):
        params["id"] = "EXISTING"  # replaced by the real id once the tenant is seeded
        params["name"] = draw(st.none() | st.just(target["name"]))  # by id, perhaps renamed
    else:
        params["name"] = existing["name"] if existing is not None else target["name"]
    # Fix up what would break a rule: the task then also sets max_length (a valid combination).
    desired = dict(existing or DEFAULTS, **wanted)
    if desired["max_length"] and desired["max_length"] < max_length_floor(desired):
        wanted["max_length"] = max_length_floor(desired)
    params.update(wanted)
    how = draw(st.sampled_from(["none", "names", "ids", "both"]))
    shuffled = draw(st.permutations(target["source_ids"]))
    if how in ("names", "both"):
        params["sources"] = [SOURCE_NAMES[source_id] for source_id in shuffled]
    if how in ("ids", "both"):
        params["source_ids"] = list(reversed(shuffled))
    return existing, params


def policy_api(values, object_id):
    return dict(state.to_api(POLICY_FIELDS, values), id=object_id, defaultPolicy=False)


def run_policy(client, params, check_mode=False):
    return PolicyReconciler(client, check_mode=check_mode).run(copy.deepcopy(params))


def options_of(item, options):
    return dict((option, item[option]) for option in options)


def expected_policy(existing, params):
    """What the task asks for, computed independently of the module: the tenant's values (or ISC's
    defaults) with every option the task set put over them."""
    expected = dict(existing or DEFAULTS)
    for option in POLICY_OPTIONS:
        if params.get(option) is not None:
            expected[option] = params[option]
    if params.get("sources") is not None:
        by_name = dict((name, source_id) for source_id, name in SOURCE_NAMES.items())
        expected["source_ids"] = [by_name[name] for name in params["sources"]]
    expected["source_ids"] = sorted(set(expected["source_ids"]))
    return expected


def check_policy_properties(client, existing, params, writes, read_back):
    """Check mode = real run = tenant = task; then a second run is in sync. ``writes()`` counts writes."""
    before = writes()
    predicted = run_policy(client, params, check_mode=True)
    assert writes() == before, "check mode wrote"
    real = run_policy(client, params)
    assert predicted["changed"] == real["changed"]
    assert writes() == before + (1 if real["changed"] else 0)
    policy = real["password_policy"]
    assert options_of(predicted["password_policy"], POLICY_OPTIONS) == options_of(policy, POLICY_OPTIONS)
    assert options_of(read_back(policy["id"]), POLICY_OPTIONS) == options_of(policy, POLICY_OPTIONS)
    assert options_of(policy, POLICY_OPTIONS) == expected_policy(existing, params)

    again = run_policy(client, params)
    assert again["changed"] is False and writes() == before + (1 if real["changed"] else 0)
    assert again["diff"]["before"] == again["diff"]["after"]
    assert options_of(again["password_policy"], POLICY_OPTIONS) == options_of(policy, POLICY_OPTIONS)
    again_predicted = run_policy(client, params, check_mode=True)
    assert again_predicted["changed"] is False


@FAST
@given(policy_tasks())
def test_policy_check_mode_predicts_the_real_run_and_a_second_run_is_in_sync(task):
    existing, params = task
    policies = [dict(SEED["policies"][0])]
    if existing is not None:
        policies.append(policy_api(existing, "e" * 32))
        if params["id"] == "EXISTING":
            params["id"] = "e" * 32
    client = InMemoryTenant(policies=policies, sources=SOURCES)

    def read_back(object_id):
        return PolicyReconciler(client).read(object_id=object_id)[0]

    check_policy_properties(client, existing, params, lambda: len(client.writes), read_back)


# --- The forms ISC may send --------------------------------------------------------------------------------

TRUE_FORMS, FALSE_FORMS = (True, "true", "True", "TRUE"), (False, "false", "False", "FALSE")


@st.composite
def api_forms(draw, fields, values):
    """An API object equal to ``values`` in the forms ISC may send: "12" for 12, "true" for true, lists in
    any order with repeats, and null, absent or "" where the value is the field's default."""
    obj = {}
    for field in fields:
        value = values[field.option]
        if value == state.normalise(field.default, field.kind) and draw(st.booleans()):
            form = draw(st.sampled_from(["absent", "null"] + (["empty"] if field.kind == "str" else [])))
            if form == "null":
                obj[field.api] = None
            elif form == "empty":
                obj[field.api] = ""
            continue
        if value is None:
            obj[field.api] = draw(st.sampled_from([None, ""])) if field.kind == "str" else None
        elif field.kind == "int":
            obj[field.api] = draw(st.sampled_from([value, str(value)]))
        elif field.kind == "bool":
            obj[field.api] = draw(st.sampled_from(TRUE_FORMS if value else FALSE_FORMS))
        elif field.kind == "set":
            repeated = value + draw(st.lists(st.sampled_from(value), max_size=2)) if value else []
            obj[field.api] = draw(st.permutations(repeated))
        else:
            obj[field.api] = value
    return obj


@FAST
@given(st.data())
def test_policy_comparison_ignores_the_api_forms(data):
    values = data.draw(full_policies())
    obj = data.draw(api_forms(POLICY_FIELDS, values))
    assert state.from_api(POLICY_FIELDS, obj) == values
    # A task asking for the same values in its own forms sees no difference either.
    asked = data.draw(api_forms(POLICY_FIELDS, values))
    wanted = dict((field.option, asked[field.api]) for field in POLICY_FIELDS if asked.get(field.api) is not None)
    desired = state.apply(POLICY_FIELDS, state.from_api(POLICY_FIELDS, obj), wanted)
    assert state.differences(values, desired, POLICY_OPTIONS) == []


@FAST
@given(st.data())
def test_policy_task_over_a_tenant_in_other_forms_is_not_changed(data):
    values = data.draw(full_policies())
    stored = dict(data.draw(api_forms(POLICY_FIELDS, values)), id="e" * 32, name=values["name"])
    client = InMemoryTenant(policies=[stored], sources=SOURCES)
    options = data.draw(st.sets(st.sampled_from([o for o in POLICY_OPTIONS if o != "name"])))
    params = dict(dict.fromkeys(policy_options()), state="present", name=values["name"])
    params.update((option, values[option]) for option in options if values[option] is not None)
    if "source_ids" in params and params["source_ids"] is not None:
        params["source_ids"] = data.draw(st.permutations(params["source_ids"]))
        if data.draw(st.booleans()):
            params["sources"] = [SOURCE_NAMES[source_id] for source_id in reversed(params["source_ids"])]
    result = run_policy(client, params)
    assert result["changed"] is False and client.writes == []
    assert run_policy(client, params, check_mode=True)["changed"] is False


# --- Sync groups ----------------------------------------------------------------------------------------------

POLICY_POOL = [{"id": "%032x" % number, "name": name} for number, name in enumerate(["Alpha", 'Beta "β" #2', "Gamma 100% & \\", "Δelta"], start=1)]
POLICY_NAMES = dict((policy["id"], policy["name"]) for policy in POLICY_POOL)
PASSWORD_IDS = sorted(source["id"] for source in PASSWORD_SOURCES)


@st.composite
def group_tasks(draw):
    """(existing groups, task params): a valid task; the group's sources are in no other group."""
    pool = list(draw(st.permutations(PASSWORD_IDS)))
    other = {
        "id": "00000000-0000-4000-8000-000000000001",
        "name": "Other group",
        "passwordPolicyId": draw(st.sampled_from(sorted(POLICY_NAMES))),
        "sourceIds": pool[:2],
    }
    free = pool[2:]
    existing = None
    if draw(st.booleans()):
        existing = {
            "id": "00000000-0000-4000-8000-000000000002",
            "name": draw(NAME.filter(lambda n: n != "Other group")),
            "passwordPolicyId": draw(st.sampled_from(sorted(POLICY_NAMES))),
            "sourceIds": draw(st.lists(st.sampled_from(free), min_size=2, max_size=4, unique=True)),
        }
    params = dict(dict.fromkeys(group_options()), state="present")
    if existing is not None and draw(st.booleans()):
        params["id"] = existing["id"]
        params["name"] = draw(st.none() | NAME.filter(lambda n: n != "Other group"))
    else:
        params["name"] = existing["name"] if existing else draw(NAME.filter(lambda n: n != "Other group"))
    must = existing is None  # a new group needs a policy and sources
    if must or draw(st.booleans()):
        policy_id = draw(st.sampled_from(sorted(POLICY_NAMES)))
        how = draw(st.sampled_from(["name", "id", "both"]))
        if how in ("name", "both"):
            params["password_policy"] = POLICY_NAMES[policy_id]
        if how in ("id", "both"):
            params["password_policy_id"] = policy_id
    if must or draw(st.booleans()):
        chosen = draw(st.lists(st.sampled_from(free), min_size=2, max_size=5, unique=True))
        repeats = draw(st.lists(st.sampled_from(chosen), max_size=2))
        how = draw(st.sampled_from(["names", "ids", "both"]))
        if how in ("names", "both"):
            params["sources"] = [SOURCE_NAMES[source_id] for source_id in draw(st.permutations(chosen + repeats))]
        if how in ("ids", "both"):
            params["source_ids"] = draw(st.permutations(chosen))
    groups = [other] + ([existing] if existing else [])
    return groups, existing, params


def run_group(client, params, check_mode=False):
    return SyncGroupReconciler(client, check_mode=check_mode).run(copy.deepcopy(params))


def expected_group(existing, params):
    expected = state.from_api(GROUP_FIELDS, existing) if existing else state.defaults(GROUP_FIELDS)
    if params.get("name") is not None:
        expected["name"] = params["name"]
    if params.get("password_policy_id") is not None:
        expected["password_policy_id"] = params["password_policy_id"]
    if params.get("password_policy") is not None:
        expected["password_policy_id"] = [i for i, n in POLICY_NAMES.items() if n == params["password_policy"]][0]
    if params.get("source_ids") is not None:
        expected["source_ids"] = sorted(set(params["source_ids"]))
    if params.get("sources") is not None:
        expected["source_ids"] = sorted(set(i for i, n in SOURCE_NAMES.items() if n in params["sources"]))
    return expected


def check_group_properties(client, existing, params, writes, read_back):
    before = writes()
    predicted = run_group(client, params, check_mode=True)
    assert writes() == before, "check mode wrote"
    real = run_group(client, params)
    assert predicted["changed"] == real["changed"]
    group = real["password_sync_group"]
    assert options_of(predicted["password_sync_group"], GROUP_OPTIONS) == options_of(group, GROUP_OPTIONS)
    for option in ("password_policy", "sources"):  # the names too, where the run knows them
        assert predicted["password_sync_group"][option] == group[option]
    assert options_of(group, GROUP_OPTIONS) == expected_group(existing, params)
    stored = read_back(group["id"])
    assert options_of(stored, GROUP_OPTIONS) == options_of(group, GROUP_OPTIONS)
    assert stored["password_policy"] == POLICY_NAMES[group["password_policy_id"]]
    assert stored["sources"] == sorted(SOURCE_NAMES[source_id] for source_id in group["source_ids"])
    count = writes()
    assert count == before + (1 if real["changed"] else 0)

    again = run_group(client, params)
    assert again["changed"] is False and writes() == count
    assert again["diff"]["before"] == again["diff"]["after"]
    assert run_group(client, params, check_mode=True)["changed"] is False


@FAST
@given(group_tasks())
def test_sync_group_check_mode_predicts_the_real_run_and_a_second_run_is_in_sync(task):
    groups, existing, params = task
    client = InMemoryTenant(policies=POLICY_POOL, sync_groups=groups, sources=SOURCES)

    def read_back(object_id):
        return SyncGroupReconciler(client).read(object_id=object_id)[0]

    check_group_properties(client, existing, params, lambda: len(client.writes), read_back)


@FAST
@given(st.data())
def test_sync_group_comparison_ignores_source_order_repeats_and_how_the_policy_is_named(data):
    groups, existing, params = data.draw(group_tasks().filter(lambda task: task[1] is not None))
    stored = dict(existing, sourceIds=data.draw(st.permutations(existing["sourceIds"] + existing["sourceIds"][:1])))
    client = InMemoryTenant(policies=POLICY_POOL, sync_groups=[groups[0], stored], sources=SOURCES)
    in_sync = dict(dict.fromkeys(group_options()), state="present", name=existing["name"])
    policy_id = existing["passwordPolicyId"]
    how = data.draw(st.sampled_from(["name", "id", "both"]))
    if how in ("name", "both"):
        in_sync["password_policy"] = POLICY_NAMES[policy_id]
    if how in ("id", "both"):
        in_sync["password_policy_id"] = policy_id
    order = data.draw(st.permutations(existing["sourceIds"]))
    if data.draw(st.booleans()):
        in_sync["sources"] = [SOURCE_NAMES[source_id] for source_id in order]
    else:
        in_sync["source_ids"] = list(order)
    assert run_group(client, in_sync)["changed"] is False and client.writes == []
    assert run_group(client, in_sync, check_mode=True)["changed"] is False
    assert state.from_api(GROUP_FIELDS, stored) == state.from_api(GROUP_FIELDS, existing)


# --- The same properties through real HTTP, against the in-process simulator ----------------------------------


def http_client(sim):
    # Hundreds of examples against one simulator whose rate limit is off: ISC's pacing (test_ratelimit.py) would only slow them down.
    unpaced = RateLimiter(limit=10**9)
    return IscClient(sim.base_url, client_id=sim.client_id, client_secret=sim.client_secret, sleep=lambda s: None, rate_limiter=unpaced)


@HTTP
@given(task=policy_tasks())
def test_policy_properties_hold_through_http(simulator, task):
    existing, params = task
    simulator.reset()
    if existing is not None:
        seeded = simulator.seed({"policies": [policy_api(existing, None)]})["policies"][0]
        if params["id"] == "EXISTING":
            params["id"] = seeded["id"]
    client = http_client(simulator)
    since = simulator.journal()["last_seq"]

    def read_back(object_id):
        (obj,) = [p for p in simulator.state()["policies"] if p["id"] == object_id]
        return dict(state.from_api(POLICY_FIELDS, obj))

    check_policy_properties(client, existing, params, lambda: simulator.journal(since=since)["writes"], read_back)


@HTTP
@given(task=group_tasks())
def test_sync_group_properties_hold_through_http(simulator, task):
    groups, existing, params = task
    simulator.reset()
    simulator.seed({"policies": POLICY_POOL, "sync_groups": groups})
    client = http_client(simulator)
    since = simulator.journal()["last_seq"]

    def read_back(object_id):
        return SyncGroupReconciler(http_client(simulator)).read(object_id=object_id)[0]

    check_group_properties(client, existing, params, lambda: simulator.journal(since=since)["writes"], read_back)
