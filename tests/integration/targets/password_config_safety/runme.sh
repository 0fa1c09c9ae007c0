#!/usr/bin/env bash
# The password_config role's safety: every way of asking for check mode writes nothing and reports an
# audit; the guards against a typo wiping a tenant refuse before any write; a conflict with the tenant is
# drift in an audit. Against a fresh local ISC simulator (it seeds stray objects: never on a live tenant).
set -euxo pipefail
if [ -f ../../integration_config.yml ]; then
  echo "password_config_safety: skipped on a live tenant (it seeds and deletes objects)"
  exit 0
fi
if [ -z "${ISC_RUN_READY:-}" ]; then
  exec ../setup_isc/run.sh "$0" "$@"
fi
play() { ansible-playbook -i "${INVENTORY_PATH}" -e output_dir="${OUTPUT_DIR}" "$@"; }

ANSIBLE_SHOW_CUSTOM_STATS=true play check_cli.yml --check "$@" | tee "${OUTPUT_DIR}/check_cli.log"  # --check
grep -F '"would create": 2' "${OUTPUT_DIR}/check_cli.log"  # the set_stats totals of an audit
play check_mode.yml "$@"  # the check_mode keyword on a play, a block, a role, include_role, import_role; password_config_audit
play guards.yml "$@"      # misspelt variables, wrong types, empty lists in exclusive mode, the deletion limit, two items for one object
play conflict.yml "$@"    # a sync group renamed by hand: drift in an audit, refused by a real run
