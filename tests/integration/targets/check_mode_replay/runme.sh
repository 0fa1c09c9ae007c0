#!/usr/bin/env bash
# Check-mode proof: every integration playbook, replayed with --check, writes nothing.
set -eu
exec python replay.py
