"""Read the labelled datasets in ../shared/datasets into one example list with masked labels.

Label mapping (a label a dataset does not speak to is masked out of that label's training):

| dataset | toxicity | insult | profanity | identity_attack | threat |
|---|---|---|---|---|---|
| toxic_spans (Civil Comments) | most annotators did not tick "not toxic" | most annotators marked an Insult span | ... a Profane/Obscene span | ... an Identity based Attack span | ... a Threat span |
| davidson (Twitter) | hate speech or offensive | 0 if "neither", else masked | 0 if "neither", else masked | 1 if hate speech, else 0 | 0 if "neither", else masked |
| fox_news_comments | 1 if hateful, else masked | masked | masked | hateful | masked |
| context_toxicity_cat (Wikipedia) | toxic | 0 if not toxic, else masked | same | same | same |
| wiki_toxicity_testset | never trained on: test only | | | | |

Splits: each example's split comes from a SHA-256 of a fixed seed, the dataset name and its
normalized text (so duplicates land together): 80% train, 10% validation, 10% test.
`wiki_toxicity_testset` is all test, and any training or validation text equal to one of its texts is
dropped.
"""

from __future__ import annotations

import csv
import hashlib
import html
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from civility.classifier.labels import LABELS
from civility.text.evasion import normalize

SPLIT_SEED = "civility-2026"
UNKNOWN = -1  # A label the dataset does not speak to: masked out of that label's loss.


@dataclass(slots=True)
class Example:
    dataset: str
    text: str
    labels: dict[str, int]  # Every label: 1, 0 or UNKNOWN.
    split: str = "train"
    extra: dict[str, str] = field(default_factory=dict)


def _labels(**known: int) -> dict[str, int]:
    return {label: known.get(label, UNKNOWN) for label in LABELS}


def split_of(dataset: str, text: str) -> str:
    digest = hashlib.sha256(f"{SPLIT_SEED}|{dataset}|{normalize(text)}".encode()).digest()
    bucket = int.from_bytes(digest[:8], "big") / 2**64
    if bucket < 0.8:
        return "train"
    return "validation" if bucket < 0.9 else "test"


csv.field_size_limit(10**8)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


_SPAN_TYPES = {
    "insult": "insult",
    "profane/obscene": "profanity",
    "identity based attack": "identity_attack",
    "threat": "threat",
}


def _span_label(kind: str) -> str | None:
    kind = kind.strip().lower()
    if not kind:
        return None
    for prefix, label in _SPAN_TYPES.items():
        # A few rows carry truncated names ("Insu", "Identity based ").
        if prefix.startswith(kind) or kind.startswith(prefix):
            return label
    return None


def load_toxic_spans(folder: Path) -> list[Example]:
    comments = {r["comment_id"]: r["comment_text"] for r in _rows(folder / "data_comments.csv")}
    annotators: dict[str, list[str]] = defaultdict(list)
    toxic_votes: dict[str, int] = defaultdict(int)
    for row in _rows(folder / "data_annotations.csv"):
        annotators[row["comment_id"]].append(row["annotation"])
        if row["not toxic"] != "True":
            toxic_votes[row["comment_id"]] += 1
    kinds: dict[str, set[str]] = defaultdict(set)
    for row in _rows(folder / "data_spans.csv"):
        label = _span_label(row["type"])
        if label:
            kinds[row["annotation"]].add(label)
    examples = []
    for comment_id, annotation_ids in annotators.items():
        text = comments.get(comment_id)
        if not text:
            continue
        n = len(annotation_ids)
        known = {"toxicity": int(toxic_votes[comment_id] * 2 >= n)}
        for label in ("insult", "profanity", "identity_attack", "threat"):
            votes = sum(label in kinds[a] for a in annotation_ids)
            known[label] = int(votes * 2 >= n)
        examples.append(Example("toxic_spans", text, _labels(**known)))
    return examples


_MENTION = re.compile(r"(?:\bRT\s+)?@\w+:?|https?://\S+|&#\d+;")


def clean_tweet(text: str) -> str:
    """Drop retweet markers, @mentions, links and emoji entities; unescape HTML."""
    text = _MENTION.sub(" ", html.unescape(text))
    text = html.unescape(text)
    return re.sub(r"\s+", " ", text.replace("!!!", "!")).strip(" :")


def load_davidson(folder: Path) -> list[Example]:
    examples = []
    for row in _rows(folder / "data_labeled_data.csv"):
        text = clean_tweet(row["tweet"])
        if not text:
            continue
        cls = row["class"]
        if cls == "0":
            labels = _labels(toxicity=1, identity_attack=1)
        elif cls == "1":
            labels = _labels(toxicity=1, identity_attack=0)
        else:
            labels = _labels(toxicity=0, insult=0, profanity=0, identity_attack=0, threat=0)
        examples.append(Example("davidson", text, labels, extra={"class": cls}))
    return examples


def load_fox_news(folder: Path) -> list[Example]:
    examples = []
    with (folder / "fox-news-comments.json").open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            hateful = int(record["label"])
            labels = (
                _labels(toxicity=1, identity_attack=1) if hateful else _labels(identity_attack=0)
            )
            examples.append(
                Example(
                    "fox_news_comments", record["text"], labels, extra={"hateful": str(hateful)}
                )
            )
    return examples


def _wiki_labels(toxic: int) -> dict[str, int]:
    if toxic:
        return _labels(toxicity=1)
    return _labels(toxicity=0, insult=0, profanity=0, identity_attack=0, threat=0)


def load_context_toxicity(folder: Path) -> list[Example]:
    examples = [
        Example("context_toxicity_cat", row["text"], _wiki_labels(int(row["label"])))
        for name in ("data_CAT_LARGE_gn.csv", "data_CAT_LARGE_gc.csv")
        for row in _rows(folder / name)
    ]
    examples.extend(
        Example("context_toxicity_cat", row["text"], _wiki_labels(int(row["label_oc"])))
        for row in _rows(folder / "data_CAT_SMALL_cat_small.csv")
    )
    return examples


def load_wiki_testset(folder: Path) -> dict[str, list[Example]]:
    """Return the plain and fuzzed Wikipedia test sets, which are never trained on."""
    sets = {}
    for variant, name in (
        ("plain", "toxicity_nonfuzzed_testset.csv"),
        ("fuzzed", "toxicity_fuzzed_testset.csv"),
    ):
        sets[variant] = [
            Example(
                f"wiki_toxicity_{variant}",
                row["comment"],
                _wiki_labels(int(row["toxic"] == "True")),
                "test",
            )
            for row in _rows(folder / name)
        ]
    return sets


LOADERS = {
    "toxic_spans": load_toxic_spans,
    "davidson": load_davidson,
    "fox_news_comments": load_fox_news,
    "context_toxicity_cat": load_context_toxicity,
}


def load_all(data_dir: Path) -> list[Example]:
    """Return every example from the datasets present under `data_dir`, each with its split."""
    held_out: set[str] = set()
    examples: list[Example] = []
    wiki = data_dir / "wiki_toxicity_testset"
    if wiki.is_dir():
        for variant in load_wiki_testset(wiki).values():
            examples.extend(variant)
            held_out.update(normalize(e.text) for e in variant)
    for name, loader in LOADERS.items():
        folder = data_dir / name
        if not folder.is_dir():
            continue
        for example in loader(folder):
            example.split = split_of(name, example.text)
            if example.split != "test" and normalize(example.text) in held_out:
                continue
            examples.append(example)
    return examples
