"""The publisher's own service gets a signed POST and may answer publish, hold or reject."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from tests.moderation.evidence import codes, reason

from civility.moderation.gate import Decision

pytestmark = pytest.mark.django_db

SECRET = "s3cret-for-tests"


class Service:
    """A local HTTP service that records requests and answers what the test says."""

    def __init__(self) -> None:
        self.answer: bytes = b'{"decision": "publish"}'
        self.requests: list[tuple[dict, bytes]] = []
        self.delay = threading.Event()
        self.stall = False
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                service.requests.append((dict(self.headers), body))
                if service.stall:
                    service.delay.wait(5)
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(service.answer)

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/moderate"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.delay.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def service(site_settings):
    running = Service()
    site_settings.external_enabled = True
    site_settings.external_url = running.url
    site_settings.external_secret = SECRET
    site_settings.external_timeout_ms = 300
    site_settings.save()
    yield running
    running.close()


def test_it_is_off_unless_configured(review):
    assert codes(review("Hello.", "external")) == []


def test_it_sends_a_signed_request_the_service_can_verify(review, service, story):
    review("Hello council.", "external")
    headers, body = service.requests[0]
    timestamp = headers["X-Civility-Timestamp"]
    expected = hmac.new(SECRET.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    assert headers["X-Civility-Signature"] == "sha256=" + expected.hexdigest()
    sent = json.loads(body)
    assert sent["text"] == "Hello council."
    assert sent["site"] == "gazette"
    assert sent["story"]["id"] == story.pk


@pytest.mark.parametrize("decision", ["publish", "hold", "reject"])
def test_it_follows_the_service_s_answer(review, service, decision):
    service.answer = json.dumps({"decision": decision, "reason": "House rules"}).encode()
    verdict = review("Hello council.", "external")
    assert verdict.decision == Decision(decision)
    assert "House rules" in reason(verdict, "external").detail


def test_a_nonsense_answer_is_a_failure_that_holds(review, service):
    service.answer = b'{"decision": "maybe"}'
    verdict = review("Hello council.", "external")
    assert codes(verdict) == ["phase_error"]
    assert verdict.decision == Decision.HOLD


def test_a_service_that_does_not_answer_in_time_is_a_failure(review, service):
    service.stall = True
    verdict = review("Hello council.", "external")
    assert codes(verdict) == ["phase_error"]
    assert verdict.decision == Decision.HOLD
