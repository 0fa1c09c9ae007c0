# -*- coding: utf-8 -*-
# Copyright (c) sailpoint_community.isc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Connection options shared by every module (documented in doc_fragments/connection.py)."""

import copy
import os
from urllib.parse import urlsplit

from ansible.module_utils.basic import AnsibleModule, missing_required_lib
from ansible.module_utils.common.parameters import AnsibleFallbackNotFound

from ansible_collections.sailpoint_community.isc.plugins.module_utils import api_version as api
from ansible_collections.sailpoint_community.isc.plugins.module_utils import state as st
from ansible_collections.sailpoint_community.isc.plugins.module_utils.auth import secret_forms
from ansible_collections.sailpoint_community.isc.plugins.module_utils.client import REQUESTS_IMPORT_ERROR, IscClient
from ansible_collections.sailpoint_community.isc.plugins.module_utils.errors import IscError, ValidationError
from ansible_collections.sailpoint_community.isc.plugins.module_utils.lookup import closest_option


def not_empty(value):
    """None for an empty (or blank) string, which means "not set" for every connection setting.

    AWX renders a credential's injector from the inputs the credential has, and an absent input
    renders as "" (``SAIL_API_VERSION=""`` from a credential created without api_version), so an
    empty value must leave the option to its default, as if the variable were not there.
    The access_token lookup applies it to its options too.
    """
    return None if isinstance(value, str) and not value.strip() else value


def env_value(*names):
    """The argument spec ``fallback``: the first of these environment variables that is not empty.

    ``env_fallback`` would pass an empty value on (not_empty says why it must not).
    """
    for name in names:
        value = not_empty(os.environ.get(name))
        if value is not None:
            return value
    raise AnsibleFallbackNotFound


CONNECTION_ARGUMENT_SPEC = dict(
    base_url=dict(type="str", fallback=(env_value, ["SAIL_BASE_URL"])),
    client_id=dict(type="str", fallback=(env_value, ["SAIL_CLIENT_ID"])),
    client_secret=dict(type="str", no_log=True, fallback=(env_value, ["SAIL_CLIENT_SECRET"])),
    access_token=dict(type="str", no_log=True, fallback=(env_value, ["SAIL_ACCESS_TOKEN"])),
    validate_certs=dict(type="bool", default=True),
    ca_path=dict(type="path"),
    timeout=dict(type="float", default=30.0),
    max_rate_limit_wait=dict(type="float", default=60.0),
    api_version=dict(type="str", choices=list(api.VERSIONS), default=api.DEFAULT_VERSION, fallback=(env_value, ["SAIL_API_VERSION"])),
)


class IscModule(AnsibleModule):
    """The collection's AnsibleModule: an unknown option fails naming it and the closest known one.

    Ansible reports the first problem of the arguments only: with ``digit_token_lenght`` alone,
    "one of the following is required", which hides the typo; so an unknown option comes first.
    """

    def fail_json(self, msg, **kwargs):
        result = getattr(self, "validation_result", None)  # set by AnsibleModule before it fails on the arguments
        unknown = sorted(result.unsupported_parameters, key=str) if result is not None and result.unsupported_parameters else []
        if unknown and not kwargs:
            msg = "; ".join(unknown_option_message(self.argument_spec, path) for path in unknown)
        super().fail_json(msg=msg, **kwargs)


def unknown_option_message(spec, path):
    """``path``: an unknown option's name, or the tuple of names down to an unknown suboption."""
    path = (path,) if isinstance(path, str) else tuple(path)
    for parent in path[:-1]:
        spec = (spec.get(parent) or {}).get("options") or {}
    where = "%s: " % ".".join(path[:-1]) if len(path) > 1 else ""
    hint = closest_option(path[-1], spec)
    return "%sunknown option %s%s; the known ones are: %s" % (where, path[-1], " (did you mean %s?)" % hint if hint else "", ", ".join(sorted(spec)))


def argument_spec(**module_options):
    """The connection options plus the module's own."""
    spec = copy.deepcopy(CONNECTION_ARGUMENT_SPEC)
    spec.update(module_options)
    return spec


