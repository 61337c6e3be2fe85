"""Permission-checked fetches. Views never call Comment.objects.get directly."""

from __future__ import annotations

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Concat

from civility.core.query_templates import QueryTemplates, value_of
from civility.discussion.errors import NotFound
from civility.discussion.models import Comment, CommentStatus
from civility.discussion.thread_path import SUBTREE_END
from civility.moderation.models import SiteRole
from civility.moderation.roles import can_moderate as can_moderate_site
from civility.stories.models import Site, Story


def can_moderate(user, story: Story) -> bool:  # type: ignore[no-untyped-def]
    """Whether user may see held and rejected comments on this story's site."""
    return can_moderate_site(user, story.site_id)


def _shown_in_full(user, story: Story) -> Q:  # type: ignore[no-untyped-def]
    """Comments of story that user sees with their text.

    Mirrors roles.can_moderate, but as part of the query (an uncorrelated EXISTS the database
    evaluates once), so a page of the thread costs the same queries for every reader.
    """
    published = Q(status=CommentStatus.PUBLISHED)
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return published
    if user.is_superuser:
        return ~Q(status=CommentStatus.DELETED)
    moderates = Exists(SiteRole.objects.filter(user=user, site_id=story.site_id))
    return (
        published
        | Q(status=CommentStatus.HELD, author=user)
        | (Q(status__in=[CommentStatus.HELD, CommentStatus.REJECTED]) & Q(moderates))
    )


def visible_comments(user, story: Story) -> QuerySet[Comment]:  # type: ignore[no-untyped-def]
    """Comments of story that user may see: published ones, the user's own held comments,
    everything but deletions for moderators, and placeholders wherever something below is
    still shown, so no visible reply loses its place in the thread.

    Each row carries `is_placeholder`: deleted, held or rejected comments kept only for their
    replies, which the page shows without author or text.
    """
    shown = _shown_in_full(user, story)
    # A subtree is a path range: one probe of the (story, path) index per hidden comment.
    shown_below = Comment.objects.filter(
        shown,
        story_id=OuterRef("story_id"),
        path__gt=OuterRef("path"),
        path__lt=Concat(OuterRef("path"), Value(SUBTREE_END)),
    )
    hidden = ~shown
    return (
        Comment.objects.filter(story=story)
        .filter(shown | (hidden & Q(Exists(shown_below))))
        .annotate(is_placeholder=ExpressionWrapper(hidden, output_field=BooleanField()))
    )


# Every post and page looks its story up by slugs: compiled once (core.query_templates).
_STORIES = QueryTemplates(Story, size=4)


def access_story(site_slug: str, story_slug: str) -> Story:
    story = _STORIES.first(
        ("by-slugs",),
        lambda values: (
            Story.objects.select_related("site", "author__profile")
            .filter(site__slug=values["site"], slug=values["story"])
            .order_by("pk")[:1]
        ),
        {"site": value_of(Site, "slug", site_slug), "story": value_of(Story, "slug", story_slug)},
    )
    if story is None:
        raise NotFound("That story does not exist.")
    return story


def access_comment(user, comment_id: int, *, for_update: bool = False) -> Comment:  # type: ignore[no-untyped-def]
    """Return the comment if user may see it, else raise NotFound (never reveal hidden ones)."""
    qs = Comment.objects.select_related("story__site", "author__profile")
    if for_update:
        qs = qs.select_for_update(of=("self",))
    comment = qs.filter(pk=comment_id).first()
    if comment is None:
        raise NotFound("That comment does not exist.")
    if comment.status == CommentStatus.PUBLISHED or can_moderate(user, comment.story):
        return comment
    if (
        user.is_authenticated
        and comment.author_id == user.pk
        and comment.status == CommentStatus.HELD
    ):
        return comment
    # A placeholder (hidden, but with visible replies) is reachable exactly when the thread
    # shows it; callers must not reveal its text.
    shown = visible_comments(user, comment.story).filter(pk=comment.pk).first()
    if shown is not None:
        comment.is_placeholder = shown.is_placeholder  # type: ignore[attr-defined]
        return comment
    raise NotFound("That comment does not exist.")
