"""An old export with control characters (a NUL, a backspace, a form feed) imports cleanly:
the characters are dropped from every text, as they are from a posted comment. PostgreSQL
refuses NUL outright, so without this one such record failed the whole import there."""

from __future__ import annotations

import json

import pytest

from civility.discussion.models import Comment
from civility.stories.models import Story

from .helpers import run_import

pytestmark = pytest.mark.django_db(transaction=True)


def test_control_characters_are_dropped_from_stories_people_and_comments(site, tmp_path):
    lines = [
        {"format": "civility", "version": 1, "site": "gazette"},
        {
            "type": "story",
            "id": 1,
            "title": "Harbour\x00 plans",
            "slug": "harbour-plans",
            "url": "",
            "author_name": "Desk\x08",
        },
        {
            "type": "user",
            "id": 7,
            "username": "nully",
            "name": "Nu\x00ll\x1f Reader",
            "email": "nully@example.org",
        },
        {
            "type": "comment",
            "id": 1,
            "story": 1,
            "author": 7,
            "author_name": "Nu\x00ll Reader",
            "source": "The\x00 ferry\x0c is late\ufffe again.\tTabs\nand newlines stay.",
            "html": "<p>The\x00 ferry is late again.</p>",
            "status": "published",
            "created_at": "2024-03-01T09:00:00+00:00",
        },
    ]
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines))

    run_import(path, site)

    story = Story.objects.get(site=site, slug="harbour-plans")
    assert story.title == "Harbour plans"
    comment = Comment.objects.get(story=story)
    assert comment.source == "The ferry is late again.\tTabs\nand newlines stay."
    assert "\x00" not in comment.html
    assert comment.author_name == "Null Reader"
    assert comment.author is not None
    assert "\x00" not in comment.author.profile.display_name
