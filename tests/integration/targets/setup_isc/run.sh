#!/usr/bin/env bash
# Run a target's playbook against a fresh local ISC simulator (started and stopped around it).
# ansible-test points ANSIBLE_COLLECTIONS_PATH at the collection under test, which ships the simulator.
set -eu
collection="${ANSIBLE_COLLECTIONS_PATH%%:*}/ansible_collections/sailpoint_community/isc"
exec python "${collection}/tools/with_simulator.py" -- ansible-playbook -i "${INVENTORY_PATH}" "$@"
