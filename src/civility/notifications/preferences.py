"""A reader's notification preferences, with the install's defaults for readers without a row."""

from __future__ import annotations

from django.conf import settings

from civility.core.query_templates import QueryTemplates, value_of
from civility.notifications.models import NotificationSettings

# Asked on every new comment: compiled once (core.query_templates).
_CHOICES = QueryTemplates(NotificationSettings, size=2)


def defaults(user) -> NotificationSettings:  # type: ignore[no-untyped-def]
    return NotificationSettings(
        user=user,
        email_mode=settings.NOTIFICATIONS_DEFAULT_MODE,
        follow_own_comments=settings.NOTIFICATIONS_FOLLOW_OWN_COMMENTS,
    )


def settings_for(user) -> NotificationSettings:  # type: ignore[no-untyped-def]
    """The reader's settings (unsaved defaults when they never chose)."""
    found = NotificationSettings.objects.filter(user=user).first()
    return found if found is not None else defaults(user)


def follows_own_comments(user_id: int) -> bool:
    rows = _CHOICES.rows(
        ("follow-own",),
        lambda values: (
            NotificationSettings.objects.filter(user_id=values["user"])
            .order_by("pk")
            .values_list("follow_own_comments")[:1]
        ),
        {"user": value_of(NotificationSettings, "user", user_id)},
    )
    chosen = rows[0][0] if rows else None
    return settings.NOTIFICATIONS_FOLLOW_OWN_COMMENTS if chosen is None else chosen


def modes_for(user_ids: list[int]) -> dict[int, str]:
    """E-mail mode of each reader, defaults filled in: one query."""
    chosen = dict(
        NotificationSettings.objects.filter(user_id__in=user_ids).values_list(
            "user_id", "email_mode"
        )
    )
    return {uid: chosen.get(uid, settings.NOTIFICATIONS_DEFAULT_MODE) for uid in user_ids}


def can_receive_mail(user) -> bool:  # type: ignore[no-untyped-def]
    return bool(user is not None and user.is_active and (user.email or "").strip())
