"""Fingerprints of comment text: an exact hash for repeats, a MinHash for near-duplicates.

MinHash over character 5-shingles of the normalized text estimates the Jaccard similarity of two
comments' shingle sets; 64 seeded 32-bit hashes keep the error near 0.06, enough to tell a copy
with a changed word from a different comment. Written here (not datasketch) to avoid a dependency.
"""

from __future__ import annotations

import functools
import hashlib
import re
import struct
import unicodedata

import numpy as np

SHINGLE = 5
PERMUTATIONS = 64
_MASK = 0xFFFFFFFF
_PUNCT = re.compile(r"[^\w\s]+", re.UNICODE)
_SPACE = re.compile(r"\s+")


@functools.lru_cache(maxsize=256)
def canonical(text: str) -> str:
    """Lowercase, drop punctuation and collapse spacing: what "the same text" means.

    Cached: the hash, the shingles and the copypasta length check all ask for the same text.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _PUNCT.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


def text_hash(text: str) -> str:
    return hashlib.sha256(canonical(text).encode()).hexdigest()


def _shingles(text: str) -> set[bytes]:
    flat = canonical(text)
    if len(flat) <= SHINGLE:
        return {flat.encode()} if flat else set()
    return {flat[i : i + SHINGLE].encode() for i in range(len(flat) - SHINGLE + 1)}


# Fixed (a, b) pairs for the permutations h -> (a*h + b) mod P: signatures stay comparable
# across processes and releases as long as these never change.
_P = (1 << 61) - 1
_PERMS = [
    (
        int.from_bytes(hashlib.blake2b(b"a%d" % i, digest_size=8).digest(), "big") % (_P - 1) + 1,
        int.from_bytes(hashlib.blake2b(b"b%d" % i, digest_size=8).digest(), "big") % _P,
    )
    for i in range(PERMUTATIONS)
]
# The same pairs as columns, split in 32-bit halves for the exact 64-bit arithmetic below.
_A = np.array([a for a, _ in _PERMS], dtype=np.uint64)[:, None]
_A_HI, _A_LO = _A >> np.uint64(32), _A & np.uint64(_MASK)
_B = np.array([b for _, b in _PERMS], dtype=np.uint64)[:, None]
_P64 = np.uint64(_P)


def _fold(x: np.ndarray) -> np.ndarray:
    """In place, x to a value below 2**61 + 8 that is x (mod P), for x < 2**64: 2**61 = 1."""
    high = x >> np.uint64(61)
    x &= _P64
    x += high
    return x


def _mod_p(x: np.ndarray) -> np.ndarray:
    """In place, x mod P for x < 2**64: folded below 2P, then P taken once where needed."""
    _fold(x)
    np.subtract(x, _P64, out=x, where=x >= _P64)
    return x


def _permuted(hashes: np.ndarray) -> np.ndarray:
    """(a*h + b) mod P for every permutation (rows) and hash (columns), exactly, in uint64.

    a and h are below 2**61, so a*h is split in 32-bit halves: with 2**61 = 1 (mod P),
    2**64 = 8 and hi * 2**32 = (hi >> 29) + ((hi & (2**29 - 1)) << 32). The terms are only
    folded below 2**61 + 8 (not fully reduced) until the end: their sum with b stays under
    2**64, and one fold and one subtraction of P then leave the exact remainder. Each step
    writes into its operand, which halves the time of the plain expression.
    """
    h = _mod_p(hashes.copy())[None, :]  # (a*h + b) mod P == (a*(h mod P) + b) mod P
    h_hi, h_lo = h >> np.uint64(32), h & np.uint64(_MASK)
    middle = _A_HI * h_lo  # < 2**61
    middle += _A_LO * h_hi  # < 2**62
    total = _A_HI * h_hi
    total *= np.uint64(8)  # < 2**61
    low = _A_LO * h_lo  # < 2**64
    total += _fold(low)  # < 2**62 + 8
    total += middle >> np.uint64(29)  # + under 2**33
    middle &= np.uint64((1 << 29) - 1)
    middle <<= np.uint64(32)
    total += middle  # + under 2**61: under 2**63
    total += _B  # + under 2**61: under 2**64
    return _mod_p(total)


@functools.lru_cache(maxsize=256)
def minhash(text: str) -> tuple[int, ...]:
    """Return the signature; empty for empty text. Cached: review and record both ask."""
    shingles = _shingles(text)
    if not shingles:
        return ()
    digests = b"".join(hashlib.blake2b(s, digest_size=8).digest() for s in shingles)
    hashes = np.frombuffer(digests, dtype=">u8").astype(np.uint64)
    lowest = (_permuted(hashes) & np.uint64(_MASK)).min(axis=1)
    return tuple(lowest.tolist())


def minhash_reference(text: str) -> tuple[int, ...]:
    """The signature computed one hash at a time: what `minhash` must always equal."""
    shingles = _shingles(text)
    if not shingles:
        return ()
    hashes = [int.from_bytes(hashlib.blake2b(s, digest_size=8).digest(), "big") for s in shingles]
    return tuple(min([((a * h + b) % _P) & _MASK for h in hashes]) for a, b in _PERMS)


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity: the share of positions where the signatures agree."""
    if not a or not b or len(a) != len(b):
        return 0.0
    return sum(1 for x, y in zip(a, b, strict=True) if x == y) / len(a)


def pack(signature: tuple[int, ...]) -> str:
    return struct.pack(f">{len(signature)}I", *signature).hex() if signature else ""


def unpack(packed: str) -> tuple[int, ...]:
    if not packed:
        return ()
    raw = bytes.fromhex(packed)
    return struct.unpack(f">{len(raw) // 4}I", raw)
