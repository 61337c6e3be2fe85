"""The copypasta check's in-memory window of signatures gives the answers the stored rows give,
whoever wrote, edited or removed those rows, and reads only what changed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.moderation.evidence import codes, reason

from civility.discussion.actions import do_edit_comment
from civility.moderation import context, signatures
from civility.moderation.models import CommentSignature
from civility.moderation.signature_cache import (
    DatabaseStore,
    SignatureWindow,
    Store,
    checksum_of,
)

CAMPAIGN = (
    "Everyone must call the mayor's office today and demand the budget vote is cancelled, "
    "this council has betrayed every taxpayer in the city and must resign at once."
)
NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
SINCE = NOW - timedelta(hours=24)


class FakeStore(Store):
    """Signature rows by id, answering as the database does and counting what is read."""

    def __init__(self) -> None:
        self.table: dict[int, tuple] = {}
        self.read: list[int] = []

    def write(self, pk, text, *, author=7, minutes_ago=0, comment=None):  # type: ignore[no-untyped-def]
        created = NOW - timedelta(minutes=minutes_ago)
        packed = signatures.pack(signatures.minhash(text))
        self.table[pk] = (pk, created, author, comment or 1000 + pk, packed)

    def _window(self, since, limit):  # type: ignore[no-untyped-def]
        """Newest first: the newest `limit`, and any that share the limit-th's time."""
        inside = [row for row in self.table.values() if row[1] >= since]
        inside.sort(key=lambda row: (row[1], row[0]), reverse=True)
        if len(inside) > limit:
            inside = [row for row in inside if row[1] >= inside[limit - 1][1]]
        return inside

    def added(self, since, after_id):  # type: ignore[no-untyped-def]
        found = [row for row in self.table.values() if row[0] > after_id and row[1] >= since]
        self.read.extend(row[0] for row in found)
        return found

    def checksum(self, since, limit):  # type: ignore[no-untyped-def]
        return checksum_of(row[0] for row in self._window(since, limit))

    def ids(self, since, limit):  # type: ignore[no-untyped-def]
        return [row[0] for row in self._window(since, limit)]

    def rows(self, ids):  # type: ignore[no-untyped-def]
        self.read.extend(i for i in ids if i in self.table)
        return [self.table[i] for i in ids if i in self.table]

    def window(self, since, limit):  # type: ignore[no-untyped-def]
        return self.rows(self.ids(since, limit))


def expected(store, mine, *, threshold, since=SINCE, limit=2000, author=None, comment=None):  # type: ignore[no-untyped-def]
    """One by one, as signatures.similarity compares: the newest `limit`, but own ones."""
    found = []
    for _pk, _created, row_author, row_comment, packed in store._window(since, limit):
        other = signatures.unpack(packed)
        if row_author == author and author is not None or row_comment == comment:
            continue
        if len(other) != signatures.PERMUTATIONS or len(mine) != signatures.PERMUTATIONS:
            continue
        share = signatures.similarity(mine, other)
        if share >= threshold:
            found.append((share, row_comment, row_author))
    return found


def answer(window, store, mine, *, threshold, since=SINCE, author=None, comment=None):  # type: ignore[no-untyped-def]
    return [
        (m.share, m.comment_id, m.author_id)
        for m in window.matches(
            store,
            since,
            mine,
            threshold=threshold,
            exclude_author=author,
            exclude_comment=comment,
        )
    ]


texts = st.sampled_from(
    [CAMPAIGN, CAMPAIGN + " Now!", CAMPAIGN.replace("mayor", "major"), "short", ""]
    + [f"A comment of its own about the harbour and the ferry, number {n}." for n in range(4)]
)
# Each step: write a row (text, author, minutes ago), delete one, or ask.
steps = st.lists(
    st.one_of(
        st.tuples(st.just("write"), texts, st.sampled_from([None, 1, 2, 3]), st.integers(0, 40)),
        st.tuples(st.just("delete"), st.integers(0, 40)),
        st.tuples(st.just("ask"), texts, st.sampled_from([None, 1, 2]), st.sampled_from([0, 0.8])),
    ),
    max_size=40,
)


@settings(max_examples=150, deadline=None)
@given(steps, st.integers(1, 6))
def test_it_answers_as_the_rows_do_whatever_happens_between_questions(steps, limit):
    store = FakeStore()
    window = SignatureWindow(limit)
    next_id = 1
    for step in steps:
        if step[0] == "write":
            _, text, author, minutes = step  # a few share one time: ties at the cut-off
            # Times out of id order, as concurrent transactions on PostgreSQL commit them.
            store.write(next_id, text, author=author, minutes_ago=minutes)
            next_id += 1
        elif step[0] == "delete":
            store.table.pop(step[1], None)
        else:
            _, text, author, threshold = step
            mine = signatures.minhash(text)
            got = answer(window, store, mine, threshold=threshold, author=author)
            assert got == expected(store, mine, threshold=threshold, limit=limit, author=author)


