"""A comment's markup, built in Python once per page instead of through nested template includes.

Template includes per comment (avatar, reactions, actions, follow button) were most of a story
page's time. The markup is what discussion/partials/comment.html used to render, element for
element. Every value a reader or an import controls (names, first lines, URLs of pictures) goes
through escape(); only the comment's stored HTML, already sanitized when it was saved, does not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime
from functools import cached_property
from html import escape  # what django.utils.html.escape does, without the SafeString wrapper
from typing import Any

from django.conf import settings
from django.contrib.humanize.templatetags.humanize import NaturalTimeFormatter, naturaltime
from django.template import Context
from django.template.defaultfilters import date as date_filter
from django.template.defaulttags import CsrfTokenNode
from django.urls import reverse
from django.utils.dates import MONTHS_3
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.timesince import timesince
from django.utils.timezone import get_current_timezone, is_naive

from civility.accounts.avatars import avatar_url
from civility.discussion.models import Comment, CommentStatus
from civility.notifications.templatetags.notification_follows import follows_for

AVATAR_SIZE = 40
_MARKUP = re.compile(r"\]\([^)]*\)|[*_`>#\[\]]+")
_ID_STAND_IN = "2147483647"
_FOLLOWABLE = (CommentStatus.PUBLISHED, CommentStatus.HELD)
_PLACEHOLDER_TEXT: dict[str, str] = {
    CommentStatus.DELETED: "This comment was deleted.",
    CommentStatus.HELD: "This comment is awaiting review.",
}
_STATUS_BADGES: dict[str, str] = {
    CommentStatus.HELD: '<span class="badge badge-held">Awaiting review</span>',
    CommentStatus.REJECTED: '<span class="badge badge-rejected">Rejected</span>',
}
_NEW_BADGE = '<span class="badge badge-new">new</span>'


def first_line(source: str, length: int = 120) -> str:
    """The first non-empty line of a comment's text, with Markdown marks removed, shortened."""
    for line in (source or "").splitlines():
        text = _MARKUP.sub("", line).strip()
        if text:
            return Truncator(text).chars(length)
    return ""


TITLE_FORMAT = "j M Y, H:i T"


class Clock:
    """What {{ t|date:"c" }} and {{ t|date:"j M Y, H:i T" }} render, for many times at once:
    the time zone and the month names are looked up once, not per comment."""

    def __init__(self) -> None:
        self.zone = get_current_timezone()
        self.months = ["", *(str(MONTHS_3[month]).title() for month in range(1, 13))]

    def _local(self, value: datetime) -> datetime | None:
        """value in the current time zone, or None where the template would not convert it."""
        if (
            not settings.USE_TZ
            or is_naive(value)
            or not getattr(value, "convert_to_local_time", True)
        ):
            return None
        return value.astimezone(self.zone)

    def iso(self, value: datetime) -> str:
        local = self._local(value)
        if local is None:
            return escape(date_filter(value, "c"))
        return escape(local.isoformat())

    def title(self, value: datetime) -> str:
        local = self._local(value)
        if local is None:
            return escape(date_filter(value, TITLE_FORMAT))
        zone = local.tzinfo
        assert zone is not None  # noqa: S101 (astimezone always sets one)
        # The "T" format leaves the zone's name out where the wall time is ambiguous (DST).
        ambiguous = zone.utcoffset(local.replace(fold=not local.fold)) != zone.utcoffset(local)
        name = "" if ambiguous else str(zone.tzname(local))
        month = self.months[local.month]
        return escape(
            f"{local.day} {month} {local.year:04d}, {local.hour:02d}:{local.minute:02d} {name}"
        )


class _Phrase:
    """A lazily translated phrase that formats each value once: translating per comment, as
    {{ t|naturaltime }} does, cost more than the rest of the comment's markup."""

    def __init__(self, phrase: Any) -> None:
        self.phrase = phrase
        self.done: dict[tuple[tuple[str, object], ...], str] = {}

    def __mod__(self, params: dict[str, object]) -> str:
        key = tuple(params.items())
        found = self.done.get(key)
        if found is None:
            found = self.done[key] = str(self.phrase % params)
        return found


