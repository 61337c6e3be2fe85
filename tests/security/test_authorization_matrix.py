"""Every view and API endpoint, under every persona, allows or denies as the matrix says.

The list of views comes from the URL map (django.urls.get_resolver()), so a view added without a
line in MATRIX fails test_every_view_has_an_entry, naming the pattern. Each request runs in a
savepoint that is rolled back, so every persona meets the same comment, story and sanction.

A request is *allowed* when the view acted or showed the page (2xx, or a redirect that is not
to the log-in page); *denied* on 401, 403, 404, or a redirect to log in.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.utils import timezone

from civility.discussion import actions
from civility.discussion.models import CommentStatus
from civility.live.thread import encode_cursor
from civility.sanctions.actions import do_warn

from .url_map import View, all_views, is_admin

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("publish_everything")]

PERSONAS = ("anonymous", "reader", "author", "other_moderator", "moderator", "site_admin")
ALL = frozenset(PERSONAS)
SIGNED_IN = ALL - {"anonymous"}
MODERATORS = frozenset({"moderator", "site_admin"})
ADMINS = frozenset({"site_admin"})
NOBODY: frozenset[str] = frozenset()
AUTHOR = frozenset({"author"})
AUTHOR_AND_MODERATORS = AUTHOR | MODERATORS
# Readers other than the author may react to or report a comment; its author may not.
OTHERS_SIGNED_IN = SIGNED_IN - AUTHOR

POST_FORM = {"text": "A fair point, well made.", "kind": "like", "reason": "spam"}


def entry(  # type: ignore[no-untyped-def]
    allowed, method="get", data=None, query="", *, refused=(), judged=(), as_json=False, **values
):
    """Who may, and how to ask: data is form fields (or a JSON body for API calls and as_json);
    path values that differ from the defaults (comment_id="held_id"). `refused`: statuses that
    mean "denied, with a reason" here (a forged token's 400); `judged`: statuses that mean the
    caller got in and the input was then judged (an empty upload's 400)."""
    return {
        "allowed": frozenset(allowed),
        "method": method,
        "data": data,
        "query": query,
        "refused": set(refused),
        "judged": set(judged),
        "as_json": as_json,
        "values": values,
    }


MATRIX: dict[str, dict] = {
    # Accounts. Pages that are the same for everyone (log-in, reset) are open to all.
    "accounts:signup": entry(ALL),
    "accounts:login": entry(ALL),
    "accounts:logout": entry(ALL, "post"),
    "accounts:profile": entry(SIGNED_IN),
    "accounts:avatar_upload": entry(SIGNED_IN, "post", judged=[400]),  # no file: 400
    "accounts:avatar_remove": entry(SIGNED_IN, "post"),
    "accounts:download_data": entry(SIGNED_IN),
    "accounts:delete_account": entry(SIGNED_IN),
    "accounts:password_reset": entry(ALL, "post", {"email": "reader@example.org"}),
    "accounts:password_reset_done": entry(ALL),
    "accounts:password_reset_confirm": entry(ALL, uidb64="MQ", token="forged"),
    "accounts:password_reset_complete": entry(ALL),
    # Notifications: one's own settings; unsubscribing needs the signed token (forged: 400).
    "notifications:settings": entry(SIGNED_IN),
    "notifications:unsubscribe": entry(NOBODY, token="forged", refused=[400]),
    "notifications:follow_comment": entry(SIGNED_IN, "post"),
    "notifications:follow_story": entry(SIGNED_IN, "post"),
    # Public reading: pages, feeds, counts, the embed scripts.
    "stories:index": entry(ALL),
    "stories:site": entry(ALL),
    "discussion:story": entry(ALL),
    "discussion:comment": entry(ALL),
    "feeds:site": entry(ALL),
    "feeds:story": entry(ALL),
    "embed:script": entry(ALL),
    "embed:count_script": entry(ALL),
    # The Gazette has not enabled embedding: refused to everyone until it lists an origin.
    "embed:find": entry(NOBODY),
    "embed:counts": entry(NOBODY),
    "embed:thread": entry(NOBODY),
    # A forged publisher token signs nobody in.
    "sso:exchange": entry(NOBODY, "post", {"token": "forged"}, as_json=True),
    "live:since": entry(ALL, query="after={cursor}"),
    "live:comments": entry(ALL, query="after={cursor}"),
    "live:csrf_token": entry(ALL),
    # Taking part. The held comment's author and the moderators may see it; nobody else.
    "discussion:post": entry(SIGNED_IN, "post", POST_FORM),
    "discussion:reply": entry(SIGNED_IN, "post", POST_FORM),
    "discussion:viewing_options": entry(ALL, "post", {"mode": "flat_expanded"}),
    "discussion:react": entry(SIGNED_IN, "post", POST_FORM),
    "discussion:report": entry(SIGNED_IN, "post", POST_FORM),
    # Only the author edits or deletes; moderators reject instead.
    "discussion:edit": entry(AUTHOR, "post", POST_FORM),
    "discussion:delete": entry(AUTHOR, "post"),
    # Moderation: the other site's moderator has a queue (their own) but no power here.
    "moderation:queue": entry(MODERATORS | {"other_moderator"}),
    "moderation:export": entry(MODERATORS, query="site={site_id}"),
    "moderation:bulk": entry(MODERATORS | {"other_moderator"}, "post", {"action": "approve"}),
    "moderation:approve": entry(MODERATORS, "post", comment_id="held_id"),
    "moderation:reject": entry(MODERATORS, "post", {"reason": "spam"}, comment_id="held_id"),
    "moderation:feature": entry(MODERATORS, "post"),
    "moderation:sanction": entry(MODERATORS, "post", {"kind": "warn", "reason": "Tone"}),
    "moderation:revoke_sanction": entry(MODERATORS, "post"),
    # The API, signed in by session (tokens: tests/api/test_token_scopes_are_enforced.py).
    "api:openapi-json": entry(ALL),
    "api:openapi-view": entry(ALL),
    "api:api-root": entry(NOBODY),
    "api:list_comments": entry(ALL),
    "api:post_comment": entry(SIGNED_IN, "post", {"text": "Through the API"}),
    "api:list_replies": entry(ALL),
    "api:get_comment": entry(ALL),
    "api:edit_comment": entry(AUTHOR, "patch", {"text": "Edited through the API"}),
    "api:delete_comment": entry(AUTHOR, "delete"),
    "api:comment_counts": entry(ALL, query="story=gazette:budget-vote"),
    "api:site_comment_counts": entry(ALL),
    # The author may not react to or report their own comment: refused with a reason (400).
    "api:set_reaction": entry(OTHERS_SIGNED_IN, "put", {"kind": "like"}, refused=[400]),
    "api:remove_reaction": entry(OTHERS_SIGNED_IN, "delete", refused=[400]),
    "api:report_comment": entry(OTHERS_SIGNED_IN, "post", {"reason": "spam"}, refused=[400]),
    "api:me": entry(ALL),
    "api:queue": entry(MODERATORS | {"other_moderator"}),
    "api:events": entry(MODERATORS | {"other_moderator"}),
    "api:audit_entries": entry(MODERATORS | {"other_moderator"}),
    "api:approve": entry(MODERATORS, "post", {}, comment_id="held_id"),
    "api:reject": entry(MODERATORS, "post", {"reason_code": "spam"}, comment_id="held_id"),
    "api:feature": entry(MODERATORS, "post", {}),
    "api:unfeature": entry(MODERATORS, "post", {}),
    "api:sanction": entry(MODERATORS, "post", {"kind": "warn", "site": "gazette"}),
    "api:get_settings": entry(ADMINS),
    "api:patch_settings": entry(ADMINS, "patch", {}),
    "api:list_word_rules": entry(ADMINS),
    "api:add_word_rule": entry(ADMINS, "post", {"phrase": "nitwit"}),
    "api:delete_word_rule": entry(ADMINS, "delete"),
    # Past the role check, the site's URL allow-list (empty here) refuses the story: 400.
    "api:create_story": entry(ADMINS, "post", {"title": "A new story"}, judged=[400]),
}
# Held comments never show to those who may not see them, even on views open to all.
SECRET = "A held comment"


@pytest.fixture
def world(story, reader, author, other_moderator, moderator, site_admin):
    from civility.moderation.models import WordRule

    comment, _ = actions.do_post_comment(story=story, author=author, text="The author's comment")
    held, _ = actions.do_post_comment(story=story, author=author, text="A held comment")
    actions.set_status(held, CommentStatus.HELD)
    sanction = do_warn(moderator=moderator, user=reader, site=story.site, reason="Tone")
    rule = WordRule.objects.create(site=story.site, phrase="dolt", kind="banned")
    users = {
        "anonymous": None,
        "reader": reader,
        "author": author,
        "other_moderator": other_moderator,
        "moderator": moderator,
        "site_admin": site_admin,
    }
    values = {
        "comment_id": str(comment.pk),
        "site_slug": story.site.slug,
        "story_slug": story.slug,
        "story_id": str(story.pk),
        "sanction_id": str(sanction.pk),
        "site": story.site.slug,
        "story": story.slug,
        "user_id": str(reader.pk),
        "rule_id": str(rule.pk),
        "held_id": str(held.pk),
        "site_id": str(story.site.pk),
        "cursor": encode_cursor(timezone.now() - timedelta(days=1)),
    }
    return users, values


def outcome(response) -> str:  # type: ignore[no-untyped-def]
    if response.status_code in (401, 403, 404):
        return "deny"
    if response.status_code in (301, 302, 303, 307, 308):
        return "deny" if "/accounts/login/" in response["Location"] else "allow"
    if response.status_code in (405, 400, 422):
        return f"invalid {response.status_code}"
    return "allow" if response.status_code < 300 else f"error {response.status_code}"


def attempt(view: View, spec: dict, user, values: dict[str, str]) -> str:  # type: ignore[no-untyped-def]
    path_values = {**values, **spec["values"]}
    path_values = {k: path_values.get(v, v) for k, v in path_values.items()}
    path = view.sample_path(**path_values)
    if spec["query"]:
        path += "?" + spec["query"].format(**values)
    cache.clear()
    with transaction.atomic():
        client = Client()
        if user is not None:
            client.force_login(user)
        method = spec["method"]
        data = spec["data"]
        if view.key.startswith("api:") or spec["as_json"]:
            body = json.dumps(data) if data is not None else None
            response = getattr(client, method)(path, data=body, content_type="application/json")
        else:
            response = getattr(client, method)(path, data=data or {})
        result = outcome(response)
        if response.status_code in spec["refused"]:
            result = "deny"
        elif response.status_code in spec["judged"]:
            result = "allow"
        body = b"" if response.streaming else response.content
        if SECRET.encode() in body:
            result += " +held"
        transaction.set_rollback(True)
    return result


def checked_views() -> list[View]:
    return [v for v in all_views() if not is_admin(v) and not v.is_regex]


def test_every_view_has_an_entry():
    missing = [f"{v.key!r} ({v.route})" for v in checked_views() if v.key not in MATRIX]
    assert not missing, (
        "These views have no line in MATRIX (tests/security/test_authorization_matrix.py). Add "
        "one saying which personas may use each, so its access is checked:\n" + "\n".join(missing)
    )
    stale = set(MATRIX) - {v.key for v in checked_views()}
    assert not stale, f"MATRIX names views that no longer exist: {sorted(stale)}"


def test_every_view_allows_and_denies_as_the_matrix_says(world):
    users, values = world
    wrong = []
    for view in checked_views():
        spec = MATRIX.get(view.key)
        if spec is None:
            continue  # reported by test_every_view_has_an_entry
        for persona in PERSONAS:
            got = attempt(view, spec, users[persona], values)
            may_see_held = persona in {"author", *MODERATORS}
            expected = "allow" if persona in spec["allowed"] else "deny"
            if got.endswith(" +held"):
                got = got.removesuffix(" +held")
                if not may_see_held:
                    wrong.append(f"{view.key}: {persona} was shown the held comment")
            if got != expected:
                wrong.append(f"{view.key}: {persona} expected {expected}, got {got}")
    assert not wrong, "\n".join(wrong)


def test_admin_pages_are_for_staff_only(world, client):
    users, _ = world
    admin_views = [v for v in all_views() if is_admin(v)]
    assert admin_views
    for persona in PERSONAS:
        client = Client()
        if users[persona] is not None:
            client.force_login(users[persona])
        for path in ("/admin/", "/admin/discussion/comment/", "/admin/api/apitoken/"):
            response = client.get(path)
            assert response.status_code in (302, 404), (persona, path)
            if response.status_code == 302:
                assert "/admin/login/" in response["Location"]
