"""Reacting (PUT is idempotent, DELETE removes) and reporting through the API."""

from __future__ import annotations

from civility.discussion.models import Reaction, Report

from .conftest import api_json, send


def reaction_url(comment):
    return f"/api/v1/comments/{comment.pk}/reaction"


def test_putting_the_same_reaction_twice_keeps_one(client, reader, mixed_thread):
    comment = mixed_thread["f1"]  # by second_reader, no reactions yet
    client.force_login(reader)
    first = send(client, "put", reaction_url(comment), {"kind": "like"})
    again = send(client, "put", reaction_url(comment), {"kind": "like"})
    assert first.status_code == again.status_code == 200
    assert api_json(again) == {"kind": "like", "reaction_count": 1}
    assert Reaction.objects.filter(comment=comment, user=reader).count() == 1


def test_putting_another_kind_changes_the_reaction(client, reader, mixed_thread):
    comment = mixed_thread["f1"]
    client.force_login(reader)
    send(client, "put", reaction_url(comment), {"kind": "like"})
    body = api_json(send(client, "put", reaction_url(comment), {"kind": "insightful"}))
    assert body == {"kind": "insightful", "reaction_count": 1}


def test_deleting_removes_the_reaction(client, reader, mixed_thread):
    comment = mixed_thread["c"]  # reader already likes it
    client.force_login(reader)
    response = client.delete(reaction_url(comment))
    assert response.status_code == 200
    assert api_json(response) == {"kind": None, "reaction_count": 0}
    assert not Reaction.objects.filter(comment=comment, user=reader).exists()


def test_one_cannot_react_to_ones_own_comment(client, reader, mixed_thread):
    client.force_login(reader)
    response = send(client, "put", reaction_url(mixed_thread["a"]), {"kind": "like"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


def test_an_unknown_reaction_is_invalid(client, reader, mixed_thread):
    client.force_login(reader)
    response = send(client, "put", reaction_url(mixed_thread["f1"]), {"kind": "rage"})
    assert response.status_code == 400


def test_an_anonymous_reader_cannot_react(client, mixed_thread):
    response = send(client, "put", reaction_url(mixed_thread["f1"]), {"kind": "like"})
    assert response.status_code == 401


def test_a_reader_reports_a_comment(client, reader, mixed_thread):
    comment = mixed_thread["f1"]
    client.force_login(reader)
    url = f"/api/v1/comments/{comment.pk}/reports"
    response = send(client, "post", url, {"reason": "spam", "note": "Advert"})
    assert response.status_code == 201
    report = Report.objects.get(pk=api_json(response)["id"])
    assert (report.comment, report.reporter, report.reason, report.note) == (
        comment,
        reader,
        "spam",
        "Advert",
    )


def test_a_report_needs_a_known_reason(client, reader, mixed_thread):
    client.force_login(reader)
    url = f"/api/v1/comments/{mixed_thread['f1'].pk}/reports"
    assert send(client, "post", url, {"reason": "boring"}).status_code == 400
    assert not Report.objects.exists()


def test_a_hidden_comment_cannot_be_reported(client, reader, mixed_thread):
    client.force_login(reader)
    url = f"/api/v1/comments/{mixed_thread['e'].pk}/reports"
    assert send(client, "post", url, {"reason": "spam"}).status_code == 404
