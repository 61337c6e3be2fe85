"""Hold long text that reads as copied from a news page and cites no source link."""

from __future__ import annotations

import re

from civility.moderation.gate import Decision, Reason
from civility.moderation.phases.links import find_links

_WIRES = r"AP|Reuters|AFP|UPI|Bloomberg|dpa|CNN|PA|CP|AAP"
_MONTHS = (
    r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)

# (kind, what a moderator reads, pattern). Each kind counts once however often it appears.
SIGNALS: list[tuple[str, str, re.Pattern[str]]] = [
    (
        "dateline",
        "a dateline",
        # "NEW YORK -", "WASHINGTON (AP) —", "LONDON, March 3 (Reuters) -" opening a line.
        re.compile(
            rf"^[ \t]*[A-Z][A-Z.'’-]+(?:[ ][A-Z][A-Z.'’-]+){{0,3}}"
            rf"(?:,[ ][A-Za-z0-9 .]{{2,30}}?)?(?:[ ]\((?:{_WIRES})\))?[ ]?[-–—]{{1,2}}[ ]",
            re.MULTILINE,
        ),
    ),
    (
        "wire",
        "a wire-service credit",
        re.compile(
            rf"\((?:{_WIRES})\)|\bAssociated Press\b|\bAgence France-Presse\b|"
            r"\bThomson Reuters\b"
        ),
    ),
    (
        "byline",
        "a byline",
        re.compile(
            r"^[ \t]*By[ ]+[A-Z][a-z'’-]+(?:[ ][A-Z]\.)?(?:[ ](?:van |de |Mc)?[A-Z][a-z'’-]+){1,2}"
            r"(?:[ ]+and[ ]+[A-Z][a-z'’-]+[ ][A-Z][a-z'’-]+)?[ \t]*(?:[,|•·].*)?$",
            re.MULTILINE,
        ),
    ),
    (
        "staff",
        "a staff credit",
        re.compile(
            r"\b(?:Staff|Senior|Contributing|Special)[ ](?:Writer|Reporter|Correspondent)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "published",
        "a publication time stamp",
        re.compile(
            r"\b(?:Published|Updated|Posted|Last updated)[ ]*:?[ ]*(?:on[ ]+)?"
            rf"(?:\d{{1,2}}:\d{{2}}[ ]?(?:[AaPp]\.?[Mm]\.?)|(?:{_MONTHS})[ .]+\d{{1,2}}|"
            r"\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2})",
            re.IGNORECASE,
        ),
    ),
    (
        "chrome",
        "page furniture",
        re.compile(
            r"\bText[ ]size[ ]*(?:A[ ]*){2,3}|\bShare[ ]this[ ](?:article|story)\b|"
            r"\bShare[ ]on[ ](?:Facebook|Twitter|X)\b|\bSign[ ]up[ ]for[ ]our[ ]newsletter\b|"
            r"^[ \t]*(?:Advertisement|ADVERTISEMENT|Read more:?|RELATED:?)[ \t]*$|"
            r"\bAll[ ]rights[ ]reserved\b|\bThis[ ]material[ ]may[ ]not[ ]be[ ]published\b|"
            r"\b(?:Copyright|©)[ ]*(?:©[ ]*)?\d{4}\b",
            re.MULTILINE | re.IGNORECASE,
        ),
    ),
]


def enabled(settings) -> bool:  # type: ignore[no-untyped-def]
    return settings.pasted_article_enabled


def article_signals(text: str) -> list[tuple[str, str, tuple[int, int]]]:
    """Return (kind, description, span) for every article mark found."""
    found = []
    for kind, label, pattern in SIGNALS:
        for match in pattern.finditer(text):
            start, end = match.span()
            # Trim the whitespace a multiline pattern may take at either end.
            chunk = text[start:end]
            start += len(chunk) - len(chunk.lstrip())
            end -= len(chunk) - len(chunk.rstrip())
            if kind == "dateline" and sum(c.isalpha() for c in re.split(r"[,(–—-]", chunk)[0]) < 4:
                continue  # "LOL - " and "OMG - " are not places.
            found.append((kind, label, (start, end)))
    return found


def check(candidate, ctx):  # type: ignore[no-untyped-def]
    settings = ctx.settings
    text = candidate.text
    if len(text) < settings.pasted_min_length or find_links(text):
        return
    found = article_signals(text)
    kinds = {kind: label for kind, label, _ in found}
    if len(kinds) < settings.pasted_min_signals:
        return
    yield Reason(
        code="pasted_article",
        detail="Reads like text pasted from a news page ("
        + ", ".join(kinds.values())
        + ") and cites no source: pasted content, source needed.",
        score=float(len(kinds)),
        spans=tuple(sorted(span for _, _, span in found)),
        action=Decision.HOLD,
    )
