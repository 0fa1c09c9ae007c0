# -*- coding: utf-8 -*-
# Copyright (c) sailpoint_community.isc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
name: access_token
short_description: Get one ISC access token to share between many module calls
version_added: 1.0.0
author:
  - sailpoint_community.isc maintainers (@sailpoint-community)
description:
  - Requests an access token from the tenant with the OAuth client-credentials grant and returns it with its
    lifetime, so that a play can fetch one token and pass it to every module through their C(access_token) option
    (with C(module_defaults)) instead of each module fetching its own.
  - The P(sailpoint_community.isc.password_config#role) role uses it this way.
  - "Use it in a task with C(no_log: true): the token is a secret."
options:
  base_url:
    description: The tenant's API host, without C(/v3).
    type: str
    env:
      - name: SAIL_BASE_URL
  client_id:
    description: Client ID of a personal access token or API client.
    type: str
    env:
      - name: SAIL_CLIENT_ID
  client_secret:
    description: Secret that goes with O(client_id).
    type: str
    env:
      - name: SAIL_CLIENT_SECRET
  validate_certs:
    description: Verify the TLS certificate of O(base_url).
    type: bool
    default: true
  ca_path:
    description: A PEM file of CA certificates to trust instead of the bundle that requests uses (certifi's).
    type: path
  timeout:
    description: Seconds to wait for the token request.
    type: float
    default: 30
  max_rate_limit_wait:
    description: Longest total time, in seconds, to wait for ISC's rate limit.
    type: float
    default: 60
  api_version:
    description:
      - The API version the token is for, V(v3) or V(v1). The token endpoint is the same for both; the
        option is checked and accepted so that the lookup takes the modules' connection options.
      - If not set, the value of the E(SAIL_API_VERSION) environment variable is used.
      - Not set, or set to an empty value (as an AWX credential without this field sets E(SAIL_API_VERSION)), means V(v3).
    type: str
    default: v3
    env:
      - name: SAIL_API_VERSION
notes:
  - Needs the Python library C(requests) on the controller.
  - An option or environment variable set to an empty value counts as not set, as for the modules.
"""

EXAMPLES = r"""
- name: Fetch one token for the play
  ansible.builtin.set_fact:
    isc_token: "{{ lookup('sailpoint_community.isc.access_token') }}"
  no_log: true

- name: Read policies with it
  sailpoint_community.isc.password_policy_info:
    access_token: "{{ isc_token.access_token }}"
"""

RETURN = r"""
_raw:
  description: One dictionary per call.
  type: list
  elements: dict
  contains:
    access_token:
      description: The bearer token.
      type: str
    expires_in:
      description: Its lifetime in seconds, as ISC gave it.
      type: float
    refresh_at:
      description: When to fetch a new one (epoch seconds, UTC), shortly before it expires.
      type: float
"""

import time

from ansible.errors import AnsibleLookupError
from ansible.module_utils.basic import missing_required_lib
from ansible.plugins.lookup import LookupBase

from ansible_collections.sailpoint_community.isc.plugins.module_utils.auth import refresh_margin
from ansible_collections.sailpoint_community.isc.plugins.module_utils.client import REQUESTS_IMPORT_ERROR
from ansible_collections.sailpoint_community.isc.plugins.module_utils.connection import client_from_params, not_empty
from ansible_collections.sailpoint_community.isc.plugins.module_utils.errors import IscError

OPTIONS = ("base_url", "client_id", "client_secret", "validate_certs", "ca_path", "timeout", "max_rate_limit_wait", "api_version")


class LookupModule(LookupBase):
    def run(self, terms, variables=None, **kwargs):
        if REQUESTS_IMPORT_ERROR:
            raise AnsibleLookupError(missing_required_lib("requests"))
        self.set_options(var_options=variables, direct=kwargs)
        params = dict((option, not_empty(self.get_option(option))) for option in OPTIONS)
        if not (params["client_id"] and params["client_secret"]):
            raise AnsibleLookupError("access_token needs client_id and client_secret (or SAIL_CLIENT_ID and SAIL_CLIENT_SECRET) to request a token")
        try:
            auth = client_from_params(params).auth
            token = auth.header().split(" ", 1)[1]
        except IscError as error:
            raise AnsibleLookupError(error.msg) from None
        expires_in = auth.expires_in or 0
        return [{"access_token": token, "expires_in": expires_in, "refresh_at": time.time() + expires_in - refresh_margin(expires_in)}]
