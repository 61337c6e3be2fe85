"""Hate symbols and dog-whistles from the lexicon hold a comment for review, never reject it."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from tests.moderation.evidence import codes, reason

from civility.moderation import lexicon
from civility.moderation.gate import Decision

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Of course (((Soros))) is behind it.", "(((Soros)))"),
        ("Ask ((( them ))) who owns the banks", "((( them )))"),
        ("My handle is proud1488 no wait, just 1488", "1488"),
        ("14/88 brothers", "14/88"),
        ("We must secure the existence of our people", "secure the existence of our people"),
        ("Remember the 14 words, secure our race", "the 14 words"),
        ("The day of the rope is coming", "day of the rope"),
        ("RAHOWA now", "RAHOWA"),
        ("the g0yim kn0w", "g0yim kn0w"),
        ("z\u200bo\u200bg controls it all", "z\u200bo\u200bg"),
        ("despite being 13% of the population", "despite being 13%"),
        ("HH 88 brother", "HH 88"),
    ],
)
def test_it_holds_coded_hate_and_points_at_it(review, text, flagged):
    verdict = review(text, "coded_hate")
    assert verdict.decision == Decision.HOLD
    found = reason(verdict, "coded_hate")
    spans = [text[s:e] for r in verdict.reasons for s, e in r.spans]
    assert flagged in spans
    assert "Source:" in found.detail


@pytest.mark.parametrize(
    "text",
    [
        "Columbus sailed in 1492, not in 1488.",
        "The year 1488 AD saw a treaty.",
        "Call 555-1488 for tickets.",
        "She turned 88 last week and still swims.",
        "Prices rose 88% in Sussex.",
        "The headline is only the 14 words above the photo.",
        "A happy hour HH special",
        "Google googles and skypes a lot.",
        "The globalists at the trade summit agreed on tariffs.",
        "Check my maths (a+(b*(c))) please",
        "She turned 88 and googles everything.",
    ],
)
def test_it_lets_innocent_uses_through(review, text):
    assert codes(review(text, "coded_hate")) == []


def test_weak_signs_count_only_beside_another_sign(review):
    verdict = review("(((They))) run it all, 88", "coded_hate")
    found = [text for r in verdict.reasons for text in [r.detail]]
    assert len(found) == 2
    assert any("88" in detail for detail in found)


def test_it_never_rejects(review):
    verdict = review("(((them))) 1488 rahowa day of the rope 88 HH", "coded_hate")
    assert {r.action for r in verdict.reasons} == {Decision.HOLD}


def test_a_site_can_add_its_own_entries(review, site_settings):
    site_settings.coded_hate_extra = [
        {
            "term": "juice crew",
            "meaning": "Local slur for ...",
            "source": "Newsroom standards desk",
        },
        {"pattern": r"\bgas\s+the\s+\w+", "meaning": "Call for genocide."},
    ]
    site_settings.save()
    verdict = review("The Juice Crew again. Gas the lot.", "coded_hate")
    details = " ".join(r.detail for r in verdict.reasons)
    assert "Newsroom standards desk" in details
    assert "Call for genocide." in details
    assert verdict.decision == Decision.HOLD


def test_a_malformed_site_entry_is_skipped_not_fatal(review, site_settings):
    site_settings.coded_hate_extra = [{"pattern": "(unclosed"}, {"meaning": "no term"}, "text"]
    site_settings.save()
    assert codes(review("(((them)))", "coded_hate")) == ["coded_hate"]


def test_every_lexicon_entry_has_a_meaning_and_a_source_and_compiles():
    raw = json.loads(
        resources.files("civility.moderation").joinpath("data/coded_hate.json").read_text("utf-8")
    )
    assert len(raw["entries"]) == len(lexicon.builtin_entries()) >= 20
    for entry in raw["entries"]:
        assert entry["meaning"] and entry["source"] and entry["false_positives"], entry["id"]
        assert "action" not in entry or entry["action"] == "hold"
