"""The docs site build: the sidebar's plugin names, and the environment variables its guides describe."""

import importlib.util
import re
from pathlib import Path

BUILD_DOCS = Path(__file__).resolve().parents[3] / "tools" / "build" / "build_docs.py"
SPEC = importlib.util.spec_from_file_location("build_docs", BUILD_DOCS)
build_docs = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(build_docs)

MENU = (
    '<div class="wy-menu wy-menu-vertical" role="navigation"><ul><li class="toctree-l1">'
    '<a class="reference internal" href="x.html">password_sync_group_info module – Read password sync groups</a>'
    '<a class="reference internal" href="y.html">sailpoint_community.isc.password_policy</a></li></ul></div>'
    "<p>body_text_stays_as_it_is</p>"
)


def test_menu_names_get_break_opportunities_after_underscores_and_dots():
    html = build_docs.soft_breaks(MENU)
    assert "password_<wbr>sync_<wbr>group_<wbr>info module" in html
    assert "sailpoint_<wbr>community.<wbr>isc.<wbr>password_<wbr>policy" in html
    assert 'href="x.html"' in html and 'class="reference internal"' in html  # attributes untouched
    assert "<p>body_text_stays_as_it_is</p>" in html
    assert build_docs.unbreakable_menu_words(html) == []


def test_the_check_finds_names_that_could_only_break_mid_word():
    assert build_docs.unbreakable_menu_words(MENU) == ["password_sync_group_info", "sailpoint_community.isc.password_policy"]


def test_the_css_no_longer_breaks_anywhere():
    assert "anywhere" not in build_docs.EXTRA_CSS


def test_plugin_names_in_the_menu_lose_the_collection_prefix():
    html = build_docs.short_menu_names(MENU)
    assert ">password_policy<" in html
    assert "sailpoint_community.isc." not in html.split("<p>")[0]
    assert build_docs.unbreakable_menu_words(build_docs.soft_breaks(html)) == []


def test_the_page_title_keeps_the_fqcn_outside_the_menu():
    page = MENU + "<h1>sailpoint_community.isc.password_policy module</h1>"
    assert "<h1>sailpoint_community.isc.password_policy module</h1>" in build_docs.short_menu_names(page)


# The environment variables: antsibull-docs writes its own `.. envvar::` for a variable a plugin option falls
# back to unless docs/docsite/config.yml lists it, and Sphinx -W fails on the duplicate.
DOCSITE = Path(__file__).resolve().parents[3] / "docs" / "docsite"


def docsite_with(tmp_path, listed, described):
    (tmp_path / "rst").mkdir()
    (tmp_path / "config.yml").write_text("envvar_directives: %s\n" % listed, encoding="utf-8")
    (tmp_path / "rst" / "guide.rst").write_text("".join(".. envvar:: %s\n\n  text\n\n" % name for name in described), encoding="utf-8")
    return str(tmp_path)


def test_a_described_envvar_missing_from_config_is_a_problem(tmp_path):
    problems = build_docs.envvar_problems(docsite_with(tmp_path, "[SAIL_BASE_URL]", ["SAIL_BASE_URL", "SAIL_API_VERSION"]))
    assert problems == ["SAIL_API_VERSION has a `.. envvar::` directive in the guides but is not in envvar_directives of config.yml"]


def test_a_listed_envvar_no_guide_describes_is_a_problem(tmp_path):
    problems = build_docs.envvar_problems(docsite_with(tmp_path, "[SAIL_BASE_URL, SAIL_GONE]", ["SAIL_BASE_URL"]))
    assert problems == ["SAIL_GONE is in envvar_directives of config.yml but no guide describes it with `.. envvar::`"]


def test_the_docsite_config_lists_every_envvar_the_guides_describe():
    assert build_docs.envvar_problems(str(DOCSITE)) == []


def plugin_doc_envvars():
    """SAIL_* variables the plugins' docs name: E(SAIL_...) markup and the lookup's `env:` entries."""
    names = set()
    for path in (DOCSITE.parents[1] / "plugins").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        names.update(re.findall(r"E\((SAIL_\w+)\)", text) + re.findall(r"- name: (SAIL_\w+)", text))
    return names


def test_the_guides_describe_every_envvar_of_the_connection_options_and_the_plugin_docs():
    from ansible_collections.sailpoint_community.isc.plugins.module_utils.connection import CONNECTION_ARGUMENT_SPEC

    fallbacks = {name for option in CONNECTION_ARGUMENT_SPEC.values() if "fallback" in option for name in option["fallback"][1]}
    assert "SAIL_API_VERSION" in fallbacks and "SAIL_API_VERSION" in plugin_doc_envvars()
    assert fallbacks | plugin_doc_envvars() <= build_docs.described_envvars(str(DOCSITE))


def test_make_test_builds_the_docs_site():
    makefile = (DOCSITE.parents[1] / "Makefile").read_text(encoding="utf-8")
    stages = re.search(r"^test:.*\n\t.*run_checks\.py (.*)$", makefile, re.M).group(1).split()
    assert "docs" in stages


def test_page_titles_spell_the_collection_as_users_type_it():
    assert build_docs.untitle_cased("Sailpoint_Community.Isc\n=======================\n\ntext") == "sailpoint_community.isc\n=======================\n\ntext"
    changelog = "====\nSailpoint\\_Community.Isc Release Notes\n====\n"
    assert build_docs.untitle_cased(changelog) == "====\nsailpoint\\_community.isc Release Notes\n====\n"
