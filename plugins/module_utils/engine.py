# -*- coding: utf-8 -*-
# Copyright (c) sailpoint_community.isc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The password_config module's run: read the tenant once, plan it all, check it all, then apply.

1. Read: one listing each of policies, sync groups and sources (the IdentityNow source included),
   the org settings and the dictionary when the inputs manage them. The raw API objects are kept.
2. Plan: plan.plan() replays the run with the modules' own reconcilers; org_config and dictionary
   compare their settings. Every error of every object is found here; one error and nothing is written.
3. Apply (not in check mode): the org settings and the dictionary first (a policy may use the
   dictionary), then the plan's phases in order and, within a phase, its rounds in order, each round's
   writes at most WORKERS at a time. A write that fails lets the rest of its round finish; no later
   round starts.
   The writes are the plan's own: no request whose answer the read already gave.
   Read, plan and apply hold the tenant's lock (tenant_lock.py): another run on this controller waits.
   SIGINT, SIGTERM, SIGHUP or the loss of the module's parent stop it (interrupt.py): no new write goes
   out, the ones in flight get their answers, and the failure says which were written and which not.
   After creates, one more listing of each kind created in finds names another run created too.
4. Report: per-object results, the diffs for --diff (names, not ids), and report.build_report's data.
"""

import copy
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

from ansible_collections.sailpoint_community.isc.plugins.module_utils import dictionary, kinds, org_config, plan, report
from ansible_collections.sailpoint_community.isc.plugins.module_utils.errors import ForbiddenError, IscError, ValidationError
from ansible_collections.sailpoint_community.isc.plugins.module_utils.interrupt import Interrupted, Stop
from ansible_collections.sailpoint_community.isc.plugins.module_utils.plan import POLICY, SYNC_GROUP
from ansible_collections.sailpoint_community.isc.plugins.module_utils.policy import PolicyReconciler
from ansible_collections.sailpoint_community.isc.plugins.module_utils.resources import PasswordDictionary, PasswordOrgConfig, Sources
from ansible_collections.sailpoint_community.isc.plugins.module_utils.sync_group import SyncGroupReconciler
from ansible_collections.sailpoint_community.isc.plugins.module_utils.tenant_lock import TenantLock

# Writes in flight at once within a phase; the client's limiter keeps the whole run under ISC's rate limit.
WORKERS = 4
ORG_CONFIG = "password_org_config"
DICTIONARY = "password_dictionary"
SETTINGS_NAMES = dict(report.SETTINGS)
RECONCILERS = {POLICY: PolicyReconciler, SYNC_GROUP: SyncGroupReconciler}
PHASES = (1, 2, 3, 4)
DICTIONARY_WARNING = (
    "use_dictionary is true, but the tenant has no password dictionary (and password_config_dictionary brings none), "
    "so ISC has no words to check passwords against"
)


def run(client, params, check_mode=False, executor=ThreadPoolExecutor, stop=None):
    """The module result of a password_config run; see the module docstring."""
    return Engine(client, params, check_mode, executor, stop).run()


class Engine:
    def __init__(self, client, params, check_mode=False, executor=ThreadPoolExecutor, stop=None):
        self.client = client
        self.check_mode = check_mode
        self.executor = executor
        self.stop = stop or Stop()
        self.lock_options = (params.get("lock_dir"), params.get("lock_timeout"))
        self.policies = list(params.get("policies") or [])
        self.sync_groups = list(params.get("sync_groups") or [])
        self.exclusive = bool(params.get("exclusive"))
        self.exclusive_allow_empty = bool(params.get("exclusive_allow_empty"))
        max_deletions = params.get("max_deletions")
        self.max_deletions = plan.MAX_DELETIONS if max_deletions is None else max_deletions
        self.org_config = _managed(params.get("org_config"))
        self.dictionary = _managed(params.get("dictionary"))
        self.reconcilers = dict((kind, reconciler(client)) for kind, reconciler in RECONCILERS.items())
        self.raw = {POLICY: {}, SYNC_GROUP: {}}  # id -> the API object as read
        self.settings = {}  # kind -> {"predicted", "applied", "write"}
        self.errors = []
        self.warnings = []
        self.ids = {}  # placeholder id of the plan -> id ISC gave the object
        self.outcomes = {}  # index of a step -> {"status": written|failed|not sent, "error", "saved"}

    # 1 and 2: read and plan ------------------------------------------------------------

    def run(self):
        wrong = plan.input_errors(self.policies, self.sync_groups, self.exclusive, self.exclusive_allow_empty, self.max_deletions)
        if wrong:  # the role checks this too, before any request; a module user gets the same
            raise ValidationError("%d input item(s) are wrong; nothing was sent: %s" % (len(wrong), " | ".join(wrong)))
        settings_inputs = self.check_settings()
        with self.guarded() as lock_warnings:
            tenant = self.read()
            self.plan_settings(settings_inputs)
            self.planned = plan.plan(tenant, self.policies, self.sync_groups, exclusive=self.exclusive)
            self.warnings = lock_warnings + self.planned["warnings"] + self.dictionary_warnings()
            self.errors = self.planned["errors"] + self.errors
            self.tenant = tenant
            failure = None
            refusing = self.refusals()
            if refusing:
                failure = "%d input(s) break a rule; nothing was written: %s" % (len(refusing), " | ".join(error["text"] for error in refusing))
            elif not self.check_mode:
                failure = self.apply() or self.duplicates()
            self.failure = failure
        return self.result(failure)

    def refusals(self):
        """The errors that stop the run before any write, the deletion limit's included.

        An audit reports a conflict with the tenant (a source or name another object holds) as drift.
        """
        refusing = [error for error in self.errors if not (self.check_mode and error.get("conflict"))]
        limit = None if refusing else plan.deletion_limit_error(self.planned["steps"], self.max_deletions)
        if limit:  # an error of the whole run, not of one object
            refusing.append({"kind": None, "name": None, "msg": limit, "text": limit})
            self.errors.append(refusing[-1])
        return refusing

    @contextmanager
    def guarded(self):
        """A run that may write holds the tenant's lock and stops on a signal; yields warnings about the runs before it.

        Check mode writes nothing, so it takes no lock and an audit never waits for a converge.
        """
        if self.check_mode:
            yield []
            return
        lock_dir, lock_timeout = self.lock_options
        with TenantLock(self.client.base_url, lock_dir, lock_timeout) as lock:
            self.stop.install()
            self.client.stop = self.stop  # the client sends no request once the flag is set
            self.failure = None
            try:
                yield _lock_warnings(lock)
            except IscError as error:  # e.g. a read the interrupt stopped: the next run's warning quotes it
                self.failure = error.msg
                raise
            finally:
                self.stop.restore()
                interrupted = self.stop.why is not None
                lock.record(state="interrupted" if interrupted else "finished", summary=self.failure if interrupted else None)

    def check_settings(self):
        """The settings' own rules, before any request: {kind: what plan_settings needs}."""
        inputs = {}
        if self.org_config is not None:
            inputs[ORG_CONFIG] = self.settings_check(ORG_CONFIG, lambda: org_config.check_ranges(org_config.wanted_of(self.org_config)))
        if self.dictionary is not None:
            params = dict(self.dictionary)
            src_text = None
            if params.get("src") is not None and params.get("content") is not None:
                src_text = params.pop("content")  # the action plugin read src on the controller
            inputs[DICTIONARY] = self.settings_check(DICTIONARY, lambda: dictionary.desired_of(params, src_text=src_text))
        return inputs

    def settings_check(self, kind, check):
        try:
            return {"value": check()}
        except IscError as error:
            self.settings_error(kind, error.msg)
            return None

    def settings_error(self, kind, msg):
        variable = "password_config_org_config" if kind == ORG_CONFIG else "password_config_dictionary"
        self.errors.append({"kind": kind, "name": SETTINGS_NAMES[kind], "msg": msg, "text": "%s: %s" % (variable, msg)})
        self.settings[kind] = {"predicted": {"failed": True, "msg": msg}}

    def read(self):
        """The tenant, once: {"policies", "sync_groups", "sources"} as plan.plan() takes them (the _info modules' shape)."""
        tenant = {}
        for kind, key in ((POLICY, "policies"), (SYNC_GROUP, "sync_groups")):
            reconciler = self.reconcilers[kind]
            objects = reconciler.items()
            self.raw[kind] = dict((obj["id"], obj) for obj in objects)
            tenant[key] = [reconciler.state_of(obj) for obj in objects]
        tenant["sources"] = [
            {"id": source["id"], "name": source["name"], "type": source.get("type"), "features": source.get("features") or []}
            for source in Sources(self.client).list()
        ]
        return tenant

    def plan_settings(self, inputs):
        """Compare the org settings and the dictionary with the tenant (one read each), no write yet."""
        if inputs.get(ORG_CONFIG):
            try:
                predicted, write = org_config.plan(PasswordOrgConfig(self.client).get(), self.org_config)
                self.settings[ORG_CONFIG] = {"predicted": predicted, "write": write}
            except ForbiddenError:
                raise  # the token lacks a right: the run fails saying so, not as an input that breaks a rule
            except IscError as error:
                self.settings_error(ORG_CONFIG, error.msg)
        if inputs.get(DICTIONARY):
            try:
                predicted, text = dictionary.plan(dictionary.read(self.client), inputs[DICTIONARY]["value"])
                self.settings[DICTIONARY] = {"predicted": predicted, "write": text}
            except ForbiddenError:
                raise  # as above
            except IscError as error:
                self.settings_error(DICTIONARY, error.msg)

    def dictionary_warnings(self):
        """A policy that uses the dictionary checks nothing while the tenant has none (one read; a refused read only loses the warning)."""
        users = [item for item in self.policies if isinstance(item, dict) and item.get("use_dictionary")]
        if not users or self.dictionary is not None:
            return []
        try:
            if PasswordDictionary(self.client).get() is not None:
                return []
        except IscError:
            return []
        return [{"kind": POLICY, "name": item.get("name") or "(the default policy)", "msg": DICTIONARY_WARNING} for item in users]

    # 3: apply -----------------------------------------------------------------------------

    def apply(self):
        """Send the writes; None when all went through, else the failure message."""
        for kind in (ORG_CONFIG, DICTIONARY):
            failure = self.apply_setting(kind)
            if failure:
                return self.failure_message()
        for batch in self.batches():
            if self.stop.reason():
                return self.failure_message()
            with self.executor(max_workers=WORKERS) as pool:
                futures = [(index, pool.submit(self.apply_step, self.planned["steps"][index])) for index in batch]
            for index, future in futures:
                self.outcomes[index] = _outcome(future)
            if any(self.outcomes[index]["status"] != "written" for index in batch) or self.stop.reason():
                return self.failure_message()
            for index in batch:  # the ids ISC gave the objects created in this batch, for the next ones
                for write, saved in zip(self.planned["steps"][index]["writes"], self.outcomes[index]["saved"]):
                    if write["op"] == "create":
                        self.ids[write["id"]] = saved["id"]
        return None

    def apply_setting(self, kind):
        entry = self.settings.get(kind) or {}
        if entry.get("write") is None:
            return False
        try:
            if kind == ORG_CONFIG:
                entry["applied"] = org_config.apply(self.client, entry["write"], entry["predicted"])
            else:
                PasswordDictionary(self.client).put(entry["write"])
                entry["applied"] = entry["predicted"]
        except IscError as error:
            entry["applied"] = {"failed": True, "msg": error.msg}
            return True
        return False

    def batches(self):
        """Lists of step indexes whose writes may go out together: a round of a phase."""
        batches = []
        for phase in PHASES:
            rounds = {}
            for index, step in enumerate(self.planned["steps"]):
                if step["phase"] == phase and step.get("writes"):
                    rounds.setdefault(step.get("round", 1), []).append(index)
            batches += [rounds[number] for number in sorted(rounds)]
        return batches

    def apply_step(self, step):
        """Send a step's writes, in order; returns what ISC answered to each (None for a delete)."""
        answers = []
        for write in step["writes"]:
            if not answers:  # once a step's first write is out, its others follow (the client still stops new requests)
                self.stop.check("%s %s %r" % (write["op"], kinds.noun(write["kind"]), step["name"]))
            collection = self.reconcilers[write["kind"]].collection
            body = self.real_ids(write["body"])
            object_id = self.ids.get(write["id"], write["id"])
            if write["op"] == "create":
                answers.append(collection.create(body))
            elif write["op"] == "update":
                # PUT replaces the whole object: the object as read, with the plan's fields over it,
                # so that fields the collection does not model survive.
                raw = self.raw[write["kind"]].get(object_id) or {}
                answers.append(collection.update(object_id, dict(raw, **body)))
            else:
                # For a sync group, ISC itself assigns its policy to its sources; the plan counted on that.
                collection.delete(object_id)
                answers.append(None)
        return answers

    def real_ids(self, body):
        """The body with each placeholder id of an object created in this run replaced by its real id."""

        def real(value):
            if isinstance(value, list):
                return [real(item) for item in value]
            return self.ids.get(value, value) if isinstance(value, str) else value

        return dict((key, real(value)) for key, value in (body or {}).items())

    def failure_message(self):
        written, failed, not_attempted = self.write_lists()
        if self.stop.why:
            # An interrupt is not a failure to fix: say so first, and what is left for the next run.
            return (
                "The run was %s: no write was sent after that; the writes in flight got their answers. "
                "%d change(s) were written, %d not sent (the next run makes them), %d failed. Written: %s. Not sent: %s. Failed: %s."
                % (
                    self.stop.why,
                    len(written),
                    len(not_attempted),
                    len(failed),
                    ", ".join(written) or "none",
                    ", ".join(not_attempted) or "none",
                    " | ".join(failed) or "none",
                )
            )
        return "%d change(s) failed, %d were written, %d not attempted (run again once the cause is fixed). Failed: %s. Written: %s. Not attempted: %s." % (
            len(failed),
            len(written),
            len(not_attempted),
            " | ".join(failed),
            ", ".join(written) or "none",
            ", ".join(not_attempted) or "none",
        )

    def write_lists(self):
        """(written, failed, not attempted): the labels of the changes of this run, settings first."""
        written, failed, not_attempted = [], [], []
        for kind in (ORG_CONFIG, DICTIONARY):
            entry = self.settings.get(kind) or {}
            if entry.get("write") is None:
                continue
            applied = entry.get("applied")
            name = SETTINGS_NAMES[kind]
            if applied is None:
                not_attempted.append(name)
            elif applied.get("failed"):
                failed.append("%s: %s" % (name, applied["msg"]))
            else:
                written.append("%s (%s)" % (name, _settings_action(entry["predicted"])))
        for index, step in enumerate(self.planned["steps"]):
            if not step.get("writes"):
                continue
            outcome = self.outcomes.get(index)
            label = "%s %r" % (kinds.noun(step["kind"]), step["name"])
            if outcome is None or outcome["status"] == "not sent":
                not_attempted.append("%s (%s)" % (label, step["action"]))
            elif outcome["status"] == "failed":
                failed.append("%s (%s): %s" % (label, step["action"], outcome["error"]))
            else:
                written.append("%s (%s)" % (label, _past(step["action"])))
        return written, failed, not_attempted

    def duplicates(self):
        """After creates, None or the failure naming the objects another run created beside this run's.

        Nothing in ISC stops two runs (two controllers, two AWX jobs) from creating one name twice, so
        each kind this run created in is listed once more; a name this run manages that now matches
        two objects means another run wrote at the same time. Without a create, no extra request.
        """
        created = {}  # kind -> ids this run created
        for index, step in enumerate(self.planned["steps"]):
            outcome = self.outcomes.get(index) or {}
            for write, saved in zip(step.get("writes") or [], outcome.get("saved") or []):
                if write["op"] == "create" and saved:
                    created.setdefault(write["kind"], set()).add(saved.get("id"))
        found = []
        for kind in (POLICY, SYNC_GROUP):
            if kind in created:
                managed = set(step["name"] for step in self.planned["steps"] if step["kind"] == kind and step["action"] != "delete")
                try:
                    found += _twice(kind, self.reconcilers[kind].collection.list(), managed, created[kind])
                except IscError as error:
                    return "Every change was written, but the listing that looks for duplicates another run may have created failed: %s" % error.msg
        if not found:
            return None
        return (
            "%d name(s) that this run manages now match more than one object: another run (another controller, an AWX job, a person) "
            "created them while this one ran. %s. Keep one of each (delete the others in ISC) and run again; to keep runs apart, see "
            "the failures guide (concurrent runs)." % (len(found), " | ".join(found))
        )

    # 4: report ----------------------------------------------------------------------------

    def result(self, failure):
        steps, results, diffs = [], [], []
        names = report.Names(self.tenant, [])
        for index, step in enumerate(self.planned["steps"]):
            outcome = self.outcomes.get(index)
            entry = self.step_entry(step, outcome, names)
            if step["action"] != "none" and not self.check_mode and not self.errors:
                self.record_outcome(entry, outcome)
                results.append(self.report_result(step, entry, outcome))
            steps.append(entry)
            if step["action"] != "none":
                diffs.append(_headed(entry["diff"], "%s %s" % (kinds.noun(step["kind"]), step["name"]), step["action"]))
        settings = dict((kind, dict((key, value) for key, value in entry.items() if key != "write")) for kind, entry in self.settings.items())
        # First, as they are applied first.
        steps[:0], diffs[:0] = _settings_steps(settings)
        # The settings' errors reach the report through their entries, not as plan errors.
        run_plan = {"steps": self.planned["steps"], "errors": self.planned["errors"], "warnings": self.warnings}
        run_report = report.build_report(
            run_plan, self.tenant, results, check_mode=self.check_mode, base_url=getattr(self.client, "base_url", None), settings=settings
        )
        result = {
            "changed": self.is_changed(steps, settings),
            "steps": steps,
            "errors": self.errors,
            "object_warnings": self.warnings,
            "report": run_report,
            "diff": diffs,
        }
        if failure:
            result.update(failed=True, msg=failure)
        return result

    def step_entry(self, step, outcome, names):
        """A plan step as the module result shows it, before its outcome is recorded."""
        after = copy.deepcopy(step.get("after") or {})
        entry = {
            "kind": step["kind"],
            "name": step["name"],
            "phase": step["phase"],
            "round": step.get("round", 1),
            "action": step["action"],
            "diff": names.display(step["kind"], self.shown(step["diff"])),
            "after": after,
        }
        if step["action"] == "create" and not (outcome and outcome["status"] == "written"):
            after["id"] = None  # the plan's placeholder means nothing to ISC: no id yet, as the modules say
        for key in ("exclusive", "kept"):
            if step.get(key):
                entry[key] = step[key]
        return entry

    def record_outcome(self, entry, outcome):
        """A real run's step entry with what became of it: its status, its error, the object ISC answered."""
        entry["status"] = "not attempted" if outcome is None or outcome["status"] == "not sent" else outcome["status"]
        if outcome and outcome["status"] == "failed":
            entry["error"] = outcome["error"]
        if outcome and outcome["status"] == "written":
            self.update_after(entry, outcome["saved"])

    def is_changed(self, steps, settings):
        """A real run changed what it wrote; check mode predicts a change for any step that is not 'none'."""
        if self.check_mode:
            return not self.errors and any(step["action"] != "none" for step in steps)
        return any(outcome["status"] == "written" for outcome in self.outcomes.values()) or any(
            entry.get("applied") and not entry["applied"].get("failed") for entry in settings.values()
        )

    def shown(self, diff):
        """A plan diff with the real ids of objects this run created (a sync group's new policy)."""
        return {"before": self.real_ids(diff.get("before")), "after": self.real_ids(diff.get("after"))}

    def update_after(self, entry, saved):
        """The object after the run: the plan's prediction, with what ISC answered (its id, dates) over it."""
        answer = next((item for item in reversed(saved) if item), None)
        if answer is not None:
            state = self.reconcilers[entry["kind"]].state_of(answer)
            entry["after"] = dict(entry["after"], **dict((key, value) for key, value in state.items() if value is not None))
        elif entry["action"] == "delete":
            entry["after"] = {}

    def report_result(self, step, entry, outcome):
        """The result report.build_report reads for one object of a real run."""
        result = {"item": {"kind": step["kind"], "name": step["name"]}, "changed": True, "diff": step["diff"]}
        if outcome is None or outcome["status"] == "not sent":
            result["skipped"] = True
        elif outcome["status"] == "failed":
            result.update(failed=True, msg=outcome["error"])
        if step["kind"] == POLICY and entry.get("after", {}).get("id"):
            result["password_policy"] = {"id": entry["after"]["id"], "name": entry["after"].get("name")}
        return result


