"""Reject banned words and hold suspect ones, from the site's lists, matched against evasion."""

from __future__ import annotations

from civility.moderation.gate import Decision, Reason
from civility.moderation.models import WordKind
from civility.text.evasion import find_terms


def enabled(settings) -> bool:  # type: ignore[no-untyped-def]
    return settings.words_enabled


def _quoted(terms: list[str]) -> str:
    return ", ".join(f'"{term}"' for term in dict.fromkeys(terms))


def check(candidate, ctx):  # type: ignore[no-untyped-def]
    rules = ctx.word_rules()
    if not rules:
        return
    # A phrase on both lists counts as banned.
    kinds: dict[str, str] = {}
    for phrase, kind in rules:
        if kinds.get(phrase) != WordKind.BANNED:
            kinds[phrase] = kind
    matches = find_terms(candidate.text, kinds)
    for kind, code, action, label in (
        (WordKind.BANNED, "banned_word", Decision.REJECT, "banned"),
        (WordKind.SUSPECT, "suspect_word", Decision.HOLD, "suspect"),
    ):
        found = [m for m in matches if kinds[m.term] == kind]
        if not found:
            continue
        terms = [m.term for m in found]
        count = len(dict.fromkeys(terms))
        yield Reason(
            code=code,
            detail=f"Contains {'a ' if count == 1 else ''}{label} "
            f"{'word' if count == 1 else 'words'} from this site's list: {_quoted(terms)}.",
            score=float(len(found)),
            spans=tuple((m.start, m.end) for m in found),
            action=action,
        )
