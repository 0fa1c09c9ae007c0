"""Run `antsibull-docs lint-collection-docs` without its random failures.

    python tools/checks/docs_lint.py [lint-collection-docs options] COLLECTION_DIR

The linter copies the collection into a temporary folder named by `tempfile` (eight characters
from a-z, 0-9 and "_"), and the "Edit on GitHub" links it renders for plugins (edit_on_github in
docs/docsite/links.yml) contain that folder's path. When the name ends in "_" (about one run in
37), the path reads as an RST reference in rstcheck ("Unknown target name: antsibull-docs-..."), and
the lint fails for nothing. Python picks those names from tempfile._RandomNameSequence.characters;
this runs the linter with "_" taken out of it. Everything else is antsibull-docs' own CLI.
"""

import sys
import tempfile

from antsibull_docs.cli.antsibull_docs import run

RST_SAFE_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789"


def main(argv):
    # A private attribute, but unchanged since Python 2; if it ever goes away, lint as is.
    if hasattr(tempfile, "_RandomNameSequence"):
        tempfile._RandomNameSequence.characters = RST_SAFE_CHARACTERS  # pylint: disable=protected-access
    return run(["antsibull-docs", "lint-collection-docs"] + argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
