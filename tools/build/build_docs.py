"""Build the collection's HTML docs site offline with antsibull-docs and Sphinx.

    python tools/build/build_docs.py [--work DIR] [--output DIR]

Run it where the collection is installed (the Makefile's ANSIBLE_COLLECTIONS_PATH points at the
mirror in .build). The site is made of the plugin and role docs (from their DOCUMENTATION and
argument_specs) and the guides in docs/docsite/rst, listed in docs/docsite/extra-docs.yml.

The Sphinx scaffolding that `antsibull-docs sphinx-init` writes is generated into a scratch folder
(--work, default .build/docsite) on every build and never checked in. Two changes make it build
without internet: no intersphinx inventories to download, and no warnings for the references to
docs.ansible.com pages that antsibull-docs adds (they stay plain text). Sphinx runs with -W, so any
other warning fails the build. Before it starts, the envvar_directives of docs/docsite/config.yml must
name exactly the variables the guides describe with `.. envvar::` (see envvar_problems()).
"""

import argparse
import glob
import os
import re
import shutil
import subprocess
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # tools/<folder>/this.py
COLLECTION = "sailpoint_community.isc"

CONF_OVERRIDES = """
# --- added by tools/build/build_docs.py: build offline ---
# No intersphinx inventories (they would be downloaded from docs.python.org and docs.ansible.com).
intersphinx_mapping = {}
# antsibull-docs links to pages of the Ansible docsite (ref.ref); without its inventory they cannot resolve.
suppress_warnings = ['ref.ref']
html_title = 'sailpoint_community.isc'
html_theme_options = {
    'collapse_navigation': False,
    'navigation_depth': 3,
    # The theme's defaults link to ansible.com pages and '/' (nothing, in a local build).
    'topbar_links': {
        'GitHub': 'https://github.com/sailpoint-community/sailpoint_community.isc',
        'Galaxy': 'https://galaxy.ansible.com/ui/repo/published/sailpoint_community/isc/',
        'Ansible docs': 'https://docs.ansible.com/',
    },
    'documentation_home_url': 'https://github.com/sailpoint-community/sailpoint_community.isc',
    'show_rtd_ethical_ads': False,
}
html_static_path = ['_static']
html_css_files = ['isc.css']
"""

# Plugin pages are titled with the FQCN (sailpoint_community.isc.password_dictionary_info module - ...),
# which the sidebar cut or split mid-name. Every page of the site is of this one collection, so the
# sidebar shows the short name (password_dictionary_info module - ...), which fits on a line; the page
# title keeps the FQCN. The text may wrap only where soft_breaks() put a <wbr> (after _ and .) or at a
# space, never in the middle of a word.
EXTRA_CSS = """.wy-menu-vertical a { overflow-wrap: normal; word-break: normal; }
"""
MENU = re.compile(r'(<div class="wy-menu wy-menu-vertical".*?</div>)', re.S)
LONGEST_UNBROKEN = 20  # characters of menu text without a break opportunity
COLLECTION_PREFIX = re.compile(r"\b" + re.escape(COLLECTION + ".") + r"(?=\w)")


def in_menu_text(html, change):
    """The page with change(text) applied to each text node of its sidebar menu."""

    def in_text(match):
        return ">" + change(match.group(1)) + "<"

    return MENU.sub(lambda menu: re.sub(r">([^<>]+)<", in_text, menu.group(1)), html)


def short_menu_names(html):
    """The page with the collection's prefix dropped from the plugin names of its sidebar menu."""
    return in_menu_text(html, lambda text: COLLECTION_PREFIX.sub("", text))


def soft_breaks(html):
    """The page with a <wbr> after every _ and . in the text of its sidebar menu."""
    return in_menu_text(html, lambda text: re.sub(r"([_.])(?=\w)", r"\1<wbr>", text))


def unbreakable_menu_words(html):
    """Words of the sidebar menu longer than LONGEST_UNBROKEN characters with no break opportunity."""
    words = []
    for menu in MENU.findall(html):
        text = re.sub(r"<wbr>", " ", menu)
        text = re.sub(r"<[^>]+>", " ", text)
        words += [word for word in text.split() if len(word) > LONGEST_UNBROKEN]
    return words


ENVVAR_DIRECTIVE = re.compile(r"^\.\. envvar:: (\S+)", re.M)


def described_envvars(docsite):
    """The environment variables the guides of docsite/rst describe with `.. envvar::`."""
    names = set()
    for path in glob.glob(os.path.join(docsite, "rst", "*.rst")):
        with open(path, encoding="utf-8") as handle:
            names.update(ENVVAR_DIRECTIVE.findall(handle.read()))
    return names


def listed_envvars(docsite):
    """The envvar_directives of docsite/config.yml."""
    with open(os.path.join(docsite, "config.yml"), encoding="utf-8") as handle:
        return set((yaml.safe_load(handle) or {}).get("envvar_directives") or [])


