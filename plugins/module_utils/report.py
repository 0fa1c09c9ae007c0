# -*- coding: utf-8 -*-
# Copyright (c) sailpoint_community.isc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a password_config run found or did, for machines (a dict) and people (Markdown); exports."""

import datetime

from ansible_collections.sailpoint_community.isc.plugins.module_utils import kinds

AUDIT_STATUS = {"create": "would create", "update": "would update", "delete": "would delete", "none": "in sync"}
APPLY_STATUS = {"create": "created", "update": "updated", "delete": "deleted", "none": "in sync"}
# Report sections, most urgent first.
# "conflict": the tenant holds a name or source an object needs (an audit reports it; a real run refuses).
STATUS_ORDER = ("invalid", "conflict", "failed", "not applied", "would create", "created", "would update", "updated", "would delete", "deleted", "in sync")
LABELS = dict(
    [(kind.name, kind.label) for kind in kinds.KINDS.values()]
    + [("password_org_config", "Org password settings"), ("password_dictionary", "Password dictionary")]
    + [("tenant", "Tenant")]  # warnings about the run as a whole (engine.py: the tenant's lock)
)
# The two tenant-wide settings of the role (one each per tenant): kind -> the name the report shows.
SETTINGS = (("password_org_config", "org password settings"), ("password_dictionary", "password dictionary"))


