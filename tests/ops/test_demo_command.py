"""`civility demo` loads a believable publication once, through the actions layer."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, F, Q
from django.test import override_settings


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """Load the demo once for the module (it takes seconds), and remove it afterwards."""
    from civility.core.demo import loader

    media = tmp_path_factory.mktemp("media")
    # The same cheap hasher the shared conftest sets per test, so the demo login's hash verifies.
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=hashers),
        django_db_blocker.unblock(),
    ):
        first, second = StringIO(), StringIO()
        call_command("demo", stdout=first)
        before = _totals()
        call_command("demo", stdout=second)
        yield {
            "first": first.getvalue(),
            "second": second.getvalue(),
            "media": media,
            "totals": (before, _totals()),
        }
        loader.remove_demo()


def _totals() -> dict[str, int]:
    from django.contrib.auth import get_user_model

    from civility.discussion.models import Comment, Reaction, Report
    from civility.stories.models import Site, Story

    return {
        model.__name__: model.objects.count()
        for model in (Site, Story, Comment, Reaction, Report, get_user_model())
    }


@pytest.fixture
def main_story(demo, db):
    from civility.core.demo.stories import MAIN, SITE_SLUG
    from civility.stories.models import Story

    return Story.objects.get(site__slug=SITE_SLUG, slug=MAIN.slug)


def test_it_prints_the_demo_story_url_and_the_demo_login(demo, main_story):
    from django.conf import settings

    url = settings.SITE_URL + main_story.get_absolute_url()
    assert f"Demo story: {url}" in demo["first"]
    assert "demo / demo-password-123" in demo["first"]


def test_it_writes_a_hosted_story_with_headings_a_quote_links_and_a_captioned_image(
    demo, main_story
):
    html = main_story.body_html
    assert "<h2>" in html
    assert "<blockquote>" in html
    assert '<a href="https://example.org/' in html
    assert "<figure><img" in html
    assert "<figcaption>" in html
    image_src = html.split('<img src="', 1)[1].split('"', 1)[0]
    assert image_src.startswith("/media/")
    assert (demo["media"] / image_src.removeprefix("/media/")).is_file()


def test_it_gives_the_story_a_staff_byline_with_a_picture(main_story):
    assert main_story.author is not None
    assert main_story.author.profile.avatar
    assert main_story.author_name == main_story.author.profile.display_name


def test_it_builds_a_thread_of_a_few_hundred_comments_four_levels_deep(main_story):
    from civility.discussion.models import Comment

    comments = Comment.objects.filter(story=main_story)
    assert 300 <= comments.count() <= 400
    assert comments.filter(depth__gte=4).exists()
    assert comments.filter(parent__isnull=True).count() >= 30
    authors = comments.values("author").distinct().count()
    assert authors >= 12


def test_it_keeps_the_denormalised_counts_right(main_story):
    from civility.discussion.models import Comment, CommentStatus

    published = Comment.objects.filter(story=main_story, status=CommentStatus.PUBLISHED)
    assert main_story.comment_count == published.count()
    mismatched = (
        Comment.objects.filter(story=main_story)
        .annotate(
            actual=Count(
                "replies", filter=Q(replies__status=CommentStatus.PUBLISHED), distinct=True
            ),
            reacted=Count("reactions", distinct=True),
        )
        .exclude(reply_count=F("actual"), reaction_count=F("reacted"))
    )
    assert not mismatched.exists()


def test_it_dates_comments_over_days_with_every_reply_after_its_parent(main_story):
    from civility.discussion.models import Comment

    comments = list(Comment.objects.filter(story=main_story).select_related("parent"))
    times = [c.created_at for c in comments]
    assert max(times) - min(times) > timedelta(days=1)
    assert min(times) >= main_story.published_at
    assert all(c.created_at >= c.parent.created_at for c in comments if c.parent_id)


def test_it_gives_every_reader_a_picture(demo, db):
    from civility.accounts.models import Profile
    from civility.core.demo.people import READERS

    profiles = Profile.objects.filter(user__username__in=[r.username for r in READERS])
    assert profiles.count() == len(READERS)
    assert all(p.avatar and p.display_name for p in profiles)
    assert all((demo["media"] / p.avatar.name).is_file() for p in profiles)


def test_it_adds_reactions_reports_an_edit_and_a_deleted_comment(main_story):
    from civility.discussion.models import CommentRevision, CommentStatus, Reaction, Report

    assert Reaction.objects.filter(comment__story=main_story).count() >= 200
    reports = Report.objects.filter(comment__story=main_story)
    assert reports.count() >= 3
    assert reports.filter(resolved_at__isnull=False).exists()
    assert reports.filter(resolved_at__isnull=True).exists()
    assert CommentRevision.objects.filter(comment__story=main_story).exists()
    deleted = main_story.comments.filter(status=CommentStatus.DELETED)
    assert deleted.count() == 1
    assert deleted.get().replies.exists()


def test_it_adds_a_closed_story_and_one_hosted_elsewhere(main_story):
    from civility.stories.models import Story

    others = Story.objects.filter(site=main_story.site).exclude(pk=main_story.pk)
    assert others.filter(is_open=False).exists()
    elsewhere = others.get(body_markdown="")
    assert elsewhere.url.startswith("https://")
    assert elsewhere.comments.exists()


def test_it_changes_nothing_when_run_again(demo):
    before, after = demo["totals"]
    assert "already loaded; nothing changed" in demo["second"]
    assert before == after
    assert before["Site"] == 1


def test_it_lets_a_visitor_sign_in_with_the_printed_demo_login(demo, client):
    assert client.login(username="demo", password="demo-password-123")


def test_the_demo_readers_cannot_sign_in(demo, db):
    from django.contrib.auth import get_user_model

    from civility.core.demo.people import READERS

    users = get_user_model().objects.filter(username__in=[r.username for r in READERS])
    assert users.count() == len(READERS)
    assert not any(u.has_usable_password() for u in users)
