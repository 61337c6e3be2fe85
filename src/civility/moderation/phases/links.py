"""Hold links from readers with few published comments: most link spam comes from new accounts."""

from __future__ import annotations

import re

from civility.moderation.gate import Decision, Reason

_TLDS = (
    "com|net|org|info|biz|io|co|me|tv|ly|ru|cn|xyz|top|online|site|shop|club|uk|de|fr|nl|"
    "es|it|au|ca|us|eu|app|dev|news|link|click"
)
LINK = re.compile(
    r"(?i)\b(?:https?://|www\.)[^\s<>\"')\]]+|"
    rf"\b(?:[a-z0-9](?:[a-z0-9-]{{0,61}}[a-z0-9])?\.)+(?:{_TLDS})\b(?:/[^\s<>\"')\]]*)?"
)


def find_links(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in LINK.finditer(text)]


def enabled(settings) -> bool:  # type: ignore[no-untyped-def]
    return settings.links_enabled


def check(candidate, ctx):  # type: ignore[no-untyped-def]
    spans = find_links(candidate.text)
    if not spans:
        return
    needed = ctx.settings.links_min_approved
    published = ctx.author_counts().published if ctx.author_key else 0
    if published >= needed:
        return
    yield Reason(
        code="link_from_new_reader",
        detail=f"Contains {len(spans)} link{'s' if len(spans) != 1 else ''} from a reader with "
        f"{published} published comment{'s' if published != 1 else ''} (links need {needed}).",
        score=float(published),
        spans=tuple(spans),
        action=Decision.HOLD,
    )
