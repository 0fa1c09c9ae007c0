#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) sailpoint_community.isc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: source_info
short_description: Read the sources of SailPoint Identity Security Cloud, for password management
version_added: 1.0.0
description:
  - Returns the sources of an ISC tenant, all of them (reading every page) or those with a given O(name) or O(id),
    with what password management needs to know about them.
  - Use it to see which sources support password management, and which policies govern them.
  - ISC's source list hides the tenant's own IdentityNow source (the source behind logins to ISC itself) unless asked
    for it. This module asks for it by default, because the org's default password policy governs that source (see
    O(include_hidden)).
  - Never changes anything.
author:
  - sailpoint_community.isc maintainers (@sailpoint-community)
extends_documentation_fragment:
  - sailpoint_community.isc.connection
  - sailpoint_community.isc.attributes.info_module
options:
  name:
    description: Return only the sources with exactly this name (one filtered request).
    type: str
  id:
    description: Return only the source with this ID.
    type: str
  include_hidden:
    description:
      - Include the tenant's IdentityNow source, which ISC's source list leaves out unless asked
        (C(includeIDNSource=true)).
      - The default is V(true) because the org's default password policy governs that source, and what the
        collection shows, compares and exports must match what the policy holds. With V(false) the list is the one
        the ISC API gives by default.
    type: bool
    default: true
seealso:
  - module: sailpoint_community.isc.password_policy
  - module: sailpoint_community.isc.password_sync_group
"""

EXAMPLES = r"""
- name: Read every source
  sailpoint_community.isc.source_info:
  register: sources

- name: Names of the sources that support password management
  ansible.builtin.debug:
    msg: "{{ sources.sources | selectattr('password_management') | map(attribute='name') | list }}"

- name: Read one source by name
  sailpoint_community.isc.source_info:
    name: Active Directory
"""

RETURN = r"""
sources:
  description: The sources, sorted by name.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: ID of the source.
      type: str
      sample: 2c91808382ffee0b01830de154f14034
    name:
      description: Name of the source.
      type: str
      sample: Active Directory
    type:
      description: Type of system the source connects to.
      type: str
      sample: Active Directory - Direct
    connector_name:
      description: Name of the connector.
      type: str
      sample: Active Directory
    features:
      description: Features of the source, as ISC reports them.
      type: list
      elements: str
      sample: [PROVISIONING, PASSWORD]
    password_management:
      description: Whether the source supports password management (it has the C(PASSWORD) feature).
      type: bool
      sample: true
    password_policies:
      description: Names of the password policies that apply to the source.
      type: list
      elements: str
      sample: [Corporate]
    hidden:
      description:
        - Whether this is the tenant's IdentityNow source (type C(IdentityNowConnector)), which ISC's source list
          hides unless asked; only with O(include_hidden=true).
      type: bool
      sample: false
"""


from ansible_collections.sailpoint_community.isc.plugins.module_utils.connection import IscModule, argument_spec, run_module
from ansible_collections.sailpoint_community.isc.plugins.module_utils.resources import Sources, is_idn_source


def describe(source):
    features = source.get("features") or []
    return {
        "id": source.get("id"),
        "name": source.get("name"),
        "type": source.get("type"),
        "connector_name": source.get("connectorName"),
        "features": features,
        "password_management": "PASSWORD" in features,
        "password_policies": sorted(ref.get("name") for ref in source.get("passwordPolicies") or [] if ref.get("name")),
        "hidden": is_idn_source(source),
    }


def read_sources(client, name=None, object_id=None, include_hidden=True):
    api = Sources(client, include_hidden=include_hidden)
    if name is not None:
        found = [source for source in api.find("name", [name]) if source.get("name") == name]
    elif object_id is not None:
        found = api.find("id", [object_id])
    else:
        found = api.list()
    return sorted((describe(source) for source in found), key=lambda source: (source["name"] or "", source["id"]))


def main():
    module = IscModule(
        argument_spec=argument_spec(name=dict(type="str"), id=dict(type="str"), include_hidden=dict(type="bool", default=True)),
        mutually_exclusive=[("name", "id")],
        supports_check_mode=True,
    )
    params = module.params
    run_module(
        module,
        lambda client: dict(
            changed=False,
            sources=read_sources(client, name=params["name"], object_id=params["id"], include_hidden=params["include_hidden"]),
        ),
    )


if __name__ == "__main__":
    main()
