#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) sailpoint_community.isc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: password_config
short_description: Converge or audit the password policies, sync groups and settings of a whole ISC tenant in one run
version_added: 1.0.0
description:
  - Makes the password policies and password sync groups of an ISC tenant match the lists given, and optionally
    the org password settings and the password dictionary, in one module run. The
    P(sailpoint_community.isc.password_config#role) role is a thin wrapper around it (reports, C(set_stats),
    fail-on-drift).
  - "B(Check) every item against the options of M(sailpoint_community.isc.password_policy) and
    M(sailpoint_community.isc.password_sync_group), before any request. B(Read) the tenant once with one access
    token: one listing of policies, of sync groups and of sources (the IdentityNow source included), the org settings
    and the dictionary when managed. B(Plan) the whole run against that read with the per-object modules' own rules;
    every error of every object is found now, and one error means nothing is written at all."
  - "B(Apply) (not in check mode), in an order that works: the org settings and the dictionary (before the policies
    that use it), sync groups to delete, policies to create or update, sync groups to create or update (a group that
    gives up a source before the one that takes it), policies to delete. Independent writes of a step go out a few at
    a time. Only objects that differ are written, with no request whose answer the read already gave."
  - When a write fails, the other writes of its step finish and no later step starts; the failure says which objects
    were written, which failed and why, and which were not attempted. Run again once the cause is fixed.
  - In check mode it writes nothing and predicts the same C(changed), per-object actions and diffs as a real run. An
    object the tenant blocks (a source or name another object holds, as when a sync group was renamed by hand) is
    reported with status C(conflict) and counted as drift, without failing; a real run refuses it before any write.
  - "Guards, before any write and in check mode too: in exclusive mode an empty list is refused (see
    O(exclusive_allow_empty)); a run that would delete more than O(max_deletions) objects is refused, listing each;
    two items for one object (by C(default_policy) and by name, or by id and by name) are refused, naming both."
  - "B(One run at a time per tenant) on a controller: a run that may write holds a lock on the tenant (a file named
    by the host of O(base_url), in O(lock_dir)) from its read to its last write; another run waits for it up to
    O(lock_timeout). Check mode takes no lock. Runs on other controllers (or AWX jobs in other containers) do not see
    the lock: after creating objects, the run lists those kinds once more and fails, naming them, when a name it
    manages now matches two objects."
  - "B(Interrupted) (Ctrl-C, SIGINT, SIGTERM or SIGHUP, or the process that ran the module gone), it sends no new
    write, lets the writes in flight get their answers and fails, saying which changes were written and which were
    not sent; the next run on the tenant waits for it and warns with that summary."
author:
  - sailpoint_community.isc maintainers (@sailpoint-community)
extends_documentation_fragment:
  - sailpoint_community.isc.connection
  - sailpoint_community.isc.attributes
