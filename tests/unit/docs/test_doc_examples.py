"""The examples of the README files and the guides: plays that run where users run them, and the AWX
credential type as the collection ships it."""

import re
import textwrap
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[3]
GUIDES = ROOT / "docs" / "docsite" / "rst"
DOCS = [ROOT / "README.md", *sorted((ROOT / "roles").glob("*/README.md")), *sorted(GUIDES.glob("*.rst"))]


def markdown_yaml_blocks(text):
    return re.findall(r"^```ya?ml\n(.*?)^```", text, re.M | re.S)


def rst_yaml_blocks(text):
    """The bodies of the `.. code-block:: yaml` (and yaml+jinja) directives, dedented."""
    blocks, lines = [], text.splitlines()
    for number, line in enumerate(lines):
        directive = re.match(r"^( *)\.\. code-block:: yaml(\+jinja)?\s*$", line)
        if not directive:
            continue
        indent, body = len(directive.group(1)), []
        for following in lines[number + 1 :]:
            if following.strip() and len(following) - len(following.lstrip()) <= indent:
                break
            body.append(following)
        blocks.append(textwrap.dedent("\n".join(line for line in body if not line.strip().startswith(":"))))
    return blocks


def yaml_blocks(path):
    text = path.read_text(encoding="utf-8")
    return markdown_yaml_blocks(text) if path.suffix == ".md" else rst_yaml_blocks(text)


def plays_on_localhost(path):
    """Every play of the file's YAML examples whose hosts are localhost."""
    plays = []
    for block in yaml_blocks(path):
        if not re.search(r"^\s*-?\s*hosts: localhost\s*$", block, re.M):
            continue
        loaded = yaml.safe_load(block)
        plays += [play for play in loaded if isinstance(play, dict) and play.get("hosts") == "localhost"]
    return plays


def test_the_docs_have_plays_on_localhost_to_check():
    assert len(plays_on_localhost(ROOT / "README.md")) == 2
    assert len(plays_on_localhost(ROOT / "roles" / "password_config" / "README.md")) == 1
    assert sum(len(plays_on_localhost(path)) for path in DOCS) >= 12


def test_every_play_on_localhost_runs_with_connection_local():
    # With `-i localhost,` (or any inventory that lists localhost) Ansible would connect over ssh.
    missing = ["%s: %s" % (path.relative_to(ROOT), play.get("name")) for path in DOCS for play in plays_on_localhost(path) if play.get("connection") != "local"]
    assert missing == []


CREDENTIAL_TYPE = ROOT / "extensions" / "awx" / "isc_credential_type.yml"


def guide_awx_credential_type():
    """The credential type as guide_awx prints it: the first YAML block of its section."""
    section = (GUIDES / "guide_awx.rst").read_text(encoding="utf-8").split("The credential type\n-------------------\n", 1)[1]
    return yaml.safe_load(rst_yaml_blocks(section)[0])


def without_help_texts(credential_type):
    """The shipped file less what the guide leaves out: the description and the fields' help texts."""
    fields = [{key: value for key, value in field.items() if key != "help_text"} for field in credential_type["inputs"]["fields"]]
    inputs = {**credential_type["inputs"], "fields": fields}
    return {"name": credential_type["name"], "kind": credential_type["kind"], "inputs": inputs, "injectors": credential_type["injectors"]}


def test_guide_awx_prints_the_shipped_credential_type():
    shipped = yaml.safe_load(CREDENTIAL_TYPE.read_text(encoding="utf-8"))
    assert guide_awx_credential_type() == without_help_texts(shipped)