def client_from_params(params, on_token=None):
    """An IscClient for the connection options, or a ValidationError naming what is missing."""
    base_url = (params.get("base_url") or "").strip()
    if not base_url:
        raise ValidationError(
            "base_url is required: set the base_url option or the SAIL_BASE_URL environment "
            "variable to the tenant's API host, e.g. https://acme.api.identitynow.com",
            option="base_url",
        )
    check_scheme(base_url)
    if base_url.rstrip("/").endswith("/v3"):
        raise ValidationError("base_url is the API host without /v3, e.g. https://acme.api.identitynow.com (got %r)" % base_url, option="base_url")
    check_url(base_url)
    if params.get("ca_path") and params.get("validate_certs", True) and not os.path.exists(params["ca_path"]):
        raise ValidationError("ca_path must be an existing PEM file (or directory) of CA certificates; %r does not exist" % params["ca_path"], option="ca_path")
    has_credentials = bool(params.get("client_id") and params.get("client_secret"))
    if bool(params.get("client_id")) != bool(params.get("client_secret")) and not params.get("access_token"):
        raise ValidationError(
            "client_id and client_secret go together: set both (or SAIL_CLIENT_ID and SAIL_CLIENT_SECRET)",
            option="client_secret" if params.get("client_id") else "client_id",
        )
    if not has_credentials and not params.get("access_token"):
        raise ValidationError(
            "No credentials: set client_id and client_secret (or SAIL_CLIENT_ID and SAIL_CLIENT_SECRET), or access_token (SAIL_ACCESS_TOKEN)",
            option="client_id",
        )
    for option in ("timeout", "max_rate_limit_wait"):
        if params.get(option) is not None and params[option] < 0:
            raise ValidationError("%s must not be negative (got %s)" % (option, params[option]), option=option)
    try:
        version = api.check_version(params.get("api_version"))
    except ValueError as error:
        raise ValidationError(str(error), option="api_version") from None
    if params.get("timeout") == 0:
        raise ValidationError("timeout must be greater than 0", option="timeout")
    return IscClient(
        base_url,
        client_id=params.get("client_id"),
        client_secret=params.get("client_secret"),
        access_token=params.get("access_token"),
        validate_certs=params.get("validate_certs", True),
        ca_path=params.get("ca_path"),
        timeout=params.get("timeout") or 30.0,
        max_rate_limit_wait=params.get("max_rate_limit_wait", 60.0),
        on_token=on_token,
        api_version=version,
    )


def check_scheme(base_url):
    """https:// (a tenant) or http:// (a local test server): say which part is wrong."""
    scheme, separator, _rest = base_url.partition("://")
    if not separator:
        raise ValidationError(
            "base_url has no scheme: start it with https:// (or http:// for a local test server), e.g. https://acme.api.identitynow.com (got %r)" % base_url,
            option="base_url",
        )
    if scheme.lower() not in ("https", "http"):
        raise ValidationError(
            "base_url must start with https:// (or http:// for a local test server), not %s:// (got %r)" % (scheme, base_url), option="base_url"
        )


def check_url(base_url):
    """A base_url that requests could not even send to fails here, naming the option, not with a traceback."""
    try:
        parts = urlsplit(base_url)
        valid = bool(parts.hostname) and parts.port != 0 and not any(char.isspace() for char in base_url)
    except ValueError:  # a bad port or IPv6 address
        valid = False
    if not valid:
        raise ValidationError(
            "base_url must be a valid URL of the tenant's API host, e.g. https://acme.api.identitynow.com (got %r)" % base_url, option="base_url"
        )


def run_module(module, action):
    """Build the client, run ``action(client)`` and exit with its result dict.

    Every IscError becomes the module failure it renders; tokens fetched during the run are
    registered as no_log values so Ansible masks them wherever they could appear. The client's
    warnings (a deprecated API version) are shown once, on success and on failure.
    """
    if REQUESTS_IMPORT_ERROR:
        module.fail_json(msg=missing_required_lib("requests"), exception=REQUESTS_IMPORT_ERROR)
    booleans = st.booleans_for_numbers(module.argument_spec, module.params)
    if booleans:
        module.fail_json(msg=st.boolean_number_message(booleans), option=booleans[0])
    client = None
    for option in ("client_secret", "access_token"):
        # Ansible masks the literal value; its encodings (form, JSON) are masked too, wherever they appear.
        module.no_log_values.update(secret_forms(module.params.get(option)))
    try:
        client = client_from_params(module.params, on_token=module.no_log_values.add)
        result = action(client)
    except IscError as error:
        _warn(module, client)
        module.fail_json(**error.fail_kwargs())
    _warn(module, client)
    if result.get("failed"):  # a result that carries its failure (and its data, e.g. a report)
        module.fail_json(**result)
    module.exit_json(**result)


def run_reconciler(module, reconciler):
    """``reconciler.run`` on the module's parameters; its warnings go through module.warn(), also when it fails.

    Not in the result: ansible-core 2.19 deprecates "warnings" passed to exit_json/fail_json.
    """
    try:
        return reconciler.run(module.params)
    finally:
        for warning in reconciler.warnings:
            module.warn(warning)


def _warn(module, client):
    for warning in getattr(client, "warnings", None) or []:
        module.warn(warning)
