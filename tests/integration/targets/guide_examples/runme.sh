#!/usr/bin/env bash
# The getting-started guide's first playbook, exactly as the guide prints it, run the way the
# guide tells users to: --check --diff first, then for real, then again; then the README's role
# example with -i localhost, (run_guide.py).
set -euxo pipefail
if [ -z "${ISC_SIM_URL:-}" ]; then
  exec ../setup_isc/run.sh "$0" "$@"
fi
collection="${ANSIBLE_COLLECTIONS_PATH%%:*}/ansible_collections/sailpoint_community/isc"
exec python run_guide.py "${collection}/README.md" "${collection}/docs/docsite/rst/guide_getting_started.rst" "${OUTPUT_DIR}" "$@"
