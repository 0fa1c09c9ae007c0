#!/usr/bin/env bash
# The bench's ansible_python_interpreter: runs each module under GNU time and logs
# "<module file> <peak RSS in KB> <elapsed s>" to $BENCH_MODULE_LOG, one line per module invocation.
exec /usr/bin/time --append --output="${BENCH_MODULE_LOG}" --format="$(basename "${1:-python}") %M %e" \
  "${BENCH_PYTHON}" "$@"
