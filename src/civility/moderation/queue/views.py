"""The moderators' queue: thin views that parse, check the role and call the actions.

Every action is a POST with CSRF. With htmx the card is swapped (or removed) and the tab counts
updated out of band; without JavaScript the action redirects back to the queue with its filters.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    QueryDict,
    StreamingHttpResponse,
)
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from civility.discussion.errors import DiscussionError
from civility.discussion.models import Comment
from civility.moderation import audit_export, queue_actions
from civility.moderation.models import RejectReason
from civility.moderation.queue import cards as queue_cards
from civility.moderation.queue.forms import (
    KNOWN_REASON_CODES,
    TABS,
    BulkForm,
    FilterForm,
    RejectForm,
    SanctionForm,
)
from civility.moderation.queue.selectors import Filters, queue_sites, tab_comments, tab_counts
from civility.moderation.roles import can_moderate, moderated_site_ids
from civility.sanctions import actions as sanction_actions
from civility.sanctions.models import UserSanction

PER_PAGE = 25


def _is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def _require_moderator(request: HttpRequest) -> HttpResponse | None:
    """Send visitors to log in; refuse readers without a role on any site.

    Keeps the moderator's sites on the request (request.queue_site_ids), one query a request.
    """
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    ids = moderated_site_ids(request.user)
    if ids is not None and not ids:
        raise PermissionDenied("You do not moderate any site.")
    request.queue_site_ids = ids  # type: ignore[attr-defined]
    return None


def moderators_only(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Run view only for someone who moderates a site; others log in (visitors) or get 403."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        refusal = _require_moderator(request)
        return refusal if refusal is not None else view(request, *args, **kwargs)

    return wrapper


def _site_ids(request: HttpRequest) -> list[int] | None:
    return request.queue_site_ids  # type: ignore[attr-defined,no-any-return]


def _filters_from(query: QueryDict) -> Filters:
    form = FilterForm(query)
    # Malformed filters are dropped, not fatal: the moderator still gets a queue.
    data = (
        form.cleaned_data
        if form.is_valid()
        else {k: v for k, v in getattr(form, "cleaned_data", {}).items() if k not in form.errors}
    )
    return Filters.from_cleaned(data)


def _back_url(request: HttpRequest) -> str:
    """Where an action returns to: the queue page it was taken from, filters included."""
    url = request.POST.get("next", "")
    queue = reverse("moderation:queue")
    if (
        url
        and url.startswith(queue)
        and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()})
    ):
        return url
    return queue


def _back_filters(request: HttpRequest) -> Filters:
    return _filters_from(QueryDict(urlsplit(_back_url(request)).query))


def _queue_comment(request: HttpRequest, comment_id: int) -> Comment:
    """The comment, if the user moderates its site; 404 otherwise (never reveal others' sites)."""
    comment = (
        Comment.objects.select_related("story__site", "author__profile")
        .filter(pk=comment_id)
        .first()
    )
    ids = _site_ids(request)
    if comment is None or (ids is not None and comment.story.site_id not in ids):
        raise Http404("That comment does not exist.")
    return comment


def _cards_for(request: HttpRequest, comments: list[Comment]) -> list[queue_cards.Card]:
    return queue_cards.build_cards(comments, _site_ids(request))


def _tabs(request: HttpRequest, filters: Filters, counts: dict[str, int]) -> list[dict]:
    tabs = []
    for name, label in TABS:
        query = _filter_query(filters)
        query["tab"] = name
        tabs.append(
            {
                "name": name,
                "label": label,
                "count": counts[name],
                "url": f"{reverse('moderation:queue')}?{query.urlencode()}",
                "current": name == filters.tab,
            }
        )
    return tabs


def _filter_query(filters: Filters) -> QueryDict:
    """The filters as a query string, without the page number."""
    query = QueryDict(mutable=True)
    for key in ("tab", "site", "story", "author", "reason", "date_from", "date_to", "q"):
        value = getattr(filters, key)
        if value:
            query[key] = str(value)
    return query


@require_GET
@moderators_only
def queue(request: HttpRequest) -> HttpResponse:
    filters = _filters_from(request.GET)
    paginator = Paginator(tab_comments(_site_ids(request), filters), PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    comments = list(queue_cards.card_queryset(page.object_list))  # type: ignore[arg-type]
    cards = _cards_for(request, comments)
    counts = tab_counts(_site_ids(request), filters)
    base_query = _filter_query(filters)
    context = {
        "filters": filters,
        "tabs": _tabs(request, filters, counts),
        "sites": list(queue_sites(_site_ids(request))),
        "cards": cards,
        "page": page,
        "page_query": base_query.urlencode(),
        "reject_reasons": RejectReason.choices,
        "known_codes": KNOWN_REASON_CODES,
        "next_url": request.get_full_path(),
    }
    return render(request, "moderation/queue.html", context)


def _done(
    request: HttpRequest, comment: Comment, message: str, *, error: bool = False
) -> HttpResponse:
    """After an action: swap the card (or take it out) and the counts, or redirect back."""
    if not _is_htmx(request):
        (messages.error if error else messages.success)(request, message)
        return redirect(_back_url(request))
    filters = _back_filters(request)
    still_here = tab_comments(_site_ids(request), filters).filter(pk=comment.pk).exists()
    card = None
    if still_here:
        fresh = list(queue_cards.card_queryset(Comment.objects.filter(pk=comment.pk)))
        card = _cards_for(request, fresh)[0]
    context = {
        "card": card,
        "card_id": comment.pk,
        "tabs": _tabs(request, filters, tab_counts(_site_ids(request), filters)),
        "message": message,
        "error": error,
        "reject_reasons": RejectReason.choices,
        "next_url": _back_url(request),
        "oob": True,
    }
    return render(request, "moderation/_action_result.html", context)


def _refused(request: HttpRequest, comment: Comment, error: DiscussionError) -> HttpResponse:
    return _done(request, comment, error.message, error=True)


@require_POST
@moderators_only
def approve(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = _queue_comment(request, comment_id)
    try:
        queue_actions.do_approve_from_queue(comment, request.user, request.POST.get("note", ""))
    except DiscussionError as error:
        return _refused(request, comment, error)
    return _done(request, comment, f"Comment {comment.pk} approved.")


@require_POST
@moderators_only
def reject(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = _queue_comment(request, comment_id)
    form = RejectForm(request.POST)
    if not form.is_valid():
        return _refused(request, comment, DiscussionError("Choose a reason for rejecting."))
    try:
        queue_actions.do_reject_and_notify(
            comment, request.user, form.cleaned_data["reason_code"], form.cleaned_data["note"]
        )
    except DiscussionError as error:
        return _refused(request, comment, error)
    label = dict(RejectReason.choices)[form.cleaned_data["reason_code"]]
    return _done(request, comment, f"Comment {comment.pk} rejected ({label}); the author is told.")


@require_POST
@moderators_only
def feature(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = _queue_comment(request, comment_id)
    featuring = comment.featured_at is None
    try:
        if featuring:
            queue_actions.do_feature(comment, request.user)
        else:
            queue_actions.do_unfeature(comment, request.user)
    except DiscussionError as error:
        return _refused(request, comment, error)
    word = "featured" if featuring else "no longer featured"
    return _done(request, comment, f"Comment {comment.pk} {word}.")


@require_POST
@moderators_only
def sanction(request: HttpRequest, comment_id: int) -> HttpResponse:
    """Warn, suspend, ban or always hold the comment's author on the comment's site."""
    comment = _queue_comment(request, comment_id)
    form = SanctionForm(request.POST)
    if not form.is_valid():
        return _refused(request, comment, DiscussionError("Choose what to do about the author."))
    choice = form.cleaned_data["sanction"]
    common = {
        "moderator": request.user,
        "user": comment.author,
        "site": comment.story.site,
        "reason": form.cleaned_data["reason"],
        "comment": comment,
    }
    try:
        if choice.startswith("suspend_"):
            done = sanction_actions.do_suspend(duration=choice.removeprefix("suspend_"), **common)
        else:
            done = sanction_actions.DO_SANCTION[choice](**common)
    except DiscussionError as error:
        return _refused(request, comment, error)
    return _done(
        request, comment, f"{done.get_kind_display()} recorded for {comment.display_author}."
    )


@require_POST
@moderators_only
def revoke_sanction(request: HttpRequest, sanction_id: int) -> HttpResponse:
    found = UserSanction.objects.select_related("comment__story").filter(pk=sanction_id).first()
    if found is None or (found.site_id and not can_moderate(request.user, found.site_id)):
        raise Http404("That sanction does not exist.")
    try:
        sanction_actions.do_revoke(moderator=request.user, sanction=found)
    except DiscussionError as error:
        if found.comment is None or not _is_htmx(request):
            messages.error(request, error.message)
            return redirect(_back_url(request))
        return _refused(request, found.comment, error)
    message = f"{found.get_kind_display()} revoked."
    if found.comment is not None and can_moderate(request.user, found.comment.story.site_id):
        return _done(request, found.comment, message)
    messages.success(request, message)
    return redirect(_back_url(request))


@require_POST
@moderators_only
def bulk(request: HttpRequest) -> HttpResponse:
    form = BulkForm(request.POST)
    if not form.is_valid():
        message = "Select comments, and a reason to reject them."
        if _is_htmx(request):
            return HttpResponseBadRequest(message)
        messages.error(request, message)
        return redirect(_back_url(request))
    data = form.cleaned_data
    result = queue_actions.do_bulk(
        moderator=request.user,
        comment_ids=data["ids"],
        action=data["action"],
        reason_code=data.get("reason_code") or "",
        note=data.get("note") or "",
    )
    verb = "approved" if data["action"] == "approve" else "rejected"
    message = f"{len(result.done)} comment(s) {verb}."
    if result.refused:
        message += f" {len(result.refused)} could not be: " + "; ".join(
            f"{pk}: {why}" for pk, why in result.refused.items()
        )
    if not _is_htmx(request):
        (messages.warning if result.refused else messages.success)(request, message)
        return redirect(_back_url(request))
    filters = _back_filters(request)
    remaining = set(
        tab_comments(_site_ids(request), filters)
        .filter(pk__in=result.done)
        .values_list("pk", flat=True)
    )
    context = {
        "removed": [pk for pk in result.done if pk not in remaining],
        "tabs": _tabs(request, filters, tab_counts(_site_ids(request), filters)),
        "message": message,
        "error": bool(result.refused),
    }
    return render(request, "moderation/_bulk_result.html", context)


@require_GET
@moderators_only
def export_csv(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    """The decisions on one site in a date range, for its moderators and admins."""
    form = FilterForm(
        {
            "site": request.GET.get("site"),
            "date_from": request.GET.get("from"),
            "date_to": request.GET.get("to"),
        }
    )
    if not form.is_valid() or not form.cleaned_data.get("site"):
        return HttpResponseBadRequest("Give ?site=<id>&from=YYYY-MM-DD&to=YYYY-MM-DD.")
    site_id = form.cleaned_data["site"]
    if not can_moderate(request.user, site_id):
        raise PermissionDenied("You do not moderate this site.")
    date_from, date_to = form.cleaned_data.get("date_from"), form.cleaned_data.get("date_to")
    response = StreamingHttpResponse(
        audit_export.csv_lines(site_id, date_from, date_to), content_type="text/csv; charset=utf-8"
    )
    name = f"decisions-site{site_id}-{date_from or 'start'}-{date_to or 'now'}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
