"""A database that cannot be reached gives a quick 503 with Retry-After, not a hang or a 500."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from django.db import connections
from django.test import Client

pytestmark = pytest.mark.django_db


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens once the socket is closed


@pytest.fixture
def lost_database(settings) -> Iterator[None]:
    """Point the default connection at a PostgreSQL port where nothing listens."""
    from django.db.backends.postgresql.base import DatabaseWrapper

    settings.DATABASE_RETRY_AFTER_SECONDS = 7
    settings.PAGE_CACHE_SECONDS = 0
    original = connections["default"]
    lost = DatabaseWrapper(
        {
            **original.settings_dict,
            "ENGINE": "django.db.backends.postgresql",
            "NAME": "civility",
            "USER": "civility",
            "PASSWORD": "",
            "HOST": "127.0.0.1",
            "PORT": str(_closed_port()),
            "CONN_MAX_AGE": 0,
            "CONN_HEALTH_CHECKS": False,
            "OPTIONS": {"connect_timeout": 1},
            "TEST": {},
        },
        "default",
    )
    connections["default"] = lost
    try:
        yield
    finally:
        lost.close()
        connections["default"] = original


def test_a_page_answers_503_with_retry_after(story, lost_database):
    response = Client().get(f"/{story.site.slug}/{story.slug}/")
    assert response.status_code == 503
    assert response["Retry-After"] == "7"
    assert response["Cache-Control"] == "no-store"
    assert "Temporarily unavailable" in response.content.decode()


def test_the_api_answers_503_as_problem_json(story, lost_database):
    response = Client().get(f"/api/v1/sites/{story.site.slug}/stories/{story.slug}/comments")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 503
    assert response["Retry-After"] == "7"


def test_a_reader_whose_session_cannot_be_read_gets_503(story, lost_database):
    # The session is read by middleware before any view runs; handler500 answers for it.
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "abc123abc123abc123abc123abc123ab"
    response = client.get(f"/{story.site.slug}/{story.slug}/")
    assert response.status_code == 503
    assert response["Retry-After"] == "7"


def test_errors_outside_views_become_503_too(rf):
    from django.db import OperationalError

    from civility.core.views import server_error

    request = rf.get("/anything/")
    try:
        raise OperationalError("connection refused")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503
    assert response.has_header("Retry-After")
    try:
        raise ValueError("a bug")
    except ValueError:
        assert server_error(request).status_code == 500
