#!/usr/bin/env bash
# password_org_config and password_org_config_info against a fresh local ISC simulator. Never run
# against a live tenant (make test-live): a tenant has one set of these settings.
set -eu
if [ -f ../../integration_config.yml ]; then
  echo "password_org_config: skipped on a live tenant (it would change the org's settings)"
  exit 0
fi
exec ../setup_isc/run.sh ansible-playbook -i "${INVENTORY_PATH}" runme.yml "$@"
