# -*- coding: utf-8 -*-
# Copyright (c) sailpoint_community.isc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Connection options shared by every module of the collection."""


class ModuleDocFragment:
    DOCUMENTATION = r"""
options:
  base_url:
    description:
      - The tenant's API host, for example C(https://acme.api.identitynow.com), without C(/v3). It starts with
        C(https://), or C(http://) for a local test server.
      - If not set, the value of the E(SAIL_BASE_URL) environment variable is used.
    type: str
  client_id:
    description:
      - Client ID of a personal access token (PAT) or API client, used to request access tokens
        with the OAuth client-credentials grant.
      - Writes need a PAT of a user with the C(ORG_ADMIN) user level; API-client tokens get HTTP 403 on writes.
      - If not set, the value of the E(SAIL_CLIENT_ID) environment variable is used.
    type: str
  client_secret:
    description:
      - Secret that goes with O(client_id). Never shown in output, diffs or errors, at any verbosity, neither as
        given nor in the forms the collection encodes it in (form-encoded in the token request, JSON-escaped).
      - If not set, the value of the E(SAIL_CLIENT_SECRET) environment variable is used.
    type: str
  access_token:
    description:
      - A ready bearer token, used instead of requesting one.
      - When O(client_id) and O(client_secret) are also set, the token is used first and the
        credentials only to get a new token once ISC refuses this one (for example after it expired).
      - If not set, the value of the E(SAIL_ACCESS_TOKEN) environment variable is used.
    type: str
  validate_certs:
    description:
      - Verify the TLS certificate of O(base_url). Turn off only for tests.
    type: bool
    default: true
  ca_path:
    description:
      - A PEM file (or directory) of CA certificates to trust instead of the bundle that C(requests) uses (C(certifi)'s,
        or E(REQUESTS_CA_BUNDLE)), for a proxy or test server with its own CA.
    type: path
  timeout:
    description:
      - Seconds to wait for each HTTP request to connect and to answer.
      - A request that times out is retried like a dropped connection (GET, PUT and DELETE up to five
        attempts in total); the module then fails with an error that names this timeout.
    type: float
    default: 30
  max_rate_limit_wait:
    description:
      - Longest total time, in seconds, that one module run waits for ISC's rate limit (HTTP 429 with
        C(Retry-After)) before it fails.
      - ISC allows 100 requests per client ID per 10 seconds. The module paces its own requests under
        that limit (waiting for it does not count here), so a 429 comes only when something else uses
        the same client ID at the same time.
    type: float
    default: 60
  api_version:
    description:
      - Which of SailPoint's API families to speak. Both reach the same tenant, objects and ids; options,
        return values, diffs and C(changed) are the same on both.
      - C(v3) is the V3 API (C(/v3/password-policies)). SailPoint supports it until Q2 2028 and switches it
        off in Q1 2029.
      - C(v1) is the per-service API that succeeds it (C(/password-policies/v1), C(/password-sync-groups/v1),
        C(/sources/v1), C(/password-org-config/v1), C(/password-dictionary/v1)). Its password-policy
        operations are marked experimental; the modules send the C(X-SailPoint-Experimental) header they ask for.
      - When ISC marks a response deprecated (C(X-Deprecated), C(Deprecation) or C(Sunset) headers), the module
        warns once, with the date if ISC gives one.
      - If not set, the value of the E(SAIL_API_VERSION) environment variable is used.
    type: str
    choices: [v3, v1]
    default: v3
requirements:
  - requests (Python library, on the host that runs the module, usually the controller)
notes:
  - "These modules talk to the ISC REST API (V3, or the per-service v1 with O(api_version=v1)); run them on the controller or a host that reaches the tenant
    (for example with C(connection: local) or C(delegate_to: localhost))."
  - An environment variable set to an empty value counts as not set, for every connection variable (an AWX
    credential without a field gives the job that variable empty).
  - Options that take a whole number refuse V(true) and V(false). An unknown option fails naming the closest known one.
  - "A list option takes a list or one string of comma-separated items (V(Okta, ServiceNow)); each item is trimmed of the
    spaces around it."
  - Names are compared in Unicode NFC, and names with control or invisible characters are refused.
  - Set the connection once for a whole play with C(module_defaults) and the action group
    C(group/sailpoint_community.isc.isc), or with the E(SAIL_BASE_URL), E(SAIL_CLIENT_ID) and
    E(SAIL_CLIENT_SECRET) environment variables that SailPoint's own tools use.
  - HTTP 500, 502, 503 and 504 answers, timeouts and dropped connections are retried with jittered
    exponential backoff for reads, updates and deletes. A create is never sent twice blindly; after an
    uncertain failure the module looks the object up by name before trying again.
"""
