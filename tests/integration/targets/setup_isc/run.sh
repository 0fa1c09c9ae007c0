#!/usr/bin/env bash
# run.sh [--tenants N] [--once] COMMAND [ARG...]: run COMMAND where the integration tests run, once per
# ISC API version (setup_isc/api_versions.py: ISC_TEST_API_VERSIONS, default "v3 v1").
# - By default: against fresh local ISC simulators (one, or N with --tenants), started and stopped
#   around each run by with-isc-simulator (the isc-simulator package, installed in the test environment).
#   Each run gets SAIL_API_VERSION (what every module, the role and the lookup fall back to) and
#   ISC_TEST_API_VERSION (what the test playbooks assert with); afterwards the simulators' journals
#   must show API requests on that version's paths only.
# - Under `make test-live` (tests/integration/integration_config.yml present): against the live
#   tenant it names, with a unique name prefix, cleaning up every prefixed object afterwards.
# - --once: one run, with no version set, as a user runs it (the demo, which picks v1 for one step itself).
# Every run fails on a deprecation warning in its output (setup_isc/deprecations.py).
set -eu -o pipefail
collection="${ANSIBLE_COLLECTIONS_PATH%%:*}/ansible_collections/sailpoint_community/isc"
setup_isc="$(cd "$(dirname "$0")" && pwd)"
tenants=1
once=""
while [ $# -gt 0 ]; do
  case "$1" in
    --tenants) tenants=$2; shift 2 ;;
    --once) once=yes; shift ;;
    *) break ;;
  esac
done
export ISC_RUN_READY=1
export ANSIBLE_DEPRECATION_WARNINGS=true  # ansible-core's default, made sure of: the check below needs them printed
output_log="$(mktemp)"
trap 'rm -f "${output_log}"' EXIT

# COMMAND...: run it, its output shown and kept, then fail on any deprecation warning in that output.
without_deprecations() {
  "$@" 2>&1 | tee "${output_log}"
  python "${setup_isc}/deprecations.py" "${output_log}"
}

# One run of COMMAND; its environment says which version, if any.
run_once() {
  if [ -f ../../integration_config.yml ]; then
    without_deprecations python "${collection}/tools/live/with_live_tenant.py" ../../integration_config.yml -- "$@"
    return
  fi
  # The simulators behave like real tenants by default (400 at the end, short pages, no X-Total-Count,
  # trimmed dates), so that every test proves the collection against them.
  without_deprecations python -m isc_simulator.with_simulator --tenants "${tenants}" -- "$@"
}

if [ -n "${once}" ]; then
  run_once "$@"
  exit
fi
versions=$(python "${setup_isc}/api_versions.py" list)  # fails here, not in the loop, on an unknown version
for version in ${versions}; do
  echo "=== setup_isc/run.sh: API ${version}: $*"
  started=${SECONDS}
  if [ -f ../../integration_config.yml ]; then  # a live tenant has no journal to check
    SAIL_API_VERSION=${version} ISC_TEST_API_VERSION=${version} run_once "$@"
  else
    # shellcheck disable=SC2016  # expanded by the inner bash, inside the simulators' run
    SAIL_API_VERSION=${version} ISC_TEST_API_VERSION=${version} run_once \
      bash -c '"$@" && python "$0" check "${ISC_TEST_API_VERSION}"' "${setup_isc}/api_versions.py" "$@"
  fi
  echo "=== setup_isc/run.sh: API ${version} passed in $((SECONDS - started)) s: $*"
done
