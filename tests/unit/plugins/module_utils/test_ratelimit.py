"""The client-side rate limiter with a fake clock: who waits, how long, and for what (no real sleeps, no timing asserts)."""

import threading

import pytest

from ansible_collections.sailpoint_community.isc.plugins.module_utils import ratelimit
from ansible_collections.sailpoint_community.isc.plugins.module_utils.ratelimit import RateLimiter
from ansible_collections.sailpoint_community.isc.tests.unit.plugins.fake_clock import FakeClock


def make(limit, window):
    clock = FakeClock()
    return RateLimiter(limit, window, clock=clock, sleep=clock.sleep), clock


def request(limiter, clock, latency=0.0):
    with limiter.slot():
        clock.time += latency


def test_requests_under_the_limit_never_wait():
    limiter, clock = make(3, 10)
    for _request in range(3):
        request(limiter, clock, latency=1.0)
    assert clock.sleeps == []


def test_the_next_request_waits_until_the_window_after_the_oldest_answer_has_passed():
    limiter, clock = make(3, 10)
    for _request in range(3):
        request(limiter, clock, latency=1.0)  # answers at 1001, 1002, 1003
    request(limiter, clock)
    assert clock.time == pytest.approx(1001 + limiter.hold)
    assert clock.sleeps == [pytest.approx(1001 + limiter.hold - 1003)]


def test_a_slot_is_held_from_the_answer_not_from_the_send():
    # The server counts the request somewhere between send and answer: only the answer's time is safe.
    limiter, clock = make(1, 10)
    request(limiter, clock, latency=4.0)  # sent at 1000, answered at 1004
    request(limiter, clock)
    assert clock.time == pytest.approx(1004 + limiter.hold)


def test_the_window_has_a_small_margin_beyond_the_servers():
    limiter, _clock = make(100, 10)
    assert 10.0 < limiter.hold <= 10.5


def test_a_failed_request_still_takes_its_slot():
    limiter, clock = make(1, 10)
    with pytest.raises(RuntimeError), limiter.slot():
        raise RuntimeError("connection dropped")  # ISC may have counted it
    request(limiter, clock)
    assert clock.sleeps == [pytest.approx(limiter.hold)]


def test_requests_in_flight_count_until_they_end():
    limiter, clock = make(2, 10)
    limiter.acquire()
    limiter.acquire()
    order = []
    about_to_wait = threading.Event()

    def third():
        about_to_wait.set()
        limiter.acquire()
        order.append("third sent")

    thread = threading.Thread(target=third)
    thread.start()
    about_to_wait.wait()
    threading.Event().wait(0.05)  # let the third caller reach the limiter (not an assert on time)
    order.append("first answered")
    limiter.release()
    thread.join(5)
    assert order == ["first answered", "third sent"]
    assert clock.time == pytest.approx(1000 + limiter.hold)  # then it waited the window after that answer


def test_a_pause_holds_every_caller_until_it_ends():
    limiter, clock = make(100, 10)
    assert limiter.pause(3.0) == 3.0
    request(limiter, clock)
    assert clock.sleeps == [3.0]
    request(limiter, clock)
    assert clock.sleeps == [3.0]  # over: no further wait


def test_pauses_that_overlap_add_only_what_they_lengthen():
    limiter, clock = make(100, 10)
    assert limiter.pause(3.0) == 3.0
    assert limiter.pause(2.0) == 0.0  # inside the first one
    clock.time += 1.0
    assert limiter.pause(3.0) == pytest.approx(1.0)  # ends at 1004 instead of 1003
    request(limiter, clock)
    assert clock.time == pytest.approx(1004.0)


def test_a_pause_beyond_the_budget_is_refused_and_changes_nothing():
    limiter, clock = make(100, 10)
    assert limiter.pause(3.0, budget=2.0) is None
    request(limiter, clock)
    assert clock.sleeps == []
    assert limiter.pause(3.0, budget=3.0) == 3.0


def test_many_threads_never_exceed_the_limit_in_any_window():
    """For every request j: requests sent before it and still in flight or answered less than a window ago, j included, <= limit.

    That is what keeps the server's count under the limit wherever between send and answer it counts.
    """
    limit, window = 7, 1.0
    limiter, clock = make(limit, window)
    log = []  # (sent, answered)
    log_lock = threading.Lock()

    def worker():
        for _request in range(30):
            with limiter.slot():
                sent = clock()
                clock.sleep(0.01)  # latency
                answered = clock()
            with log_lock:
                log.append((sent, answered))

    threads = [threading.Thread(target=worker) for _thread in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(log) == 150
    for sent_j, _answered_j in log:
        busy = [1 for sent_i, answered_i in log if sent_i <= sent_j < answered_i + window]
        assert len(busy) <= limit
    assert clock.time - 1000 >= (150 / limit - 1) * window  # it did have to pace


def test_invalid_limits_are_refused():
    with pytest.raises(ValueError):
        RateLimiter(0, 10)
    with pytest.raises(ValueError):
        RateLimiter(100, 0)


def test_clients_of_one_tenant_and_client_id_share_one_limiter():
    first = ratelimit.shared("https://acme.api.identitynow.com", "id-1")
    assert ratelimit.shared("https://ACME.api.identitynow.com/", "id-1") is first
    assert ratelimit.shared("https://acme.api.identitynow.com", "id-2") is not first
    assert ratelimit.shared("https://other.api.identitynow.com", "id-1") is not first
    assert (first.limit, first.window) == (ratelimit.PACED_LIMIT, 10.0)


def test_the_shared_limiter_paces_with_a_margin_under_iscs_limit():
    # ISC counts every request of the client id, other processes' too: 10 of its 100 per 10 s are left to them.
    assert ratelimit.DEFAULT_LIMIT == 100
    assert ratelimit.shared("https://margin.api.identitynow.com", "id-1").limit == 90


def test_a_stop_event_ends_the_wait_for_a_slot():
    limiter = RateLimiter(1, 100)
    stop = threading.Event()
    limiter.acquire()  # the only slot, held
    waited = []
    waiter = threading.Thread(target=lambda: waited.append(limiter.acquire(stop)))
    waiter.start()
    waiter.join(0.3)
    assert waiter.is_alive()  # blocked: the window is full
    stop.set()
    waiter.join(2)
    assert not waiter.is_alive() and waited == [None]
