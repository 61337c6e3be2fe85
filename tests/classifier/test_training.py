"""Training rebuilds a loadable model from datasets in the shared folder layout (tiny ones here)."""

from __future__ import annotations

import csv
import json

import pytest

from civility.classifier.backends.linear import LinearScorer
from civility.classifier.model_files import sha256_of
from civility.classifier.training.train import train

INSULTS = ["idiot", "moron", "fool", "clown", "loser"]
SWEARS = ["fuck", "shit", "damn"]


def _write_csv(path, header, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def _tiny_datasets(root):
    """Write toxic_spans, davidson and context_toxicity_cat folders with a few dozen rows each."""
    comments, annotations, spans = [], [], []
    annotation = 0
    for i in range(60):
        kind = i % 4
        if kind == 0:
            text, label, word = (
                f"you are a total {INSULTS[i % 5]} number {i}",
                "Insult",
                INSULTS[i % 5],
            )
        elif kind == 1:
            text, label, word = (
                f"what the {SWEARS[i % 3]} is this {i}",
                "Profane/Obscene",
                SWEARS[i % 3],
            )
        elif kind == 2:
            text, label, word = f"i will hurt you badly {i}", "Threat", "hurt"
        else:
            text, label, word = f"the bus was late again on route {i}", None, None
        comments.append((1000 + i, text))
        for worker in range(3):
            annotations.append((annotation, 1000 + i, worker, "USA", "False", str(label is None)))
            if label:
                start = text.index(word)
                spans.append((annotation, label, start, start + len(word)))
            annotation += 1
    folder = root / "toxic_spans"
    _write_csv(folder / "data_comments.csv", ["comment_id", "comment_text"], comments)
    _write_csv(
        folder / "data_annotations.csv",
        ["annotation", "comment_id", "worker", "country", "all toxic", "not toxic"],
        annotations,
    )
    _write_csv(folder / "data_spans.csv", ["annotation", "type", "start", "end"], spans)
    tweets = [(i, 3, 0, 3, 1, f"shut up you {INSULTS[i % 5]} {i}") for i in range(30)]
    tweets += [(30 + i, 3, 0, 0, 2, f"lovely weather at the beach today {i}") for i in range(30)]
    _write_csv(
        root / "davidson" / "data_labeled_data.csv",
        ["", "count", "hate_speech", "offensive_language", "neither", "class", "tweet"],
        [(i, c, h, o, n and 3, cls, t) for i, c, h, o, cls, t in tweets for n in [3]],
    )
    wiki = [(f"{i}.1.1", f"please cite a source for section {i}", 0, 0.1, "") for i in range(40)]
    wiki += [
        (f"{100 + i}.1.1", f"you {INSULTS[i % 5]}, stop editing {i}", 1, 0.9, "") for i in range(10)
    ]
    header = ["id", "text", "label", "api", "parent"]
    _write_csv(root / "context_toxicity_cat" / "data_CAT_LARGE_gn.csv", header, wiki)
    _write_csv(root / "context_toxicity_cat" / "data_CAT_LARGE_gc.csv", header, wiki[:5])
    _write_csv(
        root / "context_toxicity_cat" / "data_CAT_SMALL_cat_small.csv",
        ["text", "parent_text", "tox_codes_oc", "label_oc", "tox_codes_ic", "label_ic"],
        [("thanks for fixing the typo", "", "[0. 0. 0.]", 0, "[0. 0. 0.]", 0)],
    )


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    root = tmp_path_factory.mktemp("datasets")
    _tiny_datasets(root)
    out = tmp_path_factory.mktemp("model")
    result = train(root, out, n_features=2**14)
    return root, out, result


def test_it_writes_a_model_the_linear_backend_loads(trained):
    _root, out, result = trained
    scorer = LinearScorer(out)
    toxic, benign = scorer.score_batch(["you are a total idiot", "the bus was late again"])
    assert toxic["insult"] > benign["insult"]
    assert toxic["toxicity"] > benign["toxicity"]
    assert result.counts["synthetic"] > 0


def test_it_records_thresholds_and_checksums_in_the_description(trained):
    _root, out, result = trained
    description = json.loads((out / "linear.json").read_text())
    assert description["thresholds"] == result.thresholds
    assert description["files"]["linear.npz"] == sha256_of(out / "linear.npz")
    assert description["n_features"] == 2**14


def test_it_trains_the_same_model_twice(trained, tmp_path):
    root, out, _result = trained
    again = train(root, tmp_path, n_features=2**14)
    assert sha256_of(tmp_path / "linear.npz") == sha256_of(out / "linear.npz")
    assert again.thresholds == _result.thresholds


def test_it_refuses_a_folder_without_datasets(tmp_path):
    with pytest.raises(ValueError, match="no training examples"):
        train(tmp_path, tmp_path / "out", n_features=2**10)


def test_the_train_command_writes_a_model_and_says_where(trained, tmp_path):
    import io

    from django.core.management import call_command

    root, _out, _result = trained
    out = io.StringIO()
    call_command("classifier", "train", "--data", str(root), "--out", str(tmp_path), stdout=out)
    assert f"wrote {tmp_path / 'linear.json'}" in out.getvalue()
    insult, calm = LinearScorer(tmp_path).score_batch(["you are a total idiot", "the bus was late"])
    assert insult["insult"] > calm["insult"]
