"""The copypasta check's in-memory MinHashes give the answers the stored rows give, whoever
wrote, edited or removed those rows, and read each row once."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.moderation.evidence import codes, reason

from civility.discussion.actions import do_edit_comment
from civility.moderation import signatures
from civility.moderation.models import CommentSignature
from civility.moderation.signature_cache import SignatureCache

CAMPAIGN = (
    "Everyone must call the mayor's office today and demand the budget vote is cancelled, "
    "this council has betrayed every taxpayer in the city and must resign at once."
)
WHEN = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class Store:
    """Signature rows by id, counting what the cache asks for."""

    def __init__(self, texts: list[str]) -> None:
        self.rows = {
            i + 1: (i + 1, WHEN, 100 + i, signatures.pack(signatures.minhash(text)))
            for i, text in enumerate(texts)
        }
        self.asked: list[int] = []

    def keys(self) -> list[tuple[int, datetime]]:
        return [(pk, created) for pk, created, _, _ in self.rows.values()]

    def load(self, ids: list[int]):
        self.asked.extend(ids)
        return [self.rows[i] for i in ids if i in self.rows]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=200), min_size=1, max_size=8), st.text(max_size=200))
def test_its_shares_are_the_one_by_one_similarities(others, text):
    store = Store(others)
    mine = signatures.minhash(text)
    found = SignatureCache(64).shares(mine, store.keys(), store.load)
    for (_pk, _created, comment, packed), share in zip(store.rows.values(), found, strict=True):
        other = signatures.unpack(packed)
        if len(mine) != signatures.PERMUTATIONS or len(other) != len(mine):
            assert share is None  # too short a text on either side: never a copy
        else:
            assert share == (signatures.similarity(mine, other), comment)


def test_it_reads_each_row_once_and_a_reused_id_afresh():
    store = Store([CAMPAIGN, CAMPAIGN + " Now!", "Something else entirely, about parks."])
    cache = SignatureCache(64)
    mine = signatures.minhash(CAMPAIGN)
    first = cache.shares(mine, store.keys(), store.load)
    assert store.asked == [1, 2, 3]
    assert cache.shares(mine, store.keys(), store.load) == first
    assert store.asked == [1, 2, 3]
    # Row 3 rolled back and its id handed out again, to another text: a new key.
    store.rows[3] = (3, WHEN.replace(minute=5), 200, signatures.pack(mine))
    again = cache.shares(mine, store.keys(), store.load)
    assert store.asked == [1, 2, 3, 3]
    assert again[:2] == first[:2] and again[2] == (1.0, 200)


def test_it_stays_right_when_it_empties():
    texts = [f"{CAMPAIGN} Number {n}." for n in range(12)]
    store = Store(texts)
    cache = SignatureCache(8)
    mine = signatures.minhash(texts[0])
    expected = [
        (signatures.similarity(mine, signatures.minhash(t)), 100 + i) for i, t in enumerate(texts)
    ]
    keys = store.keys()
    for start in range(0, 12, 2):
        assert (
            cache.shares(mine, keys[start : start + 4], store.load) == expected[start : start + 4]
        )
    assert cache.shares(mine, keys[:8], store.load) == expected[:8]
    with pytest.raises(ValueError):
        cache.shares(mine, keys[:9], store.load)  # more than it can hold


@pytest.mark.django_db
def test_a_copy_of_a_signature_another_process_wrote_is_found(post, review, second_reader):
    original = post("A different comment about the harbour, to warm the cache up here.")
    assert codes(review(CAMPAIGN, "copypasta", author=second_reader)) == []
    # The cache learns only by reading: a row written after it warmed (here or in another
    # process) is read when it shows up in the window.
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


@pytest.mark.django_db
def test_a_removed_signature_is_no_longer_a_copy(post, review, second_reader):
    comment = post(CAMPAIGN)
    assert codes(review(CAMPAIGN, "copypasta", author=second_reader)) == ["copypasta"]
    CommentSignature.objects.filter(comment=comment).delete()  # a purge
    assert codes(review(CAMPAIGN, "copypasta", author=second_reader)) == []
