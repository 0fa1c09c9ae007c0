# -*- coding: utf-8 -*-
# Copyright (c) sailpoint_community.isc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The org's password dictionary: SailPoint's file rules, parsing, and reconcile.

ISC keeps one dictionary file per tenant. Its rules (from SailPoint's spec): UTF-8; lines starting
with ``#`` are comments; blank lines are allowed; one locale line (``locale=en_US``; the spec also
writes ``locale:en_US``); every other line is one word without white space, at most 128 characters;
1 to 2,500 words. Words match case-insensitively and by substring, so case, order and repeats make
no difference: two dictionaries are the same when their locale and their sets of lower-cased words are.

The collection always uploads the same canonical file: a comment that says who manages it, the
locale line written ``locale=xx_XX`` (the form the API reference's own sample file uses), then the
words, once each, in the order given.
"""

import re

from ansible_collections.sailpoint_community.isc.plugins.module_utils import state as st
from ansible_collections.sailpoint_community.isc.plugins.module_utils.errors import IscError, ValidationError
from ansible_collections.sailpoint_community.isc.plugins.module_utils.resources import PasswordDictionary

MAX_WORDS = 2500
MAX_WORD_LENGTH = 128
LOCALE_PREFIXES = ("locale=", "locale:")
LOCALE_PATTERN = re.compile(r"^([A-Za-z]{2})_([A-Za-z]{2})$")
HEADER = "# Managed by Ansible: sailpoint_community.isc.password_dictionary"
RESULT_KEY = "password_dictionary"
ABSENT_MESSAGE = (
    "state=absent: ISC cannot delete a password dictionary (its API has no DELETE, and an empty dictionary is "
    "refused). To stop checking passwords against it, set use_dictionary: false on the password policies "
    "(sailpoint_community.isc.password_policy); to replace it, upload other words with state=present."
)
MISSING_WARNING = (
    "Password policy %r has use_dictionary: true, but the tenant has no password dictionary yet, so ISC has "
    "nothing to check passwords against; upload one with sailpoint_community.isc.password_dictionary."
)


def module_options():
    """The argument spec of the password_dictionary module's own options."""
    return dict(
        state=dict(type="str", choices=["present", "absent"], default="present"),
        words=dict(type="list", elements="str"),
        src=dict(type="path"),
        content=dict(type="str"),
        locale=dict(type="str"),
    )


MUTUALLY_EXCLUSIVE = [("words", "src", "content")]


def normalise_locale(value, option="locale"):
    """``en_us``, ``EN_US`` → ``en_US``; anything but a language_COUNTRY pair of two letters each is an error."""
    match = LOCALE_PATTERN.match(str(value).strip())
    if not match:
        raise ValidationError(
            "%s must be a language code and a country code of two letters each, joined by _ (for example en_US or de_DE); got %r" % (option, value),
            option=option,
        )
    return "%s_%s" % (match.group(1).lower(), match.group(2).upper())


def check_word(word, where, option):
    """One word: not empty, no white space, at most 128 characters, not read by ISC as a comment or the locale."""
    if word == "":
        raise ValidationError("%s: a word must not be empty" % where, option=option)
    if any(char.isspace() for char in word):
        raise ValidationError("%s: %r contains white space; ISC takes one word per line, without white space" % (where, word), option=option)
    invisible = st.invisible_character(word)
    if invisible:
        raise ValidationError(
            "%s: %r contains %s, a control or invisible character: the word would not match what users type; remove it" % (where, word, invisible),
            option=option,
        )
    if len(word) > MAX_WORD_LENGTH:
        raise ValidationError("%s: a word must be at most %d characters (got %d)" % (where, MAX_WORD_LENGTH, len(word)), option=option)
    if option == "words" and word.startswith("#"):
        raise ValidationError("%s: %r starts with #, which ISC reads as a comment line" % (where, word), option=option)
    if option == "words" and word.lower().startswith(LOCALE_PREFIXES):
        raise ValidationError("%s: %r is a locale line, not a word; set the locale option instead" % (where, word), option=option)


def parse_file(text, option="src", strict=True):
    """(locale or None, [words]) of a dictionary file.

    ``strict`` (the task's file) applies every rule and names the line that breaks one. Not strict
    (the tenant's file, which ISC accepted) reads as ISC does: the first locale line is the locale,
    later lines are words.
    """
    locale, words = None, []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r")
        if not line.strip() or line.startswith("#"):
            continue
        if line.lower().startswith(LOCALE_PREFIXES):
            if locale is None:
                value = line[len("locale=") :].strip()
                locale = normalise_locale(value, option) if strict else value
                continue
            if strict:
                raise ValidationError("%s line %d: a second locale line (%r); a dictionary has one locale line" % (option, number, line), option=option)
        if strict:
            check_word(line, "%s line %d" % (option, number), option)
        words.append(line.strip() if not strict else line)
    return locale, words


def desired_dictionary(params, src_text=None):
    """(locale, words) the task asks for, every rule checked; raises ValidationError naming the option.

    ``src_text`` is the text of ``src`` when the caller (the action plugin) has read it already.
    """
    if params.get("words") is not None:
        option = "words"
        file_locale, words = None, []
        for index, word in enumerate(st.list_items(params["words"])):
            word = "" if word is None else str(word)
            check_word(word, "words[%d]" % index, "words")
            words.append(word)
    else:
        option = "content" if params.get("content") is not None else "src"
        if option == "content":
            text = drop_bom(params["content"])
        else:
            text = src_text if src_text is not None else read_source(params)
        file_locale, words = parse_file(text, option)
    locale = normalise_locale(params["locale"]) if params.get("locale") else None
    if locale and file_locale and locale != file_locale:
        raise ValidationError(
            "locale is %s but the %s file's locale line says %s: give one of them, or the same" % (locale, option, file_locale), option="locale"
        )
    locale = locale or file_locale
    if not locale:
        raise ValidationError(
            "locale: a dictionary needs one locale line; set the locale option (for example locale: en_US)%s"
            % ("" if option == "words" else " or put a line such as locale=en_US in the file"),
            option="locale",
        )
    words = st.unique_words(words)
    if not words:
        raise ValidationError("%s: a dictionary needs at least 1 word besides the locale (got none)" % option, option=option)
    if len(words) > MAX_WORDS:
        raise ValidationError("%s: a dictionary holds at most %d words (got %d different ones)" % (option, MAX_WORDS, len(words)), option=option)
    return locale, words


def read_source(params):
    """The text of ``src``. The collection's action plugin reads it on the controller and passes ``content``;
    this is only reached when the module is run without it (then ``src`` is a path on the module's host)."""
    try:
        with open(params["src"], "rb") as handle:
            data = handle.read()
    except (IOError, OSError) as error:
        raise ValidationError("src: cannot read %r: %s" % (params["src"], error), option="src") from None
    return decode(data, "src")


def decode(data, option="src"):
    """UTF-8 text of a file's bytes (a leading byte order mark is dropped), or a ValidationError."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValidationError("%s: the dictionary must be UTF-8 text; invalid byte at position %d" % (option, error.start), option=option) from None
    return drop_bom(text)


def drop_bom(text):
    """The text without a leading byte order mark (a file saved by Notepad, read with lookup('file'))."""
    return text[1:] if text.startswith("\ufeff") else text


def render(locale, words):
    """The file the collection uploads."""
    return "\n".join([HEADER, "locale=%s" % locale] + list(words)) + "\n"


def view(locale, words):
    """The dictionary as modules return it: the locale, the words in their spelling and order, how many."""
    if locale is None and words is None:
        return None
    return {"locale": locale, "words": list(words), "word_count": len(words)}


def read(client):
    """The tenant's dictionary as ``view`` shows it, or None when none was ever uploaded."""
    text = PasswordDictionary(client).get()
    if text is None:
        return None
    locale, words = parse_file(text, strict=False)
    return view(locale, st.unique_words(words))


def same(current, locale, words):
    """Whether the tenant's dictionary already is (locale, words), as ISC compares them."""
    return current is not None and (current["locale"] or "").lower() == locale.lower() and st.word_set(current["words"]) == st.word_set(words)


def ensure(client, params, check_mode=False):
    """Make the tenant's dictionary hold these words with this locale. Returns the module result."""
    desired = desired_of(params)
    result, text = plan(read(client), desired)
    if text is not None and not check_mode:
        PasswordDictionary(client).put(text)
    return result


def desired_of(params, src_text=None):
    """(locale, words) the task asks for; every rule checked before any request."""
    if params.get("state") == "absent":
        raise ValidationError(ABSENT_MESSAGE, option="state")
    if params.get("words") is None and params.get("src") is None and params.get("content") is None:
        raise ValidationError("one of words, src or content is required with state=present", option="words")
    return desired_dictionary(params, src_text=src_text)


def plan(current, desired):
    """(predicted result, file text to upload or None) for the tenant's dictionary ``current`` (``read``); no request."""
    locale, words = desired
    if same(current, locale, words):
        return _result(False, current, current, current, [], []), None
    added, removed = st.word_changes(current["words"] if current else [], words)
    wanted = view(locale, words)
    return _result(True, wanted, current, wanted, added, removed), render(locale, words)


def _diff_side(state):
    """Locale and the normalised words, one per line in a --diff: the changed words show as + and - lines."""
    if state is None:
        return {}
    return {"locale": state["locale"], "words": st.word_set(state["words"])}


def _result(changed, state, before, after, added, removed):
    return {
        "changed": changed,
        RESULT_KEY: state,
        "words_added": added,
        "words_removed": removed,
        "diff": {"before": _diff_side(before), "after": _diff_side(after)},
    }


def missing_dictionary_warnings(client, policy_state):
    """A warning when a policy checks passwords against the dictionary and the tenant has none.

    Runs after the policy's write: a failed read (a token without the dictionary's read scope)
    must not turn that write into a failed task, so it becomes a warning too.
    """
    if not policy_state or not policy_state.get("use_dictionary"):
        return []
    try:
        if PasswordDictionary(client).get() is not None:
            return []
    except IscError as error:
        return ["Could not check whether the tenant has a password dictionary, which use_dictionary needs: %s" % error.msg]
    return [MISSING_WARNING % policy_state.get("name")]
