"""Run a command with the environment an AWX credential of a custom type gives a job.

    python render_injectors.py CREDENTIAL_TYPE.yml NAME=VALUE... -- COMMAND [ARG...]

CREDENTIAL_TYPE.yml holds `inputs` and `injectors` as AWX takes them. The NAME=VALUE pairs are
the credential's inputs. As AWX does (CredentialType.inject_credential in
awx/main/models/credential/__init__.py), the inputs are checked against the type's fields, and each
`injectors.env` value is rendered with Jinja2's immutable sandbox, with the inputs the credential
has as variables and nothing else: a field's `default` is not filled in (AWX's UI puts it into the
form, but a credential created through the API or awx.awx.credential has no such input), a missing
boolean is false, and a missing string field renders as "" (Jinja2's default Undefined). So a
credential without api_version injects SAIL_API_VERSION="".
COMMAND then runs with that environment: the caller's, minus every SAIL_* and ISC_SIM_* variable,
plus the rendered ones. Nothing of the outer SAIL_* reaches it.
"""

import os
import re
import sys

import yaml
from jinja2.sandbox import ImmutableSandboxedEnvironment

FIELD_TYPES = ("string", "boolean")
STRIPPED_PREFIXES = ("SAIL_", "ISC_SIM_")


def fail(msg):
    sys.exit("render_injectors: " + msg)


def check_type(credential_type):
    """The rules AWX applies to a custom credential type, for the parts this type uses."""
    inputs, injectors = credential_type.get("inputs") or {}, credential_type.get("injectors") or {}
    fields = inputs.get("fields") or []
    ids = [field.get("id") for field in fields]
    if len(set(ids)) != len(ids) or not all(isinstance(i, str) and re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", i) for i in ids):
        fail("field ids must be unique identifiers: %s" % ids)
    for field in fields:
        if not field.get("label"):
            fail("field %s has no label" % field["id"])
        if field.get("type", "string") not in FIELD_TYPES:
            fail("field %s has the unknown type %s" % (field["id"], field.get("type")))
    missing = set(inputs.get("required") or []) - set(ids)
    if missing:
        fail("required names unknown fields: %s" % sorted(missing))
    if credential_type.get("kind") not in ("cloud", "net"):
        fail("custom credential types are of kind cloud or net")
    unsupported = set(injectors) - {"env"}
    if unsupported:
        fail("this renderer handles env injectors only, not %s" % sorted(unsupported))
    return fields, inputs.get("required") or [], injectors.get("env") or {}


def main(argv):
    if "--" not in argv or len(argv) < 2:
        fail("usage: render_injectors.py CREDENTIAL_TYPE.yml NAME=VALUE... -- COMMAND [ARG...]")
    split = argv.index("--")
    path, pairs, command = argv[0], argv[1:split], argv[split + 1 :]
    with open(path, encoding="utf-8") as handle:
        credential_type = yaml.safe_load(handle)
    fields, required, env_templates = check_type(credential_type)

    given = dict(pair.split("=", 1) for pair in pairs)
    unknown = set(given) - {field["id"] for field in fields}
    if unknown:
        fail("no such input fields: %s" % sorted(unknown))
    # As AWX does: no default for a field the credential leaves out; a missing boolean is false.
    values = dict((field["id"], False) for field in fields if field.get("type") == "boolean" and field["id"] not in given)
    values.update(given)
    for field in fields:
        if field.get("choices") and field["id"] in values and values[field["id"]] not in field["choices"]:
            fail("input %s must be one of %s" % (field["id"], field["choices"]))
    absent = [name for name in required if not values.get(name)]
    if absent:
        fail("required inputs missing: %s" % absent)

    sandbox = ImmutableSandboxedEnvironment()  # AWX's: an input the credential lacks renders as ""
    injected = dict((name, sandbox.from_string(template).render(**values)) for name, template in env_templates.items())

    env = dict((key, value) for key, value in os.environ.items() if not key.startswith(STRIPPED_PREFIXES))
    env.update(injected)
    print("render_injectors: running %s with %s from the credential" % (command[0], ", ".join(sorted(injected))), flush=True)
    os.execvpe(command[0], command, env)


if __name__ == "__main__":
    main(sys.argv[1:])
