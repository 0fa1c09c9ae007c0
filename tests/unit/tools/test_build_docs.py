"""The docs site's sidebar breaks long plugin names only after _ and ., never mid-word."""

import importlib.util
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
