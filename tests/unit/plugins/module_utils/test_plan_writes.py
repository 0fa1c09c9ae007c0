"""The plan runs on the tenant in memory: it sends no request, and its steps' writes are what the modules send."""

import pytest

from ansible_collections.sailpoint_community.isc.plugins.module_utils import kinds, resources, state
from ansible_collections.sailpoint_community.isc.plugins.module_utils.client import IscClient
from ansible_collections.sailpoint_community.isc.plugins.module_utils.errors import ApiError
from ansible_collections.sailpoint_community.isc.plugins.module_utils.memory import InMemoryTenant
from ansible_collections.sailpoint_community.isc.plugins.module_utils.plan import KINDS, plan
from ansible_collections.sailpoint_community.isc.plugins.module_utils.policy import PolicyReconciler
from ansible_collections.sailpoint_community.isc.plugins.module_utils.sync_group import SyncGroupReconciler

POLICY_INPUTS = [
    {"name": "Corp", "min_length": 12},  # an update
    {"name": "New", "min_length": 10, "sources": ["Okta"]},  # a create
    {"name": "Old", "state": "absent"},  # a delete, once the group that uses it is gone
]
GROUP_INPUTS = [
    # Takes GitHub from A, so it waits for A (round 2), and uses the policy the same run creates.
    {"name": "B", "password_policy": "New", "sources": ["GitHub", "LDAP"]},
    {"name": "A", "password_policy": "Corp", "sources": ["Active Directory", "Salesforce"]},  # gives GitHub up
    {"name": "Stray", "state": "absent"},  # its policy (Old) goes to its sources
]


def seed(simulator):
    """The simulator's default tenant plus two policies and two groups; the tenant as the role reads it."""
    simulator.reset()
    source_ids = dict((source["name"], source["id"]) for source in simulator.state()["sources"])
    corp, old = simulator.seed({"policies": [{"name": "Corp", "minLength": 8}, {"name": "Old", "sourceIds": [source_ids["Workday"]]}]})["policies"]
    simulator.seed(
        {
            "sync_groups": [
                {"name": "A", "passwordPolicyId": corp["id"], "sourceIds": [source_ids[name] for name in ("Active Directory", "GitHub", "Salesforce")]},
                {"name": "Stray", "passwordPolicyId": old["id"], "sourceIds": [source_ids["ServiceNow"], source_ids['R&D "EU" #1']]},
            ]
        }
    )
    client = http_client(simulator)
    return {
        "policies": PolicyReconciler(client).read(resolve_names=False),
        "sync_groups": SyncGroupReconciler(client).read(resolve_names=False),
        "sources": simulator.state()["sources"],
    }


def http_client(sim):
    return IscClient(sim.base_url, client_id=sim.client_id, client_secret=sim.client_secret, sleep=lambda _s: None)


class Recording:
    """A collection that records each write, as {"op", "kind", "id", "body"}, before passing it on."""

    def __init__(self, collection, kind, writes):
        self.collection, self.kind, self.writes = collection, kind, writes
        self.noun = collection.noun

    def __getattr__(self, name):  # list, get, find_by_name: reads go straight through
        return getattr(self.collection, name)

    def create(self, body):
        created = self.collection.create(body)
        self.writes.append({"op": "create", "kind": self.kind.name, "id": created["id"], "body": dict(body)})
        return created

    def update(self, object_id, body):
        self.writes.append({"op": "update", "kind": self.kind.name, "id": object_id, "body": dict(body)})
        return self.collection.update(object_id, body)

    def delete(self, object_id):
        self.writes.append({"op": "delete", "kind": self.kind.name, "id": object_id, "body": None})
        return self.collection.delete(object_id)


class RecordingTenant:
    """The HTTP tenant of a client, whose policies and sync groups record their writes."""

    def __init__(self, client, writes):
        http = resources.Tenant(client)
        self.policies = Recording(http.policies, kinds.POLICY, writes)
        self.sync_groups = Recording(http.sync_groups, kinds.SYNC_GROUP, writes)
        self.sources = http.sources


def module_params(kind, args):
    """What AnsibleModule hands the module's reconciler for these arguments (every option, None when unset)."""
    params = dict.fromkeys(KINDS[kind][1]())
    params.update(args)
    return params