def build_report(plan, tenant, results=(), check_mode=True, host=None, base_url=None, now=None, settings=None):
    """One entry per object the run manages, with the fields that differ, and totals.

    In check mode the plan is the report. In a real run the modules' results say what
    happened: an object whose module failed is "failed", one whose task never ran (an earlier
    task failed) is "not applied".
    """
    names = Names(tenant, results)
    by_object = dict(
        ((result["item"]["kind"], result["item"]["name"]), result) for result in results if isinstance(result.get("item"), dict) and "kind" in result["item"]
    )
    objects = []
    for step in plan["steps"]:
        diff, action, error = step["diff"], step["action"], None
        status = AUDIT_STATUS[action] if check_mode else APPLY_STATUS[action]
        if not check_mode and action != "none":
            result = by_object.get((step["kind"], step["name"]))
            if result is None or result.get("skipped"):
                status = "not applied"
            elif result.get("failed"):
                status, error = "failed", result.get("msg")
            else:
                diff = result.get("diff") or diff
                status = APPLY_STATUS[_result_action(result)]
        entry = _entry(step["kind"], step["name"], status, names.display(step["kind"], diff), error, step.get("exclusive"))
        if step.get("kept"):
            entry["reason"] = step["kept"]
        objects.append(entry)
    for error in plan["errors"]:
        status = "conflict" if check_mode and error.get("conflict") else "invalid"
        objects.append(_entry(error["kind"], error["name"], status, {"before": {}, "after": {}}, error["msg"]))
    objects.extend(settings_entries(settings or {}, check_mode))
    objects.sort(key=lambda entry: STATUS_ORDER.index(entry["status"]))
    totals = dict((status, 0) for status in STATUS_ORDER if status in (AUDIT_STATUS if check_mode else APPLY_STATUS).values())
    for entry in objects:
        totals[entry["status"]] = totals.get(entry["status"], 0) + 1
    return {
        "host": host,
        "tenant": base_url,
        "mode": "audit" if check_mode else "apply",
        "generated": (now or datetime.datetime.now(datetime.timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "totals": totals,
        "drift": sum(count for status, count in totals.items() if status != "in sync"),
        "objects": objects,
        "warnings": [dict(warning) for warning in plan.get("warnings") or []],
        "summary": summary(totals, objects, plan.get("warnings") or []),
    }


def summary(totals, objects, warnings=()):
    """One line for the totals, then one per warning and per object that is not in sync, for the play's output."""
    # Objects, not tasks: the play recap's changed= counts tasks (one per phase), so the words differ.
    lines = ["Objects: " + ", ".join("%s %d" % (status, count) for status, count in totals.items())]
    lines += ["warning: %s %r: %s" % (LABELS[warning["kind"]].lower(), warning["name"], warning["msg"]) for warning in warnings]
    for entry in objects:
        if entry["status"] == "in sync":
            continue
        line = "%s: %s" % (entry["status"], _title(entry, "%s %r", lower=True))
        details = [_change_text(change) for change in entry["changes"]]
        details += [entry["error"]] if entry.get("error") else []
        details += [entry["reason"]] if entry.get("reason") else []
        lines.append(line + (": " + "; ".join(details) if details else ""))
    return lines


def settings_entries(settings, check_mode):
    """Entries for the org password settings and the dictionary, from their modules' results.

    ``settings`` maps each kind to ``{"predicted": result, "applied": result}``: the check-mode run
    made while planning (which found any input error before anything was written) and, in a real
    run, the run that applied it (none when nothing had to change or an error stopped the run).
    """
    entries = []
    for kind, name in SETTINGS:
        runs = settings.get(kind) or {}
        predicted, applied = runs.get("predicted") or {}, runs.get("applied") or {}
        if not predicted or predicted.get("skipped"):
            continue  # not managed by this run
        if predicted.get("failed"):
            entries.append(_settings_entry(kind, name, "invalid", {}, predicted.get("msg")))
        elif check_mode or not would_change(predicted):
            action = ("create" if not (predicted.get("diff") or {}).get("before") else "update") if would_change(predicted) else "none"
            entries.append(_settings_entry(kind, name, (AUDIT_STATUS if check_mode else APPLY_STATUS)[action], predicted))
        elif not applied or applied.get("skipped"):
            entries.append(_settings_entry(kind, name, "not applied", predicted))
        elif applied.get("failed"):
            entries.append(_settings_entry(kind, name, "failed", predicted, applied.get("msg")))
        else:
            entries.append(_settings_entry(kind, name, APPLY_STATUS[_result_action(applied)], applied))
    return entries


def would_change(result):
    """Whether a check-mode result predicts a change. The role registers its planning runs with
    ``changed_when`` off in real runs (they change nothing), so the diff says it, not ``changed``."""
    diff = result.get("diff") or {}
    return bool(result.get("changed")) or diff.get("before") != diff.get("after")


def _settings_entry(kind, name, status, result, error=None):
    if status == "in sync":
        result = {}
    if kind == "password_dictionary":
        before, after = (result.get("diff") or {}).get("before") or {}, (result.get("diff") or {}).get("after") or {}
        changes = []
        if after and before.get("locale") != after.get("locale"):
            changes.append({"field": "locale", "tenant": before.get("locale"), "desired": after.get("locale")})
        if result.get("words_added"):
            changes.append({"field": "words added", "tenant": None, "desired": result["words_added"]})
        if result.get("words_removed"):
            changes.append({"field": "words removed", "tenant": result["words_removed"], "desired": None})
        entry = {"kind": kind, "name": name, "status": status, "changes": changes}
    else:
        entry = _entry(kind, name, status, result.get("diff") or {"before": {}, "after": {}})
    if error:
        entry["error"] = error
    return entry


def _entry(kind, name, status, diff, error=None, exclusive=False):
    before, after = diff["before"], diff["after"]
    changes = []
    if before and after:
        fields = [field for field in after if field in before and before[field] != after[field]]
    else:
        fields = [field for field in after if field != "name"]  # a create lists what it sets
    for field in fields:
        changes.append({"field": field, "tenant": before.get(field), "desired": after.get(field)})
    entry = {"kind": kind, "name": name, "status": status, "changes": changes}
    if error:
        entry["error"] = error
    if exclusive:
        entry["reason"] = "not in the inputs (password_config_exclusive)"
    return entry


def _result_action(result):
    if not result.get("changed"):
        return "none"
    diff = result.get("diff") or {}
    if diff.get("before") == {}:
        return "create"
    if diff.get("after") == {}:
        return "delete"
    return "update"


class Names:
    """Shows references (sources, the policy) by name in diffs whose modules were given ids."""

    def __init__(self, tenant, results):
        # {tenant collection: {id: name}}, as the kinds' references name them.
        self.by_target = {
            "sources": dict((item["id"], item["name"]) for item in tenant.get("sources") or []),
            kinds.POLICY.tenant_attr: dict((item["id"], item["name"]) for item in tenant.get("policies") or []),
        }
        for result in results:
            created = result.get(kinds.POLICY.name) or {}
            if created.get("id"):
                self.by_target[kinds.POLICY.tenant_attr][created["id"]] = created["name"]

    def display(self, kind_name, diff):
        kind = kinds.KINDS.get(kind_name)
        return {"before": self._side(kind, diff.get("before") or {}), "after": self._side(kind, diff.get("after") or {})}

    def _side(self, kind, side):
        shown_as = dict(kind.display) if kind else {}
        shown = {}
        for field, value in side.items():
            if field in shown_as and value is not None:
                names = self.by_target[kind.references[field]]
                shown[shown_as[field]] = sorted(names.get(ref, ref) for ref in value) if isinstance(value, list) else names.get(value, value)
            else:
                shown[field] = value
        return shown


WRITTEN = frozenset(APPLY_STATUS[action] for action in ("create", "update", "delete"))


def _what_was_written(report):
    """The report's first words: an audit, a real run that wrote, or one that wrote nothing (refused, or in sync)."""
    if report["mode"] == "audit":
        return "Audit in check mode: nothing was changed"
    if any(entry["status"] in WRITTEN for entry in report["objects"]):
        return "Applied: the changes below were written"
    return "Real run: nothing was written"


def markdown(report):
    """The report for people: totals, then each object that differs, field by field."""
    audit = report["mode"] == "audit"
    lines = ["# Password configuration %s: %s" % ("drift report" if audit else "change report", report["host"]), ""]
    lines.append("%s · tenant %s · %s" % (_what_was_written(report), report["tenant"] or "(from SAIL_BASE_URL)", report["generated"]))
    lines += ["", "| Status | Objects |", "| --- | ---: |"]
    lines += ["| %s | %d |" % (status, count) for status, count in report["totals"].items()]
    lines += [
        "",
        "**%d object(s) %s.**" % (report["drift"], "differ from the inputs" if audit else "not in sync before")
        if report["drift"]
        else "**Everything is in sync.**",
    ]
    if report.get("warnings"):
        lines += ["", "## Warnings", ""]
        lines += ["- %s `%s`: %s" % (LABELS[warning["kind"]], warning["name"], _cell(warning["msg"])) for warning in report["warnings"]]
    for status in STATUS_ORDER:
        entries = [entry for entry in report["objects"] if entry["status"] == status]
        if not entries:
            continue
        lines += ["", "## %s%s" % (status[0].upper(), status[1:])]
        for entry in entries:
            title = _title(entry, "%s `%s`")
            if not entry["changes"] and not entry.get("error"):
                lines.append("- %s%s" % (title, " (%s)" % entry["reason"] if entry.get("reason") else ""))
                continue
            lines += ["", "### " + title, ""]
            if entry.get("error"):
                lines += ["> " + _cell(entry["error"]), ""]
            if entry["changes"]:
                lines += ["| Field | %s | %s |" % ("Tenant" if audit else "Before", "Desired" if audit else "After"), "| --- | --- | --- |"]
                lines += ["| `%s` | %s | %s |" % (change["field"], _cell(change["tenant"]), _cell(change["desired"])) for change in entry["changes"]]
    return "\n".join(lines) + "\n"


def _title(entry, form, lower=False):
    """How a report names an object: its kind and name, or only the kind for the one-per-tenant settings."""
    label = LABELS[entry["kind"]].lower() if lower else LABELS[entry["kind"]]
    if entry["kind"] in dict(SETTINGS):
        return label
    return form % (label, entry["name"])


def _change_text(change):
    """'field old -> new'; a value only on one side reads as 'field value' (a new field, words added or removed)."""
    if change["tenant"] is None:
        return "%s %s" % (change["field"], _text(change["desired"]))
    if change["desired"] is None:
        return "%s %s" % (change["field"], _text(change["tenant"]))
    return "%s %s -> %s" % (change["field"], _text(change["tenant"]), _text(change["desired"]))


def _text(value):
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) if value else "(none)"
    return str(value)


def _cell(value):
    """_text for a Markdown table cell."""
    return _text(value).replace("|", "\\|").replace("\n", " ")


def export(policies, sync_groups, org_config=None, dictionary=None):
    """The role's input for a tenant, from what the _info modules return: names rather than ids.

    The org password settings and the dictionary are included when the tenant has them.
    """
    exported_policies = []
    # The default policy first, by its flag (plus its current name): applied to another tenant, the export
    # manages that tenant's default policy, whatever it is called there.
    for item in sorted(policies, key=lambda item: (not item.get("default_policy"), item["name"])):
        entry = {"default_policy": True} if item.get("default_policy") else {}
        entry.update(_exported(kinds.POLICY, item))
        exported_policies.append(entry)
    exported_groups = [_exported(kinds.SYNC_GROUP, item) for item in sorted(sync_groups, key=lambda item: item["name"])]
    exported = {"password_config_policies": exported_policies, "password_config_sync_groups": exported_groups}
    if org_config:
        exported["password_config_org_config"] = dict(org_config)
    if dictionary and dictionary.get("words"):
        exported["password_config_dictionary"] = {"locale": dictionary.get("locale"), "words": list(dictionary["words"])}
    return exported


def _exported(kind, item):
    """An _info item's options in the kind's field order: references by name when every one still
    exists on the tenant, by id otherwise (so nothing is lost); other fields when they have a value."""
    shown_as = dict(kind.display)
    entry = {}
    for option in kind.options:
        if option in shown_as:
            name_option = shown_as[option]
            entry.update({name_option: item[name_option]} if item.get(name_option) is not None else {option: item[option]})
        elif item.get(option) is not None:
            entry[option] = item[option]
    return entry
