from __future__ import annotations

import re

import pytest

from civility.discussion.actions import do_post_comment
from civility.discussion.models import Comment, Reaction

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def comment(story, second_reader):
    made, _ = do_post_comment(story=story, author=second_reader, text="React to me.")
    return made


def bar(html: str, comment) -> str:
    start = html.index(f'action="/comments/{comment.pk}/react/"')
    return html[start : html.index("</form>", start)]


def counts(bar_html: str) -> dict[str, tuple[int, bool]]:
    return {
        kind: (int(n), pressed == "true")
        for kind, pressed, n in re.findall(
            r'value="(\w+)" class="reaction" aria-pressed="(\w+)">\w+ <span class="count">(\d+)</span>',
            bar_html,
        )
    }


def test_a_reaction_toggles_and_counts(client, story, comment, reader):
    client.force_login(reader)
    url = f"/comments/{comment.pk}/react/"
    assert client.post(url, {"kind": "insightful"})["Location"] == f"/comments/{comment.pk}/"
    html = client.get(story.get_absolute_url()).content.decode()
    assert counts(bar(html, comment))["insightful"] == (1, True)
    assert Comment.objects.get(pk=comment.pk).reaction_count == 1

    client.post(url, {"kind": "funny"})  # switch
    assert list(Reaction.objects.values_list("kind", flat=True)) == ["funny"]

    client.post(url, {"kind": "funny"})  # the same kind again removes it
    assert not Reaction.objects.exists()
    html = client.get(story.get_absolute_url()).content.decode()
    assert counts(bar(html, comment)) == {
        "like": (0, False),
        "insightful": (0, False),
        "funny": (0, False),
        "disagree": (0, False),
    }


def test_counts_add_up_across_readers(client, story, comment, reader, make_user):
    for n, kind in enumerate(["like", "like", "disagree"]):
        client.force_login(make_user(f"r{n}"))
        client.post(f"/comments/{comment.pk}/react/", {"kind": kind})
    client.force_login(reader)
    html = client.get(story.get_absolute_url()).content.decode()
    assert counts(bar(html, comment))["like"] == (2, False)
    assert counts(bar(html, comment))["disagree"] == (1, False)


def test_with_htmx_only_the_reaction_bar_comes_back(client, comment, reader):
    client.force_login(reader)
    response = client.post(f"/comments/{comment.pk}/react/", {"kind": "like"}, headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.strip().startswith('<form class="reactions"')
    assert counts(html)["like"] == (1, True)


def test_anonymous_readers_must_sign_in_to_react(client, comment):
    response = client.post(f"/comments/{comment.pk}/react/", {"kind": "like"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    response = client.post(f"/comments/{comment.pk}/react/", {"kind": "like"}, headers=HTMX)
    assert response["HX-Redirect"].startswith("/accounts/login/")
    assert not Reaction.objects.exists()


def test_authors_cannot_react_to_their_own_comment(client, story, comment, second_reader):
    client.force_login(second_reader)
    html = client.get(story.get_absolute_url()).content.decode()
    assert f"/comments/{comment.pk}/react/" not in html
    client.post(f"/comments/{comment.pk}/react/", {"kind": "like"})
    assert not Reaction.objects.exists()


def test_reacting_needs_a_csrf_token(comment, reader):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(reader)
    assert client.post(f"/comments/{comment.pk}/react/", {"kind": "like"}).status_code == 403
    assert not Reaction.objects.exists()
