"""The ISC API versions the integration tests run on, and the proof that a run used only its own.

    python api_versions.py list           the versions to run, one per line
    python api_versions.py check VERSION  after a run: every API request that the simulators of
                                          ISC_SIM_URLS received went to VERSION's paths

Which versions: ISC_TEST_API_VERSIONS (space-separated), else the file api_versions.txt beside this script
(ansible-test passes no environment to the targets, so `make integration`, `make test-live` and `make
test-matrix` write their ISC_TEST_API_VERSIONS there: ansible-test copies the folders of the targets a run
needs, setup_isc among them, but no other file of tests/integration), else both, "v3 v1". check_mode_replay and password_config_faults,
which start their own simulators, import this module for the same answer.
"""

import json
import os
import re
import sys
import urllib.request
from pathlib import Path

VERSIONS = ("v3", "v1")
CHOICE_FILE = Path(__file__).resolve().with_name("api_versions.txt")
# The root of every API path in each version: /v3/<service>..., or /<service>/v1... (the token endpoint is neither).
PATH_FAMILIES = {"v3": re.compile(r"^/v3/[a-z-]+"), "v1": re.compile(r"^/[a-z-]+/v1(/|$)")}
TOKEN_PATH = "/oauth/token"


def chosen():
    text = os.environ.get("ISC_TEST_API_VERSIONS") or (CHOICE_FILE.read_text(encoding="utf-8") if CHOICE_FILE.exists() else "")
    versions = text.split() or list(VERSIONS)
    unknown = [version for version in versions if version not in VERSIONS]
    if unknown:
        sys.exit("ISC_TEST_API_VERSIONS: unknown API version(s) %s; choose from %s" % (" ".join(unknown), " ".join(VERSIONS)))
    return versions


def foreign_requests(requests_, version):
    """The (method, path) of the requests that did not go to ``version``'s paths (the token endpoint aside)."""
    return [(entry["method"], entry["path"]) for entry in requests_ if entry["path"] != TOKEN_PATH and not PATH_FAMILIES[version].match(entry["path"])]


def check(version, urls):
    """Fails unless the simulators at ``urls`` received API requests, and all on ``version``'s paths."""
    seen, problems = 0, []
    for url in urls:
        with urllib.request.urlopen(url.rstrip("/") + "/_sim/journal?since=0", timeout=30) as response:
            journal = json.load(response)
        if journal["count"] != journal["last_seq"]:
            # A reset or a full journal dropped requests: they could not be checked, so nothing is proved.
            problems.append("%s: %d of %d requests are no longer in the journal" % (url, journal["last_seq"] - journal["count"], journal["last_seq"]))
        foreign = foreign_requests(journal["requests"], version)
        if foreign:
            problems.append("%s: %d request(s) not on the %s paths, e.g. %s" % (url, len(foreign), version, sorted(set(foreign))[:5]))
        seen += sum(1 for entry in journal["requests"] if entry["path"] != TOKEN_PATH)
    if not seen:
        problems.append("no API request reached the simulator: the run proved nothing about %s" % version)
    if problems:
        sys.exit("api_versions check %s failed:\n  %s" % (version, "\n  ".join(problems)))
    print("api_versions: %d API requests, every one on the %s paths" % (seen, version), flush=True)


def main(argv):
    if argv[:1] == ["list"]:
        print("\n".join(chosen()))
    elif len(argv) == 2 and argv[0] == "check" and argv[1] in VERSIONS:
        check(argv[1], os.environ["ISC_SIM_URLS"].split())
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
