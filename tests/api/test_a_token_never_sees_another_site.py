"""A token of another site finds nothing here, on every endpoint, even with every scope and an
account that may do anything everywhere: the token's site binding alone keeps it out."""

from __future__ import annotations

import json

import pytest

from civility.api.schema_file import SCHEMA_PATH
from civility.discussion.models import Comment, CommentStatus
from civility.moderation.models import AuditEntry, ModerationEvent, WordRule
from civility.stories.models import Story

from .conftest import api_json, bearer, post, send

# (method, path template, body): every operation of the API, with this site's objects.
ENDPOINTS = [
    ("get", "/api/v1/comments/{comment_id}", None),
    ("patch", "/api/v1/comments/{comment_id}", {"text": "Changed"}),
    ("delete", "/api/v1/comments/{comment_id}", None),
    ("put", "/api/v1/comments/{comment_id}/reaction", {"kind": "like"}),
    ("delete", "/api/v1/comments/{comment_id}/reaction", None),
    ("get", "/api/v1/comments/{comment_id}/replies", None),
    ("post", "/api/v1/comments/{comment_id}/reports", {"reason": "spam"}),
    ("post", "/api/v1/moderation/comments/{comment_id}/approve", {}),
    ("post", "/api/v1/moderation/comments/{comment_id}/feature", {}),
    ("post", "/api/v1/moderation/comments/{comment_id}/reject", {"reason_code": "spam"}),
    ("post", "/api/v1/moderation/comments/{comment_id}/unfeature", {}),
    ("get", "/api/v1/moderation/events?site=gazette", None),
    ("get", "/api/v1/moderation/queue?site=gazette", None),
    ("get", "/api/v1/moderation/audit-entries?site=gazette", None),
    ("post", "/api/v1/moderation/users/{user_id}/sanctions", {"kind": "ban", "site": "gazette"}),
    ("get", "/api/v1/sites/{site}/counts?story=budget-vote", None),
    ("get", "/api/v1/sites/{site}/moderation-settings", None),
    ("patch", "/api/v1/sites/{site}/moderation-settings", {"min_length": 50}),
    ("post", "/api/v1/sites/{site}/stories", {"title": "Planted", "external_id": "x-1"}),
    ("get", "/api/v1/sites/{site}/stories/{story}/comments", None),
    ("post", "/api/v1/sites/{site}/stories/{story}/comments", {"text": "Planted"}),
    ("get", "/api/v1/sites/{site}/word-rules", None),
    ("post", "/api/v1/sites/{site}/word-rules", {"phrase": "planted"}),
    ("delete", "/api/v1/sites/{site}/word-rules/{rule_id}", None),
]
# Answered for the token's own site (lists), or not about any site (the caller).
FILTERED = [
    ("get", "/api/v1/counts?story=gazette:budget-vote"),
    ("get", "/api/v1/moderation/events"),
    ("get", "/api/v1/moderation/queue"),
    ("get", "/api/v1/moderation/audit-entries"),
    ("get", "/api/v1/me"),
]


@pytest.fixture
def here(story, reader, site_admin):
    """Something of every kind on this site, for the foreign token to reach for."""
    comment = post(story, reader, "Published here")
    post(story, reader, "Reply here", comment)
    held = post(story, reader, "Held here")
    Comment.objects.filter(pk=held.pk).update(status=CommentStatus.HELD)
    rule = WordRule.objects.create(site=story.site, phrase="local")
    AuditEntry.objects.create(site=story.site, action="word_rule.created", actor_name="x")
    return {
        "site": "gazette",
        "story": "budget-vote",
        "comment_id": comment.pk,
        "user_id": reader.pk,
        "rule_id": rule.pk,
    }


@pytest.fixture
def foreign_key(other_site, make_user, make_token):
    root = make_user("root", is_superuser=True, is_staff=True)
    return make_token(other_site, root, "read", "comment", "moderate", "admin")


def _strip(template: str) -> str:
    return template.split("?")[0]


def test_the_table_covers_every_operation():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    operations = {(m, p) for p, methods in schema["paths"].items() for m in methods}
    covered = {(m, _strip(p)) for m, p, _ in ENDPOINTS} | {(m, _strip(p)) for m, p in FILTERED}
    assert operations == covered


@pytest.mark.parametrize(("method", "template", "body"), ENDPOINTS)
def test_it_is_not_found(client, here, foreign_key, method, template, body):
    before = (
        Comment.objects.count(),
        Story.objects.count(),
        WordRule.objects.count(),
        ModerationEvent.objects.count(),
    )
    url = template.format(**here)
    response = send(client, method, url, body, **bearer(foreign_key))
    assert response.status_code == 404, response.content
    after = (
        Comment.objects.count(),
        Story.objects.count(),
        WordRule.objects.count(),
        ModerationEvent.objects.count(),
    )
    assert after == before
    assert Comment.objects.get(pk=here["comment_id"]).source == "Published here"


def test_lists_leave_this_site_out(client, here, foreign_key):
    def items(url):
        return api_json(send(client, "get", url, **bearer(foreign_key)))

    assert items("/api/v1/counts?story=gazette:budget-vote") == {"counts": {}}
    for url in ("/api/v1/moderation/events", "/api/v1/moderation/queue"):
        assert all(item["site"] != "gazette" for item in items(url)["items"])
    assert items("/api/v1/moderation/audit-entries")["items"] == []
    assert items("/api/v1/me")["username"] == "root"
