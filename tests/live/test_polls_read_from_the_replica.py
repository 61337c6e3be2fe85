"""The live polls read from the read replica when one is configured, except for a reader who just
wrote; and a poll never hands out a version the replica may not have caught up with
(tests/replica.py says how the replica is told apart).
"""

from __future__ import annotations

import datetime as dt

import time_machine
from django.test import Client
from tests.replica import ON_REPLICA, queries_by_connection

from civility.core.middleware import PIN_COOKIE
from civility.live import versions

from .conftest import post

pytestmark = ON_REPLICA


def _routed(client: Client, url: str, params: dict[str, str]) -> tuple[dict, int, int]:
    with queries_by_connection() as (primary, replica):
        response = client.get(url, params)
    assert response.status_code == 200
    return response.json(), len(primary), len(replica)


def _since(story) -> str:
    return f"/live/stories/{story.pk}/since/"


def _comments(story) -> str:
    return f"/live/stories/{story.pk}/comments/"


def test_an_anonymous_poll_reads_from_the_replica(story, reader, opened):
    comment = post(story, reader, "Posted while the page was open")
    body, primary, replica = _routed(Client(), _since(story), {"after": opened})
    assert body["ids"] == [comment.pk]
    assert primary == 0 and replica > 0
    body, primary, replica = _routed(Client(), _comments(story), {"after": opened})
    assert [item["id"] for item in body["items"]] == [comment.pk]
    assert primary == 0 and replica > 0


def test_a_reader_who_just_posted_polls_the_primary(story, reader, opened):
    client = Client()
    client.force_login(reader)
    posted = client.post(f"{story.get_absolute_url()}comment/", {"text": "My own, just now."})
    assert posted.cookies[PIN_COOKIE]["max-age"] == 15
    for url in (_since(story), _comments(story)):
        _, primary, replica = _routed(client, url, {"after": "0"})
        assert replica == 0 and primary > 0


def test_a_poll_hands_out_no_version_while_the_replica_may_lag(
    monkeypatch, settings, story, reader, opened
):
    monkeypatch.setattr(versions, "cache_is_shared", lambda: True)
    post(story, reader, "Moves the version on")  # bumps the version now
    body, _, replica = _routed(Client(), _since(story), {"after": opened})
    assert replica > 0
    # A version handed out now could stand for a count that missed the change: none is.
    assert body == {"v": "", "changed": True, "ids": body["ids"]}
    later = dt.datetime.now(tz=dt.UTC) + dt.timedelta(
        seconds=settings.DATABASE_REPLICA_PIN_SECONDS + 1
    )
    with time_machine.travel(later, tick=False):
        settled, _, _ = _routed(Client(), _since(story), {"after": opened})
        assert settled["v"] == versions.current(story.pk)
        unchanged, primary, replica = _routed(
            Client(), _since(story), {"after": opened, "v": settled["v"]}
        )
        assert unchanged == {"v": settled["v"], "changed": False}
        assert primary == replica == 0


def test_without_a_replica_a_poll_hands_out_the_version_at_once(
    monkeypatch, settings, story, reader, opened
):
    settings.CIVILITY_READ_REPLICA = ""
    monkeypatch.setattr(versions, "cache_is_shared", lambda: True)
    post(story, reader, "Moves the version on")
    body, primary, replica = _routed(Client(), _since(story), {"after": opened})
    assert body["v"] == versions.current(story.pk)
    assert replica == 0 and primary > 0
