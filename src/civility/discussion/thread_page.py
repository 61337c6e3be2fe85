"""One page of a story's thread in any display mode and order, in a fixed number of queries.

Never loads a whole thread: each page is one ordered, limited query over an index on
(story, path), (story, root_seq, path), (story, created_at) or a denormalized count.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from civility.discussion.access import visible_comments
from civility.discussion.models import Comment, CommentStatus, Reaction
from civility.discussion.viewing import SortOrder, ViewingOptions
from civility.stories.models import Story

# (field, descending) keys per (threaded, order); the last key is unique, so order is total.
_ORDERINGS: dict[tuple[bool, str], list[tuple[str, bool]]] = {
    (True, SortOrder.OLDEST): [("path", False)],
    (True, SortOrder.NEWEST): [("root_seq", True), ("path", False)],
    (True, SortOrder.REPLIES): [("thread_replies", True), ("root_seq", True), ("path", False)],
    (True, SortOrder.REACTIONS): [("thread_reactions", True), ("root_seq", True), ("path", False)],
    (False, SortOrder.OLDEST): [("created_at", False), ("id", False)],
    (False, SortOrder.NEWEST): [("created_at", True), ("id", True)],
    (False, SortOrder.REPLIES): [("reply_count", True), ("created_at", False), ("id", False)],
    (False, SortOrder.REACTIONS): [("reaction_count", True), ("created_at", False), ("id", False)],
}


@dataclass
class ThreadPage:
    comments: list[Comment]
    number: int
    num_pages: int
    total: int
    per_page: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def page_range(self) -> range:
        return range(1, self.num_pages + 1)


def _ordered(
    qs: QuerySet[Comment], story: Story, options: ViewingOptions
) -> tuple[QuerySet[Comment], list[tuple[str, bool]]]:
    keys = _ORDERINGS[(options.threaded, options.order)]
    if options.threaded and options.order in (SortOrder.REPLIES, SortOrder.REACTIONS):
        # Threads rank by their top-level comment's count; replies stay in path order beneath it.
        field = "reply_count" if options.order == SortOrder.REPLIES else "reaction_count"
        root = Comment.objects.filter(story=story, root_seq=OuterRef("root_seq"), depth=0)
        qs = qs.annotate(**{keys[0][0]: Subquery(root.values(field)[:1])})
    return qs.order_by(*[F(name).desc() if desc else F(name).asc() for name, desc in keys]), keys


def ordered_thread(  # type: ignore[no-untyped-def]
    user, story: Story, options: ViewingOptions
) -> tuple[QuerySet[Comment], list[tuple[str, bool]]]:
    """The thread as user may see it, in the order of these options, with its sort keys."""
    return _ordered(visible_comments(user, story), story, options)


def sort_key(comment: Comment, keys: list[tuple[str, bool]]) -> list[object]:
    """The values comment sorts by under keys (read from a row of the ordered queryset)."""
    return [getattr(comment, name) for name, _ in keys]


def _beyond(values: list[object], keys: list[tuple[str, bool]], *, after: bool) -> Q:
    """Rows that sort strictly after (or before) the row whose sort key is values, under keys:
    the lexicographic comparison, one key at a time, with each key's direction respected."""
    condition = Q(pk__in=[])
    equal = Q()
    for (name, desc), value in zip(keys, values, strict=True):
        condition |= equal & Q(**{f"{name}__{'lt' if desc == after else 'gt'}": value})
        equal &= Q(**{name: value})
    first, desc = keys[0]
    if values[0] is None:
        return condition
    # Redundant with the OR above, but a plain range on the first key lets PostgreSQL scan
    # an index range instead of every row before the cursor.
    return Q(**{f"{first}__{'lte' if desc == after else 'gte'}": values[0]}) & condition


def after_key(values: list[object], keys: list[tuple[str, bool]]) -> Q:
    """Rows that sort strictly after the row whose sort key is values: the keyset page after it."""
    return _beyond(values, keys, after=True)


