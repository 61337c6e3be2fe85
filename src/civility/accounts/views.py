"""Account pages. Views validate and pick the response; actions.py makes the changes."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST

from civility.accounts import actions, throttle, upload_limit
from civility.accounts.avatar_image import AvatarRejected, too_large_error
from civility.accounts.forms import (
    AvatarForm,
    DeleteAccountForm,
    ProfileForm,
    SignUpForm,
    ThrottledAuthenticationForm,
)
from civility.accounts.personal_data import personal_data_chunks
from civility.accounts.profile_page import profile_context
from civility.stories.models import AccountDeletion, Site


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


def signup(request: HttpRequest) -> HttpResponse:
    next_url = _safe_next(request)
    if request.user.is_authenticated:
        return redirect(next_url or settings.LOGIN_REDIRECT_URL)
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = actions.do_sign_up(
                username=data["username"],
                email=data["email"],
                password=data["password1"],
                display_name=data["display_name"],
            )
        except actions.AccountError as error:
            form.add_error(error.field, error.message)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, "Welcome! Your account is ready.")
            return redirect(next_url or "accounts:profile")
    status = 400 if form.is_bound else 200
    return render(request, "accounts/signup.html", {"form": form, "next": next_url}, status=status)


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True
    form_class = ThrottledAuthenticationForm

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        throttle.clear_login_failures(form.cleaned_data.get("username") or "")
        response = super().form_valid(form)
        # Accounts made by createsuperuser or the admin get their profile on first log-in.
        actions.get_profile(form.get_user())
        return response

    def form_invalid(self, form):  # type: ignore[no-untyped-def]
        response = super().form_invalid(form)
        if form.has_error("__all__", code="throttled"):
            response.status_code = 429
        return response


class LogoutView(auth_views.LogoutView):
    """POST only (Django's LogoutView refuses GET), so a link or image cannot log anyone out."""


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        if not throttle.reset_request_allowed(self.request, form.cleaned_data["email"]):
            form.add_error(
                None, "Too many reset requests. Please check your inbox, or try again later."
            )
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


def _render_profile(
    request: HttpRequest,
    *,
    profile_form: ProfileForm | None = None,
    avatar_form: AvatarForm | None = None,
    status: int = 200,
) -> HttpResponse:
    profile = actions.get_profile(request.user)
    context = profile_context(request, profile)
    context["profile_form"] = profile_form or ProfileForm(
        initial={"display_name": profile.display_name, "bio": profile.bio}
    )
    context["avatar_form"] = avatar_form or AvatarForm()
    return render(request, "accounts/profile.html", context, status=status)


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _render_profile(request)
    form = ProfileForm(request.POST)
    if not form.is_valid():
        return _render_profile(request, profile_form=form, status=400)
    actions.do_update_profile(
        request.user, display_name=form.cleaned_data["display_name"], bio=form.cleaned_data["bio"]
    )
    messages.success(request, "Your profile is saved.")
    return redirect("accounts:profile")


# CSRF is checked inside, after the size limit is installed: the CSRF middleware would read
# the whole body first (Django's documented pattern for custom upload handlers).
@csrf_exempt
@login_required
@require_POST
def avatar_upload(request: HttpRequest) -> HttpResponse:
    upload_limit.install(request)
    return _avatar_upload(request)


@csrf_protect
def _avatar_upload(request: HttpRequest) -> HttpResponse:
    form = AvatarForm(request.POST, request.FILES)
    if upload_limit.upload_was_too_large(request):
        form.add_error("avatar", str(too_large_error()))
    elif form.is_valid():
        try:
            actions.do_set_avatar(request.user, form.cleaned_data["avatar"])
        except AvatarRejected as error:
            form.add_error("avatar", str(error))
        else:
            messages.success(request, "Your new picture is saved.")
            return redirect("accounts:profile")
    return _render_profile(request, avatar_form=form, status=400)


@login_required
@require_POST
def avatar_remove(request: HttpRequest) -> HttpResponse:
    actions.do_remove_avatar(request.user)
    messages.success(request, "Your picture is removed.")
    return redirect("accounts:profile")


# Your data: download it, or delete the account.


@login_required
@require_GET
def download_data(request: HttpRequest) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        personal_data_chunks(request.user), content_type="application/json; charset=utf-8"
    )
    stamp = timezone.now().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="civility-my-data-{stamp}.json"'
    response["Cache-Control"] = "no-store, private"
    return response


def _deletion_sites(user) -> list[tuple[Site, str]]:  # type: ignore[no-untyped-def]
    policies = actions.deletion_policies(user)
    sites = Site.objects.filter(pk__in=policies).order_by("name")
    return [(site, AccountDeletion(policies[site.pk]).label) for site in sites]


@login_required
def delete_account(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.do_delete_account(request.user)
        logout(request)
        return render(request, "accounts/account_deleted.html")
    context = {"form": form, "sites": _deletion_sites(request.user)}
    status = 400 if form.is_bound else 200
    return render(request, "accounts/delete_account.html", context, status=status)