class Ages:
    """What {{ t|naturaltime }} renders ("3 hours ago"), with its phrases translated once.

    The branches are NaturalTimeFormatter.string_for's for past times and the arithmetic is
    Django's own timesince(); future and naive times go to naturaltime() itself.
    """

    def __init__(self) -> None:
        phrases = NaturalTimeFormatter.time_strings
        self.phrases = {
            key: _Phrase(phrases[key])
            for key in ("past-day", "past-hour", "past-minute", "past-second")
        }
        self.now_word = ""
        self.units = {
            key: _Phrase(phrase) for key, phrase in NaturalTimeFormatter.past_substrings.items()
        }

    def __call__(self, value: datetime) -> str:
        if is_naive(value):
            return str(naturaltime(value))
        now = datetime.now(UTC)
        if value >= now:
            return str(naturaltime(value))
        delta = now - value
        phrases = self.phrases
        if delta.days != 0:
            ago = timesince(value, now, time_strings=self.units)  # type: ignore[arg-type]
            return phrases["past-day"] % {"delta": ago}
        if delta.seconds == 0:
            if not self.now_word:
                self.now_word = str(NaturalTimeFormatter.time_strings["now"])
            return self.now_word
        if delta.seconds < 60:
            return phrases["past-second"] % {"count": delta.seconds}
        if delta.seconds // 60 < 60:
            return phrases["past-minute"] % {"count": delta.seconds // 60}
        return phrases["past-hour"] % {"count": delta.seconds // 60 // 60}


def avatar_img(user, name: str) -> str:  # type: ignore[no-untyped-def]
    """What {% avatar user name 40 %} renders (civility.accounts.templatetags.avatars)."""
    alt = f"{name}'s picture" if name else "Picture"
    return (
        f'<img class="avatar" src="{escape(avatar_url(user, name))}" alt="{escape(alt)}"'
        f' width="{AVATAR_SIZE}" height="{AVATAR_SIZE}" loading="lazy">'
    )


class PageMarkup:
    """What every comment on one page shares: the CSRF field, the reader, their follows.

    Each is worked out on first use, as the template did, so a page that shows no form never
    asks for a CSRF token.
    """

    def __init__(self, context: Context, *, collapsed: bool, threaded: bool) -> None:
        self.context = context
        self.collapsed = bool(collapsed)
        self.threaded = bool(threaded)
        user = context.get("user")
        self.signed_in = bool(user is not None and user.is_authenticated)
        self.clock = Clock()
        self.ages = Ages()

    @cached_property
    def csrf_input(self) -> str:
        return str(CsrfTokenNode().render(self.context))

    @cached_property
    def follow_pattern(self) -> str:
        return reverse("notifications:follow_comment", kwargs={"comment_id": _ID_STAND_IN})

    def follows(self, story_id: int) -> set[int]:
        return follows_for(self.context, story_id).comments

    def comments(self, comments: Iterable[Comment], *, inserted: bool = False) -> SafeString:
        return mark_safe("".join([self.comment(c, inserted=inserted) for c in comments]))  # noqa: S308

    def comment(self, c: Comment, *, inserted: bool = False) -> str:
        """One comment's <article>; c carries the display attributes set_display() gives it."""
        pk = c.pk
        status = c.status
        is_new = getattr(c, "is_new", False)
        placeholder = getattr(c, "is_placeholder", False) or status == CommentStatus.DELETED
        name = "" if placeholder else c.display_author
        classes = "comment"
        indent = getattr(c, "indent", 0)
        if indent:
            classes += f" indent-{indent}"
        if is_new:
            classes += " is-new"
        if inserted:
            classes += " is-inserted"
        label = "a former comment" if placeholder else escape(name)
        head = (
            f'\n<article id="comment-{pk}" class="{classes} status-{escape(status)}"'
            f' aria-label="Comment by {label}">\n'
        )
        if placeholder:
            text = _PLACEHOLDER_TEXT.get(status, "This comment was removed by a moderator.")
            badge = f" {_NEW_BADGE}" if is_new else ""
            return f'{head}<p class="comment-deleted">{text}{badge}</p>\n</article>\n'
        return head + self._shown(c, name, is_new) + "\n</article>\n"

    def _shown(self, c: Comment, name: str, is_new: bool) -> str:
        pk = c.pk
        urls = c.urls  # type: ignore[attr-defined]
        collapsed = self.collapsed
        created = c.created_at
        clock = self.clock
        parts = [
            '<details class="comment-fold"><summary>\n' if collapsed else "",
            '<span class="comment-head">\n',
            avatar_img(c.author, name),
            f'\n<span class="comment-author">{escape(name)}</span>\n'
            f'<time datetime="{clock.iso(created)}" title="{clock.title(created)}">'
            f"{escape(self.ages(created))}</time>\n",
        ]
        if is_new:
            parts.append(_NEW_BADGE + "\n")
        parts.append(_STATUS_BADGES.get(c.status, ""))
        if c.edited_at:
            edited = clock.title(c.edited_at)
            parts.append(f'\n<span class="comment-edited" title="Edited {edited}">edited</span>')
        parts.append("\n</span>\n")
        if collapsed:
            parts.append(
                f'<span class="comment-first-line">{escape(first_line(c.source))}</span></summary>\n'
            )
        parts.append(
            f'<div class="comment-body">{c.html}</div>\n<div class="comment-foot">\n'
            f"{self.reactions(c)}\n"
            '<ul class="comment-actions">\n'
        )
        if c.reply_count:
            ending = "y" if c.reply_count == 1 else "ies"
            parts.append(f'<li class="reply-count">{c.reply_count} repl{ending}</li>\n')
        slot = f'hx-target="#slot-{pk}"'
        if c.can_reply:  # type: ignore[attr-defined]
            reply = escape(urls.reply)
            parts.append(f'<li><a href="{reply}" hx-get="{reply}" {slot}>Reply</a></li>\n')
        if c.can_report:  # type: ignore[attr-defined]
            report = escape(urls.report)
            parts.append(f'<li><a href="{report}" hx-get="{report}" {slot}>Report</a></li>\n')
        if c.can_edit:  # type: ignore[attr-defined]
            edit = escape(urls.edit)
            parts.append(
                f'<li><a href="{edit}" hx-get="{edit}" {slot}>Edit</a></li>\n'
                f'<li><a href="{escape(urls.delete)}">Delete</a></li>\n'
            )
        parts.append(self.follow(c))
        parts.append(
            f'<li><a href="{escape(urls.permalink)}" aria-label="Link to this comment">Link</a></li>\n'
        )
        if c.parent_id and not self.threaded:
            parts.append(f'<li><a href="{escape(urls.parent)}">In reply to</a></li>\n')
        parts.append(
            "</ul>\n</div>\n"
            f'<div class="comment-slot" id="slot-{pk}" aria-live="polite"></div>\n'
            + ("</details>\n" if collapsed else "")
        )
        return "".join(parts)

    def reactions(self, c: Comment) -> str:
        """The reaction buttons (a form the reader may use) or, failing that, the counts."""
        buttons = c.reaction_buttons  # type: ignore[attr-defined]
        if c.can_react:  # type: ignore[attr-defined]
            react = escape(c.urls.react)  # type: ignore[attr-defined]
            inner = "".join(
                [
                    f'<button type="submit" name="kind" value="{escape(r.kind)}" class="reaction"'
                    f' aria-pressed="{"true" if r.pressed else "false"}">{escape(r.label)}'
                    f' <span class="count">{r.count}</span></button>'
                    for r in buttons
                ]
            )
            return (
                f'\n<form class="reactions" method="post" action="{react}" hx-post="{react}"'
                f' hx-target="this" hx-swap="outerHTML">\n{self.csrf_input}\n{inner}\n</form>\n'
            )
        if c.reaction_count:
            inner = "".join(
                [
                    f'<span class="reaction">{escape(r.label)} <span class="count">{r.count}</span>'
                    "</span>"
                    for r in buttons
                    if r.count
                ]
            )
            return f'\n<p class="reactions">\n{inner}\n</p>\n'
        return ""

    def follow(self, c: Comment) -> str:
        """The follow button (notifications/partials/follow_comment.html) for a signed-in reader."""
        if not self.signed_in or getattr(c, "is_placeholder", False) or c.status not in _FOLLOWABLE:
            return ""
        pk = c.pk
        url = escape(self.follow_pattern.replace(_ID_STAND_IN, str(pk)))
        if pk in self.follows(c.story_id):
            value, pressed, word = "0", "true", "Following"
            title = "Stop e-mails about replies to this comment"
        else:
            value, pressed, word = "1", "false", "Follow"
            title = "Get an e-mail when someone replies to this comment"
        return (
            f'<li class="follow-comment" id="follow-comment-{pk}"><form method="post"'
            f' action="{url}" class="follow-form inline" hx-post="{url}"'
            f' hx-target="#follow-comment-{pk}" hx-swap="outerHTML">{self.csrf_input}'
            f'<input type="hidden" name="follow" value="{value}"><button type="submit"'
            f' class="link" aria-pressed="{pressed}" title="{title}">{word}</button></form></li>\n'
        )