def test_it_reads_only_what_was_added_since_it_last_looked():
    store = FakeStore()
    for pk in range(1, 51):
        store.write(pk, f"Comment {pk} about the ferry timetable and the harbour.", author=pk)
    window = SignatureWindow(2000)
    mine = signatures.minhash(CAMPAIGN)
    assert answer(window, store, mine, threshold=0.8) == []
    assert sorted(store.read) == list(range(1, 51))
    store.read.clear()
    assert answer(window, store, mine, threshold=0.8) == []
    assert store.read == []  # nothing new: not one row read again
    store.write(51, CAMPAIGN, author=99)
    assert answer(window, store, mine, threshold=0.8) == [(1.0, 1051, 99)]
    assert store.read == [51] and window.resyncs == 0


def test_a_removed_or_late_row_is_noticed_by_the_checksum():
    store = FakeStore()
    store.write(1, "Something else entirely, about the parks and the playgrounds.")
    store.write(3, CAMPAIGN, author=5)
    window = SignatureWindow(2000)
    mine = signatures.minhash(CAMPAIGN)
    assert answer(window, store, mine, threshold=0.8) == [(1.0, 1003, 5)]
    # Row 2 committed after row 3 (PostgreSQL hands out ids before commit): a lower id.
    store.write(2, CAMPAIGN + " Now!", author=6, minutes_ago=1)
    found = answer(window, store, mine, threshold=0.8)
    assert [match[1] for match in found] == [1003, 1002] and window.resyncs == 1
    del store.table[3]  # a purge, or an edit's old row
    store.read.clear()
    assert [match[1] for match in answer(window, store, mine, threshold=0.8)] == [1002]
    assert window.resyncs == 2 and store.read == []  # the rest was still held


def test_it_keeps_the_newest_in_the_window_only():
    store = FakeStore()
    store.write(1, CAMPAIGN, author=1, minutes_ago=25 * 60)  # outside the 24 hours
    store.write(2, CAMPAIGN, author=2, minutes_ago=30)
    store.write(3, CAMPAIGN, author=3, minutes_ago=20)
    store.write(4, CAMPAIGN, author=4, minutes_ago=10)
    window = SignatureWindow(2)
    mine = signatures.minhash(CAMPAIGN)
    assert [m[1] for m in answer(window, store, mine, threshold=0.8)] == [1004, 1003]
    # Own comments and the comment being edited are left out, not replaced by older ones.
    assert [m[1] for m in answer(window, store, mine, threshold=0.8, author=4)] == [1003]
    assert answer(window, store, mine, threshold=0.8, author=4, comment=1003) == []
    later = SINCE + timedelta(minutes=24 * 60 - 15)  # the window has moved past row 3
    assert [m[1] for m in answer(window, store, mine, threshold=0.8, since=later)] == [1004]


def test_a_text_with_no_signature_reads_nothing():
    store = FakeStore()
    store.write(1, CAMPAIGN)
    window = SignatureWindow(10)
    assert window.matches(store, SINCE, signatures.minhash("!!!"), threshold=0.0) == []
    assert store.read == [] and window.fresh


# The database's own answers, inside a test's transaction (a throwaway window).


@pytest.mark.django_db
def test_a_copy_of_a_signature_another_process_wrote_is_found(post, review, second_reader):
    original = post("A different comment about the harbour, to warm the cache up here.")
    assert codes(review(CAMPAIGN, "copypasta", author=second_reader)) == []
    copied = post(CAMPAIGN.replace("today", "right now"))
    assert CommentSignature.objects.filter(comment=copied).exists()
    found = reason(review(CAMPAIGN, "copypasta", author=second_reader), "copypasta")
    assert f"comment {copied.pk}" in found.detail and original.pk != copied.pk


@pytest.mark.django_db
def test_an_edited_comment_is_compared_by_its_new_text(post, review, reader, second_reader):
    comment = post("A different comment about the harbour, long enough to compare with.")
    assert codes(review(CAMPAIGN, "copypasta", author=second_reader)) == []
    do_edit_comment(comment=comment, user=reader, text=CAMPAIGN)
    found = reason(review(CAMPAIGN, "copypasta", author=second_reader), "copypasta")
    assert f"comment {comment.pk}" in found.detail
    do_edit_comment(comment=comment, user=reader, text="Back to a comment of my own, thanks.")
    assert codes(review(CAMPAIGN, "copypasta", author=second_reader)) == []


