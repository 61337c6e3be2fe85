"""A comment in a list page is exactly what the model-based presenter makes of it (as `GET
/comments/{id}` shows it): the lists build their JSON from plain rows (api/fast_rows.py), and
the two must agree on every field for every kind of reader and author."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from civility.accounts.models import Profile
from civility.api.presenting import CommentPresenter
from civility.api.rendering import dumps
from civility.discussion.access import can_moderate
from civility.discussion.models import Comment
from civility.discussion.thread_page import ordered_thread
from civility.discussion.viewing import DisplayMode, SortOrder, ViewingOptions

from .conftest import api_json, bearer, post

VIEWERS = ["anonymous", "reader", "third_reader", "moderator", "token"]


@pytest.fixture
def authors_of_every_kind(story, mixed_thread, reader, second_reader, third_reader):
    """Authors with a display name, an uploaded picture, a single sign-on picture, no profile,
    a guest name, and an account deleted since."""
    Profile.objects.filter(user=reader).update(display_name="Rita Reader")
    Profile.objects.filter(user=second_reader).update(avatar="avatars/a b&c.png")
    Profile.objects.filter(user=third_reader).update(picture_url="https://cdn.example/p.png")
    no_profile = post(story, reader, "Written before the profile went", minute=5)
    Profile.objects.filter(user=reader).delete()
    guest = post(story, second_reader, "Imported from Disqus", minute=5)
    Comment.objects.filter(pk=guest.pk).update(author=None, author_name="Guest Gary")
    gone = post(story, third_reader, "The account is gone", mixed_thread["c"], minute=6)
    Comment.objects.filter(pk=gone.pk).update(author=None, author_name="")
    return {**mixed_thread, "no_profile": no_profile, "guest": guest, "gone": gone}


def sign_in(client, request, site, viewer) -> dict[str, str]:
    if viewer == "anonymous":
        return {}
    if viewer == "token":
        make_token = request.getfixturevalue("make_token")
        return bearer(make_token(site, request.getfixturevalue("third_reader"), "read"))
    client.force_login(request.getfixturevalue(viewer))
    return {}


def presented(user, story, mode, order) -> list[dict]:
    """The thread as model instances through CommentPresenter, as JSON comes back."""
    request = RequestFactory().get("/")
    request.user = user
    present = CommentPresenter(request, moderates=can_moderate(user, story))
    ordered, _ = ordered_thread(user, story, ViewingOptions(mode=mode, order=order))
    return json.loads(dumps([present(c) for c in ordered.select_related("author__profile")]))


@pytest.mark.parametrize("viewer", VIEWERS)
@pytest.mark.parametrize(
    ("mode", "order"),
    [
        (DisplayMode.THREADED_EXPANDED, SortOrder.OLDEST),
        (DisplayMode.THREADED_COLLAPSED, SortOrder.REACTIONS),
        (DisplayMode.FLAT_EXPANDED, SortOrder.NEWEST),
    ],
)
def test_each_listed_comment_is_what_the_presenter_makes_of_it(
    client, request, site, story, authors_of_every_kind, viewer, mode, order
):
    headers = sign_in(client, request, site, viewer)
    base = f"/api/v1/sites/gazette/stories/{story.slug}/comments?mode={mode}&order={order}"
    items = api_json(client.get(f"{base}&limit=300", **headers))["items"]
    listed = {item["id"] for item in items}
    # The listing holds every kind: placeholders, guests, pictures of each sort.
    names = {"d", "guest", "gone", "no_profile", "a1", "c"}
    assert {authors_of_every_kind[name].pk for name in names} <= listed
    user = {
        "anonymous": AnonymousUser(),
        "token": request.getfixturevalue("third_reader"),
    }.get(viewer) or request.getfixturevalue(viewer)
    assert items == presented(user, story, mode, order)


@pytest.mark.parametrize("viewer", ["anonymous", "reader", "token"])
def test_each_listed_comment_is_what_the_comment_endpoint_says(
    client, request, site, story, authors_of_every_kind, viewer
):
    headers = sign_in(client, request, site, viewer)
    items = api_json(
        client.get(f"/api/v1/sites/gazette/stories/{story.slug}/comments?limit=300", **headers)
    )["items"]
    assert len(items) > 10
    for item in items:
        single = client.get(f"/api/v1/comments/{item['id']}", **headers)
        assert single.status_code == 200
        assert api_json(single) == item


def test_it_shows_each_author_as_their_profile_says(client, story, authors_of_every_kind):
    c = authors_of_every_kind
    items = api_json(client.get(f"/api/v1/sites/gazette/stories/{story.slug}/comments?limit=300"))
    by_id = {item["id"]: item for item in items["items"]}
    assert by_id[c["a1"].pk]["author"]["avatar_url"] == "/media/avatars/a%20b%26c.png"
    assert by_id[c["c"].pk]["author"]["avatar_url"] == "https://cdn.example/p.png"
    assert by_id[c["guest"].pk]["author"]["name"] == "Guest Gary"
    assert by_id[c["gone"].pk]["author"]["name"] == "Former reader"
    assert by_id[c["no_profile"].pk]["author"]["name"] == "reader"
    assert by_id[c["d"].pk]["author"] is None


@pytest.mark.parametrize("viewer", ["anonymous", "moderator", "token"])
@pytest.mark.parametrize("order", SortOrder.values)
@pytest.mark.parametrize("mode", [DisplayMode.THREADED_EXPANDED, DisplayMode.FLAT_EXPANDED])
def test_walking_by_cursor_gives_the_single_page_item_for_item(
    client, request, site, story, authors_of_every_kind, viewer, mode, order
):
    headers = sign_in(client, request, site, viewer)
    base = f"/api/v1/sites/gazette/stories/{story.slug}/comments?mode={mode}&order={order}"
    whole = api_json(client.get(f"{base}&limit=300", **headers))["items"]
    walked, cursor = [], None
    for _ in range(len(whole) + 1):
        page = api_json(
            client.get(
                f"{base}&limit=3" + (f"&cursor={quote(cursor)}" if cursor else ""), **headers
            )
        )
        walked += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert walked == whole
