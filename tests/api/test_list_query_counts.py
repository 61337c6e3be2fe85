"""Every list endpoint costs the same number of queries whatever the page size, for anonymous and
signed-in readers."""

from __future__ import annotations

import pytest
from tests.discussion_views.conftest import _build_thread

from civility.discussion.viewing import DisplayMode, SortOrder

from .conftest import api_json, bearer

# Anonymous: the story, the page. Signed in: plus the session, the user and the moderator check.
# A token: its lookup (account and site joined in), the story, the moderator check, the page.
LIST_QUERIES = {"anonymous": 2, "reader": 5, "token": 4}
# The parent and the page; signed in, plus the session, the user and the moderator check.
REPLIES_QUERIES = {"anonymous": 2, "reader": 5}


@pytest.fixture
def big_thread(story, reader, second_reader, make_user):
    return _build_thread(story, [reader, second_reader, make_user("third")], 240)


def sign_in(client, request, viewer) -> dict[str, str]:
    if viewer == "token":
        make_token = request.getfixturevalue("make_token")
        site = request.getfixturevalue("site")
        return bearer(make_token(site, request.getfixturevalue("reader"), "read"))
    if viewer != "anonymous":
        client.force_login(request.getfixturevalue(viewer))
    return {}


@pytest.mark.parametrize("viewer", ["anonymous", "reader", "token"])
@pytest.mark.parametrize("order", SortOrder.values)
@pytest.mark.parametrize("mode", [DisplayMode.THREADED_EXPANDED, DisplayMode.FLAT_EXPANDED])
@pytest.mark.parametrize("limit", [5, 100])
def test_a_page_of_comments_costs_fixed_queries(
    client, request, big_thread, django_assert_num_queries, viewer, mode, order, limit
):
    headers = sign_in(client, request, viewer)
    url = f"/api/v1/sites/gazette/stories/budget-vote/comments?mode={mode}&order={order}&limit={limit}"
    first = api_json(client.get(url, **headers))
    with django_assert_num_queries(LIST_QUERIES[viewer]):
        response = client.get(f"{url}&cursor={first['next_cursor']}", **headers)
    assert len(api_json(response)["items"]) == limit


@pytest.mark.parametrize("viewer", ["anonymous", "reader"])
@pytest.mark.parametrize("limit", [5, 100])
def test_a_page_of_replies_costs_fixed_queries(
    client, request, story, reader, second_reader, django_assert_num_queries, viewer, limit
):
    from civility.discussion.models import Comment

    from .conftest import post

    root = post(story, reader, "Root")
    for i in range(120):
        post(story, [reader, second_reader][i % 2], f"Reply {i}", root)
    assert Comment.objects.filter(parent=root).count() == 120
    sign_in(client, request, viewer)
    with django_assert_num_queries(REPLIES_QUERIES[viewer]):
        response = client.get(f"/api/v1/comments/{root.pk}/replies?limit={limit}")
    assert len(api_json(response)["items"]) == limit
