"""Run a command against a fresh local ISC simulator, then stop the simulator.

    with-isc-simulator [--rate-limit N | --no-rate-limit] [--token-lifetime S] [--latency S] [--tenants N] [--quirks [LIST] | --idealised] -- CMD [ARG...]
    python -m isc_simulator.with_simulator ...   (the same)

The simulator listens on a free 127.0.0.1 port for as long as CMD runs. CMD gets SAIL_BASE_URL,
SAIL_CLIENT_ID and SAIL_CLIENT_SECRET pointing at it (the variables every module reads), and
ISC_SIM_URL, which tells test playbooks that the simulator's admin API (ISC_SIM_URL/_sim) is
there. With --tenants N, N independent simulators run, each a tenant of its own; their base
URLs are in ISC_SIM_URLS (space-separated) and SAIL_BASE_URL points at the first. They stop
when CMD ends, fails or is interrupted; the exit code is CMD's.
"""

import argparse
import os
import signal
import subprocess
import sys

from .simulator import QUIRKS, QUIRKS_ENV, Simulator, default_quirks, quirk_settings


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="with-isc-simulator", description=__doc__.splitlines()[0])
    parser.add_argument("--rate-limit", type=int, default=100, help="requests per window per client (default 100)")
    parser.add_argument("--no-rate-limit", action="store_true", help="switch the rate limit off")
    parser.add_argument("--token-lifetime", type=int, default=749, help="token lifetime in seconds (default 749)")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added to every ISC request, like ISC's response time (default 0)")
    parser.add_argument("--seed", help="seed file (default: the simulator's own seed.json)")
    parser.add_argument("--tenants", type=int, default=1, help="how many independent simulators to run (default 1)")
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
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- followed by the command to run")
    args = parser.parse_args(argv)
    if args.command[:1] == ["--"]:
        args.command = args.command[1:]
    if not args.command:
        parser.error("give the command to run after --")
    if args.latency < 0:
        parser.error("--latency must be 0 or more")
    if args.tenants < 1:
        parser.error("--tenants must be 1 or more")
    if args.idealised and args.quirks is not None:
        parser.error("--idealised and --quirks exclude each other")
    try:
        args.quirks = quirk_settings("none") if args.idealised else default_quirks() if args.quirks is None else quirk_settings(args.quirks)
    except ValueError as exc:
        parser.error(f"--quirks / ${QUIRKS_ENV}: {exc}")
    return args


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    simulators = []
    # A SIGTERM from CI must still stop the simulators: turn it into the normal exit path.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        for _tenant in range(args.tenants):
            simulators.append(
                Simulator(
                    port=0,
                    seed=args.seed,
                    token_lifetime=args.token_lifetime,
                    rate_limit=None if args.no_rate_limit else args.rate_limit,
                    quirks=args.quirks,
                    latency=args.latency,
                ).start()
            )
        return subprocess.call(args.command, env=command_env(simulators))
    except KeyboardInterrupt:
        return 130
    finally:
        stop(simulators)


def command_env(simulators):
    first = simulators[0]
    env = dict(os.environ)
    env.pop("SAIL_ACCESS_TOKEN", None)  # never hand a real tenant's token to the simulator run
    env.update(
        SAIL_BASE_URL=first.base_url,
        ISC_SIM_URL=first.base_url,
        ISC_SIM_URLS=" ".join(sim.base_url for sim in simulators),
        SAIL_CLIENT_ID=first.client_id,
        SAIL_CLIENT_SECRET=first.client_secret,
    )
    return env


def stop(simulators):
    for simulator in simulators:
        simulator.stop()


if __name__ == "__main__":
    sys.exit(main())
