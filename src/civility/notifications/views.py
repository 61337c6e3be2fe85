"""Follow buttons, the notification settings page, and one-click unsubscribe."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from civility.discussion.access import access_story
from civility.discussion.errors import DiscussionError, NotFound
from civility.discussion.views.common import get_comment, is_htmx, refuse, to_login
from civility.moderation.roles import moderated_site_ids
from civility.notifications import actions, preferences
from civility.notifications.forms import NotificationSettingsForm
from civility.notifications.models import Follow
from civility.notifications.templatetags.notification_follows import forget
from civility.notifications.unsubscribe import BadToken, read_token


def _wants_follow(request: HttpRequest) -> bool:
    return request.POST.get("follow", "1") == "1"


@require_POST
def follow_story(request: HttpRequest, site_slug: str, story_slug: str) -> HttpResponse:
    try:
        story = access_story(site_slug, story_slug)
    except NotFound as error:
        raise Http404(error.message) from error
    back = story.get_absolute_url() + "#comments"
    if not request.user.is_authenticated:
        return to_login(request, back)
    following = _wants_follow(request)
    if following:
        actions.do_follow(user=request.user, story=story)
    else:
        actions.do_unfollow(user=request.user, story=story)
    if is_htmx(request):
        forget(request)
        return render(request, "notifications/partials/follow_story.html", {"story": story})
    messages.success(
        request,
        "You follow this story: new comments will reach you by e-mail."
        if following
        else "You no longer follow this story.",
    )
    return redirect(back)


@require_POST
def follow_comment(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = get_comment(request, comment_id)
    back = reverse("discussion:comment", kwargs={"comment_id": comment.pk})
    if not request.user.is_authenticated:
        return to_login(request, back)
    following = _wants_follow(request)
    try:
        if getattr(comment, "is_placeholder", False):
            raise DiscussionError("That comment can no longer be followed.")
        if following:
            actions.do_follow(user=request.user, story=comment.story, comment=comment)
        else:
            actions.do_unfollow(user=request.user, story=comment.story, comment=comment)
    except DiscussionError as error:
        return refuse(request, error, next_url=back)
    if is_htmx(request):
        forget(request)
        return render(request, "notifications/partials/follow_comment.html", {"c": comment})
    messages.success(
        request,
        "You follow this comment: replies will reach you by e-mail."
        if following
        else "You no longer follow this comment.",
    )
    return redirect(back)


@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert user.is_authenticated  # login_required
    current = preferences.settings_for(user)
    is_moderator = moderated_site_ids(user) != []
    initial = {
        "email_mode": current.email_mode,
        "follow_own_comments": current.follow_own_comments,
        "moderation_digest": current.moderation_digest,
    }
    form = NotificationSettingsForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        is_moderator=is_moderator,
    )
    if request.method == "POST" and form.is_valid():
        actions.do_save_settings(
            user=user,
            email_mode=form.cleaned_data["email_mode"],
            follow_own_comments=form.cleaned_data["follow_own_comments"],
            moderation_digest=bool(form.cleaned_data.get("moderation_digest")),
        )
        messages.success(request, "Your notification settings are saved.")
        return redirect("notifications:settings")
    follows = (
        Follow.objects.filter(user=user)
        .select_related("story__site", "comment")
        .order_by("-created_at")[:100]
    )
    return render(
        request,
        "notifications/settings.html",
        {"form": form, "follows": follows, "has_email": bool(user.email)},
    )


@csrf_exempt  # the signed token is the credential; mail clients' one-click POST has no cookie
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows what the link does and a button; POST (the button, or a mail client's RFC 8058
    one-click request) does it. Signing in is not needed."""
    try:
        user_id, scope = read_token(token)
    except BadToken as error:
        return render(request, "notifications/unsubscribe.html", {"error": str(error)}, status=400)
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        return render(
            request,
            "notifications/unsubscribe.html",
            {"error": "This unsubscribe link is no longer valid."},
            status=404,
        )
    if request.method == "POST":
        done = actions.do_unsubscribe(user=user, scope=scope)
        return render(request, "notifications/unsubscribe.html", {"done": done})
    return render(
        request,
        "notifications/unsubscribe.html",
        {"scope_text": _describe(scope), "email": user.email},
    )


def _describe(scope: str) -> str:
    kind, _, _target = scope.partition(":")
    return {
        "all": "Stop all notification e-mails",
        "moderation": "Stop the daily moderation queue digest",
        "story": "Stop following this story",
        "comment": "Stop following this comment",
    }[kind]
