"""make test-live: the integration tests against a real ISC tenant instead of the simulator.

Needs, in the environment:
  SAIL_BASE_URL, SAIL_CLIENT_ID, SAIL_CLIENT_SECRET  a sandbox tenant and a PAT of an ORG_ADMIN user
  ISC_TEST_SOURCES                                   six or more comma-separated names of sources that
                                                     support password management and are in no sync group
Optional:
  ISC_TEST_SOURCE_WITHOUT_PASSWORD                   a source without password management (else those
                                                     cases are skipped)
  ISC_TEST_PREFIX                                    name prefix of the test objects (default: unique per run)
  ISC_TEST_API_VERSIONS                              the API versions to run every target on, one after the
                                                     other (default "v3 v1"; "v1" for one)

The tests create, change and delete policies and sync groups named with the prefix, assign those
policies to the listed sources, and delete every prefixed object at the end, also on failure. They
never touch the default policy or objects without the prefix, and skip what only the simulator can
do (its journal, seeding, faults, a second tenant, exclusive mode).
"""

import json
import os
import secrets
import subprocess
import sys
import time

REQUIRED = ("SAIL_BASE_URL", "SAIL_CLIENT_ID", "SAIL_CLIENT_SECRET", "ISC_TEST_SOURCES")
LIVE_TARGETS = ("source_info", "password_policy", "password_sync_group", "password_config")
CONFIG = os.path.join("tests", "integration", "integration_config.yml")
VERSIONS_FILE = os.path.join("tests", "integration", "targets", "setup_isc", "api_versions.txt")


def main():
    missing = [name for name in REQUIRED if not os.environ.get(name)]
    if missing:
        sys.exit("make test-live needs %s in the environment.\n\n%s" % (", ".join(missing), __doc__))
    sources = [name.strip() for name in os.environ["ISC_TEST_SOURCES"].split(",") if name.strip()]
    if len(sources) < 6:
        sys.exit("ISC_TEST_SOURCES names %d source(s); the sync group tests need six or more." % len(sources))
    prefix = os.environ.get("ISC_TEST_PREFIX") or "itest-%s-%s " % (time.strftime("%Y%m%d%H%M%S"), secrets.token_hex(3))
    settings = {
        "isc_live": {
            "base_url": os.environ["SAIL_BASE_URL"],
            "client_id": os.environ["SAIL_CLIENT_ID"],
            "client_secret": os.environ["SAIL_CLIENT_SECRET"],
            "prefix": prefix,
            "sources": sources,
            "source_without_password": os.environ.get("ISC_TEST_SOURCE_WITHOUT_PASSWORD", ""),
        }
    }
    # ansible-test passes no environment to the tests; this file (read by setup_isc/run.sh) carries
    # the settings. It holds the secret, so only the owner may read it, and it is removed afterwards.
    descriptor = os.open(CONFIG, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump(settings, handle)  # JSON is YAML
    # The versions, for setup_isc/api_versions.py (no environment reaches the targets either).
    versions = os.environ.get("ISC_TEST_API_VERSIONS") or "v3 v1"
    with open(VERSIONS_FILE, "w", encoding="utf-8") as handle:
        handle.write(versions + "\n")
    print("test-live: %s, API %s, objects named %r..." % (os.environ["SAIL_BASE_URL"], versions, prefix), flush=True)
    try:
        return subprocess.call(["ansible-test", "integration", "--local", "--python", "3.11", "--color", "no"] + list(LIVE_TARGETS) + sys.argv[1:])
    finally:
        os.remove(CONFIG)
        os.remove(VERSIONS_FILE)


if __name__ == "__main__":
    sys.exit(main())
