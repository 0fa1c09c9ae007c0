#!/usr/bin/env bash
# `make demo` (examples/demo/demo.sh) against a fresh simulator, and what a person reading it top to
# bottom must not meet: whole objects dumped where a diff was meant, token housekeeping, "– ->" values.
set -euo pipefail
# Once, as `make demo` runs it: the demo picks v1 for step 4 itself and leaves the rest on the default (v3).
if [ -z "${ISC_SIM_URL:-}" ]; then
  exec ../setup_isc/run.sh --once "$0" "$@"
fi
[ -f ../../integration_config.yml ] && { echo "demo: simulator only"; exit 0; }
collection="${ANSIBLE_COLLECTIONS_PATH%%:*}/ansible_collections/sailpoint_community/isc"
out="${OUTPUT_DIR}/demo.log"
bash "${collection}/examples/demo/demo.sh" > "${out}" 2>&1 || { cat "${out}"; exit 1; }
cat "${out}"
fail() { echo "demo: $*" >&2; exit 1; }
for step in 1 2 3 4 5 6; do grep -q "^######## ${step}\. " "${out}" || fail "step ${step} missing"; done
# Step 3 shows the diffs of the changes made behind the role's back, not the modules' whole results.
step3=$(sed -n '/^######## 3\. /,/^######## 4\. /p' "${out}")
grep -q '^--- before' <<<"${step3}" || fail "step 3 shows no diff"
! grep -q 'account_id_min_word_length\|CHANGED =>' <<<"${step3}" || fail "step 3 dumps whole results"
! grep -q 'Refresh the access token' "${out}" || fail "token housekeeping shows"
! grep -q ' – -> \|-> –' "${out}" || fail "a value on one side only reads as '– ->'"
grep -q '"Objects: created ' "${out}" || fail "the summary does not say it counts objects"
# Step 4 audits through the v1 API: the same drift as V3 would show, read from the per-service paths.
sed -n '/^######## 4\. /,/^######## 5\. /p' "${out}" | grep -q '"Objects: would create 0, would update 3' || fail "step 4 does not report the drift"
python - "${ISC_SIM_URL}" <<'PY' || fail "step 4 sent no request to the v1 paths, or the other steps none to V3"
import json, sys, urllib.request
journal = json.load(urllib.request.urlopen(sys.argv[1] + "/_sim/journal?since=0"))
v1 = [entry["path"] for entry in journal["requests"] if entry["path"].startswith("/password-policies/v1")]
v3 = [entry["path"] for entry in journal["requests"] if entry["path"].startswith("/v3/password-policies")]
print("demo: %d requests to /password-policies/v1, %d to /v3/password-policies" % (len(v1), len(v3)))
sys.exit(0 if v1 and v3 else 1)
PY
