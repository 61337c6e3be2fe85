"""Which comments the queue shows: scoped to the moderator's sites, by tab, filters and search.

Every function returns a queryset or runs a fixed number of queries, whatever the page size.
`ids` is what roles.moderated_site_ids returned for the moderator, worked out once a request.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, TextField
from django.db.models.functions import Cast

from civility.discussion.models import Comment, CommentStatus, Report
from civility.moderation.models import ModerationEvent, ModerationSettings
from civility.stories.models import Site

TAB_NAMES = ("pending", "reported", "approved", "rejected", "all")
# Oldest first where work waits (first come, first served); newest first in the record tabs.
OLDEST_FIRST = {"pending", "reported"}


@dataclass(frozen=True)
class Filters:
    tab: str = "pending"
    site: int | None = None
    story: int | None = None
    author: str = ""
    reason: str = ""
    date_from: date | None = None
    date_to: date | None = None
    q: str = ""

    @classmethod
    def from_cleaned(cls, data: dict) -> Filters:
        return cls(
            tab=data.get("tab") or "pending",
            site=data.get("site"),
            story=data.get("story"),
            author=(data.get("author") or "").strip(),
            reason=(data.get("reason") or "").strip(),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            q=(data.get("q") or "").strip(),
        )


def queue_sites(ids: list[int] | None) -> QuerySet[Site]:
    """The sites whose queue may be worked, given moderated_site_ids (None: every site)."""
    sites = Site.objects.order_by("name")
    return sites if ids is None else sites.filter(pk__in=ids)


def _open_reports() -> Exists:
    return Exists(Report.objects.filter(comment=OuterRef("pk"), resolved_at__isnull=True))


def _events_with_code(code: str) -> QuerySet[ModerationEvent]:
    """Events whose reason codes include code. JSON containment is not portable to SQLite; the
    list's text holds each code quoted, on both databases."""
    return ModerationEvent.objects.annotate(codes=Cast("reason_codes", TextField())).filter(
        codes__contains=f'"{code}"'
    )


def _approved_by_a_moderator() -> Exists:
    # do_approve writes the code "approved"; featuring writes published -> published too.
    return Exists(
        _events_with_code("approved").filter(
            comment=OuterRef("pk"), actor__isnull=False, to_status=CommentStatus.PUBLISHED
        )
    )


def _reported_condition() -> Q:
    reported = Q(status=CommentStatus.PUBLISHED) & Q(_open_reports())
    # Sites without a settings row use the default: a new report reopens.
    quiet_sites = ModerationSettings.objects.filter(reports_reopen=False).values("site_id")
    return reported & ~(Q(story__site_id__in=quiet_sites) & Q(_approved_by_a_moderator()))


def _marked_by_import_review() -> Q:
    """Published comments `civility import --moderate` marked for review (the site kept them
    published), until a moderator decides on them."""
    from civility.moderation.actions import IMPORT_REVIEW_NOTE

    marked = ModerationEvent.objects.filter(
        comment=OuterRef("pk"), actor__isnull=True, note=IMPORT_REVIEW_NOTE
    )
    decided = ModerationEvent.objects.filter(comment=OuterRef("pk"), actor__isnull=False)
    return Q(status=CommentStatus.PUBLISHED) & Q(Exists(marked)) & ~Q(Exists(decided))


def tab_condition(tab: str) -> Q:
    if tab == "pending":
        return Q(status=CommentStatus.HELD) | _marked_by_import_review()
    if tab == "reported":
        return _reported_condition()
    if tab == "approved":
        return Q(status=CommentStatus.PUBLISHED) & Q(_approved_by_a_moderator())
    if tab == "rejected":
        return Q(status=CommentStatus.REJECTED)
    return Q()


def scoped_comments(ids: list[int] | None, filters: Filters) -> QuerySet[Comment]:
    """Comments on the sites ids (from moderated_site_ids; None: every site) that match the
    filters and search, before the tab is applied."""
    qs = Comment.objects.exclude(status=CommentStatus.DELETED)
    if ids is not None:
        qs = qs.filter(story__site_id__in=ids)
    if filters.site:
        qs = qs.filter(story__site_id=filters.site)
    if filters.story:
        qs = qs.filter(story_id=filters.story)
    if filters.author:
        qs = qs.filter(
            Q(author__username__iexact=filters.author)
            | Q(author__profile__display_name__iexact=filters.author)
        )
    if filters.reason:
        # A decision's codes, or any reason in an automatic check's evidence (including those
        # that only inform, such as a possibly off-topic comment that was held for another).
        in_codes = _events_with_code(filters.reason).filter(comment=OuterRef("pk"))
        in_evidence = ModerationEvent.objects.annotate(text=Cast("evidence", TextField())).filter(
            comment=OuterRef("pk"), text__contains=f'"code": "{filters.reason}"'
        )
        qs = qs.filter(Exists(in_codes) | Exists(in_evidence))
    if filters.date_from:
        qs = qs.filter(created_at__date__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(created_at__date__lte=filters.date_to)
    if filters.q:
        # icontains on both databases, so results do not depend on which one runs.
        qs = qs.filter(source__icontains=filters.q)
    return qs


def tab_comments(ids: list[int] | None, filters: Filters) -> QuerySet[Comment]:
    qs = scoped_comments(ids, filters).filter(tab_condition(filters.tab))
    if filters.tab in OLDEST_FIRST:
        return qs.order_by("created_at", "pk")
    return qs.order_by("-created_at", "-pk")


def tab_counts(ids: list[int] | None, filters: Filters) -> dict[str, int]:
    """How many comments each tab holds under the current filters, in one query."""
    qs = scoped_comments(ids, filters)
    counts = qs.aggregate(
        **{
            name: Count("pk", filter=tab_condition(name)) if name != "all" else Count("pk")
            for name in TAB_NAMES
        }
    )
    return {name: counts[name] or 0 for name in TAB_NAMES}
