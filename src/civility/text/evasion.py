"""Undo the spelling tricks people use to slip words past a filter, keeping a map back to the original.

`normalize_with_offsets(text)` returns the normalized text and, for every normalized character, the
index of the original character it came from, so a span found in the normalized text maps back to a
span of what the reader wrote. The steps, in order:

1. Per character: Unicode NFKC (full-width, ligatures, math letters, circled letters), casefold,
   zero-width and other invisible format characters removed (Unicode category Cf, variation
   selectors, Hangul fillers), accents and stacked ("Zalgo") combining marks removed from letters
   of the Latin, Greek and Cyrillic blocks. Marks that carry meaning in other scripts (Devanagari,
   Hebrew, Arabic) are kept.
2. Look-alike letters from other scripts (Cyrillic "а", Greek "ο", ...; table from the
   `confusable_homoglyphs` package) become Latin, word by word, only where the text is mostly Latin
   and the word has no letter that is genuinely foreign. Greek or Cyrillic prose is left alone,
   except for a word that mixes ASCII letters with look-alikes.
3. Leetspeak inside words that also have letters: 0→o 1→i 3→e 4→a 5→s 7→t 8→b 9→g @→a $→s €→e
   anywhere in such a word, and !→i |→l +→t only between two letters or digits. Numbers with
   units or ordinals ("2nd", "5pm", "1990s", "100km"), words with a run of three or more digits
   ("covid2019") and long @mentions are left alone.
4. Spaced-out letters joined: three or more single characters separated by the same separator
   (spaces, or one of ``. - _ * ~ + / | :`` with optional spaces around it), at least two of them
   letters: "f u c k", "f.u.c.k", "f - u - c - k" become "fuck". One-letter words in ordinary
   prose ("I have a cat") are never three in a row with the same separator. Known limit: "a c a t"
   joins the article too ("acat").
5. Repeated letters: a run of three or more of the same letter becomes two ("fuuuuck" → "fuuck",
   "soooo" → "soo"); two stay two, so "good", "ass" and "cool" are unchanged. The second letter of
   such a pair is remembered as *stretched*, and `find_terms` lets a stretched pair stand for a single
   letter, so "fuuuuck" still matches the term "fuck" while "good" does not match "god".

Guarantees (property-tested): offsets are non-decreasing and index the original text; ASCII
lowercase letters-and-spaces prose without runs of three is unchanged; `normalize` is idempotent.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = [
    "TermMatch",
    "find_terms",
    "normalize",
    "normalize_with_offsets",
    "words",
]

# Marks stripped from letters: the generic combining blocks, which is where accents and Zalgo
# stacks live. Script-specific marks (Devanagari vowel signs, Hebrew points) are in other blocks.
_STRIPPED_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_INVISIBLE_EXTRA = frozenset(
    "\u115f\u1160\u3164\uffa0\u2800\u034f"
    + "".join(chr(c) for c in range(0xFE00, 0xFE10))
    + "".join(chr(c) for c in range(0xE0100, 0xE01F0))
)

_DIGIT_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g"}
_SYMBOL_LEET = {"@": "a", "$": "s", "€": "e"}
_INNER_LEET = {"!": "i", "|": "l", "+": "t"}
_LEET = {**_DIGIT_LEET, **_SYMBOL_LEET, **_INNER_LEET}

_HAS_LEET_CHAR = re.compile(r"[0-9@$€!|+*]")
_TOKEN = re.compile(r"(?:[^\W_]|[@$€!|+*])+")
_UNIT_OR_ORDINAL = re.compile(
    r"[$€£]?\d[\d]*(?:st|nd|rd|th|s|am|pm|k|m|bn|x|d|h|hr|hrs|min|mins|sec|g|kg|mg|gb|mb|tb|km|cm|mm|ml|l|lb|lbs|ft|mph|kph|yo|yr|yrs|p|px|v|mp|w|kw|kwh)"
)
_LONG_DIGIT_RUN = re.compile(r"^\d{3,}|\d{3,}$")
_SYMBOL_SPACED = re.compile(r"[^\W\d_]([*+|!.])[^\W\d_](?:\1[^\W\d_])+")
_SINGLE = r"[^\W_]|[@$€]"
_SPACED = re.compile(
    rf"(?<![^\W_])(?:{_SINGLE})(\s+|\s*[.\-_*~+/|:]\s*)(?:{_SINGLE})(?:\1(?:{_SINGLE})){{1,}}(?![^\W_])"
)
_REPEAT = re.compile(r"([^\W\d_])\1{2,}")
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class TermMatch:
    """A term found in the original text: `text[start:end]` is what the reader wrote."""

    term: str
    start: int
    end: int


@functools.lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    """Return the NFKC, casefolded, unmarked form of one character (possibly empty or several)."""
    out = ch
    for _ in range(4):  # Reach a fixed point: casefold can expose new compatibility forms.
        parts = []
        for c in unicodedata.normalize("NFKC", out).casefold():
            if c in _INVISIBLE_EXTRA or unicodedata.category(c) == "Cf":
                continue
            if _STRIPPED_MARKS.match(c):
                continue
            decomposed = unicodedata.normalize("NFD", c)
            if len(decomposed) > 1 and all(_STRIPPED_MARKS.match(m) for m in decomposed[1:]):
                c = decomposed[0]
            parts.append(c)
        folded = "".join(parts)
        if folded == out:
            break
        out = folded
    return out


@functools.cache
def _homoglyphs() -> dict[str, str]:
    """Return a map from non-ASCII look-alike characters (casefolded) to a lowercase Latin letter."""
    from confusable_homoglyphs import utils

    table: dict[str, str] = {}
    for char, glyphs in utils.load("confusables.json").items():
        if len(char) != 1 or char.isascii():
            continue
        latin = [
            g["c"] for g in glyphs if len(g["c"]) == 1 and g["c"].isascii() and g["c"].isalpha()
        ]
        if not latin:
            continue
        for key in (char, _fold_char(char)):
            if len(key) == 1 and not key.isascii():
                table.setdefault(key, latin[0].lower())
    # Lowercase forms the table lists only in capitals, or not at all.
    table.update({"µ": "u", "ε": "e", "κ": "k", "τ": "t", "χ": "x", "ø": "o", "ß": "b"})
    table.pop("ß", None)  # casefold already turns it into "ss".
    return table


def _is_ascii_letter(c: str) -> bool:
    return "a" <= c <= "z"


class _Text:
    """Characters being normalized, each with its original index and a stretched flag."""

    __slots__ = ("chars", "offsets", "stretched")

    def __init__(self, chars: list[str], offsets: list[int]) -> None:
        self.chars = chars
        self.offsets = offsets
        self.stretched = [False] * len(chars)

    def string(self) -> str:
        return "".join(self.chars)

    def rebuild(self, edits: Iterable[tuple[int, int, list[str], list[int], list[bool]]]) -> None:
        """Replace [start, end) ranges (sorted, disjoint) with new characters, offsets and flags."""
        chars: list[str] = []
        offsets: list[int] = []
        stretched: list[bool] = []
        pos = 0
        for start, end, new_chars, new_offsets, new_stretched in edits:
            chars.extend(self.chars[pos:start])
            offsets.extend(self.offsets[pos:start])
            stretched.extend(self.stretched[pos:start])
            chars.extend(new_chars)
            offsets.extend(new_offsets)
            stretched.extend(new_stretched)
            pos = end
        chars.extend(self.chars[pos:])
        offsets.extend(self.offsets[pos:])
        stretched.extend(self.stretched[pos:])
        self.chars, self.offsets, self.stretched = chars, offsets, stretched


def _fold(text: str) -> _Text:
    if text.isascii():
        return _Text(list(text.lower()), list(range(len(text))))
    chars: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        if ch.isascii():
            chars.append(ch.lower())
            offsets.append(i)
            continue
        folded = _fold_char(ch)
        chars.extend(folded)
        offsets.extend([i] * len(folded))
    return _Text(chars, offsets)


def _map_homoglyphs(t: _Text) -> bool:
    chars = t.chars
    if all(c.isascii() for c in chars):
        return False
    table = _homoglyphs()
    changed = False
    ascii_letters = foreign = 0
    for c in chars:
        if _is_ascii_letter(c):
            ascii_letters += 1
        elif c not in table and c.isalpha():
            foreign += 1
    latin_context = ascii_letters >= foreign
    i, n = 0, len(chars)
    while i < n:
        if not (chars[i].isalpha() or chars[i] in table):
            i += 1
            continue
        j = i
        has_ascii = has_foreign = has_glyph = False
        while j < n and (chars[j].isalpha() or chars[j] in table):
            c = chars[j]
            if _is_ascii_letter(c):
                has_ascii = True
            elif c in table:
                has_glyph = True
            else:
                has_foreign = True
            j += 1
        if has_glyph and not has_foreign and (latin_context or has_ascii):
            for k in range(i, j):
                chars[k] = table.get(chars[k], chars[k])
            changed = True
        i = j
    return changed


def _leet_word(word: str) -> str | None:
    """Return the de-leeted word, or None when it is not leetspeak."""
    if _SYMBOL_SPACED.fullmatch(word):
        return word[0::2]
    if not any(c.isalpha() for c in word):
        return None
    if _UNIT_OR_ORDINAL.fullmatch(word) or _LONG_DIGIT_RUN.search(word):
        return None
    if word[0] == "@" and len(word) > 8:
        return None  # An @mention, not "@ss".
    out = []
    last = len(word) - 1
    for i, c in enumerate(word):
        anywhere = c in _DIGIT_LEET or c in _SYMBOL_LEET
        inner = (
            c in _INNER_LEET and 0 < i < last and word[i - 1].isalnum() and word[i + 1].isalnum()
        )
        out.append(_LEET[c] if anywhere or inner else c)
    return "".join(out)


def _map_leet(t: _Text) -> bool:
    s = t.string()
    if not _HAS_LEET_CHAR.search(s):
        return False
    edits = []
    for m in _TOKEN.finditer(s):
        start, end = m.span()
        # Edge punctuation ("wow!", "|x|") belongs to the sentence, not the word.
        while start < end and s[start] in "!|+*":
            start += 1
        while end > start and s[end - 1] in "!|+*":
            end -= 1
        word = s[start:end]
        if not word or word.isalpha():
            continue
        mapped = _leet_word(word)
        if mapped is None or mapped == word:
            continue
        step = 1 if len(mapped) == len(word) else 2  # Symbol-separated letters keep every other.
        edits.append(
            (start, end, list(mapped), t.offsets[start:end:step], t.stretched[start:end:step])
        )
    if not edits:
        return False
    t.rebuild(edits)
    return True


def _join_spaced(t: _Text) -> bool:
    s = t.string()
    edits = []
    for m in _SPACED.finditer(s):
        sep = m.group(1)
        start, end = m.span()
        positions = list(range(start, end, len(sep) + 1))
        singles = "".join(s[p] for p in positions)
        if sum(c.isalpha() for c in singles) < 2:
            continue  # "1 2 3" and "4/5/6" are numbers, not spelling.
        letters = "".join(_LEET.get(c, c) if not c.isalpha() else c for c in singles)
        edits.append(
            (
                start,
                end,
                list(letters),
                [t.offsets[p] for p in positions],
                [t.stretched[p] for p in positions],
            )
        )
    if not edits:
        return False
    t.rebuild(edits)
    return True


def _collapse_repeats(t: _Text) -> bool:
    s = t.string()
    edits = []
    for m in _REPEAT.finditer(s):
        start, end = m.span()
        edits.append(
            (start, end, [s[start]] * 2, [t.offsets[start], t.offsets[end - 1]], [False, True])
        )
    if not edits:
        return False
    t.rebuild(edits)
    return True


def _normalize(text: str) -> _Text:
    t = _fold(text)
    for _ in range(10):  # Each step can expose work for another; stop at a fixed point.
        changed = _map_homoglyphs(t)
        changed = _collapse_repeats(t) or changed
        changed = _map_leet(t) or changed
        changed = _join_spaced(t) or changed
        if not changed:
            break
    return t


@functools.lru_cache(maxsize=32)
def _normalized(text: str) -> tuple[str, tuple[int, ...], tuple[bool, ...]]:
    """The normalized string, offsets and stretched flags, frozen: one comment's checks (the
    word lists, the coded-hate lexicon, the classifier) all normalize the same text."""
    t = _normalize(text)
    return t.string(), tuple(t.offsets), tuple(t.stretched)


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """Return the normalized text and, per normalized character, its index in `text`."""
    norm, offsets, _stretched = _normalized(text)
    return norm, list(offsets)


def normalize(text: str) -> str:
    """Return `text` with look-alikes, invisible characters, leetspeak and spacing tricks undone."""
    return _normalized(text)[0]


def words(normalized: str) -> list[tuple[str, int, int]]:
    """Return the words of normalized text as (word, start, end), indices into `normalized`."""
    return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(normalized)]


def _runs(word: str) -> list[tuple[str, int]]:
    runs: list[tuple[str, int]] = []
    for c in word:
        if runs and runs[-1][0] == c:
            runs[-1] = (c, runs[-1][1] + 1)
        else:
            runs.append((c, 1))
    return runs


def _word_matches(word: str, start: int, stretched: Sequence[bool], term: str) -> bool:
    if word == term:
        return True
    if not any(stretched[start : start + len(word)]):
        return False
    # A stretched pair ("uu" from "uuuu") may stand for a single letter of the term.
    w_runs, t_runs = _runs(word), _runs(term)
    if len(w_runs) != len(t_runs):
        return False
    pos = start
    for (wc, wn), (tc, tn) in zip(w_runs, t_runs, strict=True):
        if wc != tc:
            return False
        if wn != tn and not (wn == 2 and tn == 1 and stretched[pos + 1]):
            return False
        pos += wn
    return True


@functools.lru_cache(maxsize=4096)
def _term_words(term: str) -> tuple[str, ...]:
    """A list or lexicon term's normalized words: the same terms come back for every comment."""
    return tuple(w for w, _s, _e in words(normalize(term)))