def _outcome(future):
    """What became of a step: written (with ISC's answers), not sent (interrupted first) or failed."""
    try:
        return {"status": "written", "saved": future.result()}
    except Interrupted as error:
        return {"status": "not sent", "error": error.msg}
    except IscError as error:
        return {"status": "failed", "error": error.msg}
    except Exception as error:  # noqa: BLE001 - a bug must not hide what was written before it
        return {"status": "failed", "error": "%s: %s" % (type(error).__name__, error)}


def _twice(kind, objects, managed, created):
    """'<kind> <name> (ids: ...)' for each managed name that more than one of ``objects`` has."""
    ids = {}
    for obj in objects:
        if obj.get("name") in managed:
            ids.setdefault(obj["name"], []).append(obj["id"])
    return [
        "%s %r (ids: %s)"
        % (kinds.noun(kind), name, ", ".join("%s%s" % (object_id, " created by this run" if object_id in created else "") for object_id in found))
        for name, found in sorted(ids.items())
        if len(found) > 1
    ]


def _lock_warnings(lock):
    """A warning when this run waited for another, and when the run before it was interrupted."""
    warnings = []
    if lock.waited >= 1:
        warnings.append({"kind": "tenant", "name": lock.host, "msg": "waited %.0f s for another password_config run on this tenant to finish" % lock.waited})
    previous = lock.previous or {}
    if previous.get("state") == "interrupted":
        warnings.append(
            {
                "kind": "tenant",
                "name": lock.host,
                "msg": "the previous run on this tenant (pid %s, started %s) was interrupted; this run read the tenant afresh. It said: %s"
                % (previous.get("pid"), previous.get("started"), previous.get("summary")),
            }
        )
    return warnings


