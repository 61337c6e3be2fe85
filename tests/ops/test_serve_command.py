"""`civility serve` runs a real WSGI server that serves pages and static files."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _civility(*args: str, env: dict[str, str], **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "civility", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        **kwargs,
    )


def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - local test server
        return response.status, dict(response.headers), response.read()


def _wait_for(url: str, server: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            output = server.stdout.read() if server.stdout else ""
            pytest.fail(f"civility serve exited with {server.returncode}:\n{output}")
        try:
            _get(url)
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    pytest.fail(f"civility serve did not answer {url} within {seconds} s")


@pytest.fixture(scope="module")
def server_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    env = dict(os.environ)
    # Always a throwaway SQLite database, whichever database the test run itself uses.
    env.pop("DATABASE_URL", None)
    env.pop("TEST_DATABASE_NAME", None)
    env.update({"CIVILITY_DATA_DIR": str(tmp_path_factory.mktemp("data")), "DEBUG": "0"})
    migrate = subprocess.run(
        [sys.executable, "-m", "civility", "migrate", "--noinput", "-v0"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert migrate.returncode == 0, migrate.stderr
    return env


@contextlib.contextmanager
def _running_server(env: dict[str, str]):
    port = _free_port()
    process = _civility(
        "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "1", env=env
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(f"{base}/admin/login/", process)
        yield base, process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if process.stdout:
            process.stdout.close()


@pytest.fixture(scope="module")
def server(server_env: dict[str, str]):
    with _running_server(server_env) as (base, _):
        yield base


def test_it_serves_pages_over_http(server):
    base = server
    status, headers, body = _get(f"{base}/admin/login/")
    assert status == 200
    assert "gunicorn" in headers.get("Server", "")
    assert b'name="username"' in body


def test_it_serves_hashed_static_files_named_in_pages(server):
    base = server
    _, _, body = _get(f"{base}/admin/login/")
    match = re.search(rb'href="(/static/admin/css/base\.[0-9a-f]{12}\.css)"', body)
    assert match, "the page should link a hashed stylesheet"
    status, headers, css = _get(base + match.group(1).decode())
    assert status == 200
    assert headers["Content-Type"].startswith("text/css")
    assert "immutable" in headers.get("Cache-Control", "")
    assert len(css) > 100


def test_it_serves_the_vendored_htmx_under_its_plain_name(server):
    base = server
    status, _, script = _get(f"{base}/static/civility/htmx.min.js")
    assert status == 200
    assert b"htmx" in script


def test_it_prints_the_url_and_stops_on_sigterm(server_env):
    with _running_server(server_env) as (base, process):
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=20)
        output = process.stdout.read()
    assert process.returncode == 0
    assert f"serving on {base}/" in output
    with pytest.raises(urllib.error.URLError):
        _get(f"{base}/admin/login/")


def test_it_refuses_a_port_out_of_range(server_env):
    result = subprocess.run(
        [sys.executable, "-m", "civility", "serve", "--port", "70000", "--no-collectstatic"],
        env=server_env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "--port must be between 1 and 65535" in result.stderr
