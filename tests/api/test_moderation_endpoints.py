"""Moderators work the queue over the API: each decision checks the site role on the server,
is bound to a token's site, and leaves its row in the audit record."""

from __future__ import annotations

import pytest

from civility.discussion.actions import do_report
from civility.discussion.models import Comment, CommentStatus, Report
from civility.moderation.models import ModerationEvent, SiteRole
from civility.sanctions.models import UserSanction

from .conftest import api_json, bearer, post, send


def held(story, author, text, minute=0):
    comment = post(story, author, text, minute=minute)
    Comment.objects.filter(pk=comment.pk).update(status=CommentStatus.HELD)
    return comment


@pytest.fixture
def queue(story, other_story, reader, second_reader):
    return {
        "a": held(story, reader, "First held", 0),
        "b": held(story, second_reader, "Second held", 1),
        "foreign": held(other_story, reader, "Held elsewhere", 2),
        "published": post(story, reader, "Published", minute=3),
    }


@pytest.fixture
def mod_key(site, moderator, make_token):
    return make_token(site, moderator, "moderate")


def test_the_queue_lists_only_the_tokens_site_oldest_first(client, queue, mod_key):
    body = api_json(send(client, "get", "/api/v1/moderation/queue", **bearer(mod_key)))
    assert [item["id"] for item in body["items"]] == [queue["a"].pk, queue["b"].pk]
    assert body["items"][0]["site"] == "gazette"
    assert body["items"][0]["text"] == "First held"


def test_the_queue_filters_by_author_and_search(client, queue, mod_key):
    url = "/api/v1/moderation/queue?author=second"
    assert [i["id"] for i in api_json(send(client, "get", url, **bearer(mod_key)))["items"]] == [
        queue["b"].pk
    ]
    url = "/api/v1/moderation/queue?q=first"
    assert [i["id"] for i in api_json(send(client, "get", url, **bearer(mod_key)))["items"]] == [
        queue["a"].pk
    ]


def test_the_queue_pages_with_a_cursor(client, queue, mod_key):
    first = api_json(send(client, "get", "/api/v1/moderation/queue?limit=1", **bearer(mod_key)))
    assert [i["id"] for i in first["items"]] == [queue["a"].pk]
    url = f"/api/v1/moderation/queue?limit=1&cursor={first['next_cursor']}"
    second = api_json(send(client, "get", url, **bearer(mod_key)))
    assert [i["id"] for i in second["items"]] == [queue["b"].pk]
    assert second["next_cursor"] is None


def test_a_token_cannot_ask_for_another_sites_queue(client, queue, mod_key):
    url = "/api/v1/moderation/queue?site=courier"
    assert send(client, "get", url, **bearer(mod_key)).status_code == 404


def test_a_session_moderator_sees_every_site_they_moderate(client, queue, moderator, other_site):
    client.force_login(moderator)
    body = api_json(client.get("/api/v1/moderation/queue"))
    assert {item["id"] for item in body["items"]} == {queue["a"].pk, queue["b"].pk}
    SiteRole.objects.create(user=moderator, site=other_site)
    body = api_json(client.get("/api/v1/moderation/queue"))
    assert queue["foreign"].pk in {item["id"] for item in body["items"]}


def test_approving_publishes_and_writes_an_audit_row(client, queue, mod_key, moderator):
    response = send(
        client,
        "post",
        f"/api/v1/moderation/comments/{queue['a'].pk}/approve",
        {"note": "fine"},
        **bearer(mod_key),
    )
    assert response.status_code == 200
    event = ModerationEvent.objects.get(comment=queue["a"], actor=moderator)
    assert api_json(response) == {"id": queue["a"].pk, "status": "published", "event_id": event.pk}
    assert (event.from_status, event.to_status, event.note) == ("held", "published", "fine")


def test_rejecting_needs_a_published_reason(client, queue, mod_key, moderator):
    url = f"/api/v1/moderation/comments/{queue['a'].pk}/reject"
    assert send(client, "post", url, {"reason_code": "nope"}, **bearer(mod_key)).status_code == 400
    response = send(client, "post", url, {"reason_code": "spam"}, **bearer(mod_key))
    assert response.status_code == 200
    queue["a"].refresh_from_db()
    assert queue["a"].status == CommentStatus.REJECTED
    event = ModerationEvent.objects.get(comment=queue["a"], actor=moderator)
    assert event.reason_codes == ["spam"]


