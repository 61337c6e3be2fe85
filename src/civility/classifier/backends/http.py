"""Score with a publisher's own model server: POST a batch as JSON, read probabilities back.

Request: ``{"texts": ["...", ...]}``. Response: ``{"results": [{"toxicity": 0.1, ...,
"spans": {"insult": [[start, end], ...]}}, ...]}`` with one result per text, in order; labels the
server does not return count as 0. Thresholds come from the ``thresholds`` option (default 0.5).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Mapping

from civility.classifier.labels import LABELS
from civility.classifier.scoring import ScorerUnavailable, Scores, Span


class HttpScorer:
    name = "http"

    def __init__(
        self, url: str = "", timeout: float = 2.0, thresholds: Mapping[str, float] | None = None
    ) -> None:
        if not url.startswith(("http://", "https://")):
            raise ScorerUnavailable(
                "the http scorer needs CIVILITY_SCORER_HTTP_URL set to an http(s) URL"
            )
        self.url = url
        self.timeout = timeout
        self.thresholds = {label: 0.5 for label in LABELS} | dict(thresholds or {})

    def score_batch(self, texts: list[str]) -> list[Scores]:
        if not texts:
            return []
        body = json.dumps({"texts": texts}).encode()
        request = urllib.request.Request(  # noqa: S310 - the URL scheme is checked in __init__.
            self.url, data=body, headers={"Content-Type": "application/json"}, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                payload = json.loads(response.read())
        except (OSError, ValueError) as exc:  # URLError and timeouts are OSErrors.
            raise ScorerUnavailable(f"scoring server {self.url} failed: {exc}") from exc
        results = payload.get("results") if isinstance(payload, dict) else None
        if not isinstance(results, list) or len(results) != len(texts):
            raise ScorerUnavailable(
                f"scoring server {self.url} returned {len(results or [])} results for {len(texts)} texts"
            )
        return [self._scores(result) for result in results]

    def _scores(self, result: dict) -> Scores:
        try:
            probs = {label: min(max(float(result.get(label, 0.0)), 0.0), 1.0) for label in LABELS}
            spans = {
                label: tuple(Span(int(s), int(e), 0.0) for s, e in pairs)
                for label, pairs in (result.get("spans") or {}).items()
                if label in LABELS
            }
        except (TypeError, ValueError, AttributeError) as exc:
            raise ScorerUnavailable(
                f"scoring server {self.url} sent a malformed result: {exc}"
            ) from exc
        return Scores(probs, spans, self.name)
