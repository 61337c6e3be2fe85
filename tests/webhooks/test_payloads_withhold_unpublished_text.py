"""Held and rejected comments' text reaches moderation integrations only."""

from __future__ import annotations

import json

import pytest

from civility.discussion.actions import do_post_comment
from civility.moderation import gate
from civility.webhooks.models import WebhookEndpoint

pytestmark = pytest.mark.django_db


def comment_of(receiver, suffix: str) -> dict:
    (request,) = [r for r in receiver.requests if r.path.endswith(suffix)]
    return json.loads(request.body)["data"]["comment"]


def test_a_held_comment_text_goes_only_to_moderation_endpoints(
    site, story, reader, receiver, run_after_commit, verdict
):
    WebhookEndpoint.objects.create(
        site=site, url=receiver.url + "/plain", events=["comment.created"]
    )
    WebhookEndpoint.objects.create(
        site=site, url=receiver.url + "/mod", events=["comment.created", "comment.held"]
    )
    verdict.decision = gate.Decision.HOLD
    run_after_commit(do_post_comment, story=story, author=reader, text="Secret *draft*.")
    plain = comment_of(receiver, "/plain")
    assert plain["status"] == "held"
    assert plain["text"] is None and plain["html"] is None and plain["text_withheld"] is True
    created = [
        json.loads(r.body)["data"]["comment"]
        for r in receiver.requests
        if r.path.endswith("/mod") and r.headers["Civility-Event"] == "comment.created"
    ][0]
    assert created["text"] == "Secret *draft*."
    assert "<em>draft</em>" in created["html"]
    assert b"Secret" not in b"".join(r.body for r in receiver.requests if r.path.endswith("/plain"))


def test_a_published_comment_carries_what_a_receiver_needs(
    site, story, reader, receiver, run_after_commit
):
    WebhookEndpoint.objects.create(site=site, url=receiver.url, events=["comment.published"])
    comment, _ = run_after_commit(do_post_comment, story=story, author=reader, text="Public.")
    body = json.loads(receiver.requests[0].body)
    assert body["event"] == "comment.published"
    assert body["id"].startswith("evt_")
    assert body["id"] == receiver.requests[0].headers["Civility-Event-Id"]
    assert body["site"] == {"id": site.pk, "slug": "gazette", "name": "The Gazette", "url": ""}
    assert body["data"]["story"]["title"] == story.title
    assert body["data"]["story"]["page_url"].endswith("/gazette/budget-vote/")
    data = body["data"]["comment"]
    assert data["id"] == comment.pk and data["text"] == "Public." and not data["text_withheld"]
    assert data["url"].endswith(f"/comments/{comment.pk}/")
    assert data["author"] == {"id": reader.pk, "username": "reader", "name": "reader"}
    assert "created_at" in body
