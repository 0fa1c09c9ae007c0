#!/usr/bin/env bash
# run.sh [--tenants N] COMMAND [ARG...]: run COMMAND where the integration tests run.
# - By default: against fresh local ISC simulators (one, or N with --tenants), started and stopped
#   around it by with-isc-simulator (the isc-simulator package, installed in the test environment).
# - Under `make test-live` (tests/integration/integration_config.yml present): against the live
#   tenant it names, with a unique name prefix, cleaning up every prefixed object afterwards.
set -eu
collection="${ANSIBLE_COLLECTIONS_PATH%%:*}/ansible_collections/sailpoint_community/isc"
tenants=1
if [ "${1:-}" = "--tenants" ]; then
  tenants=$2
  shift 2
fi
export ISC_RUN_READY=1
if [ -f ../../integration_config.yml ]; then
  exec python "${collection}/tools/live/with_live_tenant.py" ../../integration_config.yml -- "$@"
fi
# --quirks: the paging quirks of real tenants (400 at the end, short pages, no X-Total-Count) are on,
# so that every test proves the collection against them.
exec python -m isc_simulator.with_simulator --quirks --tenants "${tenants}" -- "$@"