def envvar_problems(docsite):
    """Why config.yml's envvar_directives and the guides' `.. envvar::` directives disagree, if they do.

    antsibull-docs writes its own `.. envvar::` for a variable a plugin option falls back to unless the
    list names it (Sphinx -W then fails on the duplicate); a listed one without a directive is a dead link.
    """
    described, listed = described_envvars(docsite), listed_envvars(docsite)
    problems = ["%s has a `.. envvar::` directive in the guides but is not in envvar_directives of config.yml" % name for name in sorted(described - listed)]
    problems += ["%s is in envvar_directives of config.yml but no guide describes it with `.. envvar::`" % name for name in sorted(listed - described)]
    return problems


def untitle_cased(text):
    """The page with its title's collection name as users type it (same length: the underline still fits)."""
    for plain in (COLLECTION, COLLECTION.replace("_", "\\_")):  # the changelog page escapes the _
        text = re.sub("^" + re.escape(plain.title()) + r"\b", plain.replace("\\", "\\\\"), text, count=1, flags=re.M)
    return text


def run(cmd, **kwargs):
    print("+ " + " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, **kwargs)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", default=os.path.join(ROOT, ".build", "docsite"), help="scratch folder for the generated scaffolding (default: %(default)s)")
    parser.add_argument(
        "--output", default=os.path.join(ROOT, "docs", "build"), help="where Sphinx writes the site; the HTML is in OUTPUT/html (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    work, output = os.path.abspath(args.work), os.path.abspath(args.output)
    problems = envvar_problems(os.path.join(ROOT, "docs", "docsite"))
    if problems:
        sys.exit("build_docs: " + "; ".join(problems))

    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    run(
        [
            "antsibull-docs",
            "sphinx-init",
            "--use-current",
            "--squash-hierarchy",
            "--fail-on-error",
            "--no-add-antsibull-docs-version",
            "--project",
            COLLECTION,
            "--copyright",
            "sailpoint_community.isc contributors",
            "--title",
            "sailpoint_community.isc",
            "--dest-dir",
            work,
            COLLECTION,
        ],
        stdout=subprocess.DEVNULL,
    )

    conf = os.path.join(work, "conf.py")
    with open(conf, encoding="utf-8") as handle:
        text = handle.read()
    # Drop sphinx-init's intersphinx block; CONF_OVERRIDES sets an empty one.
    text = re.sub(r"\nintersphinx_mapping = \{.*?\n\}\n", "\n", text, flags=re.S)
    with open(conf, "w", encoding="utf-8") as handle:
        handle.write(text + CONF_OVERRIDES)

    os.makedirs(os.path.join(work, "_static"), exist_ok=True)
    with open(os.path.join(work, "_static", "isc.css"), "w", encoding="utf-8") as handle:
        handle.write(EXTRA_CSS)

    rst = os.path.join(work, "rst")
    os.makedirs(rst, exist_ok=True)
    os.chmod(rst, 0o755)  # antsibull-docs refuses a destination others can write to
    run(
        [
            "antsibull-docs",
            "--config-file",
            os.path.join(work, "antsibull-docs.cfg"),
            "collection",
            "--use-current",
            "--squash-hierarchy",
            "--fail-on-error",
            "--cleanup",
            "everything",
            "--dest-dir",
            rst,
            COLLECTION,
        ]
    )

    # antsibull-docs title-cases the collection name ("Sailpoint_Community.Isc"); users type it as it is.
    for page in ("index.rst", "changelog.rst"):
        with open(os.path.join(rst, page), encoding="utf-8") as handle:
            text = handle.read()
        text = untitle_cased(text)
        with open(os.path.join(rst, page), "w", encoding="utf-8") as handle:
            handle.write(text)

    shutil.rmtree(output, ignore_errors=True)
    run(["sphinx-build", "-M", "html", rst, output, "-c", work, "-W", "--keep-going", "-q"])
    long_words = set()
    for folder, _dirs, files in os.walk(os.path.join(output, "html")):
        for name in files:
            if name.endswith(".html"):
                path = os.path.join(folder, name)
                with open(path, encoding="utf-8") as handle:
                    html = soft_breaks(short_menu_names(handle.read()))
                with open(path, "w", encoding="utf-8") as handle:
                    handle.write(html)
                long_words.update(unbreakable_menu_words(html))
    if long_words:
        sys.exit("build_docs: menu entries that can only break mid-word: %s" % ", ".join(sorted(long_words)))
    print(f"build_docs: the site is in {os.path.join(output, 'html', 'index.html')}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except subprocess.CalledProcessError as error:
        sys.exit(f"build_docs: {' '.join(error.cmd[:2])} failed (exit code {error.returncode})")