# Outside a transaction, as a web request posts: the process keeps its window between posts.


def _kept_window(site):  # type: ignore[no-untyped-def]
    from django.db import router

    return context._SIGNATURE_WINDOWS.get((router.db_for_read(CommentSignature), site.pk))


@pytest.mark.django_db(transaction=True)
def test_a_kept_window_follows_posts_edits_and_purges(post, review, site, reader, second_reader):
    original = post("A different comment about the harbour, to warm the window up here.")
    assert codes(review(CAMPAIGN, "copypasta", author=second_reader)) == []
    window = _kept_window(site)
    assert not window.fresh and window.ids.tolist() == [original.moderation_signature.pk]

    copied = post(CAMPAIGN.replace("today", "right now"))
    found = reason(review(CAMPAIGN, "copypasta", author=second_reader), "copypasta")
    assert f"comment {copied.pk}" in found.detail
    assert window.resyncs == 0  # the new row was read on its own

    do_edit_comment(comment=copied, user=reader, text="Now a comment of my own, thanks all.")
    assert codes(review(CAMPAIGN, "copypasta", author=second_reader)) == []
    do_edit_comment(comment=original, user=reader, text=CAMPAIGN)
    found = reason(review(CAMPAIGN, "copypasta", author=second_reader), "copypasta")
    assert f"comment {original.pk}" in found.detail

    CommentSignature.objects.filter(comment=original).delete()  # a purge
    assert codes(review(CAMPAIGN, "copypasta", author=second_reader)) == []
    assert window.resyncs >= 1
    # The author's own comment is never a copy.
    assert codes(review(CAMPAIGN, "copypasta", author=reader)) == []


@pytest.mark.django_db(transaction=True)
def test_the_database_checksum_is_the_windows_own(post, site, reader):
    from django.db import router

    for n in range(5):
        post(f"Comment number {n} about the ferry timetable, long enough to sign.")
    rows = list(
        CommentSignature.objects.order_by("-created_at", "-pk").values_list("pk", "created_at")
    )
    store = DatabaseStore(router.db_for_read(CommentSignature), site.pk)
    since = rows[-1][1]
    assert sorted(store.ids(since, 3)) == sorted(pk for pk, _ in rows[:3])
    assert store.checksum(since, 3) == checksum_of(pk for pk, _ in rows[:3])
    assert sorted(row[0] for row in store.window(since, 3)) == sorted(pk for pk, _ in rows[:3])
    assert store.checksum(since, 10) == checksum_of(pk for pk, _ in rows)
    later = rows[1][1]
    assert store.checksum(later, 10) == checksum_of(pk for pk, _ in rows[:2])
    assert [row[0] for row in store.added(since, rows[2][0])] == sorted(
        pk for pk, _ in rows if pk > rows[2][0]
    )


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_row_committed_late_below_the_ids_already_read_is_found(
    post, review, story, make_user, second_reader
):
    """PostgreSQL hands out ids at insert time, so a slow transaction can commit a signature
    below ids a window has read already. The checksum notices and the row is read."""
    import threading

    from django.db import connection, transaction
    from tests.queue.builders import make_comment

    if connection.vendor != "postgresql":
        pytest.skip("SQLite lets one writer in at a time: ids commit in order")
    slow_author = make_user("slow")
    inserted, release = threading.Event(), threading.Event()
    errors: list[BaseException] = []
    late: list[int] = []

    def slow_transaction() -> None:
        try:
            with transaction.atomic():
                comment = make_comment(story, slow_author, CAMPAIGN, status="published")
                CommentSignature.objects.create(
                    comment=comment,
                    site_id=story.site_id,
                    author=slow_author,
                    text_hash=signatures.text_hash(CAMPAIGN),
                    minhash=signatures.pack(signatures.minhash(CAMPAIGN)),
                    created_at=comment.created_at,
                )
                late.append(comment.pk)
                inserted.set()
                assert release.wait(timeout=30)
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)
            inserted.set()
        finally:
            connection.close()

    thread = threading.Thread(target=slow_transaction)
    thread.start()
    assert inserted.wait(timeout=30)
    # A quicker post commits a higher id while the slow one is still open; the window reads it.
    post("A different comment about the harbour, committed first with the higher id.")
    assert codes(review(CAMPAIGN, "copypasta", author=second_reader)) == []
    release.set()
    thread.join(timeout=30)
    assert errors == [] and late
    found = reason(review(CAMPAIGN, "copypasta", author=second_reader), "copypasta")
    assert f"comment {late[0]}" in found.detail
    assert _kept_window(story.site).resyncs == 1  # not read as "added": below after_id
