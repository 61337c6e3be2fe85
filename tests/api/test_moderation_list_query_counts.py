"""The queue, the audit record and the word list cost the same number of queries whatever the
page size, with a token and with a session."""

from __future__ import annotations

import pytest

from civility.discussion.models import Comment, CommentStatus
from civility.moderation.models import WordRule

from .conftest import api_json, bearer, post

# Token: the token (with its account and site). Session: the session and the user.
# Then the moderated sites and the page (the queue); the events need nothing more.
QUEUE_QUERIES = {"token": 3, "session": 4}
EVENTS_QUERIES = QUEUE_QUERIES
# Word list: the auth, the site, the role check and the list.
RULES_QUERIES = {"token": 4, "session": 5}


@pytest.fixture
def busy(story, reader, second_reader):
    for i in range(110):
        post(story, [reader, second_reader][i % 2], f"Comment {i}", minute=i)
    Comment.objects.update(status=CommentStatus.HELD)


def _headers(client, request, how, site, user, scope):
    if how == "session":
        client.force_login(user)
        return {}
    key = request.getfixturevalue("make_token")(site, user, scope)
    return bearer(key)


@pytest.mark.parametrize("how", ["token", "session"])
@pytest.mark.parametrize("limit", [5, 50])
def test_a_page_of_the_queue_costs_fixed_queries(
    client, request, busy, site, moderator, django_assert_num_queries, how, limit
):
    headers = _headers(client, request, how, site, moderator, "moderate")
    first = api_json(client.get(f"/api/v1/moderation/queue?limit={limit}", **headers))
    # A warm-up call with the token stamps last_used_at, so the counted one does not write.
    url = f"/api/v1/moderation/queue?limit={limit}&cursor={first['next_cursor']}"
    with django_assert_num_queries(QUEUE_QUERIES[how]):
        response = client.get(url, **headers)
    assert len(api_json(response)["items"]) == limit


@pytest.mark.parametrize("how", ["token", "session"])
@pytest.mark.parametrize("limit", [5, 50])
def test_a_page_of_the_audit_record_costs_fixed_queries(
    client, request, busy, site, moderator, django_assert_num_queries, how, limit
):
    headers = _headers(client, request, how, site, moderator, "moderate")
    first = api_json(client.get(f"/api/v1/moderation/events?limit={limit}", **headers))
    url = f"/api/v1/moderation/events?limit={limit}&cursor={first['next_cursor']}"
    with django_assert_num_queries(EVENTS_QUERIES[how]):
        response = client.get(url, **headers)
    assert len(api_json(response)["items"]) == limit


@pytest.mark.parametrize("how", ["token", "session"])
@pytest.mark.parametrize("count", [2, 40])
def test_the_word_list_costs_fixed_queries(
    client, request, site, site_admin, django_assert_num_queries, how, count
):
    WordRule.objects.bulk_create(
        WordRule(site=site, phrase=f"word{i}", kind="suspect") for i in range(count)
    )
    headers = _headers(client, request, how, site, site_admin, "admin")
    client.get("/api/v1/sites/gazette/word-rules", **headers)  # stamps the token's last use
    with django_assert_num_queries(RULES_QUERIES[how]):
        response = client.get("/api/v1/sites/gazette/word-rules", **headers)
    assert len(api_json(response)) == count
