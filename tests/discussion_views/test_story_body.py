from __future__ import annotations

import pytest

from civility.stories.actions import render_body, update_story_body
from civility.stories.models import Story

pytestmark = pytest.mark.django_db


def test_updating_the_body_stores_sanitized_html(story):
    update_story_body(
        story, "## Budget\n\nSee [the vote](https://example.org).\n\n<script>x</script>"
    )
    stored = Story.objects.get(pk=story.pk)
    assert stored.body_markdown.startswith("## Budget")
    assert "<h2>Budget</h2>" in stored.body_html
    assert (
        '<a href="https://example.org" rel="nofollow ugc noopener">the vote</a>' in stored.body_html
    )
    assert "<script>" not in stored.body_html


def test_render_body_empties_the_html_of_a_story_hosted_elsewhere(story):
    story.body_markdown = "   "
    story.body_html = "<p>stale</p>"
    render_body(story)
    assert story.body_html == ""


def test_the_page_shows_the_stored_body(client, story):
    update_story_body(story, "Stored *body*.")
    html = client.get(story.get_absolute_url()).content.decode()
    assert "<p>Stored <em>body</em>.</p>" in html
