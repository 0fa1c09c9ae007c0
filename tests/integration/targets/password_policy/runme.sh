#!/usr/bin/env bash
# password_policy and password_policy_info against a fresh local ISC simulator.
set -eu
exec ../setup_isc/run.sh ansible-playbook -i "${INVENTORY_PATH}" runme.yml "$@"
