"""Disguise text the way evaders do, to measure how much the scorer's quality drops.

Each kind rewrites some words (longer than three letters, chosen with a seeded random generator):
- homoglyph: Latin letters swapped for Cyrillic or Greek look-alikes;
- zero_width: zero-width spaces between letters;
- leet: a→4, e→3, i→1, o→0, s→$, t→7;
- spaced: letters separated by spaces ("i d i o t");
- mixed: one of the above per word.
"""

from __future__ import annotations

import random
import re

KINDS = ("homoglyph", "zero_width", "leet", "spaced", "mixed")
_LOOKALIKE = str.maketrans(
    {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у", "i": "і", "s": "ѕ"}
)
_LEET = str.maketrans({"a": "4", "e": "3", "i": "1", "o": "0", "s": "$", "t": "7"})
_WORD = re.compile(r"[A-Za-z]{4,}")


def _disguise(word: str, kind: str, rng: random.Random) -> str:
    if kind == "mixed":
        kind = rng.choice(KINDS[:-1])
    if kind == "homoglyph":
        return word.translate(_LOOKALIKE)
    if kind == "zero_width":
        return "\u200b".join(word)
    if kind == "leet":
        return word.translate(_LEET)
    if kind == "spaced":
        return " ".join(word)
    raise ValueError(f"unknown perturbation {kind!r}; known: {', '.join(KINDS)}")


def perturb(text: str, kind: str, *, rate: float = 0.5, seed: int = 0) -> str:
    """Return `text` with about `rate` of its longer words disguised by `kind`."""
    rng = random.Random(f"{seed}:{text}")
    return _WORD.sub(
        lambda m: _disguise(m.group(), kind, rng) if rng.random() < rate else m.group(), text
    )
