"""Concurrent readers posting and replying to one story through the REST API.

Each client is a thread with its own account, API token and keep-alive connection. A post that
fails (a 503 during a fault, a dropped connection) is retried with the same idempotency key, as a
real client would; a share of the successful posts are sent a second time on purpose (a double
submit) and must come back as the same comment.
"""

from __future__ import annotations

import http.client
import json
import random
import threading
import time
import uuid
from dataclasses import dataclass, field

WORDS = [
    "budget",
    "council",
    "harbour",
    "library",
    "tram",
    "bridge",
    "school",
    "clinic",
    "ferry",
    "market",
    "housing",
    "river",
    "museum",
    "park",
    "election",
    "policy",
    "tax",
    "rail",
    "airport",
    "water",
    "parking",
    "bike",
    "lane",
    "zoning",
    "festival",
    "teacher",
    "nurse",
    "archive",
    "report",
    "survey",
    "plan",
    "garden",
    "theatre",
    "stadium",
    "station",
    "tunnel",
    "ferry",
    "coastline",
    "flood",
    "heating",
    "energy",
    "solar",
    "wind",
    "grid",
    "recycling",
    "waste",
    "street",
    "lighting",
    "noise",
    "pension",
    "wage",
    "rent",
    "mortgage",
    "bakery",
    "cafe",
    "harbourmaster",
    "mayor",
    "deputy",
    "minister",
    "treasury",
    "audit",
    "contract",
    "tender",
    "hospital",
    "ward",
    "bus",
    "route",
    "timetable",
    "winter",
    "summer",
    "autumn",
    "spring",
]


@dataclass
class Attempt:
    client: int
    key: str
    started: float
    seconds: float
    status: int  # 0: no HTTP answer (connection refused or dropped)
    comment_id: int | None = None
    retry_after: str | None = None
    repeat: bool = False  # a deliberate double submit
    published: bool = False
    error: str = ""


@dataclass
class LoadState:
    published: list[int] = field(default_factory=list)
    # Set (by the barrier's action, before any client is released) once every client has posted
    # its warm-up comment; warm_up counts the attempts made until then.
    deadline: float = 0.0
    warm_up: int = 0
    ready: threading.Barrier | None = None
    attempts: list[Attempt] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, attempt: Attempt) -> None:
        with self.lock:
            self.attempts.append(attempt)

    def remember(self, comment_id: int) -> None:
        with self.lock:
            self.published.append(comment_id)

    def pick_parent(self, rng: random.Random) -> int | None:
        with self.lock:
            if not self.published or rng.random() < 0.35:
                return None
            # Favour recent comments, so threads grow deep as well as wide.
            return self.published[-1 - int(rng.random() ** 2 * min(len(self.published), 200))]


def sentence(rng: random.Random, client: int, n: int) -> str:
    words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(9, 18)))
    return f"Reader {client}, note {n}: I think the {words} question needs a plain answer."


class Client(threading.Thread):
    def __init__(
        self,
        number: int,
        token: str,
        port: int,
        path: str,
        state: LoadState,
        repeat_share: float,
        seed: int,
    ) -> None:
        super().__init__(daemon=True, name=f"client-{number}")
        self.number = number
        self.token = token
        self.port = port
        self.path = path
        self.state = state
        self.repeat_share = repeat_share
        self.rng = random.Random(seed)
        self.connection: http.client.HTTPConnection | None = None

    def _post(self, body: dict[str, object], key: str, repeat: bool) -> Attempt:
        started = time.monotonic()
        attempt = Attempt(self.number, key, time.time(), 0.0, 0, repeat=repeat)
        try:
            if self.connection is None:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            self.connection.request(
                "POST",
                self.path,
                body=json.dumps(body),
                headers={
                    "Authorization": f"Bearer {self.token}",
                    "Content-Type": "application/json",
                },
            )
            response = self.connection.getresponse()
            payload = response.read()
            attempt.status = response.status
            attempt.retry_after = response.getheader("Retry-After")
            if 200 <= response.status < 300:
                comment = json.loads(payload)["comment"]
                attempt.comment_id = int(comment["id"])
                attempt.published = comment.get("status") in (None, "published")
            else:
                attempt.error = payload[:200].decode("utf-8", "replace")
        except (OSError, http.client.HTTPException, ValueError, KeyError) as exc:
            attempt.error = f"{type(exc).__name__}: {exc}"
            if self.connection is not None:
                self.connection.close()
            self.connection = None
        attempt.seconds = time.monotonic() - started
        self.state.record(attempt)
        return attempt

    @property
    def deadline(self) -> float:
        return self.state.deadline

    def run(self) -> None:
        # One warm-up post each (it loads the scorer in every web process), then all together.
        self._one(0, warm_up=True)
        if self.state.ready is not None:
            self.state.ready.wait()
        n = 0
        while time.monotonic() < self.deadline:
            n += 1
            self._one(n)

    def _one(self, n: int, warm_up: bool = False) -> None:
        key = uuid.uuid4().hex
        parent = self.state.pick_parent(self.rng)
        body: dict[str, object] = {
            "text": sentence(self.rng, self.number, n),
            "idempotency_key": key,
        }
        if parent is not None:
            body["parent"] = parent
        attempt = self._post(body, key, repeat=False)
        tries = 1
        # Retry what did not get an answer (or got a 5xx) with the same key, until the run's
        # grace period ends: a dropped answer must not become a duplicate comment.
        while (attempt.status == 0 or attempt.status >= 500) and (
            (warm_up and tries < 60) or time.monotonic() < self.deadline + 30
        ):
            wait = float(attempt.retry_after or 0.5) if attempt.status == 503 else 0.5
            time.sleep(min(wait, 2.0) * (0.5 + self.rng.random()))
            attempt = self._post(body, key, repeat=False)
            tries += 1
        if attempt.comment_id is None:
            return
        if attempt.status == 201 and attempt.published:
            self.state.remember(attempt.comment_id)
        if not warm_up and self.rng.random() < self.repeat_share:
            self._post(body, key, repeat=True)
