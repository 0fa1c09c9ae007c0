"""make bench: the password_config role on a synthetic tenant, with ISC's real rate limit on.

    python tools/bench/bench.py [--policies 100] [--groups 50] [--sources 300] [--seed 42] [--out DIR]

Seeds a local ISC simulator (100 requests per 10 s per client, 749 s tokens) and runs the role
through four phases: initial converge, steady state, check-mode audit, and converge after 10 %
drift made behind the role's back. For each it measures the wall time, the module invocations and
their peak memory (through tools/bench/module-python.sh), and, from the simulator's journal, the
API requests by method and endpoint, token requests, 429 answers and the time they cost. A floor
is timed in the same run: one ansible.builtin.ping per managed object in a loop, Ansible's own
cost of a per-object loop on this machine, before and after the phases (the mean is used). Prints a table and the budget, and writes bench.json
and bench.md to --out. Run it from the collection mirror (make bench does).
"""

import argparse
import datetime
import json
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter

import requests
from isc_simulator import Simulator, load_seed

HERE = os.path.dirname(os.path.abspath(__file__))

# The ansible-playbook of the Python running this (the project's .venv), else the one on PATH.
ANSIBLE_PLAYBOOK = next((path for path in [os.path.join(os.path.dirname(sys.executable), "ansible-playbook")] if os.path.exists(path)), "ansible-playbook")
DRIFT_CLIENT = ("bench-drift-client", "bench-drift-secret")  # its own rate-limit bucket, left out of the counts
WRITE_METHODS = ("POST", "PUT", "DELETE")
ID_IN_PATH = re.compile(r"/(?:[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$")
BUDGET = {  # phase: (max requests per managed object, max wall time as a multiple of the floor, writes allowed)
    "initial converge": (2.5, 1.5, True),
    "steady state": (1.5, 1.3, False),
    "check-mode audit": (1.5, 1.3, False),
}


def synthetic_tenant(rng, n_policies, n_groups, n_sources):
    """(simulator seed, role variables): sources, then policies and groups that use them."""
    # The default seed's default policy governs seed sources this synthetic tenant does not have: copy it without them.
    default_policy = dict(load_seed(None)["policies"][0], sourceIds=[])
    sources = []
    for number in range(1, n_sources + 1):
        features = ["PROVISIONING", "PASSWORD"] if rng.random() < 0.8 else ["PROVISIONING"]
        sources.append(
            {
                "id": "%032x" % rng.getrandbits(128),
                "name": "Bench source %03d" % number,
                "type": rng.choice(["Active Directory - Direct", "LDAP", "Web Services"]),
                "connector": "bench",
                "connectorName": "Bench",
                "features": features,
            }
        )
    password_sources = [source["name"] for source in sources if "PASSWORD" in source["features"]]
    rng.shuffle(password_sources)
    sizes = [rng.randint(2, 4) for _group in range(n_groups)]
    if sum(sizes) > len(password_sources):
        raise SystemExit("bench: %d sync groups need %d password sources; give more --sources" % (n_groups, sum(sizes)))
    in_groups, spare = password_sources[: sum(sizes)], password_sources[sum(sizes) :]

    policies = []
    for number in range(1, n_policies + 1):
        minimums = dict((option, rng.randint(0, 2)) for option in ("min_upper", "min_lower", "min_numeric", "min_special"))
        min_length = rng.randint(max(8, sum(minimums.values())), 20)
        item = dict(
            name="Bench policy %03d" % number,
            min_length=min_length,
            max_length=rng.choice([0, min_length + rng.randint(0, 44)]),
            expiration_enabled=rng.random() < 0.5,
            expiration_days=rng.choice([30, 60, 90, 180]),
            use_dictionary=rng.random() < 0.3,
            **minimums,
        )
        if spare and rng.random() < 0.3:
            item["sources"] = [spare.pop() for _source in range(min(len(spare), rng.randint(1, 2)))]
        policies.append(item)
    groups, start = [], 0
    for number, size in enumerate(sizes, 1):
        groups.append({"name": "Bench group %03d" % number, "password_policy": rng.choice(policies)["name"], "sources": in_groups[start : start + size]})
        start += size
    seed = {"policies": [default_policy], "sources": sources}
    return seed, {"password_config_policies": policies, "password_config_sync_groups": groups}


