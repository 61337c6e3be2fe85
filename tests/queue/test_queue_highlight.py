"""The card marks the spans that triggered a check in the text, escaping everything else."""

from __future__ import annotations

import pytest
from django.urls import reverse
from tests.queue.builders import make_comment, reason

from civility.moderation.queue.highlight import highlight, merge_spans


def test_it_marks_the_spans_and_escapes_the_text():
    text = "<b>hi</b> you idiot & co"
    assert highlight(text, [[14, 19]]) == "&lt;b&gt;hi&lt;/b&gt; you <mark>idiot</mark> &amp; co"


def test_markup_inside_a_span_is_escaped_too():
    text = "x<script>alert(1)</script>y"
    out = highlight(text, [[1, 27]])
    assert "<script>" not in out
    assert out.startswith("x<mark>&lt;script&gt;")


def test_it_merges_overlapping_spans_and_drops_bad_ones():
    assert merge_spans([[5, 9], [0, 3], [2, 4], [8, 12], [20, 40], [7, 7], ["a", 1], [1]], 25) == [
        (0, 4),
        (5, 12),
        (20, 25),
    ]


@pytest.mark.django_db
def test_the_card_shows_each_reason_with_its_score_and_the_marked_text(
    client, gazette_mod, story, reader
):
    text = "You are an <idiot> and a liar."
    make_comment(
        story,
        reader,
        text,
        reasons=[
            reason("ml_insult", "Reads as an insult.", spans=[(11, 18)], score=0.91),
            reason("off_topic", "Possibly off-topic.", action="publish", score=0.02),
        ],
    )
    client.force_login(gazette_mod)
    html = client.get(reverse("moderation:queue")).content.decode()
    assert "<mark>&lt;idiot&gt;</mark>" in html
    assert "Reads as an insult." in html and "score 0.91" in html
    assert "Possibly off-topic." in html
    assert "<idiot>" not in html


@pytest.mark.django_db
def test_spans_from_the_real_pipeline_are_marked(client, gazette_mod, story, reader, site):
    from civility.discussion.actions import do_post_comment
    from civility.moderation.models import WordKind, WordRule

    WordRule.objects.create(site=site, phrase="scoundrel", kind=WordKind.SUSPECT)
    comment, _ = do_post_comment(
        story=story, author=reader, text="The mayor is a scoundrel, frankly."
    )
    assert comment.status == "held"
    client.force_login(gazette_mod)
    html = client.get(reverse("moderation:queue")).content.decode()
    assert "<mark>scoundrel</mark>" in html
