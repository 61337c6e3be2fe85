"""Banned words reject and suspect words hold, matched whole-word against evasion tricks."""

from __future__ import annotations

import pytest
from tests.moderation.evidence import codes, reason

from civility.moderation.gate import Decision
from civility.moderation.models import WordKind, WordRule
from civility.stories.models import Site, Story

pytestmark = pytest.mark.django_db


@pytest.fixture
def word_lists(site):
    WordRule.objects.create(site=site, phrase="ass", kind=WordKind.BANNED)
    WordRule.objects.create(site=site, phrase="cunt", kind=WordKind.BANNED)
    WordRule.objects.create(site=site, phrase="cock", kind=WordKind.BANNED)
    WordRule.objects.create(site=site, phrase="sex", kind=WordKind.SUSPECT)
    WordRule.objects.create(site=site, phrase="go back where", kind=WordKind.SUSPECT)
    WordRule.objects.create(site=None, phrase="scum", kind=WordKind.SUSPECT)


@pytest.mark.parametrize(
    "text",
    [
        "what an ass",
        "what an ASS!",
        "what an a\u200bss",  # zero-width space
        "what an аss",  # Cyrillic а
        "what an a$$",  # leet
        "what an @ss",
        "what an a s s",  # spaced out
        "what an a.s.s",
        "what an aaaasss",  # stretched
    ],
)
def test_it_rejects_a_banned_word_however_it_is_spelled(review, word_lists, text):
    verdict = review(text, "words")
    assert verdict.decision == Decision.REJECT
    start, end = reason(verdict, "banned_word").spans[0]
    # The span covers what the reader wrote, tricks included.
    assert (start, end) == (len("what an "), len(text.rstrip("!")))


@pytest.mark.parametrize(
    "text",
    [
        "A first-class assessment of the class sizes.",
        "Scunthorpe United won on Saturday.",
        "Flights from Sussex are delayed.",
        "A cocktail party for the assassin's biographer.",
        "Passengers passed the pass.",
    ],
)
def test_it_never_matches_inside_longer_words(review, word_lists, text):
    assert codes(review(text, "words")) == []


def test_it_holds_a_suspect_word_and_names_it(review, word_lists):
    verdict = review("Nobody says sex in a council meeting.", "words")
    assert verdict.decision == Decision.HOLD
    found = reason(verdict, "suspect_word")
    assert '"sex"' in found.detail
    assert found.spans == ((12, 15),)


def test_it_matches_phrases_word_by_word(review, word_lists):
    text = "They should GO   back where they came from"
    found = reason(review(text, "words"), "suspect_word")
    assert text[found.spans[0][0] : found.spans[0][1]] == "GO   back where"


def test_an_install_wide_rule_applies_to_every_site(review, word_lists, story):
    other = Site.objects.create(slug="herald", name="The Herald")
    other_story = Story.objects.create(
        site=other, slug="x", title="X", published_at=story.published_at
    )
    assert codes(review("what scum", "words", on=other_story)) == ["suspect_word"]
    # But the first site's own list stays its own.
    assert codes(review("what an ass", "words", on=other_story)) == []


def test_banned_and_suspect_words_in_one_comment_give_two_reasons(review, word_lists):
    verdict = review("sex and ass", "words")
    assert codes(verdict) == ["banned_word", "suspect_word"]
    assert verdict.decision == Decision.REJECT


def test_no_lists_means_no_reasons(review):
    assert codes(review("what an ass", "words")) == []