def drift(sim, rng, share):
    """Change a share of the policies and groups behind the role's back, through the API."""
    api = requests.Session()
    token = api.post(
        sim.base_url + "/oauth/token", timeout=30, data={"grant_type": "client_credentials", "client_id": DRIFT_CLIENT[0], "client_secret": DRIFT_CLIENT[1]}
    )
    api.headers["Authorization"] = "Bearer " + token.json()["access_token"]
    state = sim.state()
    policies = [policy for policy in state["policies"] if not policy.get("defaultPolicy")]
    changed = []
    for policy in rng.sample(policies, max(1, round(len(policies) * share))):
        policy["minLength"] = policy["minLength"] + 1 if policy["maxLength"] == 0 else max(0, policy["minLength"] - 1)
        policy["useDictionary"] = not policy["useDictionary"]
        api.put("%s/v3/password-policies/%s" % (sim.base_url, policy["id"]), json=policy, timeout=30).raise_for_status()
        changed.append(policy["name"])
    groups = state["sync_groups"]
    for group in rng.sample(groups, max(1, round(len(groups) * share))):
        group["passwordPolicyId"] = rng.choice([p["id"] for p in policies if p["id"] != group["passwordPolicyId"]])
        api.put("%s/v3/password-sync-groups/%s" % (sim.base_url, group["id"]), json=group, timeout=30).raise_for_status()
        changed.append(group["name"])
    return changed


class Runner:
    """Runs playbooks against the simulator and measures each run."""

    def __init__(self, sim, workdir, objects):
        self.sim = sim
        self.objects = objects
        self.module_log = os.path.join(workdir, "modules.log")
        self.inventory = os.path.join(workdir, "inventory.ini")
        with open(self.inventory, "w", encoding="utf-8") as handle:
            handle.write("localhost ansible_connection=local ansible_python_interpreter=%s\n" % os.path.join(HERE, "module-python.sh"))
        self.env = dict(
            os.environ,
            SAIL_BASE_URL=sim.base_url,
            SAIL_CLIENT_ID=sim.client_id,
            SAIL_CLIENT_SECRET=sim.client_secret,
            BENCH_MODULE_LOG=self.module_log,
            BENCH_PYTHON=sys.executable,
            ANSIBLE_NOCOLOR="1",
            ANSIBLE_REMOTE_TMP=os.path.join(workdir, "tmp"),
        )
        self.env.pop("SAIL_ACCESS_TOKEN", None)
        open(self.module_log, "w", encoding="utf-8").close()

    def run(self, name, playbook, *extra):
        mark = self.sim.journal(since=10**12)["last_seq"]
        with open(self.module_log, encoding="utf-8") as handle:
            logged = len(handle.readlines())
        started = time.monotonic()
        completed = subprocess.run(
            [ANSIBLE_PLAYBOOK, "-i", self.inventory, os.path.join(HERE, playbook)] + list(extra), env=self.env, capture_output=True, text=True, check=False
        )
        wall = time.monotonic() - started
        if completed.returncode:
            sys.stderr.write(completed.stdout[-4000:] + completed.stderr[-2000:])
            raise SystemExit("bench: the %s phase failed (ansible-playbook exit %d)" % (name, completed.returncode))
        with open(self.module_log, encoding="utf-8") as handle:
            modules = [line.split() for line in handle.readlines()[logged:] if line.strip()]
        journal = [entry for entry in self.sim.journal(since=mark)["requests"] if entry["client_id"] != DRIFT_CLIENT[0]]
        return measure(name, wall, modules, journal, self.objects)


def measure(name, wall, modules, journal, objects):
    by_endpoint = Counter("%s %s" % (entry["method"], ID_IN_PATH.sub("/{id}", entry["path"])) for entry in journal)
    limited = [entry for entry in journal if entry["status"] == 429]
    return {
        "phase": name,
        "wall_s": round(wall, 2),
        "module_invocations": len(modules),
        "modules": dict(Counter(re.sub(r"^AnsiballZ_|\.py$", "", module) for module, _kb, _seconds in modules)),
        # Time spent inside module processes; the rest of the wall time is the controller's.
        "module_s": round(sum(float(seconds) for _module, _kb, seconds in modules), 1),
        "peak_module_mb": round(max([int(kb) for _module, kb, _seconds in modules] or [0]) / 1024.0, 1),
        "requests": len(journal),
        "requests_per_object": round(len(journal) / float(objects), 2),
        "token_requests": by_endpoint.get("POST /oauth/token", 0),
        "writes": sum(1 for entry in journal if entry["method"] in WRITE_METHODS and entry["path"].startswith("/v3/")),
        "rate_limited": len(limited),
        "rate_limit_wait_s": sum(max(entry["retry_after"] or 0, 0.5) for entry in limited),
        "by_endpoint": dict(sorted(by_endpoint.items())),
    }


def machine():
    model = "unknown"
    if os.path.exists("/proc/cpuinfo"):
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            model = next((line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), model)
    from ansible.release import __version__ as ansible_version  # pylint: disable=import-outside-toplevel

    return {"cpu": model, "cores": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version(), "ansible_core": ansible_version}


def budget_lines(phases, floor):
    lines = []
    for phase in phases:
        if phase["phase"] not in BUDGET:
            continue
        max_requests, max_ratio, writes_allowed = BUDGET[phase["phase"]]
        checks = [
            ("requests per object %.2f <= %s" % (phase["requests_per_object"], max_requests), phase["requests_per_object"] <= max_requests),
            ("wall time %.2fx floor <= %sx" % (phase["wall_s"] / floor["wall_s"], max_ratio), phase["wall_s"] / floor["wall_s"] <= max_ratio),
            ("token requests %d <= 1" % phase["token_requests"], phase["token_requests"] <= 1),
        ]
        if not writes_allowed:
            checks += [("writes %d == 0" % phase["writes"], phase["writes"] == 0), ("429 answers %d == 0" % phase["rate_limited"], phase["rate_limited"] == 0)]
        for text, ok in checks:
            lines.append("%s  %-17s %s" % ("PASS" if ok else "MISS", phase["phase"], text))
    return lines


