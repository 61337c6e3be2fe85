"""Hashed word and character n-gram features of normalized text, with positions for explanations.

Features (all on text from `civility.text.evasion.normalize`):
- word unigrams ``w:<word>`` and bigrams ``b:<word> <word>``, hashed with MurmurHash3 (32-bit,
  seed 0, absolute value) modulo `n_features`;
- character 3-, 4- and 5-grams of the text with whitespace runs collapsed to one space and a space
  added at each end, hashed with a polynomial rolling hash over Unicode code points
  (``h = seed_n; h = h * 1000003 + code_point`` in wrapping 64-bit arithmetic, then MurmurHash3's
  64-bit finaliser) modulo `n_features`. The rolling hash runs over a whole batch at once in numpy,
  which is what makes scoring fast.
Values are log(1 + count), then each row is scaled to unit L2 length. Because the model is linear in
these values, a score splits exactly into per-feature contributions, and every feature occurrence
knows the word(s) it came from.
"""

from __future__ import annotations

import functools
import re

import numpy as np
import scipy.sparse as sp
from sklearn.utils import murmurhash3_32

CHAR_NGRAMS = (3, 4, 5)
WORD = re.compile(r"[^\W_]+(?:[*'][^\W_]+)*")
_PRIME = np.uint64(1000003)
_SEEDS = {
    3: np.uint64(0x9E3779B97F4A7C15),
    4: np.uint64(0xBF58476D1CE4E5B9),
    5: np.uint64(0x94D049BB133111EB),
}
_FMIX1 = np.uint64(0xFF51AFD7ED558CCD)
_FMIX2 = np.uint64(0xC4CEB9FE1A85EC53)
_SHIFT = np.uint64(33)


def padded(normalized: str) -> str:
    """Return the text the character n-grams run over: single spaces, one at each end."""
    return " " + " ".join(normalized.split()) + " "


def word_features(
    normalized: str,
) -> tuple[list[tuple[int, int]], list[str], list[tuple[int, ...]]]:
    """Return the words' spans, the word and bigram feature strings, and the words each came from."""
    matches = list(WORD.finditer(normalized))
    words = [m.group() for m in matches]
    feats = ["w:" + w for w in words]
    owners: list[tuple[int, ...]] = [(i,) for i in range(len(words))]
    feats.extend("b:" + a + " " + b for a, b in zip(words, words[1:], strict=False))
    owners.extend((i, i + 1) for i in range(len(words) - 1))
    return [m.span() for m in matches], feats, owners


@functools.lru_cache(maxsize=1 << 18)
def string_bucket(feature: str, n_features: int) -> int:
    return abs(murmurhash3_32(feature, seed=0)) % n_features


def _code_points(text: str) -> np.ndarray:
    data = text.encode("utf-32-le", errors="surrogatepass")
    return np.frombuffer(data, dtype=np.uint32).astype(np.uint64)


def _char_buckets(
    codes: np.ndarray, ends: np.ndarray, doc_of: np.ndarray, n_features: int
) -> list[tuple[int, np.ndarray, np.ndarray, np.ndarray]]:
    """Return, per n, (n, document, position in the joined text, bucket) of every n-gram."""
    out = []
    total = len(codes)
    for n in CHAR_NGRAMS:
        if total < n:
            continue
        start = np.arange(total - n + 1)
        doc = doc_of[start]
        keep = start + n <= ends[doc]
        start, doc = start[keep], doc[keep]
        h = np.full(len(start), _SEEDS[n], dtype=np.uint64)
        with np.errstate(over="ignore"):
            for k in range(n):
                h = h * _PRIME + codes[start + k]
            h ^= h >> _SHIFT
            h *= _FMIX1
            h ^= h >> _SHIFT
            h *= _FMIX2
            h ^= h >> _SHIFT
        out.append((n, doc, start, (h % np.uint64(n_features)).astype(np.int64)))
    return out


