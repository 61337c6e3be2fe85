"""The http backend posts a batch to the publisher's model server and reads the scores back."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from civility.classifier.backends.http import HttpScorer
from civility.classifier.labels import LABELS
from civility.classifier.scoring import ScorerUnavailable


class _Handler(BaseHTTPRequestHandler):
    mode = "ok"

    def do_POST(self):
        texts = json.loads(self.rfile.read(int(self.headers["Content-Length"])))["texts"]
        if self.mode == "short":
            results = []
        else:
            results = [
                {"toxicity": 0.9 if "idiot" in t else 0.1, "spans": {"insult": [[0, 5]]}}
                for t in texts
            ]
        body = json.dumps({"results": results}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = HTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()
    _Handler.mode = "ok"


def test_it_scores_a_batch_through_the_server(server):
    scorer = HttpScorer(url=f"http://127.0.0.1:{server.server_port}/score", timeout=5)
    idiot, fine = scorer.score_batch(["idiot you", "fine day"])
    assert idiot["toxicity"] == 0.9 and fine["toxicity"] == 0.1
    assert set(idiot.probabilities) == set(LABELS)
    assert idiot.spans["insult"][0].end == 5


def test_it_reports_a_server_that_answers_the_wrong_number_of_results(server):
    _Handler.mode = "short"
    scorer = HttpScorer(url=f"http://127.0.0.1:{server.server_port}/score", timeout=5)
    with pytest.raises(ScorerUnavailable, match="0 results for 1 texts"):
        scorer.score_batch(["x"])


def test_it_reports_an_unreachable_server(server):
    port = server.server_port
    server.shutdown()
    server.server_close()
    scorer = HttpScorer(url=f"http://127.0.0.1:{port}/score", timeout=1)
    with pytest.raises(ScorerUnavailable, match="failed"):
        scorer.score_batch(["x"])


def test_it_needs_a_url():
    with pytest.raises(ScorerUnavailable, match="CIVILITY_SCORER_HTTP_URL"):
        HttpScorer(url="")
