"""The moderation phases, by name. Adding one is a module here plus a line in REGISTRY.

Each module has `enabled(settings) -> bool` and `check(candidate, ctx) -> Iterable[Reason]`
(see `context.py` for what ctx answers). Order is the order moderators read the reasons in.
"""

from __future__ import annotations

import importlib
from types import ModuleType

REGISTRY: dict[str, str] = {
    "length": "civility.moderation.phases.length",
    "closed_story": "civility.moderation.phases.closed_story",
    "rate_limit": "civility.moderation.phases.rate_limit",
    "repeat": "civility.moderation.phases.repeat",
    "copypasta": "civility.moderation.phases.copypasta",
    "pasted_article": "civility.moderation.phases.pasted_article",
    "words": "civility.moderation.phases.words",
    "coded_hate": "civility.moderation.phases.coded_hate",
    "ml": "civility.moderation.phases.ml",
    "links": "civility.moderation.phases.links",
    "new_commenter": "civility.moderation.phases.new_commenter",
    "history": "civility.moderation.phases.history",
    "off_topic": "civility.moderation.phases.off_topic",
    "external": "civility.moderation.phases.external",
    "sanctions": "civility.moderation.phases.sanctions",
}


def load(name: str) -> ModuleType:
    return importlib.import_module(REGISTRY[name])
