"""Any deprecation warning in a test run's output fails the run.

A deprecation that the collection triggers (for example "Passing 'warnings' to 'exit_json' or
'fail_json' is deprecated" on ansible-core 2.19) breaks on a later ansible-core, so the tests find it
now. ansible-core prints them by default (ANSIBLE_DEPRECATION_WARNINGS). setup_isc/run.sh checks the
output of every run it makes; the targets that capture ansible-playbook's output themselves
(check_mode_replay, password_config_faults) call ``found`` on it.

    python deprecations.py OUTPUT_FILE   # exit 1, printing them, if the file holds any
"""

import sys

MARKER = "[DEPRECATION WARNING]"


def found(text):
    """The lines of ``text`` that carry a deprecation warning."""
    return [line for line in text.splitlines() if MARKER in line]


def main(argv):
    with open(argv[0], encoding="utf-8", errors="replace") as handle:
        lines = found(handle.read())
    if lines:
        print("deprecations: %d deprecation warning(s) in the output; fix them:" % len(lines))
        print("\n".join(lines))
        sys.exit(1)


if __name__ == "__main__":
    main(sys.argv[1:])
