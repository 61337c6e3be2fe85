"""Posting through the API with the whole moderation pipeline costs a fixed number of queries,
however much the author and the site have written lately."""

from __future__ import annotations

import random
import string

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from civility.discussion.actions import do_post_comment
from civility.moderation import gate, pipeline

from .conftest import api_json, bearer, send

URL = "/api/v1/sites/gazette/stories/budget-vote/comments"
# The token (account, profile and site joined in), the story, the reader's sanctions (bans and
# "always hold" in one), the idempotency key; the pipeline: settings, the author's repeats,
# others' signatures, word rules, the author's recent decisions; in the transaction: the
# counter row, the comment, its signature, its moderation event; the listeners inside it:
# webhook endpoints per event (created, published), following one's own comment (preference,
# row), the page-cache purge, the followers to notify (comment, follows). Transaction control
# (BEGIN and COMMIT, or savepoints in a test) is not counted.
POST_QUERIES = 20
# Outside a transaction, as a web server posts, the process keeps its window of others'
# signatures and asks for the rows added since and the window's checksum: one query more, each
# far cheaper than reading the window (moderation.signature_cache).
KEPT_WINDOW_POST_QUERIES = POST_QUERIES + 1


@pytest.fixture(autouse=True)
def real_pipeline(monkeypatch):
    """The whole pipeline, not the switch the other API tests use."""
    monkeypatch.setattr(gate, "review", pipeline.review_for_site)


def post_text(n: int) -> str:
    """Texts different enough that none is a near-copy of another."""
    rng = random.Random(n)
    words = ("".join(rng.choices(string.ascii_lowercase, k=rng.randint(3, 8))) for _ in range(20))
    return f"Comment {n} on the budget: " + " ".join(words) + "."


@pytest.mark.parametrize("earlier", [0, 40])
def test_a_post_costs_fixed_queries(client, site, story, reader, make_user, make_token, earlier):
    from civility.moderation.site_settings import ensure_settings

    moderation = ensure_settings(site)
    moderation.rate_limit_enabled = False  # the busy case posts faster than the limit allows
    moderation.save()
    others = [make_user(f"other{i}") for i in range(4)]
    for n in range(earlier):
        do_post_comment(story=story, author=others[n % 4], text=post_text(2000 + n))
        do_post_comment(story=story, author=reader, text=post_text(1000 + n))
    auth = bearer(make_token(site, reader, "comment"))
    # The token's first use notes the time (once an hour): not a cost of posting.
    assert send(client, "get", URL, **auth).status_code == 200
    sql = _post_queries(client, auth, post_text(1))
    assert len(sql) == POST_QUERIES, "\n".join(sql)


def _post_queries(client, auth, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    body = {"text": text, "idempotency_key": text[:20]}
    with CaptureQueriesContext(connection) as queries:
        response = send(client, "post", URL, body, **auth)
    assert response.status_code == 201, response.content
    assert api_json(response)["comment"]["status"] == "published"
    return [
        q["sql"]
        for q in queries.captured_queries
        if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "BEGIN", "COMMIT"))
    ]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("earlier", [0, 40])
def test_a_post_outside_a_transaction_costs_fixed_queries(
    client, site, story, reader, make_user, make_token, earlier
):
    from civility.moderation.site_settings import ensure_settings

    moderation = ensure_settings(site)
    moderation.rate_limit_enabled = False
    moderation.save()
    others = [make_user(f"other{i}") for i in range(4)]
    auth = bearer(make_token(site, reader, "comment"))
    assert send(client, "get", URL, **auth).status_code == 200
    _post_queries(client, auth, post_text(1))  # the process's first post reads the window
    for n in range(earlier):
        do_post_comment(story=story, author=others[n % 4], text=post_text(2000 + n))
    sql = _post_queries(client, auth, post_text(2))
    assert len(sql) == KEPT_WINDOW_POST_QUERIES, "\n".join(sql)
    assert sum("COUNT(*)" in q for q in sql) == 1  # the window's checksum, not its rows


def _plan(sql: str, params) -> str:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return " | ".join(str(row[-1]) for row in cursor.fetchall())


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's planner, without statistics")
def test_a_prolific_authors_lookups_use_their_indexes(client, site, story, reader, make_token):
    """The idempotency key and the author's recent decisions are found through an index on
    the author, not by reading (and sorting) every comment the author ever wrote."""
    for n in range(30):
        do_post_comment(story=story, author=reader, text=post_text(3000 + n))
    auth = bearer(make_token(site, reader, "comment"))
    body = {"text": post_text(2), "idempotency_key": "plan"}
    seen = []

    def keep(execute, sql, params, many, context):
        seen.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(keep):
        assert send(client, "post", URL, body, **auth).status_code == 201
    by_key = [q for q in seen if '"idempotency_key" =' in q[0] and q[0].startswith("SELECT")]
    history = [q for q in seen if q[0].startswith('SELECT "discussion_comment"."status"')]
    assert by_key and history
    assert "comment_unique_idempotency_key" in _plan(*by_key[0])
    plan = _plan(*history[0])
    assert "comment_author_created" in plan and "TEMP B-TREE" not in plan, plan
