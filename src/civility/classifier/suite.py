"""Run the identity suite: hate without profanity must be flagged, mentions and counter-speech not.

Each line of `suites/identity.jsonl` has `text`, `group`, `pattern` (dehumanising, exclusion,
plain_mention, negation, quotation, counter_speech, reclaimed, spelling_variant) and `expect`
("flag" or "pass"). A comment counts as flagged when toxicity or identity_attack reaches its
threshold.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from civility.classifier.scoring import Scorer

IDENTITY_SUITE = Path(__file__).resolve().parent / "suites" / "identity.jsonl"
FLAG_LABELS = ("toxicity", "identity_attack")


@dataclass
class SuiteResult:
    passed: int
    total: int
    by_pattern: dict[str, tuple[int, int]]
    by_group: dict[str, tuple[int, int]]
    failures: list[dict] = field(default_factory=list)

    @property
    def pass_rate(self) -> float:
        return self.passed / self.total if self.total else 0.0


def load_cases(path: Path = IDENTITY_SUITE) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def run_suite(scorer: Scorer, path: Path = IDENTITY_SUITE) -> SuiteResult:
    cases = load_cases(path)
    scores = scorer.score_batch([c["text"] for c in cases])
    passed = 0
    patterns: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    groups: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    failures = []
    for case, result in zip(cases, scores, strict=True):
        flagged = any(result.probabilities[k] >= scorer.thresholds[k] for k in FLAG_LABELS)
        ok = flagged == (case["expect"] == "flag")
        passed += ok
        for table, key in ((patterns, case["pattern"]), (groups, case["group"])):
            table[key][0] += ok
            table[key][1] += 1
        if not ok:
            failures.append({**case, **{k: round(result.probabilities[k], 3) for k in FLAG_LABELS}})
    return SuiteResult(
        passed,
        len(cases),
        {k: (v[0], v[1]) for k, v in patterns.items()},
        {k: (v[0], v[1]) for k, v in groups.items()},
        failures,
    )
