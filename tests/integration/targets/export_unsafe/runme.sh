#!/usr/bin/env bash
# Tenant values are never templated: tenant A holds Jinja templates in names, descriptions, a source
# and a dictionary word (vars/hostile.yml); the export writes them so that applying the file to A and
# to the fresh tenant B, in check mode and for real, never runs them (no marker file appears), B gets
# them as text, and a re-run changes nothing. Simulator only: it seeds the tenants and uses a second one.
set -euxo pipefail
if [ -f ../../integration_config.yml ]; then
  echo "export_unsafe: skipped on a live tenant (it seeds the simulator and needs a second tenant)"
  exit 0
fi
if [ -z "${ISC_RUN_READY:-}" ]; then
  exec ../setup_isc/run.sh --tenants 2 "$0" "$@"
fi
# A short folder of its own: the markers' paths are part of names, which ISC limits to 128 characters.
markers=$(mktemp -d /tmp/isc-markers.XXXXXX)
trap 'rm -rf "${markers}"' EXIT
play() { ansible-playbook -i "${INVENTORY_PATH}" -e output_dir="${OUTPUT_DIR}" -e marker_dir="${markers}" "$@"; }
no_marker() {
  if [ -n "$(ls -A "${markers}")" ]; then
    echo "a template from the tenant ran on the controller ($1): $(ls "${markers}")" >&2
    exit 1
  fi
}
# apply.yml, then the markers, also when the run failed (a templated value breaks the inputs' rules).
apply() {
  local rc=0
  play apply.yml "$@" || rc=$?
  no_marker "apply.yml $*"
  return "${rc}"
}

play seed.yml "$@"
ansible-playbook -i "${INVENTORY_PATH}" sailpoint_community.isc.export -e export_file="${OUTPUT_DIR}/export.yml" "$@"
no_marker export

apply -e tenant=0 -e run=a-check --check "$@"  # the round trip: an audit of A, then a run, change nothing
apply -e tenant=0 -e run=a -e expected_writes=0 "$@"
apply -e tenant=1 -e run=b-check --check "$@"
# Two policies created, the default policy updated, the sync group created, the dictionary uploaded.
apply -e tenant=1 -e run=b -e expected_writes=5 "$@"
apply -e tenant=1 -e run=b-again -e expected_writes=0 "$@" | tee "${OUTPUT_DIR}/again.log"
grep -E "localhost +: ok=[0-9]+ +changed=0 +unreachable=0 +failed=0" "${OUTPUT_DIR}/again.log"
play tenant_b.yml "$@"
no_marker "the filters' output of registered results, in facts"
# The file says which values are literal.
grep -F "name: !unsafe 'Evil {{ lookup(''ansible.builtin.pipe''" "${OUTPUT_DIR}/export.yml"
