#!/usr/bin/env bash
# password_dictionary and password_dictionary_info against a fresh local ISC simulator. Never run
# against a live tenant (make test-live): a tenant has one dictionary, which the tests would replace.
set -eu
if [ -f ../../integration_config.yml ]; then
  echo "password_dictionary: skipped on a live tenant (it would replace the org's dictionary)"
  exit 0
fi
exec ../setup_isc/run.sh ansible-playbook -i "${INVENTORY_PATH}" -e output_dir="${OUTPUT_DIR}" runme.yml "$@"
