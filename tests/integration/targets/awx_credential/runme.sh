#!/usr/bin/env bash
# The AWX credential type in extensions/awx against a fresh local ISC simulator: render its injectors
# as AWX does, run the password_config role with only the environment they give (as in an AWX job),
# then check the tenant and the simulator's journal from outside. The credential's api_version field is
# the run's version: only through it can the job learn v1 (run.sh's journal check proves it did).
set -euxo pipefail
if [ -z "${ISC_SIM_URL:-}" ]; then
  exec ../setup_isc/run.sh "$0" "$@"
fi
collection="${ANSIBLE_COLLECTIONS_PATH%%:*}/ansible_collections/sailpoint_community/isc"
credential_type="${collection}/extensions/awx/isc_credential_type.yml"
play() { ansible-playbook -i "${INVENTORY_PATH}" -e output_dir="${OUTPUT_DIR}" "$@"; }

# The PAT that only the AWX credential knows: its client id and secret differ from the outer SAIL_*.
secret="awx-$(python -c 'import secrets; print(secrets.token_hex(12))')"
play setup.yml -e awx_client_secret="${secret}" "$@"

# On V3 the credential has only the three inputs guide_awx creates it with (awx.awx.credential): AWX
# then injects SAIL_API_VERSION="" and every module must take that as unset (V3). On v1 it sets api_version.
version_input=()
if [ "${ISC_TEST_API_VERSION}" != v3 ]; then
  version_input=(api_version="${ISC_TEST_API_VERSION}")
fi
as_awx_job() {
  python render_injectors.py "${credential_type}" \
    base_url="${ISC_SIM_URL}" client_id=awx-job-pat client_secret="${secret}" "${version_input[@]}" -- "$@"
}
as_awx_job ansible-playbook -i "${INVENTORY_PATH}" -e output_dir="${OUTPUT_DIR}" converge.yml "$@"
as_awx_job ansible-playbook -i "${INVENTORY_PATH}" -e output_dir="${OUTPUT_DIR}" audit.yml --check "$@"
play check.yml "$@"
