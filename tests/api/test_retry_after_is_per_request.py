"""Retry-After belongs to the request that was refused: throttle objects are shared by every
request to an endpoint, so a refusal in another thread in between must not change it."""

from __future__ import annotations

import threading

from django.test import RequestFactory

from civility.api import throttles


def test_each_refusal_keeps_its_own_wait(settings, monkeypatch, db):
    settings.API_ADDRESS_WRITE_RATE = "1/60"
    throttle = throttles.WriteThrottle("address")
    factory = RequestFactory()
    clock = {"now": 1_000_040.0}  # 20 s into a 60 s window: 40 s left
    monkeypatch.setattr(throttles.time, "time", lambda: clock["now"])

    def refused(address: str) -> bool:
        request = factory.post("/", REMOTE_ADDR=address)
        throttle.allow_request(request)  # uses the allowance
        return not throttle.allow_request(request)

    first_refused = threading.Event()
    other_done = threading.Event()
    waits = {}

    def first():
        assert refused("203.0.113.1")
        first_refused.set()
        other_done.wait(5)
        waits["first"] = throttle.wait()

    worker = threading.Thread(target=first)
    worker.start()
    first_refused.wait(5)
    clock["now"] = 1_000_070.0  # another request refused later in the window: 10 s left
    assert refused("203.0.113.2")
    waits["second"] = throttle.wait()
    other_done.set()
    worker.join(5)
    assert waits == {"first": 40.0, "second": 10.0}
