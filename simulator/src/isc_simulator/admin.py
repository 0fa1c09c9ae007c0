"""The admin API under /_sim: no auth, never rate limited, never journaled, no edge quirks.

Every route calls the Simulator method of the same name, so HTTP and in-process use behave alike.
"""

import json

from .responses import ApiError, BadRequest, NotFound, Response


def _body(req, default):
    if not req.body.strip():
        return default
    return json.loads(req.body)  # ValueError -> 400


def _since(req):
    raw = (req.query.get("since") or ["0"])[0]
    if not raw.isdigit():
        raise BadRequest(f"since must be an integer >= 0, got {raw!r}")
    return int(raw)


def reset(sim, req):
    body = _body(req, {})
    if not isinstance(body, dict) or set(body) - {"seed"}:
        raise BadRequest('The reset body is empty or {"seed": {...}}.')
    sim.reset(body.get("seed"))
    return Response(200, sim.state())


def seed(sim, req):
    return Response(200, sim.seed(_body(req, {})))


def state(sim, _req):
    return Response(200, sim.state())


def journal(sim, req):
    return Response(200, sim.journal(_since(req)))


def clear_journal(sim, _req):
    sim.clear_journal()
    return Response(204)


def add_faults(sim, req):
    return Response(200, {"faults": sim.add_faults(_body(req, None))})


def list_faults(sim, _req):
    return Response(200, {"faults": sim.pending_faults()})


def clear_faults(sim, _req):
    sim.clear_faults()
    return Response(204)


def get_config(sim, _req):
    return Response(200, sim.config())


def configure(sim, req):
    body = _body(req, {})
    if not isinstance(body, dict):
        raise BadRequest("The config body is a JSON object.")
    return Response(200, sim.configure(**body))


def revoke_tokens(sim, _req):
    return Response(200, {"revoked": sim.revoke_tokens()})


def add_client(sim, req):
    """One client or a list, each {client_id, client_secret, kind, scopes, user_level} (or the older user_context)."""
    body = _body(req, None)
    added = sim.add_clients(body if isinstance(body, list) else [body])
    return Response(200, added if isinstance(body, list) else added[0])


ROUTES = {
    ("POST", "/_sim/reset"): reset,
    ("POST", "/_sim/seed"): seed,
    ("GET", "/_sim/state"): state,
    ("GET", "/_sim/journal"): journal,
    ("DELETE", "/_sim/journal"): clear_journal,
    ("POST", "/_sim/faults"): add_faults,
    ("GET", "/_sim/faults"): list_faults,
    ("DELETE", "/_sim/faults"): clear_faults,
    ("GET", "/_sim/config"): get_config,
    ("POST", "/_sim/config"): configure,
    ("POST", "/_sim/tokens/revoke"): revoke_tokens,
    ("POST", "/_sim/clients"): add_client,
}


def handle(sim, req):
    try:
        action = ROUTES.get((req.method, req.path))
        if action is None:
            allowed = [method for method, path in ROUTES if path == req.path]
            if allowed:
                raise ApiError(405, f"{req.method} is not supported on {req.path}.", headers={"Allow": ", ".join(allowed)})
            raise NotFound(f"No admin endpoint {req.path}; see the simulator's README.")
        return action(sim, req)
    except ValueError as exc:  # bad JSON, bad config or fault values
        return BadRequest(str(exc)).response()
    except ApiError as exc:
        return exc.response()
