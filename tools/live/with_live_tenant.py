"""Run a command against a live ISC tenant (make test-live), then delete what the tests left there.

    python tools/live/with_live_tenant.py CONFIG -- CMD [ARG...]

CONFIG is the tests/integration/integration_config.yml that tools/live/test_live.py writes. CMD runs with
SAIL_BASE_URL, SAIL_CLIENT_ID and SAIL_CLIENT_SECRET pointing at the tenant, and ISC_TEST_PREFIX,
ISC_TEST_SOURCES and ISC_TEST_SOURCE_WITHOUT_PASSWORD for the test playbooks. Afterwards, also when
CMD fails or is interrupted, every password sync group and then every password policy whose name
starts with the prefix is deleted, by cleanup.yml with the collection's own modules. The exit code is CMD's.
"""

import os
import subprocess
import sys

import yaml

CLEANUP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cleanup.yml")


def cleanup(env):
    """Delete the run's objects with the collection's own modules (cleanup.yml), groups before policies."""
    print("with_live_tenant: removing the test objects named %r..." % env["ISC_TEST_PREFIX"], flush=True)
    subprocess.call(["ansible-playbook", "-i", "localhost,", CLEANUP], env=env)


def main(argv):
    if len(argv) < 3 or argv[1] != "--":
        sys.exit(__doc__)
    with open(argv[0], encoding="utf-8") as handle:
        config = yaml.safe_load(handle)["isc_live"]
    env = dict(
        os.environ,
        SAIL_BASE_URL=config["base_url"],
        SAIL_CLIENT_ID=config["client_id"],
        SAIL_CLIENT_SECRET=config["client_secret"],
        ISC_TEST_PREFIX=config["prefix"],
        ISC_TEST_SOURCES=",".join(config["sources"]),
        ISC_TEST_SOURCE_WITHOUT_PASSWORD=config.get("source_without_password") or "",
    )
    for name in ("ISC_SIM_URL", "ISC_SIM_URLS", "SAIL_ACCESS_TOKEN"):
        env.pop(name, None)
    try:
        return subprocess.call(argv[2:], env=env)
    except KeyboardInterrupt:
        return 130
    finally:
        cleanup(env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
