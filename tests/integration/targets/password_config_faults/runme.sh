#!/usr/bin/env bash
# The fault matrix and the secrets check: the password_config role against simulators that fail
# in every documented way (test_faults.py starts and stops them itself, one per case).
set -eu
exec python -m pytest -q -p no:cacheprovider -o addopts="" --durations=0 test_faults.py  # durations: what each case costs CI