def test_plan_sends_no_request(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the plan sent a request")

    for method in ("request", "get", "post", "put", "delete", "get_text", "list_all", "_send"):
        monkeypatch.setattr(IscClient, method, refuse)
    monkeypatch.setattr(resources.Resource, "__init__", refuse)  # not even an HTTP collection is made
    sources = [{"id": "s%d" % n, "name": name, "features": ["PASSWORD"]} for n, name in enumerate(["AD", "GitHub", "LDAP", "Okta", "ServiceNow"])]
    tenant = {
        "policies": [
            dict(state.defaults(kinds.POLICY.fields), id="d" * 32, name="Default", default_policy=True),
            dict(state.defaults(kinds.POLICY.fields), id="c" * 32, name="Corp", default_policy=False),
            dict(state.defaults(kinds.POLICY.fields), id="o" * 32, name="Old", default_policy=False),
        ],
        "sync_groups": [
            {"id": "g1", "name": "A", "password_policy_id": "c" * 32, "source_ids": ["s0", "s1", "s2"]},
            {"id": "g2", "name": "Stray", "password_policy_id": "o" * 32, "source_ids": ["s3", "s4"]},
        ],
        "sources": sources,
    }
    result = plan(
        tenant,
        policies=[{"name": "Corp", "min_length": 12}, {"name": "New", "sources": ["Okta"]}, {"name": "Old", "state": "absent"}],
        sync_groups=[{"name": "B", "password_policy": "New", "sources": ["GitHub", "ServiceNow"]}, {"name": "A", "sources": ["AD", "LDAP"]}],
        exclusive=True,
    )
    assert result["errors"] == []
    assert [(step["name"], step["action"], step["round"]) for step in result["steps"]] == [
        ("Stray", "delete", 1),
        ("Corp", "update", 1),
        ("New", "create", 1),
        ("A", "update", 1),
        ("B", "create", 2),
        ("Old", "delete", 1),
        ("Default", "none", 1),
    ]
    assert sum(len(step["writes"]) for step in result["steps"]) == 6


def test_steps_writes_are_what_the_modules_send(simulator):
    tenant = seed(simulator)
    result = plan(tenant, policies=POLICY_INPUTS, sync_groups=GROUP_INPUTS)
    assert result["errors"] == []
    assert [(step["kind"], step["name"], step["action"], step["round"]) for step in result["steps"]] == [
        ("password_sync_group", "Stray", "delete", 1),
        ("password_policy", "Corp", "update", 1),
        ("password_policy", "New", "create", 1),
        ("password_sync_group", "A", "update", 1),
        ("password_sync_group", "B", "create", 2),
        ("password_policy", "Old", "delete", 1),
    ]

    # Apply each step as the role does: the module's reconciler, given the step's arguments, over HTTP.
    client = http_client(simulator)
    real_ids = {}  # the plan's placeholder id of each object it creates -> the id ISC gave it
    for step in result["steps"]:
        sent = []
        reconciler = KINDS[step["kind"]][0](RecordingTenant(client, sent))
        assert reconciler.run(module_params(step["kind"], step["args"]))["changed"] is True
        assert [(write["op"], write["kind"]) for write in sent] == [(write["op"], write["kind"]) for write in step["writes"]]
        for planned, real in zip(step["writes"], sent):
            if planned["op"] == "create":
                real_ids[planned["id"]] = real["id"]
            assert real_ids.get(planned["id"], planned["id"]) == real["id"]
            if planned["body"] is None:
                assert real["body"] is None
                continue
            body = dict((key, real_ids.get(value, value) if key == "passwordPolicyId" else value) for key, value in planned["body"].items())
            # Every field the plan sends is sent alike; an update also sends back the tenant's read-only
            # fields (dateCreated...), which the plan's tenant (the _info items) does not hold.
            assert body == dict((key, real["body"][key]) for key in body)
            writable = [field.api for field in kinds.KINDS[step["kind"]].fields]
            assert set(writable) <= set(body)
    assert len(real_ids) == 2  # New and B were created, and their ids followed into later writes


def test_in_memory_writes_follow_isc_rules():
    tenant = InMemoryTenant(
        policies=[{"id": "p1", "name": "P", "sourceIds": ["s1"]}],
        sync_groups=[{"id": "g1", "name": "G", "passwordPolicyId": "p1", "sourceIds": ["s2", "s3"]}],
        sources=[{"id": "s%d" % n, "name": "S%d" % n} for n in (1, 2, 3)],
    )
    with pytest.raises(ApiError, match="HTTP 400.*password policy nope"):
        tenant.sync_groups.create({"name": "H", "passwordPolicyId": "nope", "sourceIds": ["s2", "s9"]})
    with pytest.raises(ApiError, match="HTTP 400.*s9"):
        tenant.policies.update("p1", {"name": "P", "sourceIds": ["s9"]})
    assert tenant.writes == []
    tenant.sync_groups.delete("g1")  # ISC assigns the deleted group's policy to its sources
    assert tenant.policies.get("p1")["sourceIds"] == ["s1", "s2", "s3"]
    created = tenant.policies.create({"name": "Q"})
    assert tenant.writes == [
        {"op": "delete", "kind": "password_sync_group", "id": "g1", "body": None},
        {"op": "create", "kind": "password_policy", "id": created["id"], "body": {"name": "Q"}},
    ]
    created["name"] = "changed by the caller"
    assert tenant.policies.get(created["id"])["name"] == "Q" and tenant.writes[1]["body"] == {"name": "Q"}
