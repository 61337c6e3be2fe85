"""A reader downloads everything Civility holds about them, and nothing about anyone else."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from tests.imports.export_builders import build_thread


@pytest.fixture
def thread(story, reader, second_reader, moderator):
    return build_thread(story, reader, second_reader, moderator)


def download(client, user) -> dict:  # type: ignore[no-untyped-def]
    client.force_login(user)
    response = client.get(reverse("accounts:download_data"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    return json.loads(b"".join(response.streaming_content))


def test_it_contains_every_kind_of_the_readers_data(client, reader, thread):
    data = download(client, reader)
    assert data["format"] == "civility-personal-data"
    assert data["account"]["username"] == "reader"
    assert data["account"]["email"] == "reader@example.org"
    assert set(data["profile"]) == {"display_name", "bio", "picture_url", "avatar"}
    assert set(data["viewing_options"]) == {"display_mode", "sort_order", "per_page"}
    comments = {c["id"]: c for c in data["comments"]}
    assert set(comments) == {thread.top.pk, thread.reader_reply.pk}
    assert comments[thread.top.pk]["text"] == "The budget leaves the library short, again."
    assert comments[thread.top.pk]["status"] == "published"
    assert [r["text"] for r in data["revisions"]] == [
        "The budget leaves the **library** short again."
    ]
    assert data["reactions"] == [
        {
            "comment": thread.reply.pk,
            "kind": "like",
            "created_at": data["reactions"][0]["created_at"],
        }
    ]
    assert [r["note"] for r in data["reports_filed"]] == ["Not about the budget."]
    assert [v["story"] for v in data["story_visits"]] == ["Council passes the budget"]
    assert [s["reason"] for s in data["sanctions"]] == ["Keep it civil."]


def test_it_contains_nothing_of_other_readers(client, reader, second_reader, thread):
    text = json.dumps(download(client, reader))
    for foreign in (
        "second",  # the other reader's username and e-mail
        "Opening hours were cut",  # their comment
        "idiots",
        "insightful",  # their reaction to the reader's comment
        "moderator",  # who warned the reader
    ):
        assert foreign not in text


def test_it_is_only_for_signed_in_readers(client):
    response = client.get(reverse("accounts:download_data"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_the_profile_page_links_to_the_download_and_the_deletion(client, reader):
    client.force_login(reader)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert reverse("accounts:download_data") in page
    assert reverse("accounts:delete_account") in page
