"""Helpers the discussion views share: refusals, form state, one comment rendered alone."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString
from django_htmx.http import HttpResponseClientRedirect

from civility.discussion.access import access_comment
from civility.discussion.errors import DiscussionError, NotAllowed, NotFound, NudgeRequired
from civility.discussion.forms import new_idempotency_key
from civility.discussion.models import Comment, CommentStatus
from civility.discussion.presenting import set_display
from civility.discussion.thread_page import reaction_tallies, viewer_reactions
from civility.discussion.viewing import saved_options
from civility.moderation import gate
from civility.moderation.queue.highlight import highlight


@dataclass(frozen=True)
class NudgeNotice:
    """Why the form came back, and the reader's text escaped with the parts that look hostile
    in <mark> (safe HTML from highlight(), never the raw text)."""

    message: str
    marked_text: SafeString


@dataclass
class FormState:
    """Everything a comment form template shows: where it posts, what the reader typed, why not."""

    action: str
    form_id: str
    label: str
    submit_label: str
    hx_target: str
    hx_swap: str
    text: str = ""
    error: str = ""
    notice: str = ""
    cancel_url: str = ""
    nudge: NudgeNotice | None = None
    idempotency_key: str = field(default_factory=new_idempotency_key)
    max_length: int = field(default_factory=lambda: settings.COMMENT_MAX_LENGTH)


def nudge_notice(nudge: NudgeRequired | None) -> NudgeNotice | None:
    """What the form shows after a nudge: the notice and the text with its parts marked."""
    if nudge is None:
        return None
    return NudgeNotice(nudge.message, highlight(nudge.text, nudge.verdict.nudge_spans))


def wants_post_anyway(request: HttpRequest) -> bool:
    """Whether the author pressed "Post anyway" on a nudged form."""
    return request.POST.get("post_anyway") == "1"


def is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def login_url(next_url: str) -> str:
    return f"{reverse(settings.LOGIN_URL)}?{urlencode({'next': next_url})}"


def to_login(request: HttpRequest, next_url: str) -> HttpResponse:
    """Send an anonymous reader to log in and come back to next_url."""
    if is_htmx(request):
        return HttpResponseClientRedirect(login_url(next_url))
    return redirect(login_url(next_url))


def refuse(request: HttpRequest, error: DiscussionError, *, next_url: str) -> HttpResponse:
    """The response for an action the rules refused: 404, log in, or the reason on a page."""
    if isinstance(error, NotFound):
        raise Http404(error.message)
    if isinstance(error, NotAllowed) and not request.user.is_authenticated:
        return to_login(request, next_url)
    if is_htmx(request):
        # htmx leaves 4xx responses unswapped, so the reason comes back as a 200 fragment.
        return render(
            request, "discussion/partials/notice.html", {"message": error.message, "error": True}
        )
    return render(
        request, "discussion/refused.html", {"message": error.message}, status=error.status_code
    )


def get_comment(request: HttpRequest, comment_id: int) -> Comment:
    """The comment if this reader may see it; 404 otherwise, never saying whether it exists."""
    try:
        return access_comment(request.user, comment_id)
    except NotFound as error:
        raise Http404(error.message) from error


def outcome_message(comment: Comment, verdict: gate.Verdict | None, *, edit: bool = False) -> str:
    """Tell the reader what moderation made of what they wrote."""
    noun = "edit" if edit else "comment"
    if comment.status == CommentStatus.HELD:
        return f"Your {noun} is awaiting review."
    if comment.status == CommentStatus.REJECTED:
        details = "; ".join(r.detail for r in (verdict.reasons if verdict else ()) if r.detail)
        reason = f" {details}" if details else ""
        return f"Your {noun} was not published because it breaks the discussion rules.{reason}"
    return "Your edit was saved." if edit else "Your comment was posted."


def render_comment_alone(request: HttpRequest, comment: Comment, *, inserted: bool = False) -> str:
    """One comment's HTML for an htmx swap, opened, as the reader's saved options indent it."""
    user = request.user
    set_display(
        comment,
        user=user,
        options=saved_options(request),
        tally=reaction_tallies([comment]).get(comment.pk, {}),
        my_reaction=viewer_reactions(user, [comment]).get(comment.pk),
        story_open=comment.story.is_open,
    )
    if inserted:
        # Placed inside its parent or at the top of the list, so no indentation of its own.
        comment.indent = 0  # type: ignore[attr-defined]
    return render_to_string(
        "discussion/partials/comment.html",
        {"c": comment, "collapsed": False, "threaded": False, "inserted": inserted},
        request=request,
    )