def table(phases, floor):
    rows = [
        "| Phase | Wall s | × floor | Modules | In modules s | Requests | Req/object | Tokens | Writes | 429s | Waited s | Peak MB |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for phase in phases + [floor]:
        rows.append(
            "| %s | %.1f | %.2f | %d | %.1f | %d | %.2f | %d | %d | %d | %.1f | %.1f |"
            % (
                phase["phase"],
                phase["wall_s"],
                phase["wall_s"] / floor["wall_s"],
                phase["module_invocations"],
                phase["module_s"],
                phase["requests"],
                phase["requests_per_object"],
                phase["token_requests"],
                phase["writes"],
                phase["rate_limited"],
                phase["rate_limit_wait_s"],
                phase["peak_module_mb"],
            )
        )
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--policies", type=int, default=100)
    parser.add_argument("--groups", type=int, default=50)
    parser.add_argument("--sources", type=int, default=300)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--drift", type=float, default=0.1, help="share of objects changed for the drift phase")
    parser.add_argument("--out", default="bench-results")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    seed, role_vars = synthetic_tenant(rng, args.policies, args.groups, args.sources)
    objects = args.policies + args.groups
    os.makedirs(args.out, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="isc-bench-") as workdir, Simulator(port=0, seed=seed, rate_limit=100, rate_window=10) as sim:
        sim.add_client(*DRIFT_CLIENT)
        vars_file = os.path.join(workdir, "tenant.json")
        with open(vars_file, "w", encoding="utf-8") as handle:
            json.dump(role_vars, handle)
        runner = Runner(sim, workdir, objects)
        role = ("converge.yml", "-e", "bench_vars=" + vars_file)
        print(
            "bench: %d policies, %d sync groups, %d sources (seed %d), rate limit 100 per 10 s" % (args.policies, args.groups, args.sources, args.seed),
            flush=True,
        )
        # The floor is timed before and after the phases and averaged: on a shared machine the
        # speed drifts over minutes, and a phase is compared with the floor of its own time.
        floor_command = ("floor (ping loop)", "floor.yml", "-e", "bench_objects=%d" % objects)
        floors = [runner.run(*floor_command)]
        print("bench: %-18s %6.1f s (%d pings)" % ("floor, before", floors[0]["wall_s"], objects), flush=True)
        phases = []
        for name, extra in (("initial converge", ()), ("steady state", ()), ("check-mode audit", ("--check",))):
            phases.append(runner.run(name, *(role + extra)))
            print("bench: %-18s %6.1f s" % (name, phases[-1]["wall_s"]), flush=True)
        drifted = drift(sim, rng, args.drift)
        phases.append(runner.run("10 % drift", *role))
        phases[-1]["drifted_objects"] = len(drifted)
        print("bench: %-18s %6.1f s (%d objects drifted)" % ("10 % drift", phases[-1]["wall_s"], len(drifted)), flush=True)
        floors.append(runner.run(*floor_command))
        print("bench: %-18s %6.1f s (%d pings)" % ("floor, after", floors[1]["wall_s"], objects), flush=True)
        floor = dict(
            floors[0],
            wall_s=round(sum(run["wall_s"] for run in floors) / 2, 2),
            module_s=round(sum(run["module_s"] for run in floors) / 2, 1),
            runs_wall_s=[run["wall_s"] for run in floors],
        )

    result = {
        "generated": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "machine": machine(),
        "size": {"policies": args.policies, "sync_groups": args.groups, "sources": args.sources, "seed": args.seed},
        "phases": phases,
        "floor": floor,
        "budget": budget_lines(phases, floor),
    }
    rows = table(phases, floor)
    with open(os.path.join(args.out, "bench.json"), "w", encoding="utf-8") as handle:
        json.dump(result, handle, indent=2)
    with open(os.path.join(args.out, "bench.md"), "w", encoding="utf-8") as handle:
        handle.write("\n".join(rows) + "\n")
    print()
    print("\n".join(rows))
    print("\nRequests by endpoint:")
    for phase in phases:
        print("  %-18s %s" % (phase["phase"], ", ".join("%s: %d" % item for item in phase["by_endpoint"].items())))
    print("\nBudget:")
    print("\n".join("  " + line for line in result["budget"]))
    print("\nMachine: %(cpu)s, %(cores)s cores, Python %(python)s, ansible-core %(ansible_core)s" % result["machine"])
    print("Written: %s/bench.json and bench.md" % args.out)


if __name__ == "__main__":
    main()
