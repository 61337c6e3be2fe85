"""One comment's pages: its permalink, and replying to, editing and deleting it."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe
from django_htmx.http import reswap, retarget

from civility.discussion.actions import do_delete_comment, do_edit_comment, do_post_comment
from civility.discussion.errors import DiscussionError, NotAllowed, NudgeRequired
from civility.discussion.models import Comment, CommentStatus
from civility.discussion.presenting import kept_view_params
from civility.discussion.thread_page import page_of_comment
from civility.discussion.viewing import options_for_request
from civility.discussion.views.common import (
    FormState,
    get_comment,
    is_htmx,
    nudge_notice,
    outcome_message,
    refuse,
    render_comment_alone,
    to_login,
    wants_post_anyway,
)


def permalink_url(comment: Comment) -> str:
    return reverse("discussion:comment", kwargs={"comment_id": comment.pk})


@require_safe
def permalink(request: HttpRequest, comment_id: int) -> HttpResponse:
    """Send the reader to the page of the story that holds this comment, as they view it."""
    comment = get_comment(request, comment_id)
    options = options_for_request(request)
    query = kept_view_params(request.GET, options)
    number = page_of_comment(request.user, comment, options)
    if number > 1:
        query["page"] = str(number)
    url = comment.story.get_absolute_url()
    if query:
        url += "?" + urlencode(query)
    return redirect(f"{url}#comment-{comment.pk}")


def reply_form(
    parent: Comment,
    *,
    text: str = "",
    error: str = "",
    notice: str = "",
    nudge: NudgeRequired | None = None,
) -> FormState:
    return FormState(
        action=reverse("discussion:reply", kwargs={"comment_id": parent.pk}),
        form_id=f"reply-{parent.pk}",
        label=f"Your reply to {parent.display_author}",
        submit_label="Post reply",
        hx_target=f"#slot-{parent.pk}",
        hx_swap="innerHTML",
        cancel_url=permalink_url(parent),
        text=text,
        error=error,
        notice=notice,
        nudge=nudge_notice(nudge),
    )


@require_http_methods(["GET", "POST"])
def reply(request: HttpRequest, comment_id: int) -> HttpResponse:
    """The reply form (a page, or a fragment for htmx) and posting the reply."""
    parent = get_comment(request, comment_id)
    here = reverse("discussion:reply", kwargs={"comment_id": parent.pk})
    if not request.user.is_authenticated:
        if is_htmx(request) and request.method == "GET":
            return render(
                request, "discussion/partials/login_prompt.html", {"next": here, "what": "reply"}
            )
        return to_login(request, here)
    if not parent.story.is_open:
        return refuse(request, DiscussionError("Comments on this story are closed."), next_url=here)
    if request.method == "GET":
        return _reply_form_response(request, parent, reply_form(parent))
    text = request.POST.get("text", "")
    try:
        comment, verdict = do_post_comment(
            story=parent.story,
            author=request.user,
            text=text,
            parent=parent,
            idempotency_key=request.POST.get("idempotency_key", "")[:64],
            client_address=getattr(request, "client_address", None),
            post_anyway=wants_post_anyway(request),
        )
    except NudgeRequired as nudge:
        return _reply_form_response(
            request, parent, reply_form(parent, text=nudge.text, nudge=nudge)
        )
    except DiscussionError as error:
        return _reply_form_response(
            request, parent, reply_form(parent, text=text, error=error.message)
        )
    message = outcome_message(comment, verdict)
    if comment.status == CommentStatus.REJECTED:
        return _reply_form_response(request, parent, reply_form(parent, text=text, error=message))
    if is_htmx(request):
        return render(
            request,
            "discussion/partials/reply_result.html",
            {
                "message": message,
                "comment_html": render_comment_alone(request, comment, inserted=True),
            },
        )
    messages.success(request, message)
    return redirect(permalink_url(comment))


def _reply_form_response(request: HttpRequest, parent: Comment, form: FormState) -> HttpResponse:
    if is_htmx(request):
        return render(request, "discussion/partials/comment_form.html", {"form": form})
    return render(
        request,
        "discussion/reply.html",
        {"parent": parent, "parent_html": render_comment_alone(request, parent), "form": form},
    )


def edit_form(
    comment: Comment,
    *,
    text: str = "",
    error: str = "",
    notice: str = "",
    nudge: NudgeRequired | None = None,
) -> FormState:
    return FormState(
        action=reverse("discussion:edit", kwargs={"comment_id": comment.pk}),
        form_id=f"edit-{comment.pk}",
        label="Edit your comment",
        submit_label="Save changes",
        hx_target=f"#comment-{comment.pk}",
        hx_swap="outerHTML",
        cancel_url=permalink_url(comment),
        text=text,
        error=error,
        notice=notice,
        nudge=nudge_notice(nudge),
    )


@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, comment_id: int) -> HttpResponse:
    """Edit one's own comment within the window; earlier versions are kept and listed."""
    comment = get_comment(request, comment_id)
    here = reverse("discussion:edit", kwargs={"comment_id": comment.pk})
    if not comment.is_editable_by(request.user):
        return refuse(
            request,
            NotAllowed("You can only edit your own comments, within the edit window."),
            next_url=here,
        )
    if request.method == "GET":
        return _edit_form_response(request, comment, edit_form(comment, text=comment.source))
    text = request.POST.get("text", "")
    try:
        verdict = do_edit_comment(
            comment=comment, user=request.user, text=text, post_anyway=wants_post_anyway(request)
        )
    except NudgeRequired as nudge:
        return _edit_form_response(
            request, comment, edit_form(comment, text=nudge.text, nudge=nudge)
        )
    except DiscussionError as error:
        if isinstance(error, NotAllowed):
            return refuse(request, error, next_url=here)
        return _edit_form_response(
            request, comment, edit_form(comment, text=text, error=error.message)
        )
    message = outcome_message(comment, verdict, edit=True)
    if comment.status == CommentStatus.REJECTED:
        if is_htmx(request):
            return render(
                request, "discussion/partials/notice.html", {"message": message, "error": True}
            )
        messages.error(request, message)
        return redirect(comment.story.get_absolute_url() + "#comments")
    if is_htmx(request):
        return HttpResponse(render_comment_alone(request, comment))
    messages.success(request, message)
    return redirect(permalink_url(comment))


def _edit_form_response(request: HttpRequest, comment: Comment, form: FormState) -> HttpResponse:
    if is_htmx(request):
        response = render(request, "discussion/partials/comment_form.html", {"form": form})
        if request.method == "POST":
            # The form posts to swap the whole comment; an error goes back into the form's slot.
            response = reswap(retarget(response, f"#slot-{comment.pk}"), "innerHTML")
        return response
    revisions = list(comment.revisions.order_by("-created_at")[:50])
    return render(
        request,
        "discussion/edit.html",
        {"comment": comment, "form": form, "revisions": revisions},
    )


@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, comment_id: int) -> HttpResponse:
    """Ask, then delete one's own comment; one with replies leaves a placeholder."""
    comment = get_comment(request, comment_id)
    here = reverse("discussion:delete", kwargs={"comment_id": comment.pk})
    if not comment.is_deletable_by(request.user):
        return refuse(
            request,
            NotAllowed("You can only delete your own comments, within the edit window."),
            next_url=here,
        )
    if request.method == "GET":
        return render(request, "discussion/delete.html", {"comment": comment})
    try:
        do_delete_comment(comment=comment, user=request.user)
    except DiscussionError as error:
        return refuse(request, error, next_url=here)
    messages.success(request, "Your comment was deleted.")
    return redirect(comment.story.get_absolute_url() + "#comments")
