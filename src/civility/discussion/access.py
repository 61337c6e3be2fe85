"""Permission-checked fetches. Views never call Comment.objects.get directly."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from civility.discussion.errors import NotFound
from civility.discussion.models import Comment, CommentStatus
from civility.stories.models import Story


def can_moderate(user, story: Story) -> bool:  # type: ignore[no-untyped-def]
    """Whether user may see held and rejected comments on this story's site."""
    # The moderation issue narrows this to moderators scoped to the site.
    return bool(user.is_authenticated and (user.is_staff or user.is_superuser))


def visible_comments(user, story: Story) -> QuerySet[Comment]:  # type: ignore[no-untyped-def]
    """Comments of story that user may see: published ones, deleted placeholders that still have
    replies, the user's own held comments, and everything for moderators."""
    qs = Comment.objects.filter(story=story)
    if can_moderate(user, story):
        return qs.exclude(Q(status=CommentStatus.DELETED) & Q(reply_count=0))
    visible = Q(status=CommentStatus.PUBLISHED) | Q(status=CommentStatus.DELETED, reply_count__gt=0)
    if user.is_authenticated:
        visible |= Q(status=CommentStatus.HELD, author=user)
    return qs.filter(visible)


def access_story(site_slug: str, story_slug: str) -> Story:
    story = (
        Story.objects.select_related("site", "author__profile")
        .filter(site__slug=site_slug, slug=story_slug)
        .first()
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
    if comment.status == CommentStatus.DELETED and comment.reply_count > 0:
        return comment
    if (
        user.is_authenticated
        and comment.author_id == user.pk
        and comment.status == CommentStatus.HELD
    ):
        return comment
    raise NotFound("That comment does not exist.")
