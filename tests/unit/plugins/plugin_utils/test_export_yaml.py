"""The export's YAML: tenant values that Jinja could read as templates load back literal, the rest as before."""

import types

import pytest

from ansible_collections.sailpoint_community.isc.plugins.plugin_utils.export_yaml import may_be_template


@pytest.fixture(scope="module")
def core():
    """ansible-core's controller side (the loader, templating, the filters), imported here and not at collection:
    importing it switches module warnings to the controller's display for the whole process (ansible-core 2.19's
    is_controller), and the module tests read their warnings from the result."""
    try:
        from ansible.module_utils import _internal
    except ImportError:  # ansible-core < 2.19
        _internal = None
    was_controller = getattr(_internal, "is_controller", None)
    from ansible.errors import AnsibleFilterError
    from ansible.parsing.dataloader import DataLoader
    from ansible.plugins.filter.core import to_nice_yaml
    from ansible.template import Templar

    from ansible_collections.sailpoint_community.isc.plugins.filter.password_config import password_config_export_yaml

    yield types.SimpleNamespace(
        AnsibleFilterError=AnsibleFilterError, DataLoader=DataLoader, Templar=Templar, to_nice_yaml=to_nice_yaml, export_yaml=password_config_export_yaml
    )
    if _internal is not None:
        _internal.is_controller = was_controller


# What anyone who can edit the tenant can write; each would compute 42 were it templated.
HOSTILE = [
    "{{ 6 * 7 }}",
    "Corp {{ 6 * 7 }}",
    "{% if true %}42{% endif %}",
    "{# a comment #}",
    "#jinja2:variable_start_string:'[[', variable_end_string:']]'\n[[ 6 * 7 ]]",  # Jinja's override header: no brace at all
]
# Values that must keep their type and text: numbers, booleans and nulls to YAML if untagged and unquoted.
ORDINARY = ["Corporate", "123456", "0123", "yes", "off", "null", "", "12:30", "2024-01-01", "1.5", "a: b", "# not a comment", "trailing "]


def exported(strings):
    return {
        "password_config_policies": [{"default_policy": True, "name": "Default", "description": strings[0], "min_length": 8, "sources": list(strings)}],
        "password_config_sync_groups": [{"name": text, "password_policy": "Default", "sources": [text]} for text in strings],
        "password_config_dictionary": {"locale": "en_US", "words": list(strings)},
    }


def load_as_vars_file(core, tmp_path, text):
    """What vars_files and include_vars do: the file loaded with templates trusted, then its values templated."""
    path = tmp_path / "tenant.yml"
    path.write_text(text, encoding="utf-8")
    loader = core.DataLoader()
    try:
        data = loader.load_from_file(str(path), trusted_as_template=True)  # ansible-core 2.19+
    except TypeError:
        data = loader.load_from_file(str(path))  # 2.16-2.18 trust every string of a vars file
    return core.Templar(loader=loader, variables={}).template(data)


def test_hostile_values_load_back_literal_from_a_vars_file(core, tmp_path):
    data = exported(HOSTILE)
    assert load_as_vars_file(core, tmp_path, core.export_yaml(data)) == data


def test_the_same_values_through_to_nice_yaml_are_templated(core, tmp_path):
    # The control: what the export wrote before, and the reason for the tags.
    loaded = load_as_vars_file(core, tmp_path, core.to_nice_yaml(exported(HOSTILE), indent=2, sort_keys=False))
    assert str(loaded["password_config_policies"][0]["description"]) == "42"
    assert str(loaded["password_config_dictionary"]["words"][4]) == "42"  # the override header's brackets


def test_hostile_values_are_tagged_unsafe_and_ordinary_ones_are_not(core):
    text = core.export_yaml(exported(HOSTILE[:1] + ["Corporate"]))
    assert "description: !unsafe '{{ 6 * 7 }}'" in text
    assert "- !unsafe '{{ 6 * 7 }}'\n  - Corporate\n" in text
    assert "!unsafe Corporate" not in text and "!unsafe 'Corporate'" not in text


def test_ordinary_values_keep_their_type_and_read_as_to_nice_yaml_writes_them(core, tmp_path):
    # ansible-core 2.19 reads "!unsafe '123456'" as a number: such values must not be tagged.
    data = exported(ORDINARY)
    text = core.export_yaml(data)
    assert "!unsafe" not in text
    assert text == core.to_nice_yaml(data, indent=2, sort_keys=False, width=120)
    assert load_as_vars_file(core, tmp_path, text) == data


@pytest.mark.parametrize("text", HOSTILE)
def test_every_hostile_value_may_be_a_template(text):
    assert may_be_template(text)


@pytest.mark.parametrize("text", ORDINARY)
def test_no_ordinary_value_may_be_a_template(text):
    assert not may_be_template(text)


def test_export_yaml_wants_the_export_dict(core):
    with pytest.raises(core.AnsibleFilterError, match="password_config_export_yaml expects the dict that password_config_export returns"):
        core.export_yaml(["not", "a", "dict"])


def test_strings_of_other_types_are_written_as_text(core, tmp_path):
    # ansible-core hands filters its own str subclasses (tagged in 2.19, AnsibleUnsafeText before).
    class Tagged(str):
        pass

    data = {"password_config_policies": [{"name": Tagged("{{ 6 * 7 }}"), "description": Tagged("Corporate")}]}
    text = core.export_yaml(data)
    assert "- name: !unsafe '{{ 6 * 7 }}'\n  description: Corporate\n" in text
    assert load_as_vars_file(core, tmp_path, text) == {"password_config_policies": [{"name": "{{ 6 * 7 }}", "description": "Corporate"}]}
