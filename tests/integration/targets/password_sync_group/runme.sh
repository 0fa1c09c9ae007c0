#!/usr/bin/env bash
# password_sync_group and password_sync_group_info against a fresh local ISC simulator.
set -eu
exec ../setup_isc/run.sh ansible-playbook -i "${INVENTORY_PATH}" runme.yml "$@"
