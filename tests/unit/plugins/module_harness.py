"""Run a module's main() in-process against the local simulator, and read the JSON it printed."""

import json

import pytest
from ansible.module_utils.common import warnings
from ansible.module_utils.testing import patch_module_args

# An option value that makes the harness leave the option out (e.g. no base_url at all).
OMIT = "__omit__"
SAIL_VARIABLES = ("SAIL_BASE_URL", "SAIL_CLIENT_ID", "SAIL_CLIENT_SECRET", "SAIL_ACCESS_TOKEN", "SAIL_API_VERSION")


def module_runner(simulator, capsys, monkeypatch):
    """``run_module(module, args, check_mode=False, sim=None) -> result dict``.

    The simulator's base_url, client_id and client_secret are added unless ``args`` sets them
    (``OMIT`` leaves one out). The result is what the module printed, plus ``exit_code``
    (0 for exit_json, 1 for fail_json) and ``warning_texts``, the warnings' messages as plain strings.
    """
    for variable in SAIL_VARIABLES:
        monkeypatch.delenv(variable, raising=False)

    def run(module, args, check_mode=False, sim=None):
        sim = sim or simulator
        full = {"base_url": sim.base_url, "client_id": sim.client_id, "client_secret": sim.client_secret}
        full.update(args)
        full = dict((key, value) for key, value in full.items() if value != OMIT)
        if check_mode:
            full["_ansible_check_mode"] = True
        capsys.readouterr()  # drop anything printed before this run
        # Ansible keeps a module's warnings in a process-wide dict: one run's must not reach the next.
        monkeypatch.setattr(warnings, "_global_warnings", {})
        with patch_module_args(full):
            with pytest.raises(SystemExit) as exited:
                module.main()
        out = capsys.readouterr().out
        try:
            result = json.loads(out)
        except ValueError:
            raise AssertionError("the module printed no JSON result: %r" % out) from None
        result["exit_code"] = exited.value.code
        # A deprecation warning (e.g. "Passing 'warnings' to 'exit_json'") is a bug of the collection.
        assert not result.get("deprecations"), result.get("deprecations")
        result["warning_texts"] = [_text(warning) for warning in result.get("warnings", [])]
        return result

    return run


def _text(warning):
    """A warning's message: ansible-core 2.19 returns structured warnings, older cores plain strings."""
    if isinstance(warning, str):
        return warning
    return (warning.get("event") or {}).get("msg") or warning.get("msg") or json.dumps(warning)
