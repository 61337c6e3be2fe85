"""Flag comments with little in common with their story and the comment they answer.

Similarity is the cosine of log-scaled word counts over content words (stop words out, plural
and tense endings trimmed), taken against the story and the parent separately, best of the two.
It informs the queue and the reader-facing sort; holding is a per-site choice.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter

from civility.moderation.gate import Decision, Reason

_STOP_WORDS_TEXT = """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each even ever few for
    from further get got had has have having he her here hers herself him himself his how i if in
    into is it its itself just let like me more most much must my myself no nor not now of off on
    once only or other ought our ours ourselves out over own really same she should so some such
    than that the their theirs them themselves then there these they this those through to too
    under until up very was we well were what when where which while who whom why will with would
    yes yet you your yours yourself yourselves one two new said says say think people dont im
    thats its youre theyre cant wont isnt arent didnt doesnt"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
_WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)
MIN_REFERENCE_WORDS = 15


def stem(word: str) -> str:
    for suffix in ("ingly", "ings", "ing", "edly", "ies", "ied", "es", "ed", "ly", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
    return word


def content_words(text: str) -> Counter[str]:
    words = (w.casefold().replace("'", "") for w in _WORD.findall(text))
    return Counter(stem(w) for w in words if w not in STOP_WORDS)


@functools.lru_cache(maxsize=256)
def reference_words(text: str) -> Counter[str]:
    """`content_words` of a story or a parent comment, kept: every comment on a story compares
    itself with the same article, which can run to thousands of words. Do not change the
    Counter returned."""
    return content_words(text)


def cosine(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    wa = {k: 1 + math.log(v) for k, v in a.items()}
    wb = {k: 1 + math.log(v) for k, v in b.items()}
    dot = sum(weight * wb[k] for k, weight in wa.items() if k in wb)
    norm = math.sqrt(sum(v * v for v in wa.values())) * math.sqrt(sum(v * v for v in wb.values()))
    return dot / norm if norm else 0.0


def enabled(settings) -> bool:  # type: ignore[no-untyped-def]
    return settings.off_topic_enabled


def check(candidate, ctx):  # type: ignore[no-untyped-def]
    settings = ctx.settings
    words = content_words(candidate.text)
    if sum(words.values()) < settings.off_topic_min_words:
        return
    references = [reference_words(ctx.story_text()), reference_words(ctx.parent_text())]
    references = [ref for ref in references if sum(ref.values()) >= MIN_REFERENCE_WORDS]
    if not references:
        return  # Nothing to compare with: a story hosted elsewhere with no text, no parent.
    similarity = max(cosine(words, ref) for ref in references)
    if similarity < settings.off_topic_threshold:
        yield Reason(
            code="off_topic",
            detail=f"Possibly off-topic: few words in common with the story or the comment "
            f"it answers (similarity {similarity:.2f}).",
            score=round(similarity, 3),
            action=Decision(settings.off_topic_action),
        )
