# -*- coding: utf-8 -*-
# Copyright (c) sailpoint_community.isc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin of password_dictionary: reads ``src`` on the controller.

A module runs where the task runs, but a dictionary file belongs with the playbook, like the ``src``
of ansible.builtin.copy. So, like copy and kubernetes.core.k8s, this plugin finds the file on the
controller (the role's files/, then next to the playbook; vault-encrypted files decrypted), checks
it with the module's own rules, naming ``src`` and the line, and hands its text to the module as
``content``. Nothing is sent to ISC when the file breaks a rule.
"""

from ansible.errors import AnsibleError, AnsibleFileNotFound
from ansible.module_utils.common.text.converters import to_text
from ansible.plugins.action import ActionBase

from ansible_collections.sailpoint_community.isc.plugins.module_utils import dictionary
from ansible_collections.sailpoint_community.isc.plugins.module_utils.errors import ValidationError

MODULE = "sailpoint_community.isc.password_dictionary"


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _supports_check_mode = True
    _supports_async = False

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        args = dict(self._task.args)
        src = args.get("src")
        if src is not None:
            given = [option for option in ("words", "content") if args.get(option) is not None]
            if given:
                result.update(failed=True, msg="parameters are mutually exclusive: words|src|content (got src and %s)" % " and ".join(given))
                return result
            try:
                text = self._read(to_text(src))
                if args.get("state", "present") == "present":
                    dictionary.desired_dictionary(dict(args, src=src), src_text=text)
            except ValidationError as error:
                result.update(error.fail_kwargs(), failed=True)
                return result
            del args["src"]
            args["content"] = text
        result.update(self._execute_module(module_name=MODULE, module_args=args, task_vars=task_vars))
        return result

    def _read(self, src):
        """The UTF-8 text of ``src``, found on the controller like copy's src."""
        try:
            path = self._find_needle("files", src)
            real = self._loader.get_real_file(path, decrypt=True)
        except AnsibleFileNotFound as error:
            raise ValidationError(not_found_message(src, error.paths), option="src") from None
        except AnsibleError as error:
            raise ValidationError("src: %s" % to_text(error.message), option="src") from None
        try:
            with open(real, "rb") as handle:
                data = handle.read()
        except (IOError, OSError) as error:
            raise ValidationError("src: cannot read %s: %s" % (path, error), option="src") from None
        finally:
            self._loader.cleanup_tmp_file(real)
        return dictionary.decode(data, "src")


def not_found_message(src, paths):
    """Where the file was looked for, each place once (Ansible's own message lists each twice and
    points to a remote_src option these modules do not have)."""
    places = list(dict.fromkeys(paths or []))
    where = ("; looked in: %s" % ", ".join(places)) if places else ""
    return (
        "src: the dictionary file %r was not found on the controller%s. A relative path is looked up in the files/ "
        "folder of the role, then next to the playbook; or give an absolute path" % (src, where)
    )
