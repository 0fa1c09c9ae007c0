# -*- coding: utf-8 -*-
# Copyright (c) sailpoint_community.isc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin of password_config: reads ``dictionary.src`` on the controller.

As for password_dictionary (whose reader it uses), the dictionary file belongs with the playbook or
role; its text goes to the module as ``dictionary.content``, next to ``src`` so that the module's
messages name ``src``. The module checks the file with the other inputs, before any write.
"""

from ansible.module_utils.common.text.converters import to_text
from ansible.plugins.action import ActionBase

from ansible_collections.sailpoint_community.isc.plugins.action.password_dictionary import ActionModule as DictionaryAction
from ansible_collections.sailpoint_community.isc.plugins.module_utils.errors import ValidationError

MODULE = "sailpoint_community.isc.password_config"


class ActionModule(DictionaryAction):
    def run(self, tmp=None, task_vars=None):
        result = ActionBase.run(self, tmp, task_vars)
        args = dict(self._task.args)
        options = args.get("dictionary")
        if isinstance(options, dict) and options.get("src") is not None:
            given = [option for option in ("words", "content") if options.get(option) is not None]
            if given:
                result.update(failed=True, msg="dictionary: parameters are mutually exclusive: words|src|content (got src and %s)" % " and ".join(given))
                return result
            try:
                text = self._read(to_text(options["src"]))
            except ValidationError as error:
                result.update(failed=True, msg="dictionary: %s; nothing was sent" % error.msg)
                return result
            args["dictionary"] = dict(options, content=text)
        result.update(self._execute_module(module_name=MODULE, module_args=args, task_vars=task_vars))
        return result
