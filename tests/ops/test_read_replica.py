"""Thread pages and API reads go to the replica; writes, and the reader who just wrote, do not
(tests/replica.py says how the replica is told apart)."""

from __future__ import annotations

from django.db import connections, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from tests.replica import ON_REPLICA, queries_by_connection

from civility.core.db_router import ReplicaRouter, reading_from
from civility.core.middleware import PIN_COOKIE
from civility.discussion.actions import do_post_comment
from civility.stories.models import Story

pytestmark = ON_REPLICA


def _queries(client: Client, url: str) -> tuple[int, int, int]:
    with queries_by_connection() as (primary, replica):
        status = client.get(url).status_code
    return status, len(primary), len(replica)


def test_an_anonymous_thread_page_is_read_from_the_replica(story):
    status, primary, replica = _queries(Client(), story.get_absolute_url())
    assert status == 200
    assert primary == 0 and replica > 0


def test_api_reads_are_read_from_the_replica(story):
    url = f"/api/v1/sites/{story.site.slug}/stories/{story.slug}/comments"
    status, primary, replica = _queries(Client(), url)
    assert status == 200
    assert primary == 0 and replica > 0


def test_other_pages_read_from_the_primary(story, reader):
    client = Client()
    client.force_login(reader)
    status, _, replica = _queries(client, "/accounts/profile/")
    assert status == 200
    assert replica == 0


def test_a_reader_who_just_posted_reads_their_own_comment_from_the_primary(story, reader):
    client = Client()
    client.force_login(reader)
    posted = client.post(f"{story.get_absolute_url()}comment/", {"text": "Just posted this."})
    assert posted.status_code == 302
    assert posted.cookies[PIN_COOKIE]["max-age"] == 15
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        page = client.get(story.get_absolute_url())
    assert "Just posted this." in page.content.decode()
    assert len(replica) == 0 and len(primary) > 0


def test_the_pin_follows_the_account_to_a_client_without_the_cookie(story, reader):
    writer = Client()
    writer.force_login(reader)
    writer.post(f"{story.get_absolute_url()}comment/", {"text": "Written in one tab."})
    other_tab = Client()
    other_tab.force_login(reader)
    _, _, replica = _queries(other_tab, story.get_absolute_url())
    assert replica == 0


def test_once_the_pin_expires_reads_go_back_to_the_replica(story, reader):
    client = Client()
    client.force_login(reader)
    client.post(f"{story.get_absolute_url()}comment/", {"text": "Long ago."})
    client.cookies.pop(PIN_COOKIE)
    from django.core.cache import cache

    cache.delete(f"civility:pin:user:{reader.pk}")
    _, _, replica = _queries(client, story.get_absolute_url())
    assert replica > 0


def test_writes_always_go_to_the_primary_even_for_rows_read_from_the_replica(story, reader):
    with reading_from("replica"):
        found = Story.objects.get(pk=story.pk)
        assert found._state.db == "replica"
        with CaptureQueriesContext(connections["replica"]) as replica:
            found.title = "Renamed"
            found.save(update_fields=["title"])
            comment, _ = do_post_comment(story=found, author=reader, text="Written to the primary.")
        writes = [q["sql"] for q in replica if not q["sql"].lstrip().upper().startswith("SELECT")]
        assert writes == []
    assert comment._state.db == "default"
    assert Story.objects.using("default").get(pk=story.pk).title == "Renamed"


def test_reads_inside_a_transaction_use_the_primary(story):
    router = ReplicaRouter()
    with reading_from("replica"):
        assert router.db_for_read(Story) == "replica"
        with transaction.atomic():
            assert router.db_for_read(Story) == "default"


def test_without_a_replica_nothing_is_routed(settings, story):
    settings.CIVILITY_READ_REPLICA = ""
    status, primary, replica = _queries(Client(), story.get_absolute_url())
    assert status == 200
    assert replica == 0 and primary > 0
    assert PIN_COOKIE not in Client().post(f"{story.get_absolute_url()}comment/", {}).cookies


def test_a_page_read_from_the_replica_just_after_a_change_is_not_cached(settings, story):
    import datetime as dt

    import time_machine

    from civility.core.page_cache import purge_story

    settings.PAGE_CACHE_SECONDS = 120
    url = story.get_absolute_url()
    purge_story(story.pk)
    Client().get(url)
    # The replica may not have the change yet: that page must not stay cached for 120 s.
    assert _queries(Client(), url)[2] > 0
    later = dt.datetime.now(tz=dt.UTC) + dt.timedelta(seconds=settings.DATABASE_REPLICA_PIN_SECONDS)
    with time_machine.travel(later, tick=False):
        Client().get(url)
        _, primary, replica = _queries(Client(), url)
    assert (primary, replica) == (0, 0)
