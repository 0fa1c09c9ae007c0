#!/usr/bin/env bash
# run.sh [--tenants N] COMMAND [ARG...]: run COMMAND against fresh local ISC simulators (one by default),
# started and stopped around it. ansible-test points ANSIBLE_COLLECTIONS_PATH at the collection under
# test, which ships the simulator.
set -eu
collection="${ANSIBLE_COLLECTIONS_PATH%%:*}/ansible_collections/sailpoint_community/isc"
tenants=1
if [ "${1:-}" = "--tenants" ]; then
  tenants=$2
  shift 2
fi
exec python "${collection}/tools/with_simulator.py" --tenants "${tenants}" -- "$@"
