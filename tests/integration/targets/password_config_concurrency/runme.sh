#!/usr/bin/env bash
# Interrupts and concurrent runs: the password_config role against simulators with latency that
# test_concurrency.py starts and stops itself, signalling ansible-playbook and starting second runs for real.
set -eu
exec python -m pytest -q -p no:cacheprovider -o addopts="" --durations=0 test_concurrency.py
