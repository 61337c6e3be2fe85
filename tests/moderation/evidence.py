"""Reading a Verdict in tests."""

from __future__ import annotations


def codes(verdict) -> list[str]:
    return [reason.code for reason in verdict.reasons]


def reason(verdict, code):
    found = [r for r in verdict.reasons if r.code == code]
    assert found, f"no {code} in {codes(verdict)}"
    return found[0]
