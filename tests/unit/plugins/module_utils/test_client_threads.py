"""One IscClient used by several threads at once, over real HTTP, against a simulator with its rate limit on.

The simulator's limit is set short (LIMIT requests per WINDOW seconds) so that 150 requests cross
several windows in a few seconds; the client's limiter is given the same limit.
"""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from ansible_collections.sailpoint_community.isc.plugins.module_utils.client import IscClient
from ansible_collections.sailpoint_community.isc.plugins.module_utils.ratelimit import RateLimiter
from ansible_collections.sailpoint_community.isc.plugins.module_utils.resources import PasswordPolicies
from ansible_collections.sailpoint_community.isc.tests.unit.plugins.fake_clock import FakeClock

POLICIES = "/v3/password-policies"
TOKEN = "/oauth/token"
LIMIT, WINDOW = 20, 0.5
THREADS = 4


def limited_sim(sim_factory, **settings):
    return sim_factory(rate_limit_enabled=True, rate_limit=LIMIT, rate_window=WINDOW, **settings)


def make_client(sim, limiter=None):
    return IscClient(sim.base_url, client_id=sim.client_id, client_secret=sim.client_secret, rate_limiter=limiter or RateLimiter(LIMIT, WINDOW))


def statuses(sim, path):
    return [entry["status"] for entry in sim.journal()["requests"] if entry["path"] == path]


def together(count, action):
    """Run ``action(i)`` for i in range(count) on THREADS threads; the first THREADS calls start at the same moment.

    Each of those waits for the others at a barrier, so they are on THREADS different threads.
    """
    start = threading.Barrier(THREADS)

    def run(i):
        if i < THREADS:
            start.wait()
        return action(i)

    with ThreadPoolExecutor(THREADS) as pool:
        return list(pool.map(run, range(count)))


def test_150_requests_from_4_threads_get_no_429_and_one_token(sim_factory):
    sim = limited_sim(sim_factory)
    client = make_client(sim)
    answers = together(150, lambda _i: client.get(POLICIES).status)
    assert answers == [200] * 150
    assert statuses(sim, POLICIES) == [200] * 150  # not one 429: the client paced itself
    assert statuses(sim, TOKEN) == [200]  # threads that started together waited for one token
    assert client.request_count == 151 and client.rate_limit_waited == 0


def test_each_thread_sends_through_its_own_session_and_close_closes_them(sim_factory):
    sim = limited_sim(sim_factory)
    client = make_client(sim)
    together(THREADS * 3, lambda _i: client.get(POLICIES).status)
    sessions = list(client._sessions)  # pylint: disable=protected-access
    assert len(sessions) == THREADS and len(set(map(id, sessions))) == THREADS
    client.close()
    assert client._sessions == []  # pylint: disable=protected-access


def test_writes_from_threads_each_happen_once(sim_factory):
    sim = limited_sim(sim_factory)
    policies = PasswordPolicies(make_client(sim))
    names = ["Threaded %02d" % n for n in range(40)]
    together(len(names), lambda i: policies.create({"name": names[i], "minLength": 8 + i % 5}))
    stored = [p["name"] for p in sim.state()["policies"] if p["name"].startswith("Threaded ")]
    assert sorted(stored) == names
    assert 429 not in statuses(sim, POLICIES)


def test_a_revoked_token_is_replaced_once_for_all_threads(sim_factory):
    sim = limited_sim(sim_factory)
    client = make_client(sim)
    client.get(POLICIES)
    sim.revoke_tokens()
    answers = together(THREADS * 2, lambda _i: client.get(POLICIES).status)
    assert answers == [200] * THREADS * 2
    assert statuses(sim, TOKEN) == [200, 200]  # the first one, and one after the revocation
    assert 1 <= statuses(sim, POLICIES).count(401) <= THREADS  # at most the requests in flight with the old token


def test_an_expired_token_is_refreshed_once_for_all_threads(sim_factory):
    sim = limited_sim(sim_factory, token_lifetime=1)
    client = make_client(sim)
    client.get(POLICIES)
    time.sleep(1.0)  # past the moment the client replaces the token (0.9 s: 10 % before it expires)
    answers = together(THREADS * 2, lambda _i: client.get(POLICIES).status)
    assert answers == [200] * THREADS * 2
    assert statuses(sim, TOKEN) == [200, 200]
    assert 401 not in statuses(sim, POLICIES)  # replaced in time, by one thread


def test_a_429_pauses_every_thread_and_the_wait_is_counted_once(sim_factory):
    # The client's limiter allows far more than the simulator: only the 429s pace the threads.
    sim = limited_sim(sim_factory)
    client = make_client(sim, RateLimiter(10**9, WINDOW))
    started = time.monotonic()
    answers = together(60, lambda _i: client.get(POLICIES).status)
    elapsed = time.monotonic() - started
    assert answers == [200] * 60
    refused = statuses(sim, POLICIES).count(429)
    assert refused >= 1
    # Retry-After is 1 s: threads refused together share one pause, so the total counted stays within the run's time.
    assert 1.0 <= client.rate_limit_waited <= elapsed


def test_a_429_seen_by_one_client_pauses_another_of_the_same_client_id(sim_factory):
    sim = sim_factory()
    clock = FakeClock()
    waits = []
    first, second = None, None

    def sleep(seconds):
        waits.append(seconds)
        if len(waits) == 1:
            second.get(POLICIES)  # sent while the first client waits out its 429: it has to wait as well
        clock.time += seconds

    shared = RateLimiter(100, 10, clock=clock, sleep=sleep)
    first, second = make_client(sim, shared), make_client(sim, shared)
    first.get(POLICIES)
    sim.add_fault(method="GET", path=POLICIES, status=429, headers={"Retry-After": "3"}, times=1)
    first.get(POLICIES)
    assert waits == [3.0, 3.0]  # the first client's wait, and the second's inside it
    assert first.rate_limit_waited == 3.0 and second.rate_limit_waited == 0
    assert statuses(sim, POLICIES) == [200, 429, 200, 200]


def test_threads_that_all_see_a_deprecated_response_warn_once(sim_factory):
    sim = limited_sim(sim_factory)
    sim.configure(v3_deprecated=True)
    client = make_client(sim)
    together(THREADS * 3, lambda _i: client.get(POLICIES).status)
    assert len(client.warnings) == 1 and "api_version: v1" in client.warnings[0]
