"""The labels every scorer backend reports, in the order models store them."""

from __future__ import annotations

LABELS: tuple[str, ...] = ("toxicity", "insult", "profanity", "identity_attack", "threat")
