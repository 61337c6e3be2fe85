"""The timeout bounds the whole request, so a receiver answering a byte at a time is cut off."""

from __future__ import annotations

import socket
import threading
import time

import pytest

from civility.webhooks import transport


@pytest.fixture
def trickler():
    """A server that reads the request, then answers one byte every 0.2 s for 10 s."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    stop = threading.Event()
    finished = threading.Event()

    def serve() -> None:
        conn, _ = server.accept()
        with conn:
            conn.recv(65536)
            for byte in b"HTTP/1.1 200 OK\r\n" + b"X-Slow: " + b"a" * 40:
                if stop.is_set():
                    return
                try:
                    conn.sendall(bytes([byte]))
                except OSError:
                    return
                time.sleep(0.2)
            finished.set()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/", finished
    stop.set()
    server.close()


def test_a_trickling_receiver_times_out(settings, trickler):
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = True
    url, finished = trickler
    outcome = transport.post(url, b"{}", {"Content-Type": "application/json"}, timeout=1)
    # Cut off mid-answer, not after waiting for the receiver to finish its 11-second reply.
    assert not finished.is_set()
    assert outcome.status_code is None
    assert outcome.error == "timed out"
    assert not outcome.succeeded
