"""Readers' responses to a comment that are not replies: reactions and reports."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from civility.discussion.actions import do_react, do_report
from civility.discussion.errors import DiscussionError
from civility.discussion.forms import ReportForm
from civility.discussion.presenting import set_display
from civility.discussion.thread_page import reaction_tallies, viewer_reactions
from civility.discussion.viewing import saved_options
from civility.discussion.views.comments import permalink_url
from civility.discussion.views.common import get_comment, is_htmx, refuse, to_login


@require_POST
def react(request: HttpRequest, comment_id: int) -> HttpResponse:
    """Set, change or (same kind again) remove the reader's reaction; htmx swaps the bar."""
    comment = get_comment(request, comment_id)
    back = permalink_url(comment)
    if not request.user.is_authenticated:
        return to_login(request, back)
    try:
        do_react(comment=comment, user=request.user, kind=request.POST.get("kind") or None)
    except DiscussionError as error:
        if is_htmx(request):
            return refuse(request, error, next_url=back)
        messages.error(request, error.message)
        return redirect(back)
    if is_htmx(request):
        set_display(
            comment,
            user=request.user,
            options=saved_options(request),
            tally=reaction_tallies([comment]).get(comment.pk, {}),
            my_reaction=viewer_reactions(request.user, [comment]).get(comment.pk),
            story_open=comment.story.is_open,
        )
        return render(request, "discussion/partials/reactions.html", {"c": comment})
    return redirect(back)


@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, comment_id: int) -> HttpResponse:
    """Ask for a reason (and an optional note), then file the report for the moderators."""
    comment = get_comment(request, comment_id)
    here = reverse("discussion:report", kwargs={"comment_id": comment.pk})
    if not request.user.is_authenticated:
        if is_htmx(request) and request.method == "GET":
            return render(
                request, "discussion/partials/login_prompt.html", {"next": here, "what": "report"}
            )
        return to_login(request, here)
    form = ReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            do_report(
                comment=comment,
                user=request.user,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except DiscussionError as error:
            form.add_error(None, error.message)
        else:
            message = "Thank you. A moderator will look at this comment."
            if is_htmx(request):
                return render(request, "discussion/partials/notice.html", {"message": message})
            messages.success(request, message)
            return redirect(permalink_url(comment))
    template = (
        "discussion/partials/report_form.html" if is_htmx(request) else "discussion/report.html"
    )
    return render(request, template, {"comment": comment, "form": form})
