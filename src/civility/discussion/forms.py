"""Input parsing for the discussion pages. The rules themselves live in actions.py."""

from __future__ import annotations

import uuid

from django import forms

from civility.discussion.models import ReportReason
from civility.discussion.viewing import PER_PAGE_CHOICES, DisplayMode, SortOrder


def new_idempotency_key() -> str:
    """A fresh token for one rendered comment form; a second submit of it makes no new comment."""
    return uuid.uuid4().hex


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a reason for your report."},
    )
    note = forms.CharField(
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Anything a moderator should know? (optional)",
    )


class ViewingOptionsForm(forms.Form):
    mode = forms.ChoiceField(choices=DisplayMode.choices, label="Display")
    order = forms.ChoiceField(choices=SortOrder.choices, label="Order")
    per_page = forms.TypedChoiceField(
        choices=[(n, str(n)) for n in PER_PAGE_CHOICES], coerce=int, label="Comments per page"
    )
