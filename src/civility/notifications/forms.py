from __future__ import annotations

from django import forms

from civility.notifications.models import EmailMode


class NotificationSettingsForm(forms.Form):
    email_mode = forms.ChoiceField(
        label="E-mail me about replies and new comments",
        choices=EmailMode.choices,
        widget=forms.RadioSelect,
    )
    follow_own_comments = forms.BooleanField(
        label="Follow my own comments, so replies to them reach me", required=False
    )
    moderation_digest = forms.BooleanField(
        label="Send me a daily digest of the moderation queue", required=False
    )

    def __init__(self, *args, is_moderator: bool = False, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        if not is_moderator:
            del self.fields["moderation_digest"]