def _managed(options):
    """The options of a settings input, or None when it sets none (not managed)."""
    if not options:
        return None
    given = dict((key, value) for key, value in options.items() if value is not None)
    return given or None


def _settings_steps(settings):
    """The steps and diffs of the settings this run manages, in the order they are applied."""
    steps, diffs = [], []
    for kind, name in report.SETTINGS:
        entry = settings.get(kind)
        if not entry or entry["predicted"].get("failed"):
            continue
        predicted = entry["predicted"]
        shown = entry.get("applied") if entry.get("applied") and not entry["applied"].get("failed") else predicted
        action = _settings_action(predicted)
        steps.append({"kind": kind, "name": name, "phase": 0, "round": 1, "action": action, "diff": predicted["diff"], "after": shown.get(kind)})
        if action != "none":
            diffs.append(_headed(predicted["diff"], name, action))
    return steps, diffs


def _headed(diff, title, action):
    """A diff with the headers Ansible shows above its two sides."""
    return dict(diff, before_header="%s (tenant)" % title, after_header="%s (%s)" % (title, action))


def _settings_action(predicted):
    if not report.would_change(predicted):
        return "none"
    return "create" if not (predicted.get("diff") or {}).get("before") else "update"


def _past(action):
    return report.APPLY_STATUS[action]
