"""What the templates need to show one page of comments, worked out without further queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.http import QueryDict
from django.urls import reverse

from civility.discussion.models import Comment, CommentStatus, ReactionKind
from civility.discussion.thread_page import ThreadPage, mark_new
from civility.discussion.viewing import ViewingOptions

# Page numbers shown either side of the current one; the rest collapse into an ellipsis.
PAGE_WINDOW = 2
VIEW_PARAMS = ("mode", "order", "per_page")


# Reversed once per page with this stand-in id, then filled in per comment: a page of 300
# comments would otherwise reverse 1,800 URLs.
_ID_STAND_IN = "2147483647"


@dataclass(frozen=True)
class CommentUrls:
    permalink: str
    reply: str
    edit: str
    delete: str
    react: str
    report: str
    parent: str | None


def comment_url_patterns() -> dict[str, str]:
    return {
        name: reverse(f"discussion:{name}", kwargs={"comment_id": _ID_STAND_IN})
        for name in ("comment", "reply", "edit", "delete", "react", "report")
    }


def comment_urls(comment: Comment, patterns: dict[str, str]) -> CommentUrls:
    own = {
        name: pattern.replace(_ID_STAND_IN, str(comment.pk)) for name, pattern in patterns.items()
    }
    parent = (
        patterns["comment"].replace(_ID_STAND_IN, str(comment.parent_id))
        if comment.parent_id is not None
        else None
    )
    return CommentUrls(
        permalink=own["comment"],
        reply=own["reply"],
        edit=own["edit"],
        delete=own["delete"],
        react=own["react"],
        report=own["report"],
        parent=parent,
    )


@dataclass(frozen=True)
class ReactionButton:
    kind: str
    label: str
    count: int
    pressed: bool


@dataclass(frozen=True)
class PageLink:
    label: str
    url: str | None  # None for the current page and for gaps
    current: bool = False
    rel: str = ""
    aria_label: str = ""


def present_comments(
    comments: list[Comment],
    *,
    user,  # type: ignore[no-untyped-def]
    options: ViewingOptions,
    tallies: dict[int, dict[str, int]],
    my_reactions: dict[int, str],
    last_seen: datetime | None = None,
    story_open: bool = True,
) -> None:
    """Set the display attributes the comment template reads on each comment."""
    mark_new(comments, user, last_seen)
    patterns = comment_url_patterns()
    for comment in comments:
        set_display(
            comment,
            user=user,
            options=options,
            tally=tallies.get(comment.pk, {}),
            my_reaction=my_reactions.get(comment.pk),
            story_open=story_open,
            url_patterns=patterns,
        )


def set_display(
    comment: Comment,
    *,
    user,  # type: ignore[no-untyped-def]
    options: ViewingOptions,
    tally: dict[str, int],
    my_reaction: str | None,
    story_open: bool,
    url_patterns: dict[str, str] | None = None,
) -> None:
    published = comment.status == CommentStatus.PUBLISHED
    own = user.is_authenticated and comment.author_id == user.pk
    comment.indent = min(comment.depth, settings.THREAD_MAX_INDENT) if options.threaded else 0  # type: ignore[attr-defined]
    comment.reaction_buttons = [  # type: ignore[attr-defined]
        ReactionButton(kind, label, tally.get(kind, 0), my_reaction == kind)
        for kind, label in ReactionKind.choices
    ]
    comment.can_react = published and not own  # type: ignore[attr-defined]
    comment.can_report = published and not own  # type: ignore[attr-defined]
    comment.can_reply = story_open and comment.status in (  # type: ignore[attr-defined]
        CommentStatus.PUBLISHED,
        CommentStatus.HELD,
    )
    comment.can_edit = comment.is_editable_by(user)  # type: ignore[attr-defined]
    comment.urls = comment_urls(comment, url_patterns or comment_url_patterns())  # type: ignore[attr-defined]
    if not hasattr(comment, "is_new"):
        comment.is_new = False  # type: ignore[attr-defined]


def kept_view_params(request_get: QueryDict, options: ViewingOptions) -> dict[str, str]:
    """The viewing options the URL gave, to carry into page links (saved ones stay implicit)."""
    values = options.as_query()
    return {name: values[name] for name in VIEW_PARAMS if name in request_get}


def page_url(number: int, kept: dict[str, str]) -> str:
    query = dict(kept)
    if number > 1:
        query["page"] = str(number)
    return ("?" + urlencode(query) if query else "?") + "#comments"


def page_links(page: ThreadPage, kept: dict[str, str]) -> list[PageLink]:
    """First / previous / numbers around the current page / next / last."""
    if page.num_pages <= 1:
        return []
    links: list[PageLink] = []
    current, last = page.number, page.num_pages
    if page.has_previous:
        links.append(PageLink("First", page_url(1, kept), rel="first", aria_label="First page"))
        links.append(
            PageLink(
                "Previous", page_url(current - 1, kept), rel="prev", aria_label="Previous page"
            )
        )
    numbers = sorted(
        {1, last} | set(range(max(1, current - PAGE_WINDOW), min(last, current + PAGE_WINDOW) + 1))
    )
    previous_number = 0
    for number in numbers:
        if number - previous_number > 1:
            links.append(PageLink("…", None))
        links.append(
            PageLink(
                str(number),
                None if number == current else page_url(number, kept),
                current=number == current,
                aria_label=f"Page {number}",
            )
        )
        previous_number = number
    if page.has_next:
        links.append(
            PageLink("Next", page_url(current + 1, kept), rel="next", aria_label="Next page")
        )
        links.append(PageLink("Last", page_url(last, kept), rel="last", aria_label="Last page"))
    return links
