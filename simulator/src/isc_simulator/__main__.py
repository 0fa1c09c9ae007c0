"""Command line: `isc-simulator --help`, or `python -m isc_simulator --help`."""

import argparse
import json
import os
import shlex
import signal
import sys
import threading

from .simulator import QUIRKS, QUIRKS_ENV, Simulator, __version__, client_spec, default_quirks, quirk_settings


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="isc-simulator", description="Local simulator of the SailPoint ISC V3 password-management endpoints.")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: %(default)s)")
    parser.add_argument("--port", type=int, default=8800, help="port; 0 picks a free one (default: %(default)s)")
    parser.add_argument("--seed", metavar="FILE", help="JSON seed file (default: the bundled seed.json)")
    parser.add_argument("--token-lifetime", type=float, default=749, metavar="SECONDS", help="access token lifetime (default: %(default)s)")
    parser.add_argument("--rate-limit", type=int, default=100, metavar="N", help="requests per window per client (default: %(default)s)")
    parser.add_argument("--rate-window", type=float, default=10, metavar="SECONDS", help="rate-limit window (default: %(default)s)")
    parser.add_argument("--no-rate-limit", action="store_true", help="switch the rate limit off")
    parser.add_argument(
        "--latency", type=float, default=0.0, metavar="SECONDS", help="added to every ISC request, like ISC's response time, e.g. 0.15 (default: none)"
    )
    parser.add_argument("--ready-file", metavar="PATH", help="write the base URL to PATH once listening (removed on exit)")
    parser.add_argument("--tls-cert", metavar="PEM", help="serve HTTPS with this certificate (needs --tls-key)")
    parser.add_argument("--tls-key", metavar="PEM", help="private key for --tls-cert")
    parser.add_argument(
        "--quirks",
        nargs="?",
        const="all",
        default=None,
        metavar="LIST",
        help=f"behave like real tenants where they differ from the contract: all, none, or a comma-separated list of {', '.join(QUIRKS)} "
        f"(default: ${QUIRKS_ENV}, else all)",
    )
    parser.add_argument("--idealised", action="store_true", help="no real-tenant quirks: the contract's ideal behaviour (the same as --quirks none)")
    parser.add_argument(
        "--client",
        action="append",
        default=[],
        type=_client,
        metavar="JSON",
        help='another client, as {"client_id", "client_secret", "kind": "user" or "application", "scopes": [...], "user_level": "ORG_ADMIN"} '
        "(repeatable; default kind user, every scope, ORG_ADMIN)",
    )
    parser.add_argument("--quiet", action="store_true", help="do not log requests to stderr")
    parser.add_argument("--version", action="version", version=f"isc-simulator {__version__}")
    args = parser.parse_args(argv)
    if args.latency < 0:
        parser.error("--latency must be 0 or more")
    if bool(args.tls_cert) != bool(args.tls_key):
        parser.error("--tls-cert and --tls-key go together")
    if args.idealised and args.quirks is not None:
        parser.error("--idealised and --quirks exclude each other")
    try:
        args.quirks = quirk_settings("none") if args.idealised else default_quirks() if args.quirks is None else quirk_settings(args.quirks)
    except ValueError as exc:
        parser.error(f"--quirks / ${QUIRKS_ENV}: {exc}")
    return args


def _client(text):
    """A --client value: a JSON object of the client's settings (see Simulator.add_client)."""
    try:
        return client_spec(json.loads(text))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a client: {exc}") from exc


def write_ready_file(path, url):
    """Atomically, so a script polling for the file never reads half a URL."""
    temporary = f"{path}.{os.getpid()}.tmp"
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(url + "\n")
    os.replace(temporary, path)


def main(argv=None):
    args = parse_args(argv)
    try:
        sim = Simulator(
            host=args.host,
            port=args.port,
            seed=args.seed,
            token_lifetime=args.token_lifetime,
            rate_limit=args.rate_limit,
            rate_window=args.rate_window,
            tls_cert=args.tls_cert,
            tls_key=args.tls_key,
            rate_limit_enabled=not args.no_rate_limit,
            quirks=args.quirks,
            latency=args.latency,
            clients=args.client,
            quiet=args.quiet,
        )
        sim.start()
    except (OSError, ValueError) as exc:  # bad seed file, port in use, bad TLS files...
        print(f"isc-simulator: cannot start: {exc}", file=sys.stderr)
        return 2

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    print(
        f"# ISC simulator {__version__} listening on {sim.base_url} (admin API: {sim.admin_url})\n"
        f"export SAIL_BASE_URL={shlex.quote(sim.base_url)}\n"
        f"export SAIL_CLIENT_ID={shlex.quote(sim.client_id)}\n"
        f"export SAIL_CLIENT_SECRET={shlex.quote(sim.client_secret)}\n"
        f"# admin API prefix: {sim.admin_url}",
        flush=True,
    )
    if args.ready_file:
        write_ready_file(args.ready_file, sim.base_url)
    try:
        while not stop.wait(0.2):  # a timed wait keeps the main thread responsive to signals
            pass
    finally:
        sim.stop()
        if args.ready_file and os.path.exists(args.ready_file):
            os.remove(args.ready_file)
    return 0


if __name__ == "__main__":
    sys.exit(main())
