"""One HTTP POST to a webhook receiver, with a short timeout and no redirects.

Built on http.client so the socket goes to the address addresses.resolve() checked, while the
Host header and TLS certificate check still use the host name from the URL.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from civility.webhooks.addresses import AddressRefused, resolve

# What is kept of the receiver's answer: enough to debug, not enough to fill the database.
EXCERPT_CHARS = 1000
_READ_BYTES = 4096


@dataclass(frozen=True)
class Outcome:
    status_code: int | None
    duration_ms: int
    error: str = ""
    excerpt: str = ""

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host: str, port: int, *, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(
        self, host: str, port: int, *, address: str, timeout: float, context: ssl.SSLContext
    ) -> None:
        super().__init__(host, port, timeout=timeout, context=context)
        self._address = address

    def connect(self) -> None:
        raw = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(raw, server_hostname=self.host)  # type: ignore[attr-defined]


def post(url: str, body: bytes, headers: dict[str, str], *, timeout: float) -> Outcome:
    """POST body to url; never raises, the Outcome says what happened.

    `timeout` bounds the whole exchange (resolve, connect, send, read), not each step: a
    receiver that answers one byte at a time is cut off like one that does not answer.
    """
    started = time.monotonic()
    deadline = started + timeout

    def elapsed_ms() -> int:
        return int((time.monotonic() - started) * 1000)

    def remaining() -> float:
        return max(deadline - time.monotonic(), 0.001)

    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = parts.hostname or ""
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError:
        return Outcome(None, elapsed_ms(), "invalid port in URL")
    if scheme not in ("http", "https") or not host:
        return Outcome(None, elapsed_ms(), "refused: not an http(s) URL")
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        addresses = resolve(host, port)
    except AddressRefused as error:
        return Outcome(None, elapsed_ms(), f"refused: {error}")
    last_error = ""
    for address in addresses:
        if time.monotonic() >= deadline:
            return Outcome(None, elapsed_ms(), "timed out")
        connection: http.client.HTTPConnection
        if scheme == "https":
            connection = _PinnedHTTPSConnection(
                host,
                port,
                address=address,
                timeout=remaining(),
                context=ssl.create_default_context(),
            )
        else:
            connection = _PinnedHTTPConnection(host, port, address=address, timeout=remaining())
        try:
            connection.connect()
        except OSError as error:
            # Try the host's next address; the receiver may be reachable on another.
            last_error = _describe(error)
            connection.close()
            continue
        watchdog = threading.Timer(remaining(), _cut_off, [connection])
        watchdog.daemon = True
        watchdog.start()
        try:
            connection.request("POST", target, body=body, headers=headers)
            response = connection.getresponse()
            raw = response.read(_READ_BYTES)
            excerpt = raw.decode("utf-8", "replace")[:EXCERPT_CHARS]
            return Outcome(response.status, elapsed_ms(), "", excerpt)
        except Exception as error:  # an aborted socket raises more than OSError
            if time.monotonic() >= deadline:
                return Outcome(None, elapsed_ms(), "timed out")
            return Outcome(None, elapsed_ms(), _describe(error))
        finally:
            watchdog.cancel()
            connection.close()
    return Outcome(None, elapsed_ms(), last_error or "could not connect")


def _cut_off(connection: http.client.HTTPConnection) -> None:
    """Unblock a request past its deadline (runs on the watchdog thread)."""
    sock = connection.sock
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


def _describe(error: BaseException) -> str:
    if isinstance(error, TimeoutError | socket.timeout):
        return "timed out"
    text = str(error) or type(error).__name__
    return f"{type(error).__name__}: {text}"[:500]
