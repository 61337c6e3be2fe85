"""Feature extraction credits every feature to a word without changing which features there are."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from civility.classifier.features import Featurizer, padded, word_features

texts = st.text(
    alphabet=st.sampled_from(list("ab c!.\n\t'*_") + ["\u2003", "é", "1", "\x1c", "😀"]),
    max_size=40,
)
featurizer = Featurizer(2**12)


@settings(max_examples=300, deadline=None)
@given(st.lists(texts, min_size=1, max_size=4))
def test_it_counts_the_same_features_when_it_tracks_words(batch):
    counts = featurizer.counts(batch)
    for i, text in enumerate(batch):
        spans, buckets, owners = featurizer.features_with_owners(text)
        row = counts.getrow(i)
        assert Counter(buckets.tolist()) == dict(
            zip(row.indices.tolist(), row.data.astype(int).tolist(), strict=True)
        )
        assert len(owners) == len(buckets)
        assert all(0 <= w < len(spans) for owner in owners for w in owner)
        if spans:
            assert all(owners)


def test_it_uses_words_bigrams_and_character_ngrams():
    spans, feats, _owners = word_features("you  idiot!")
    assert feats == ["w:you", "w:idiot", "b:you idiot"]
    assert spans == [(0, 3), (5, 10)]
    assert padded(" you  idiot! ") == " you idiot! "
    _spans, buckets, _owners = featurizer.features_with_owners("you idiot")
    n_chars = len(" you idiot ")
    assert len(buckets) == 3 + sum(n_chars - n + 1 for n in (3, 4, 5))


def test_it_scales_rows_to_unit_length():
    matrix = featurizer.transform(["you idiot", "", "hello there friend"])
    norms = matrix.multiply(matrix).sum(axis=1)
    assert abs(norms[0, 0] - 1) < 1e-5 and norms[1, 0] == 0 and abs(norms[2, 0] - 1) < 1e-5


@settings(max_examples=300, deadline=None)
@given(texts)
def test_one_row_is_the_transformed_row(text):
    """Posting featurizes one comment without a sparse matrix: the same buckets and values."""
    row = featurizer.transform([text, "another comment"]).getrow(0)
    buckets, values = featurizer.one_row(text)
    assert buckets.tolist() == row.indices.tolist()
    assert values.tolist() == row.data.tolist()
