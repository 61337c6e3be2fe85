from __future__ import annotations

from django import template
from django.conf import settings
from django.utils import timezone

from civility.live.thread import LOOK_BACK, encode_cursor

register = template.Library()


@register.simple_tag
def live_cursor() -> str:
    """Where the page's live updates start counting: just before the page was made."""
    return encode_cursor(timezone.now() - LOOK_BACK)


@register.simple_tag
def live_poll_ms() -> int:
    """Milliseconds between checks, for the page's script."""
    return int(settings.LIVE_POLL_SECONDS * 1000)
