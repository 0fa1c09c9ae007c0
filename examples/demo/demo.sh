#!/usr/bin/env bash
# make demo: the password_config role converging, auditing and exporting a sample tenant.
# Runs under with-isc-simulator (the isc-simulator package; `make demo` starts it), which points SAIL_* at a fresh local ISC simulator.
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ANSIBLE_DISPLAY_SKIPPED_HOSTS=false ANSIBLE_NOCOLOR=1

heading() { printf '\n\n######## %s\n\n' "$*"; }
playbook() { ansible-playbook -i inventory.yml "$@"; }

heading "1. Converge the sample tenant (examples/demo/tenant.yml) with the password_config role"
echo "The org's default policy is given by its flag, not by its name (the simulator, like a real tenant, calls it \"Default\"):"
sed -n '/^password_config_policies:/,/min_numeric/p' tenant.yml
echo
playbook site.yml --diff -e report_dir="$work/reports"

heading "2. Run the role again: nothing to change"
playbook site.yml -e report_dir="$work/reports" | grep -A3 -E "Show what differs|PLAY RECAP"

heading "3. Someone changes the Corporate policy, the digit tokens and the dictionary behind the role's back, through the API"
ansible localhost -i inventory.yml -m sailpoint_community.isc.password_policy \
  -a "name=Corporate min_length=8 expiration_days=365" --diff | sed -n '/^--- before/,/^$/p'
ansible localhost -i inventory.yml -m sailpoint_community.isc.password_org_config \
  -a "digit_token_length=6" --diff | sed -n '/^--- before/,/^$/p'
ansible localhost -i inventory.yml -m sailpoint_community.isc.password_dictionary \
  -a '{"locale": "en_US", "words": ["acme", "password", "qwerty", "letmein", "spring", "summer", "autumn", "hunter2"]}' \
  --diff | sed -n '/^--- before/,/^$/p'

heading "4. Audit in check mode, through SailPoint's per-service v1 API (SAIL_API_VERSION=v1): nothing is written, the drift is reported"
SAIL_API_VERSION=v1 playbook site.yml --check -e report_dir="$work/reports" | grep -A8 -E "Show what differs|PLAY RECAP"
heading "5. The drift report for people (the JSON one is next to it)"
cat "$work/reports/password-config-localhost.md"

heading "6. Export the tenant to the role's input format"
ansible-playbook -i inventory.yml sailpoint_community.isc.export -e export_file="$work/exported.yml" | grep '"msg"'
cat "$work/exported.yml"

heading "Done: the simulator stops now"