# Every status but published: the only rows a reader can see beyond story.comment_count.
_NOT_PUBLISHED = [status for status in CommentStatus.values if status != CommentStatus.PUBLISHED]


def visible_total(user, story: Story) -> int:  # type: ignore[no-untyped-def]
    """How many comments user sees on story (what the pager counts), reading no published row.

    A reader sees every published comment, which story.comment_count counts exactly (every
    status change adjusts it in its own transaction: set_status, do_post_comment, the
    importer), plus some non-published rows: their own held comments, what a moderator sees,
    and placeholders. Only those few rows are counted (the (story, status, path) index), so the
    count costs the same on a 100- and a 20,000-comment story. One statement reads both, from
    the database rather than the story instance, which may predate a change.
    """
    beyond_published = (
        visible_comments(user, story)
        .filter(status__in=_NOT_PUBLISHED)
        .order_by()
        .values("story_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    total = (
        Story.objects.filter(pk=story.pk)
        .order_by()
        .values_list(F("comment_count") + Coalesce(Subquery(beyond_published), Value(0)), flat=True)
        .first()
    )
    return total or 0


def clamp_page(page: object, num_pages: int) -> int:
    try:
        number = int(page)  # type: ignore[call-overload]
    except (TypeError, ValueError, OverflowError):
        number = 1
    return min(max(number, 1), max(num_pages, 1))


def thread_page(user, story: Story, options: ViewingOptions, page: object = 1) -> ThreadPage:  # type: ignore[no-untyped-def]
    """Return the requested page (clamped into range) of the thread as user may see it."""
    qs = visible_comments(user, story)
    total = visible_total(user, story)
    num_pages = max(1, math.ceil(total / options.per_page))
    number = clamp_page(page, num_pages)
    ordered, _ = _ordered(qs, story, options)
    ordered = ordered.select_related("author__profile")
    start = (number - 1) * options.per_page
    end = min(start + options.per_page, total)
    if start > total // 2:
        # Past the middle, skip fewer rows by reading from the other end (the ordering is
        # total, so reversing it is exact), then put the page back in order.
        rows = list(ordered.reverse()[total - end : total - start])
        rows.reverse()
    else:
        rows = list(ordered[start:end])
    return ThreadPage(rows, number, num_pages, total, options.per_page)


def page_of_comment(user, comment: Comment, options: ViewingOptions) -> int:  # type: ignore[no-untyped-def]
    """Return the page number that holds comment under these options."""
    qs = visible_comments(user, comment.story)
    ordered, keys = _ordered(qs, comment.story, options)
    # Read the comment back through the same annotations so computed keys are present.
    target = ordered.filter(pk=comment.pk).first()
    if target is None:
        return 1
    position = ordered.filter(_beyond(sort_key(target, keys), keys, after=False)).count()
    return position // options.per_page + 1


def viewer_reactions(user, comments: list[Comment]) -> dict[int, str]:  # type: ignore[no-untyped-def]
    """Map comment id to the viewer's reaction kind, for the comments on one page."""
    if not user.is_authenticated or not comments:
        return {}
    return dict(
        Reaction.objects.filter(user=user, comment__in=[c.pk for c in comments]).values_list(
            "comment_id", "kind"
        )
    )


def reaction_tallies(comments: list[Comment]) -> dict[int, dict[str, int]]:
    """Map comment id to {kind: count} for the comments on one page, in one query."""
    if not comments:
        return {}
    tallies: dict[int, dict[str, int]] = {}
    rows = (
        Reaction.objects.filter(comment__in=[c.pk for c in comments])
        .values_list("comment_id", "kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for comment_id, kind, n in rows:
        tallies.setdefault(comment_id, {})[kind] = n
    return tallies


def mark_new(comments: list[Comment], user, last_seen: datetime | None) -> None:  # type: ignore[no-untyped-def]
    """Set comment.is_new on comments posted by others since the reader's last visit."""
    for comment in comments:
        comment.is_new = bool(  # type: ignore[attr-defined]
            last_seen is not None
            and comment.created_at > last_seen
            and comment.author_id != getattr(user, "pk", None)
        )
