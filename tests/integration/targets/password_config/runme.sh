#!/usr/bin/env bash
# The password_config role, the export playbook and several tenants, against two fresh local ISC
# simulators: tenant A (SAIL_BASE_URL) and tenant B. Each step is its own ansible-playbook run, so
# that check mode comes from --check, as users run it.
set -euxo pipefail
if [ -z "${ISC_RUN_READY:-}" ]; then
  exec ../setup_isc/run.sh --tenants 2 "$0" "$@"
fi
play() { ansible-playbook -i "${INVENTORY_PATH}" -e output_dir="${OUTPUT_DIR}" "$@"; }
# The API version through the role's variable instead of SAIL_API_VERSION: were it lost on the way to a
# module, that module would speak v3, which run.sh's journal check refuses in the v1 run.
play_role_var() { env -u SAIL_API_VERSION ansible-playbook -i "${INVENTORY_PATH}" -e output_dir="${OUTPUT_DIR}" -e password_config_api_version="${ISC_TEST_API_VERSION}" "$@"; }
live=""
if [ -f ../../integration_config.yml ]; then
  live=yes  # make test-live: what needs the simulator (exclusive mode, a second tenant) is skipped
fi

play_role_var converge.yml "$@"  # from empty, then again: nothing to change, no write, one token per run
play again.yml "$@" | tee "${OUTPUT_DIR}/again.log"
grep -E "localhost +: ok=[0-9]+ +changed=0 +unreachable=0 +failed=0" "${OUTPUT_DIR}/again.log"
play drift.yml "$@"          # change a policy and a group behind the role's back
play_role_var audit.yml --check "$@"  # writes nothing; the report lists exactly that drift; fail-on-drift
play audit_switch.yml "$@"   # password_config_audit: the same audit without --check
[ -n "${live}" ] || play exclusive.yml "$@"  # objects the inputs do not list are deleted, never the default policy
# A relative export_file lands in the current folder, and the message gives its full path.
(cd "${OUTPUT_DIR}" && ansible-playbook -i "${INVENTORY_PATH}" sailpoint_community.isc.export -e export_file=exported.yml "$@") \
  | tee "${OUTPUT_DIR}/export.log"
grep -F "written to $(realpath "${OUTPUT_DIR}")/exported.yml" "${OUTPUT_DIR}/export.log"
play roundtrip.yml "$@"      # the export changes nothing on A and reproduces A on the fresh tenant B
play bad_input.yml "$@"      # wrong types, unknown keys, missing names fail before any request
[ -n "${live}" ] || ansible-playbook -i tenants.yml -e output_dir="${OUTPUT_DIR}" --forks 2 many_tenants.yml "$@"
if [ -z "${live}" ]; then  # a tenant has one org config and one dictionary: never on a live tenant
  play dictionary_warning.yml "$@"  # no dictionary yet: a policy using it gets a warning in the audit
  play settings.yml "$@"   # org password settings and dictionary: apply, again, drift, audit, bad input
  ansible-playbook -i "${INVENTORY_PATH}" sailpoint_community.isc.export -e export_file="${OUTPUT_DIR}/exported-settings.yml" "$@"
  play settings_export.yml "$@"   # the export carries them; it changes nothing on A and reproduces them on B
fi
