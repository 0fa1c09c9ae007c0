"""Run a command against a live ISC tenant (make test-live), then delete what the tests left there.

    python tools/with_live_tenant.py CONFIG -- CMD [ARG...]

CONFIG is the tests/integration/integration_config.yml that tools/test_live.py writes. CMD runs with
SAIL_BASE_URL, SAIL_CLIENT_ID and SAIL_CLIENT_SECRET pointing at the tenant, and ISC_TEST_PREFIX,
ISC_TEST_SOURCES and ISC_TEST_SOURCE_WITHOUT_PASSWORD for the test playbooks. Afterwards, also when
CMD fails or is interrupted, every password sync group and then every password policy whose name
starts with the prefix is deleted, with the collection's own API client. The exit code is CMD's.
"""

import importlib
import os
import subprocess
import sys
from pathlib import Path

import yaml

# tools/ is inside the collection: .../ansible_collections/sailpoint_community/isc/tools
sys.path.insert(0, str(Path(__file__).resolve().parents[4]))


def cleanup(config):
    # The collection is importable only once its parent folder is on sys.path (above).
    client = importlib.import_module("ansible_collections.sailpoint_community.isc.plugins.module_utils.client")
    resources = importlib.import_module("ansible_collections.sailpoint_community.isc.plugins.module_utils.resources")
    api = client.IscClient(config["base_url"], config["client_id"], config["client_secret"])
    prefix = config["prefix"]
    removed = []
    for collection in (resources.PasswordSyncGroups(api), resources.PasswordPolicies(api)):
        for obj in collection.list():
            if obj["name"].startswith(prefix) and not obj.get("defaultPolicy"):
                collection.delete(obj["id"])
                removed.append(obj["name"])
    print("with_live_tenant: removed %d test object(s) named %r..." % (len(removed), prefix), flush=True)


def main(argv):
    if len(argv) < 3 or argv[1] != "--":
        sys.exit(__doc__)
    with open(argv[0], encoding="utf-8") as handle:
        config = yaml.safe_load(handle)["isc_live"]
    env = dict(os.environ, SAIL_BASE_URL=config["base_url"], SAIL_CLIENT_ID=config["client_id"],
               SAIL_CLIENT_SECRET=config["client_secret"], ISC_TEST_PREFIX=config["prefix"],
               ISC_TEST_SOURCES=",".join(config["sources"]),
               ISC_TEST_SOURCE_WITHOUT_PASSWORD=config.get("source_without_password") or "")
    for name in ("ISC_SIM_URL", "ISC_SIM_URLS", "SAIL_ACCESS_TOKEN"):
        env.pop(name, None)
    try:
        return subprocess.call(argv[2:], env=env)
    except KeyboardInterrupt:
        return 130
    finally:
        cleanup(config)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
