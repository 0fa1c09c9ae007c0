"""Run `make` check targets one after another and print a short summary.

Every stage runs even when an earlier one failed, so one run shows everything that is red.
Exits non-zero when any stage failed.
"""

import subprocess
import sys
import time


def main(stages):
    results = []
    for stage in stages:
        print(f"\n===== {stage} =====", flush=True)
        started = time.monotonic()
        code = subprocess.call(["make", "--no-print-directory", stage])
        results.append((stage, code, time.monotonic() - started))

    print("\n===== summary =====")
    for stage, code, seconds in results:
        print(f"  {'PASS' if code == 0 else 'FAIL'}  {stage:<14} {seconds:7.1f}s")
    failed = [stage for stage, code, _seconds in results if code]
    print(f"  {'all passed' if not failed else 'failed: ' + ', '.join(failed)} ({sum(seconds for _stage, _code, seconds in results):.0f}s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