class Featurizer:
    """Turn normalized texts into L2-normalized log-count hashed feature rows."""

    def __init__(self, n_features: int) -> None:
        self.n_features = n_features

    def counts(self, normalized_texts: list[str]) -> sp.csr_matrix:
        """Return the raw feature counts, one row per text."""
        n_docs = len(normalized_texts)
        texts = [padded(t) for t in normalized_texts]
        lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=n_docs)
        ends = np.cumsum(lengths)
        doc_of = np.repeat(np.arange(n_docs), lengths)
        rows: list[np.ndarray] = []
        cols: list[np.ndarray] = []
        for _n, doc, _start, bucket in _char_buckets(
            _code_points("".join(texts)), ends, doc_of, self.n_features
        ):
            rows.append(doc)
            cols.append(bucket)
        word_rows: list[int] = []
        word_cols: list[int] = []
        n = self.n_features
        for i, text in enumerate(normalized_texts):
            _spans, feats, _owners = word_features(text)
            word_rows.extend([i] * len(feats))
            word_cols.extend(string_bucket(f, n) for f in feats)
        rows.append(np.asarray(word_rows, dtype=np.int64))
        cols.append(np.asarray(word_cols, dtype=np.int64))
        row = np.concatenate(rows)
        col = np.concatenate(cols)
        data = np.ones(len(row), dtype=np.float32)
        matrix = sp.csr_matrix((data, (row, col)), shape=(n_docs, n))
        matrix.sum_duplicates()
        return matrix

    def transform(self, normalized_texts: list[str]) -> sp.csr_matrix:
        counts = self.counts(normalized_texts)
        np.log1p(counts.data, out=counts.data)
        norms = np.sqrt(np.asarray(counts.multiply(counts).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        counts.data *= np.repeat((1.0 / norms).astype(np.float32), np.diff(counts.indptr))
        return counts

    def one_row(self, normalized: str) -> tuple[np.ndarray, np.ndarray]:
        """`transform([normalized])` as (buckets, values) arrays, without building a matrix.

        Posting scores one comment at a time, where the sparse matrix costs more than the
        arithmetic.
        """
        parts = [bucket for *_, bucket in self._one_text_char_buckets(normalized)]
        _spans, feats, _owners = word_features(normalized)
        parts.append(self._string_buckets(feats))
        buckets, counts = np.unique(np.concatenate(parts), return_counts=True)
        values = np.log1p(counts.astype(np.float32))
        # transform()'s arithmetic step for step (the same float32 sum, a reciprocal), so
        # a comment scores the same alone as in a batch, to the last bit.
        norm = np.sqrt(np.add.reduceat(values * values, [0])) if len(values) else np.ones(1)
        norm[norm == 0] = 1.0
        return buckets, values * (1.0 / norm).astype(np.float32)

    def features_with_owners(
        self, normalized: str
    ) -> tuple[list[tuple[int, int]], np.ndarray, list[tuple[int, ...]]]:
        """Return the words' spans, every feature occurrence's bucket, and the words it is credited to.

        A word feature belongs to its word, a bigram to both of its words, and a character n-gram to
        the word under its middle character, else the nearest word before it (after it, at the
        start). In a text without words nothing is credited (empty tuples).
        """
        spans, feats, owners = word_features(normalized)
        positions = _positions(normalized)
        word_at = [0] * (len(normalized) + 1)
        for i, (start, _end) in enumerate(spans):
            stop = len(normalized) + 1 if i == len(spans) - 1 else spans[i + 1][0]
            word_at[start:stop] = [i] * (stop - start)
        char_owners: list[tuple[int, ...]] = []
        char_buckets: list[np.ndarray] = []
        for n, _doc, starts, bucket in self._one_text_char_buckets(normalized):
            half = n // 2
            char_buckets.append(bucket)
            char_owners.extend(
                (word_at[positions[s + half]],) if spans else () for s in starts.tolist()
            )
        all_buckets = np.concatenate([self._string_buckets(feats), *char_buckets])
        return spans, all_buckets, owners + char_owners

    def _string_buckets(self, feats: list[str]) -> np.ndarray:
        return np.fromiter((string_bucket(f, self.n_features) for f in feats), np.int64, len(feats))

    def _one_text_char_buckets(
        self, normalized: str
    ) -> list[tuple[int, np.ndarray, np.ndarray, np.ndarray]]:
        """`_char_buckets` of one text: its padded form as the only document."""
        text = padded(normalized)
        doc_of = np.zeros(len(text), dtype=np.int64)
        return _char_buckets(_code_points(text), np.array([len(text)]), doc_of, self.n_features)


def _positions(normalized: str) -> list[int]:
    """Map each character of `padded(normalized)` to an index in `normalized`."""
    positions = [0]
    for m in re.finditer(r"\S+", normalized):
        if len(positions) > 1:
            positions.append(m.start() - 1)  # the single space standing for the gap
        positions.extend(range(m.start(), m.end()))
    positions.append(max(len(normalized) - 1, 0))
    return positions
