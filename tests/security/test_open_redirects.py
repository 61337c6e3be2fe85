"""No view sends a browser to another site because of a `next` parameter (or any other)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from civility.discussion import actions
from civility.discussion.models import CommentStatus

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("publish_everything")]

PASSWORD = "correct horse battery"
HOSTILE_NEXT = [
    "//evil.example/",
    "https://evil.example/",
    "http:evil.example",
    "https:/evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "\\/\\/evil.example",
    " //evil.example",
    "\t//evil.example",
    "\x00//evil.example",
    "///evil.example",
    "https://testserver@evil.example/",
    "http://evil.example\\@testserver/",
    "javascript:alert(document.domain)",
    "data:text/html,<script>alert(1)</script>",
    "/moderate/../\\\\evil.example",
    "%2F%2Fevil.example",
]


def is_local(location: str) -> bool:
    """What a browser would do with this Location: stay on testserver or not."""
    # Browsers drop tabs, newlines and leading control characters, and read \\ as /.
    cleaned = re.sub(r"[\t\n\r]", "", location).lstrip("\x00\x20").replace("\\", "/")
    parts = urlsplit(cleaned)
    if parts.scheme and parts.scheme not in {"http", "https"}:
        return False
    if parts.scheme or cleaned.startswith("//"):
        return parts.hostname == "testserver" and not parts.username
    return True  # a path, absolute or relative to the page: same host


def assert_stays_home(response, what: str) -> None:
    for header in ("Location", "HX-Redirect", "HX-Location"):
        if header in response:
            assert is_local(response[header]), f"{what}: {header} {response[header]!r}"


def test_the_checker_itself_knows_an_open_redirect():
    assert not is_local("//evil.example/")
    assert not is_local("/\\evil.example")
    assert not is_local("https://testserver@evil.example/")
    assert is_local("/gazette/budget-vote/#comments")
    assert is_local("http://testserver/moderate/")


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_account_pages_refuse_foreign_next(target, reader):
    anonymous = Client()
    assert_stays_home(
        anonymous.post(
            "/accounts/login/", {"username": "reader", "password": PASSWORD, "next": target}
        ),
        "log-in POST",
    )
    signed_in = Client()
    signed_in.force_login(reader)
    for url in ("/accounts/login/", "/accounts/signup/"):
        assert_stays_home(signed_in.get(url, {"next": target}), f"{url} GET when signed in")
    assert_stays_home(
        signed_in.post(f"/accounts/logout/?next={target}", {"next": target}), "log-out"
    )
    fresh = Client()
    assert_stays_home(
        fresh.post(
            "/accounts/signup/",
            {
                "username": "newcomer",
                "email": "new@example.org",
                "password1": "a long passphrase here",
                "password2": "a long passphrase here",
                "next": target,
            },
        ),
        "sign-up",
    )


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_reader_actions_refuse_foreign_next(target, client, story, reader, second_reader):
    comment, _ = actions.do_post_comment(story=story, author=second_reader, text="Hello there")
    client.force_login(reader)
    slug = (story.site.slug, story.slug)
    posts = [
        (reverse("discussion:viewing_options", args=slug), {"mode": "flat_expanded"}),
        (reverse("discussion:post", args=slug), {"text": "Fine words"}),
        (reverse("discussion:reply", args=[comment.pk]), {"text": "Indeed"}),
        (reverse("discussion:react", args=[comment.pk]), {"kind": "like"}),
        (reverse("discussion:report", args=[comment.pk]), {"reason": "spam"}),
    ]
    for url, data in posts:
        assert_stays_home(client.post(f"{url}?next={target}", {**data, "next": target}), url)
    anonymous = Client()
    for url, data in posts:
        assert_stays_home(anonymous.post(f"{url}?next={target}", {**data, "next": target}), url)


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_moderation_actions_refuse_foreign_next(target, client, story, reader, moderator):
    comment, _ = actions.do_post_comment(story=story, author=reader, text="Hold me")
    actions.set_status(comment, CommentStatus.HELD)
    client.force_login(moderator)
    for route in ("moderation:approve", "moderation:feature", "moderation:reject"):
        response = client.post(reverse(route, args=[comment.pk]), {"next": target})
        assert_stays_home(response, route)
    response = client.post(reverse("moderation:bulk"), {"next": target, "action": "approve"})
    assert_stays_home(response, "bulk")
