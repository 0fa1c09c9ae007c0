# -*- coding: utf-8 -*-
# Copyright (c) sailpoint_community.isc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The two API families of ISC, in one place: paths, the experimental header, wire formats, deprecation.

- ``v3``: the V3 API, ``/v3/<service>``. SailPoint supports it until Q2 2028 and switches it off in Q1 2029.
- ``v1``: the per-service versions that succeed it, ``/<service>/v1``. Same objects, same ids.

Every resource names its service here (``PATHS``); nothing else in the collection writes a versioned
path. Whatever differs on the wire between the two contracts is converted by ``from_wire`` and
``to_wire``, so the modules see one shape on both.
"""

import datetime
import email.utils

from ansible_collections.sailpoint_community.isc.plugins.module_utils import state as st

VERSIONS = ("v3", "v1")
DEFAULT_VERSION = "v3"
OPTION = "api_version"

# service -> {api_version: path of the service's root}
PATHS = {
    "password-policies": {"v3": "/v3/password-policies", "v1": "/password-policies/v1"},
    "password-sync-groups": {"v3": "/v3/password-sync-groups", "v1": "/password-sync-groups/v1"},
    "sources": {"v3": "/v3/sources", "v1": "/sources/v1"},
    "password-org-config": {"v3": "/v3/password-org-config", "v1": "/password-org-config/v1"},
    "password-dictionary": {"v3": "/v3/password-dictionary", "v1": "/password-dictionary/v1"},
}

# The v1 contract marks every password-policy operation experimental: each one declares the required
# header X-SailPoint-Experimental: true. The objects, ids and rules are those of V3's stable
# /v3/password-policies; only the label differs, so opting in changes nothing the modules rely on.
EXPERIMENTAL_HEADER = "X-SailPoint-Experimental"
EXPERIMENTAL = {"v1": frozenset(("password-policies",)), "v3": frozenset()}

# Policy timestamps: the v1 contract declares them integers (epoch milliseconds), the V3 contract
# date-time strings (its examples, and real tenants, send epoch milliseconds too). Inside the
# collection they are epoch milliseconds; on the wire each version gets its own type.
DATE_FIELDS = {"password-policies": ("dateCreated", "lastUpdated")}


def check_version(value):
    """The version, or ValueError naming the choices."""
    version = value or DEFAULT_VERSION
    if version not in VERSIONS:
        raise ValueError("api_version must be one of %s (got %r)" % (", ".join(VERSIONS), value))
    return version


def path(service, version):
    """The root path of ``service`` in API ``version``."""
    return PATHS[service][check_version(version)]


def headers(service, version):
    """Extra request headers ``service`` needs in API ``version`` (the experimental opt-in)."""
    return {EXPERIMENTAL_HEADER: "true"} if service in EXPERIMENTAL[check_version(version)] else {}


def epoch_ms(value):
    """Epoch milliseconds for an API timestamp: an int, a digit string or an ISO-8601 date-time; None stays None."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return int(value)
    if isinstance(value, str):
        if value.isdigit():
            return int(value)
        moment = st.parse_datetime(value)
        if moment is None:
            return value  # unreadable: keep it, never lose data
        return int(round(moment.timestamp() * 1000))
    return value


def from_wire(service, version, obj):
    """An object as ISC answered it, in the collection's one shape (dates as epoch ms)."""
    if isinstance(obj, list):
        return [from_wire(service, version, item) for item in obj]
    if not isinstance(obj, dict) or service not in DATE_FIELDS:
        return obj
    converted = dict(obj)
    for field in DATE_FIELDS[service]:
        if field in converted:
            converted[field] = epoch_ms(converted[field])
    return converted


def to_wire(service, version, body):
    """A request body for ``version``: on v1 the dates must be integers (epoch ms).

    On V3 the epoch-ms integers are sent as they were read: that is what tenants answer and accept.
    """
    if not isinstance(body, dict) or service not in DATE_FIELDS or check_version(version) != "v1":
        return body
    return from_wire(service, version, body)


def deprecation_warning(headers_, path_, version):
    """The warning for a response ISC marks deprecated, or None.

    ``X-Deprecated: true`` (SailPoint's versioning docs) or the standard ``Deprecation`` / ``Sunset``
    headers. Names the date when a header carries one, and the option that moves off V3.
    """
    if not headers_:
        return None
    deprecated = str(headers_.get("X-Deprecated") or "").strip().lower() == "true"
    deprecation = headers_.get("Deprecation")
    sunset = headers_.get("Sunset")
    if not (deprecated or deprecation or sunset):
        return None
    message = "ISC marks %s (API %s) deprecated" % (path_, version)
    dates = []
    if deprecation and str(deprecation).strip().lower() != "true":
        dates.append("deprecated since %s" % http_date(deprecation))
    if sunset:
        dates.append("switched off after %s" % http_date(sunset))
    if dates:
        message += " (%s)" % "; ".join(dates)
    if version == "v3":
        message += ". Move to SailPoint's per-service v1 API: set api_version: v1 (or SAIL_API_VERSION=v1); ids and objects stay the same"
    else:
        message += ". Check the collection's changelog for a newer api_version"
    return message


def http_date(value):
    """A header date as YYYY-MM-DD when readable (HTTP date or RFC 9745 ``@epoch``), else as sent."""
    text = str(value).strip()
    try:
        if text.startswith("@"):
            moment = datetime.datetime.fromtimestamp(int(text[1:]), tz=datetime.timezone.utc)
        else:
            moment = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, OverflowError):
        return text
    return moment.strftime("%Y-%m-%d")
