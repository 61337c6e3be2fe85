"""What is new in a story's thread since a moment, as one reader may see it, and where each new
comment goes on the page they are looking at."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.db.models import F, OuterRef, Q, QuerySet, Subquery

# The visibility rule itself, without visible_comments' placeholder subquery: a count of new
# comments never includes placeholders, and building that subquery is most of a poll's cost.
from civility.discussion.access import _shown_in_full
from civility.discussion.models import Comment
from civility.discussion.thread_page import ordered_thread
from civility.discussion.viewing import ViewingOptions
from civility.stories.models import Story

# At most this many new comments are counted or handed out per call; a reader who left a tab
# open on a busy story reloads rather than receive hundreds at once.
MAX_NEW = 100
# A comment's created_at is set before its transaction commits, so one that commits just after
# a page was read can be a little older than the page. Cursors look back this far; the page
# leaves out what it already shows.
LOOK_BACK = timedelta(seconds=5)


def encode_cursor(moment: datetime) -> str:
    """A cursor: microseconds since the epoch (UTC)."""
    return str(int(moment.timestamp() * 1_000_000))


def next_cursor(after: datetime, latest: datetime | None) -> str:
    """The cursor after handing out comments up to `latest`: it never moves back."""
    if latest is None:
        return encode_cursor(after)
    return encode_cursor(max(after, latest - LOOK_BACK))


def decode_cursor(value: str | None) -> datetime | None:
    """The moment a cursor names, or None when it is not one."""
    if not value or not value.isdigit() or len(value) > 19:
        return None
    try:
        return datetime.fromtimestamp(int(value) / 1_000_000, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def new_comment_ids(user, story: Story, after: datetime) -> list[int]:  # type: ignore[no-untyped-def]
    """Ids of comments posted after `after` that user sees in full (never placeholders): the
    published ones, the user's own held ones, and what a moderator sees. One query."""
    rows = (
        Comment.objects.filter(_shown_in_full(user, story), story=story, created_at__gt=after)
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)
    )
    return list(rows[:MAX_NEW])


def _before(keys: list[tuple[str, bool]]) -> Q:
    """Rows that sort strictly before the outer row under keys (each key's direction kept)."""
    condition = Q(pk__in=[])
    equal = Q()
    for name, desc in keys:
        condition |= equal & Q(**{f"{name}__{'gt' if desc else 'lt'}": OuterRef(name)})
        equal &= Q(**{name: OuterRef(name)})
    return condition


def new_comments_in_place(
    user,  # type: ignore[no-untyped-def]
    story: Story,
    options: ViewingOptions,
    after: datetime,
) -> QuerySet[Comment]:
    """The visible comments posted after `after`, in the thread's order under options, each with
    `live_after`: the id of the visible comment just before it in that order (None: first).

    Inserting each after that one keeps the page in order in every mode: a reply lands after
    the last comment of its parent's subtree, a flat newest-first comment at the top. One query
    (the predecessor is a correlated subquery, one index probe per new comment).
    """
    ordered, keys = ordered_thread(user, story, options)
    others, _ = ordered_thread(user, story, options)
    backwards = [F(name).asc() if desc else F(name).desc() for name, desc in keys]
    previous = others.filter(_before(keys)).order_by(*backwards).values("pk")[:1]
    return (
        ordered.filter(created_at__gt=after)
        .annotate(live_after=Subquery(previous))
        .select_related("author__profile")[:MAX_NEW]
    )