def find_terms(text: str, terms: Iterable[str]) -> list[TermMatch]:
    """Return whole-word matches of `terms` in `text`, both sides normalized, as original spans.

    A term may be several words ("go back"); it then matches those words in a row. Matching is by
    whole words, so "class", "Scunthorpe", "cocktail" and "assassin" never match "ass", "cunt" or
    "cock". Matches are sorted by start; overlapping matches of different terms are all returned.
    """
    norm, offsets, stretched = _normalized(text)
    text_words = words(norm)
    by_first: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    loose: list[tuple[str, tuple[str, ...]]] = []
    for term in terms:
        parts = _term_words(term)
        if not parts:
            continue
        by_first.setdefault(parts[0], []).append((term, parts))
        loose.append((term, parts))
    stretchy = any(stretched)
    found: list[TermMatch] = []
    for i, (word, start, _end) in enumerate(text_words):
        candidates = loose if stretchy else by_first.get(word, [])
        for term, parts in candidates:
            if i + len(parts) > len(text_words):
                continue
            window = text_words[i : i + len(parts)]
            if all(
                _word_matches(w, s, stretched, p)
                for (w, s, _e), p in zip(window, parts, strict=True)
            ):
                last_end = window[-1][2]
                found.append(TermMatch(term, offsets[start], offsets[last_end - 1] + 1))
    found.sort(key=lambda m: (m.start, m.end, m.term))
    return found
