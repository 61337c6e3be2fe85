"""Long text that reads as copied from a news page and cites no source is held."""

from __future__ import annotations

import pytest
from tests.moderation.evidence import codes, reason

from civility.moderation.gate import Decision

pytestmark = pytest.mark.django_db

BODY = (
    "The measure passed 52-48 after a late-night session in which lawmakers traded accusations "
    "over spending. Supporters said the bill would fund roads and schools for a decade, while "
    "opponents warned that it would add billions to the deficit and leave future councils with "
    "little room to respond to a downturn. The governor is expected to sign it next week, "
    "according to two people familiar with her plans who spoke on condition of anonymity."
)

WIRE = f"WASHINGTON (AP) — {BODY}"
WEB_PAGE = (
    f"By Jane Doe\nStaff Writer\nPublished 3:15 PM\nText size A A A\n\n{BODY}\n\nShare this article"
)


def test_it_holds_a_wire_story_pasted_whole(review):
    verdict = review(WIRE, "pasted_article")
    assert verdict.decision == Decision.HOLD
    found = reason(verdict, "pasted_article")
    assert "source needed" in found.detail
    assert WIRE[found.spans[0][0] : found.spans[0][1]].startswith("WASHINGTON (AP)")


def test_it_holds_a_web_page_with_its_furniture(review):
    found = reason(review(WEB_PAGE, "pasted_article"), "pasted_article")
    assert found.score >= 4
    spans = [WEB_PAGE[s:e] for s, e in found.spans]
    assert "By Jane Doe" in spans
    assert any(s.startswith("Text size A A A") for s in spans)


@pytest.mark.parametrize(
    "opening",
    ["NEW YORK - ", "LONDON, March 3 (Reuters) - ", "PARIS (AFP) -- "],
)
def test_it_recognises_datelines(review, opening):
    text = f"{opening}{BODY} The Associated Press contributed."
    assert codes(review(text, "pasted_article")) == ["pasted_article"]


def test_it_lets_the_article_through_when_the_source_is_linked(review):
    assert codes(review(WIRE + "\nSource: https://apnews.com/article/123", "pasted_article")) == []


def test_it_ignores_short_text_with_a_byline(review):
    assert codes(review("By Jane Doe\nStaff writer (AP)", "pasted_article")) == []


def test_a_long_comment_that_mentions_a_wire_service_once_is_not_pasted(review):
    text = (
        "I read the Associated Press piece on this and I still do not understand why the council "
        "thinks the roads money will last ten years. " + BODY.replace("according to", "said")
    )
    assert codes(review(text, "pasted_article")) == []


def test_shouting_at_the_start_of_a_line_is_not_a_dateline(review):
    text = "LOL - " + BODY + "\nOMG - really? Published rubbish."
    assert codes(review(text, "pasted_article")) == []


def test_a_three_letter_shout_is_not_a_place():
    from civility.moderation.phases.pasted_article import article_signals

    assert [kind for kind, _, _ in article_signals("LOL - no\nROME - The pope said")] == [
        "dateline"
    ]