options:
  policies:
    description:
      - Password policies to manage, each a dict with the options of M(sailpoint_community.isc.password_policy)
        (C(state) included; V(present) when left out). Only the options an item sets are managed.
      - The org's default policy is the item with C(default_policy=true), whatever its name on the tenant.
      - Each item is checked against that module's own argument spec; a wrong item is named by its index and name.
    type: list
    elements: dict
    default: []
  sync_groups:
    description:
      - Password sync groups to manage, each a dict with the options of M(sailpoint_community.isc.password_sync_group)
        (C(state) included). C(password_policy) may name a policy this run creates.
    type: list
    elements: dict
    default: []
  exclusive:
    description:
      - Also delete the policies and sync groups on the tenant that the lists do not name. The org's default policy is
        never deleted.
      - An empty O(policies) or O(sync_groups) is refused in exclusive mode, before any request (it would delete every
        object of its kind), unless O(exclusive_allow_empty) is set.
    type: bool
    default: false
  exclusive_allow_empty:
    description:
      - "Yes, delete every unlisted one: with O(exclusive), let an empty O(policies) or O(sync_groups) delete every
        policy (but the default one) or every sync group on the tenant."
      - Without it such a run is refused before any request, since a misspelt or forgotten list is empty too.
    type: bool
    default: false
  max_deletions:
    description:
      - The most objects (policies and sync groups, exclusive mode's and C(state=absent) items alike) one run may
        delete. A run that would delete more is refused before any write, in check mode too, with the list of what it
        would delete (kind and name of each); raise it for a clean-up that is meant.
      - The default lets a routine change retire a few objects, and stops a run that would empty a tenant.
      - V(0) refuses every deletion.
    type: int
    default: 10
  org_config:
    description:
      - The org's password settings, with the options of M(sailpoint_community.isc.password_org_config). Only the
        options set are managed; not managed at all when unset or empty.
    type: dict
    suboptions:
      custom_instructions_enabled:
        description: Show the org's custom password instructions.
        type: bool
      digit_token_enabled:
        description: Allow password resets with a digit token.
        type: bool
      digit_token_duration_minutes:
        description: Minutes a digit token stays valid, V(1) to V(60).
        type: int
      digit_token_length:
        description: Digits of a digit token, V(6) to V(18).
        type: int
  dictionary:
    description:
      - The org's password dictionary, with the options of M(sailpoint_community.isc.password_dictionary). Uploaded
        only when its locale or its set of words differs. Not managed when unset or empty.
    type: dict
    suboptions:
      locale:
        description: Locale of the dictionary, for example V(en_US).
        type: str
      words:
        description:
          - The words; each without white space or invisible characters, at most 128 characters; 1 to 2,500 of them.
          - A list, or one string of comma-separated words (each trimmed), as for every list option.
        type: list
        elements: str
      src:
        description:
          - A dictionary file on the controller, in SailPoint's format; a relative path is looked up in the C(files/)
            folder of the role or playbook, then next to the playbook. Read on the controller by the module's action
            plugin.
        type: path
      content:
        description: The text of a dictionary file, instead of O(dictionary.words) or O(dictionary.src).
        type: str
  lock_dir:
    description:
      - The directory of the tenants' lock files on the controller, created (mode 0700) when missing. A directory that
        every user may write and that is not sticky is refused.
      - Point it at a directory that several controllers share (for example a shared volume of AWX execution nodes)
        only if that file system supports C(flock) locks across hosts.
      - Falls back to the E(SAIL_LOCK_DIR) environment variable, then C(~/.ansible/sailpoint_community.isc/locks).
    type: path
  lock_timeout:
    description:
      - Seconds to wait for another run on the same tenant to finish before failing with a message naming it (its pid
        and start time). Nothing is read or written before the lock is taken.
    type: float
    default: 120
notes:
  - The output lists every object that changes or would change by name in RV(report.summary), and C(--diff) shows the
    diff of each, with sources and policies by name.
seealso:
  - module: sailpoint_community.isc.password_policy
  - module: sailpoint_community.isc.password_sync_group
  - module: sailpoint_community.isc.password_org_config
  - module: sailpoint_community.isc.password_dictionary
"""

EXAMPLES = r"""
- name: Converge the tenant's password policies and sync groups
  sailpoint_community.isc.password_config:
    policies:
      - default_policy: true
        min_length: 10
      - name: Corporate
        min_length: 12
        sources: [Active Directory]
    sync_groups:
      - name: Corporate accounts
        password_policy: Corporate
        sources: [GitHub, Salesforce]
  register: password_run

- name: Show what changed, object by object
  ansible.builtin.debug:
    msg: "{{ password_run.report.summary }}"

- name: Audit the whole tenant without changing it, deleting nothing the lists leave out
  sailpoint_community.isc.password_config:
    policies: "{{ wanted_policies }}"
    sync_groups: "{{ wanted_groups }}"
    exclusive: true
    org_config:
      digit_token_enabled: true
    dictionary:
      locale: en_US
      words: [acme, password, qwerty]
  check_mode: true
  register: drift
"""

RETURN = r"""
steps:
  description:
    - One entry per object the run manages, in the order of the run (the org settings and the dictionary first).
  returned: always
  type: list
  elements: dict
  contains:
    kind:
      description: C(password_policy), C(password_sync_group), C(password_org_config) or C(password_dictionary).
      type: str
    name:
      description: The object's name.
      type: str
    phase:
      description: The step of the run (1 sync groups deleted, 2 policies, 3 sync groups, 4 policies deleted; 0 the settings).
      type: int
    round:
      description:
        - Within its phase, the round of writes that go out together. A step that takes a name or a source that another
          step frees, or writes the same object, goes out in a later round than that step.
      type: int
    action:
      description: V(create), V(update), V(delete) or V(none).
      type: str
    diff:
      description: The managed fields before and after, sources and policies by name.
      type: dict
    after:
      description: The object after the run (predicted in check mode), with the per-object module's option names.
      type: dict
    status:
      description: In a real run, for an object with a change, V(written), V(failed) or V(not attempted).
      type: str
      returned: when written or due to be
    error:
      description: Why the write of this object failed.
      type: str
      returned: when it failed
  sample:
    - kind: password_policy
      name: Corporate
      phase: 2
      round: 1
      action: update
      diff: {before: {min_length: 8}, after: {min_length: 12}}
      after: {id: 2c91808e7d976f3b017d9f5ceae440c8, name: Corporate, min_length: 12}
      status: written
errors:
  description:
    - Every input that breaks a rule (then nothing was written), with its kind, name and message; C(kind) and C(name)
      are null for a rule of the whole run (more deletions than O(max_deletions)).
    - C(conflict) is true for a hold on what the tenant has (a source or name another object keeps); in check mode
      that is drift, not a failure.
  returned: always
  type: list
  elements: dict
  sample:
    - kind: password_sync_group
      name: Lonely group
      msg: "sources: a password sync group needs at least 2 sources; got 1"
      text: "password sync group 'Lonely group': sources: a password sync group needs at least 2 sources; got 1"
object_warnings:
  description: Warnings about objects (also shown as Ansible warnings), with their kind and name.
  returned: always
  type: list
  elements: dict
  sample:
    - kind: password_policy
      name: Corporate
      msg: use_dictionary is true, but the tenant has no password dictionary
report:
  description:
    - What the run found or did, as the P(sailpoint_community.isc.password_config#role) role writes it to its report
      files; C(summary) lists, one line each, every object that changed or would change, by name.
  returned: always
  type: dict
  contains:
    mode:
      description: V(audit) in check mode (however check mode was asked for), else V(apply).
      type: str
    totals:
      description: Objects per status.
      type: dict
    drift:
      description: Objects not in sync with the inputs.
      type: int
    objects:
      description: One entry per object, with its status and the fields that differ.
      type: list
      elements: dict
    warnings:
      description: The warnings, as in RV(object_warnings).
      type: list
      elements: dict
    summary:
      description: The totals, then one line per warning and per object that is not in sync.
      type: list
      elements: str
  sample:
    mode: apply
    totals: {created: 1, updated: 1, deleted: 0, in sync: 3}
    drift: 2
    summary: ["Objects: created 1, updated 1, deleted 0, in sync 3", "created: password policy 'Corporate': min_length 12"]
diff:
  description:
    - The diffs of the objects that changed or would change, one per object, each with a header naming its kind and
      name; C(--diff) shows them.
  returned: always
  type: list
  elements: dict
  sample:
    - before: {min_length: 8}
      after: {min_length: 12}
      before_header: password policy Corporate (tenant)
      after_header: password policy Corporate (update)
"""


from ansible_collections.sailpoint_community.isc.plugins.module_utils import engine, org_config, plan
from ansible_collections.sailpoint_community.isc.plugins.module_utils.connection import IscModule, argument_spec, env_value, run_module

DICTIONARY_OPTIONS = dict(locale=dict(type="str"), words=dict(type="list", elements="str"), src=dict(type="path"), content=dict(type="str"))


def main():
    module = IscModule(
        argument_spec=argument_spec(
            policies=dict(type="list", elements="dict", default=[]),
            sync_groups=dict(type="list", elements="dict", default=[]),
            exclusive=dict(type="bool", default=False),
            exclusive_allow_empty=dict(type="bool", default=False),
            max_deletions=dict(type="int", default=plan.MAX_DELETIONS),
            org_config=dict(type="dict", options=org_config.module_options()),
            dictionary=dict(type="dict", options=DICTIONARY_OPTIONS, mutually_exclusive=[("words", "src"), ("words", "content")]),
            lock_dir=dict(type="path", fallback=(env_value, ["SAIL_LOCK_DIR"])),
            lock_timeout=dict(type="float", default=120.0),
        ),
        supports_check_mode=True,
    )

    def action(client):
        result = engine.run(client, module.params, module.check_mode)
        for warning in result["object_warnings"]:
            module.warn("%s %r: %s" % (warning["kind"].replace("_", " "), warning["name"], warning["msg"]))
        return result

    run_module(module, action)


if __name__ == "__main__":
    main()
