# -*- coding: utf-8 -*-
# Copyright (c) sailpoint_community.isc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The export's YAML: tenant values that Jinja could read as a template are tagged ``!unsafe``.

Anyone who can edit the tenant can put ``{{ lookup('ansible.builtin.pipe', ...) }}`` in a policy's
description. The export's file is later loaded as a vars file, whose strings Ansible templates when
they are used: untagged, that value would run a command on the controller, even in check mode.
Tagged ``!unsafe``, Ansible takes it literally (ansible-core 2.16 and later, in vars_files and
include_vars alike), and the role sends it to the next tenant as it was.
"""

import yaml

UNSAFE_TAG = "!unsafe"
# Jinja's three start delimiters ({{, {%, {#) all begin with "{"; a string starting with Jinja's
# override header ("#jinja2:variable_start_string:'[['" and so on) chooses others, and ansible-core
# honours that header in any string it templates.
OVERRIDE_HEADER = "#jinja2:"


def may_be_template(text):
    """Whether Ansible could template this string: a "{" anywhere, or Jinja's override header.

    Only such strings are tagged. Every string would be simpler, but ansible-core 2.19 resolves a
    tagged scalar's type again even when it is quoted (``!unsafe '123456'`` loads as a number,
    ``!unsafe 'yes'`` as true), which would change dictionary words; no such string holds a "{".
    """
    return "{" in text or OVERRIDE_HEADER in text


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True  # no &anchors in a file people edit


def _represent_str(dumper, value):
    text = str.__str__(value)  # ansible-core's own str subclasses, as plain text
    if may_be_template(text):
        return dumper.represent_scalar(UNSAFE_TAG, text)  # an explicit tag is always quoted
    return dumper.represent_str(text)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_multi_representer(str, _represent_str)


def dump(data, width=120):
    """YAML of plain data (dicts, lists, str, numbers), laid out as to_nice_yaml(indent=2, sort_keys=false)."""
    return yaml.dump(data, Dumper=_Dumper, indent=2, allow_unicode=True, default_flow_style=False, sort_keys=False, width=width)