def test_approving_resolves_open_reports(client, queue, mod_key, second_reader):
    do_report(comment=queue["published"], user=second_reader, reason="spam", note="")
    url = f"/api/v1/moderation/comments/{queue['published'].pk}/approve"
    assert send(client, "post", url, {}, **bearer(mod_key)).status_code == 200
    assert not Report.objects.filter(resolved_at__isnull=True).exists()


def test_featuring_needs_a_published_comment(client, queue, mod_key):
    url = f"/api/v1/moderation/comments/{queue['a'].pk}/feature"
    assert send(client, "post", url, {}, **bearer(mod_key)).status_code == 400
    url = f"/api/v1/moderation/comments/{queue['published'].pk}/feature"
    assert send(client, "post", url, {}, **bearer(mod_key)).status_code == 200
    queue["published"].refresh_from_db()
    assert queue["published"].featured_at is not None


def test_a_token_cannot_act_on_another_sites_comment(client, queue, mod_key):
    url = f"/api/v1/moderation/comments/{queue['foreign'].pk}/approve"
    assert send(client, "post", url, {}, **bearer(mod_key)).status_code == 404
    queue["foreign"].refresh_from_db()
    assert queue["foreign"].status == CommentStatus.HELD
    assert not ModerationEvent.objects.filter(actor__isnull=False).exists()


def test_a_session_moderator_cannot_act_on_a_site_they_do_not_moderate(client, queue, moderator):
    client.force_login(moderator)
    url = f"/api/v1/moderation/comments/{queue['foreign'].pk}/reject"
    response = send(client, "post", url, {"reason_code": "spam"})
    assert response.status_code == 403
    queue["foreign"].refresh_from_db()
    assert queue["foreign"].status == CommentStatus.HELD


def test_a_reader_cannot_moderate(client, queue, reader):
    client.force_login(reader)
    url = f"/api/v1/moderation/comments/{queue['a'].pk}/approve"
    assert send(client, "post", url, {}).status_code == 403
    assert client.get("/api/v1/moderation/queue").status_code == 403


def test_anonymous_callers_are_unauthorized(client, queue):
    assert client.get("/api/v1/moderation/queue").status_code == 401


def test_suspending_a_reader_records_the_sanction(client, queue, mod_key, reader, moderator):
    url = f"/api/v1/moderation/users/{reader.pk}/sanctions"
    body = {"kind": "suspend", "duration": "1d", "reason": "Spam", "comment": queue["a"].pk}
    response = send(client, "post", url, body, **bearer(mod_key))
    assert response.status_code == 201
    row = UserSanction.objects.get()
    assert (row.user, row.site.slug, row.kind, row.created_by) == (
        reader,
        "gazette",
        "suspend",
        moderator,
    )
    assert row.until is not None and row.comment == queue["a"]


def test_a_suspension_needs_a_duration(client, queue, mod_key, reader):
    url = f"/api/v1/moderation/users/{reader.pk}/sanctions"
    assert send(client, "post", url, {"kind": "suspend"}, **bearer(mod_key)).status_code == 400
    assert not UserSanction.objects.exists()


def test_a_token_cannot_sanction_on_another_site(client, queue, mod_key, reader):
    url = f"/api/v1/moderation/users/{reader.pk}/sanctions"
    body = {"kind": "ban", "site": "courier"}
    assert send(client, "post", url, body, **bearer(mod_key)).status_code == 404
    assert not UserSanction.objects.exists()


def test_the_audit_record_lists_decisions_of_the_tokens_site(client, queue, mod_key, moderator):
    for name in ("a", "b"):
        url = f"/api/v1/moderation/comments/{queue[name].pk}/approve"
        send(client, "post", url, {}, **bearer(mod_key))
    body = api_json(send(client, "get", "/api/v1/moderation/events", **bearer(mod_key)))
    human = [item for item in body["items"] if item["actor"] == "moderator"]
    assert [item["comment"] for item in human] == [queue["b"].pk, queue["a"].pk]
    assert all(item["site"] == "gazette" for item in body["items"])
    url = "/api/v1/moderation/events?from=2100-01-01T00:00:00Z"
    assert api_json(send(client, "get", url, **bearer(mod_key)))["items"] == []
