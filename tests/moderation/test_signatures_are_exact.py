"""The vectorised MinHash and comparison give exactly the signatures and shares of the plain
one-hash-at-a-time arithmetic, so signatures stored by earlier releases stay comparable."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from civility.moderation import signatures

CAMPAIGN = (
    "Everyone must call the mayor's office today and demand the budget vote is cancelled, "
    "this council has betrayed every taxpayer in the city and must resign at once."
)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=600))
def test_the_signature_equals_the_reference_arithmetic(text):
    assert signatures.minhash(text) == signatures.minhash_reference(text)


def test_a_known_signature_never_changes():
    # Stored signatures are compared with new ones: these values must hold across releases.
    # (Computed by the release that first stored signatures.)
    signature = signatures.minhash(CAMPAIGN)
    assert len(signature) == signatures.PERMUTATIONS
    assert signature[:6] == (10973276, 25380615, 12248352, 44473861, 1678798, 5512438)
    assert signatures.text_hash(CAMPAIGN) == (
        "f132ce7795bef9e21046bcde3eb8f18c050625cd91f7b5eae8a7838fb6d2892a"
    )
    assert signatures.minhash("") == ()


def test_the_permutations_are_exact_at_the_edges_of_the_arithmetic():
    # Hashes at the limits of the 32-bit halves and of P, where a carry would show.
    edges = [0, 1, 2**32 - 1, 2**32, 2**61 - 2, 2**61 - 1, 2**61, 2**63, 2**64 - 1]
    hashes = np.array(edges, dtype=np.uint64)
    got = signatures._permuted(hashes)
    for row, (a, b) in enumerate(signatures._PERMS):
        assert [int(v) for v in got[row]] == [(a * h + b) % signatures._P for h in edges]
