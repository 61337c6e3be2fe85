"""The story page: the article, the viewing options, a page of comments, and the comment form."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from civility.core.markdown import render_story
from civility.discussion.access import access_story
from civility.discussion.actions import (
    do_post_comment,
    do_record_visit,
    do_save_viewing_options,
)
from civility.discussion.errors import DiscussionError, NotFound, NudgeRequired
from civility.discussion.forms import ViewingOptionsForm
from civility.discussion.models import CommentStatus
from civility.discussion.presenting import kept_view_params, page_links, present_comments
from civility.discussion.thread_page import reaction_tallies, thread_page, viewer_reactions
from civility.discussion.viewing import (
    PER_PAGE_CHOICES,
    DisplayMode,
    SortOrder,
    ViewingOptions,
    options_for_request,
)
from civility.discussion.views.common import (
    FormState,
    is_htmx,
    nudge_notice,
    outcome_message,
    render_comment_alone,
    to_login,
    wants_post_anyway,
)
from civility.stories.models import Story


def _story(site_slug: str, story_slug: str) -> Story:
    try:
        return access_story(site_slug, story_slug)
    except NotFound as error:
        raise Http404(error.message) from error


def top_form(
    story: Story,
    *,
    text: str = "",
    error: str = "",
    notice: str = "",
    nudge: NudgeRequired | None = None,
) -> FormState:
    action = reverse(
        "discussion:post", kwargs={"site_slug": story.site.slug, "story_slug": story.slug}
    )
    return FormState(
        action=action,
        form_id="new-comment",
        label="Your comment",
        submit_label="Post comment",
        hx_target="this",
        hx_swap="outerHTML",
        text=text,
        error=error,
        notice=notice,
        nudge=nudge_notice(nudge),
    )


def byline_name(story: Story) -> str:
    if story.author_name:
        return story.author_name
    if story.author is not None:
        profile = getattr(story.author, "profile", None)
        return profile.name if profile else story.author.get_username()
    return ""


def render_story_page(
    request: HttpRequest,
    story: Story,
    *,
    form: FormState | None = None,
    record_visit: bool = False,
    status: int = 200,
    template: str = "discussion/story.html",
    page_number: int | str | None = None,
    extra_context: dict[str, object] | None = None,
) -> HttpResponse:
    """The story page; the embed renders the same thread with its own template and page."""
    user = request.user
    options = options_for_request(request)
    last_seen = (
        do_record_visit(user=user, story=story) if record_visit and user.is_authenticated else None
    )
    page = thread_page(user, story, options, page_number or request.GET.get("page", 1))
    present_comments(
        page.comments,
        user=user,
        options=options,
        tallies=reaction_tallies(page.comments),
        my_reactions=viewer_reactions(user, page.comments),
        last_seen=last_seen,
        story_open=story.is_open,
    )
    kept = kept_view_params(request.GET, options)
    # Stories saved before their body was rendered still show; rendering here costs no query.
    body_html = story.body_html or (render_story(story.body_markdown) if story.is_hosted else "")
    context = {
        "story": story,
        "site": story.site,
        "byline_name": byline_name(story),
        "body_html": body_html,
        "options": options,
        "mode_choices": DisplayMode.choices,
        "order_choices": SortOrder.choices,
        "per_page_choices": PER_PAGE_CHOICES,
        "page": page,
        "page_links": page_links(page, kept),
        "form": form or top_form(story),
        "login_next": story.get_absolute_url() + "#new-comment",
        **(extra_context or {}),
    }
    return render(request, template, context, status=status)


@require_safe
def story_page(request: HttpRequest, site_slug: str, story_slug: str) -> HttpResponse:
    story = _story(site_slug, story_slug)
    return render_story_page(request, story, record_visit=True)


@require_POST
def post_comment(request: HttpRequest, site_slug: str, story_slug: str) -> HttpResponse:
    """Post a new top-level comment, then show it (PRG to its permalink, or swapped in by htmx)."""
    story = _story(site_slug, story_slug)
    if not request.user.is_authenticated:
        return to_login(request, story.get_absolute_url() + "#new-comment")
    text = request.POST.get("text", "")
    key = request.POST.get("idempotency_key", "")[:64]
    try:
        comment, verdict = do_post_comment(
            story=story,
            author=request.user,
            text=text,
            idempotency_key=key,
            client_address=getattr(request, "client_address", None),
            post_anyway=wants_post_anyway(request),
        )
    except NudgeRequired as nudge:
        return _form_again(request, story, top_form(story, text=nudge.text, nudge=nudge))
    except DiscussionError as error:
        return _form_again(request, story, top_form(story, text=text, error=error.message))
    message = outcome_message(comment, verdict)
    if comment.status == CommentStatus.REJECTED:
        return _form_again(request, story, top_form(story, text=text, error=message))
    if is_htmx(request):
        return render(
            request,
            "discussion/partials/post_result.html",
            {
                "form": top_form(story, notice=message),
                "comment_html": render_comment_alone(request, comment, inserted=True),
            },
        )
    messages.success(request, message)
    return redirect("discussion:comment", comment_id=comment.pk)


def _form_again(request: HttpRequest, story: Story, form: FormState) -> HttpResponse:
    """Show the form again with the reader's text and what was wrong with it (or the nudge)."""
    if is_htmx(request):
        return render(request, "discussion/partials/comment_form.html", {"form": form})
    return render_story_page(request, story, form=form)


@require_POST
def save_viewing_options(request: HttpRequest, site_slug: str, story_slug: str) -> HttpResponse:
    """Keep the reader's "Comment viewing options" and show the thread with them."""
    story = _story(site_slug, story_slug)
    form = ViewingOptionsForm(request.POST)
    if form.is_valid():
        do_save_viewing_options(
            user=request.user,
            session=request.session,
            options=ViewingOptions(
                mode=form.cleaned_data["mode"],
                order=form.cleaned_data["order"],
                per_page=form.cleaned_data["per_page"],
            ),
        )
        messages.success(request, "Your comment viewing options were saved.")
    else:
        messages.error(request, "Those viewing options are not available; nothing was changed.")
    return redirect(story.get_absolute_url() + "#comments")
