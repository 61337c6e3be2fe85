"""Hold comments with hate symbols and dog-whistles from the lexicon; never reject (see data)."""

from __future__ import annotations

from civility.moderation import lexicon
from civility.moderation.gate import Decision, Reason


def enabled(settings) -> bool:  # type: ignore[no-untyped-def]
    return settings.coded_hate_enabled


def check(candidate, ctx):  # type: ignore[no-untyped-def]
    entries = [*lexicon.builtin_entries(), *lexicon.site_entries(ctx.settings.coded_hate_extra)]
    text = candidate.text
    for hit in lexicon.find(text, entries):
        start, end = hit.spans[0]
        entry = hit.entry
        yield Reason(
            code="coded_hate",
            detail=f'"{text[start:end]}" may be coded hate: {entry.name}. {entry.meaning} '
            f"(Source: {entry.source}.)",
            score=float(len(hit.spans)),
            spans=hit.spans,
            action=Decision.HOLD,
        )
