"""The queue's forms: the filter bar, rejecting, sanctioning and the bulk form."""

from __future__ import annotations

from django import forms

from civility.moderation.models import RejectReason

TABS = [
    ("pending", "Pending"),
    ("reported", "Reported"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("all", "All"),
]

# Codes the pipeline and moderators write; offered as suggestions, any code may be typed.
KNOWN_REASON_CODES = sorted(
    {
        "always_hold",
        "approved",
        "banned_word",
        "coded_hate",
        "copypasta",
        "external",
        "history_rejected",
        "link_from_new_reader",
        "ml_identity_attack",
        "ml_insult",
        "ml_profanity",
        "ml_threat",
        "ml_toxicity",
        "new_commenter",
        "nudge_ignored",
        "off_topic",
        "pasted_article",
        "phase_error",
        "rate_limit_account",
        "rate_limit_address",
        "repeat_post",
        "story_closed",
        "suspect_word",
        "too_long",
        "too_short",
        *RejectReason.values,
    }
)


class FilterForm(forms.Form):
    tab = forms.ChoiceField(choices=TABS, required=False)
    site = forms.IntegerField(required=False, min_value=1)
    story = forms.IntegerField(required=False, min_value=1)
    author = forms.CharField(required=False, max_length=150)
    reason = forms.CharField(required=False, max_length=60)
    date_from = forms.DateField(required=False, label="From")
    date_to = forms.DateField(required=False, label="To")
    q = forms.CharField(required=False, max_length=200, label="Search")
    page = forms.IntegerField(required=False, min_value=1)


class RejectForm(forms.Form):
    reason_code = forms.ChoiceField(choices=RejectReason.choices)
    note = forms.CharField(required=False, max_length=2000)


SANCTION_CHOICES = [
    ("warn", "Warn"),
    ("suspend_1h", "Suspend for 1 hour"),
    ("suspend_1d", "Suspend for 1 day"),
    ("suspend_7d", "Suspend for 7 days"),
    ("ban", "Ban"),
    ("always_hold", "Always hold for review"),
]


class SanctionForm(forms.Form):
    sanction = forms.ChoiceField(choices=SANCTION_CHOICES)
    reason = forms.CharField(required=False, max_length=2000)


class IdListField(forms.Field):
    """Comment ids from checkboxes; which of them may be acted on is decided per comment."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):  # type: ignore[no-untyped-def]
        try:
            return [int(v) for v in value or []]
        except (TypeError, ValueError) as error:
            raise forms.ValidationError("Those are not comment numbers.") from error

    def validate(self, value):  # type: ignore[no-untyped-def]
        if self.required and not value:
            raise forms.ValidationError("Select at least one comment.")


class BulkForm(forms.Form):
    action = forms.ChoiceField(choices=[("approve", "Approve"), ("reject", "Reject")])
    ids = IdListField()
    reason_code = forms.ChoiceField(choices=RejectReason.choices, required=False)
    note = forms.CharField(required=False, max_length=2000)

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean() or {}
        if data.get("action") == "reject" and not data.get("reason_code"):
            self.add_error("reason_code", "Choose a reason for rejecting.")
        return data
