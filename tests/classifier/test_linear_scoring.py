"""The shipped linear model scores comments per label and explains itself with spans."""

from __future__ import annotations

import numpy as np

from civility.classifier.labels import LABELS
from civility.text.evasion import normalize

TOXIC = "You are a pathetic idiot and a fucking moron."
BENIGN = "Thanks for the article, the council vote was explained clearly."


def test_it_gives_a_probability_for_every_label(linear):
    [scores] = linear.score_batch([BENIGN])
    assert set(scores.probabilities) == set(LABELS)
    assert all(0.0 <= p <= 1.0 for p in scores.probabilities.values())
    assert scores.backend == "linear"


def test_it_scores_an_insult_above_a_polite_comment(linear):
    toxic, swearing, benign = linear.score_batch([TOXIC, "what the fuck is this shit", BENIGN])
    for label in ("toxicity", "insult"):
        assert toxic[label] > benign[label] + 0.3, label
    assert swearing["profanity"] > benign["profanity"] + 0.3
    assert toxic.flagged(linear.thresholds)
    assert not benign.flagged(linear.thresholds)


def test_it_scores_a_batch_the_same_as_one_at_a_time(linear):
    texts = [TOXIC, BENIGN, "", "I will find you and hurt you", "f u c k you"]
    batch = linear.score_batch(texts)
    singles = [linear.score_batch([t])[0] for t in texts]
    for b, s in zip(batch, singles, strict=True):
        assert b.probabilities == s.probabilities
        assert b.spans == s.spans


def test_it_is_deterministic(linear):
    from civility.classifier.backends.linear import LinearScorer

    again = LinearScorer()
    assert linear.score_batch([TOXIC])[0] == again.score_batch([TOXIC])[0]


def test_it_returns_nothing_for_an_empty_batch(linear):
    assert linear.score_batch([]) == []


def test_it_highlights_the_words_that_raised_the_score(linear):
    [scores] = linear.score_batch([TOXIC])
    highlighted = {TOXIC[s.start : s.end] for s in scores.spans["insult"]}
    assert {"idiot", "moron"} & highlighted
    assert "the" not in highlighted and "are" not in highlighted


def test_it_maps_spans_of_disguised_words_back_to_what_was_written(linear):
    text = "you are an іdіоt"  # Cyrillic look-alikes
    spans = linear.explain(text, ["insult"])["insult"]
    assert any(text[s.start : s.end] == "іdіоt" for s in spans)


def test_its_word_contributions_add_up_to_the_score(linear):
    norm = normalize(TOXIC)
    _spans, contributions = linear.word_contributions(norm)
    logits = linear.logits([norm])[0]
    assert np.allclose(contributions.sum(axis=0) + linear.bias, logits, atol=1e-4)


def test_it_scores_evasion_close_to_the_plain_spelling(linear):
    plain, disguised = linear.score_batch(["you stupid idiot", "you $tup1d і d і о t"])
    assert abs(plain["insult"] - disguised["insult"]) < 0.05
