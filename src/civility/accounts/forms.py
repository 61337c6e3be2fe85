"""Forms check input; the actions in civility.accounts.actions make the changes."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.http import HttpRequest

from civility.accounts import throttle
from civility.accounts.actions import email_taken, username_taken
from civility.accounts.models import Profile


class SignUpForm(forms.Form):
    username = forms.CharField(
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text="Letters, digits and @ . + - _ only. Used to log in.",
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    email = forms.EmailField(
        label="E-mail address",
        help_text="Only used to reset your password.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    display_name = forms.CharField(
        max_length=Profile._meta.get_field("display_name").max_length,
        required=False,
        help_text="Shown with your comments. Leave empty to use your username.",
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    password1 = forms.CharField(
        label="Password",
        strip=False,
        help_text=password_validation.password_validators_help_text_html(),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label="Password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_username(self) -> str:
        username = get_user_model().normalize_username(self.cleaned_data["username"])
        if username_taken(username):
            raise forms.ValidationError("That username is taken.")
        return username

    def clean_email(self) -> str:
        email = self.cleaned_data["email"]
        if email_taken(email):
            raise forms.ValidationError("An account with that e-mail address already exists.")
        return email

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2:
            if password1 != password2:
                self.add_error("password2", "The two passwords differ.")
            else:
                # The user is unsaved: validators compare the password with its name and e-mail.
                candidate = get_user_model()(
                    username=cleaned.get("username", ""), email=cleaned.get("email", "")
                )
                try:
                    password_validation.validate_password(password2, candidate)
                except forms.ValidationError as error:
                    self.add_error("password1", error)
        return cleaned


class ProfileForm(forms.Form):
    display_name = forms.CharField(
        max_length=Profile._meta.get_field("display_name").max_length,
        required=False,
        help_text="Shown with your comments. Leave empty to use your username.",
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    bio = forms.CharField(
        max_length=Profile._meta.get_field("bio").max_length,
        required=False,
        help_text="A line or two about you, shown on your profile.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AvatarForm(forms.Form):
    # A plain FileField: Pillow checks happen once, in do_set_avatar, not also here.
    avatar = forms.FileField(
        label="New picture",
        help_text=(
            f"PNG, JPEG, GIF or WebP, up to {settings.AVATAR_MAX_BYTES // 1024:,} KB. "
            f"It is cropped to a square of {settings.AVATAR_SIZE} pixels."
        ),
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg,image/gif,image/webp"}),
    )


class _Throttled:
    """Refuse before the password check while the throttle is locked; count each failure."""

    request: HttpRequest | None
    cleaned_data: dict

    def clean(self):  # type: ignore[no-untyped-def]
        username = self.cleaned_data.get("username") or ""
        if self.request is not None and throttle.login_locked(self.request, username):
            raise forms.ValidationError(
                "Too many failed log-ins. Please wait %(minutes)s minutes and try again, "
                "or reset your password.",
                code="throttled",
                params={"minutes": throttle.lockout_minutes()},
            )
        try:
            return super().clean()  # type: ignore[misc]
        except forms.ValidationError:
            if self.request is not None:
                throttle.record_login_failure(self.request, username)
            raise


class ThrottledAuthenticationForm(_Throttled, AuthenticationForm):
    """The site's log-in form."""


class ThrottledAdminAuthenticationForm(_Throttled, AdminAuthenticationForm):
    """The admin's log-in form: it checks any account's password, so it is throttled too."""


class DeleteAccountForm(forms.Form):
    """Deleting an account asks for the password again and an explicit confirmation."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label="I understand that this cannot be undone.",
        error_messages={"required": "Tick the box to confirm."},
    )

    def __init__(self, request, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.request = request
        self.user = request.user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        username = self.user.get_username()
        # The log-in throttle applies: a borrowed session must not become a password oracle.
        if throttle.login_locked(self.request, username):
            raise forms.ValidationError(
                "Too many wrong passwords. Please wait %(minutes)s minutes and try again.",
                code="throttled",
                params={"minutes": throttle.lockout_minutes()},
            )
        if not self.user.check_password(password):
            throttle.record_login_failure(self.request, username)
            raise forms.ValidationError("That is not your password.")
        return password
