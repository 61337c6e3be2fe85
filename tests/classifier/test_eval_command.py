"""`civility classifier eval` prints per-label metrics for a labelled CSV file."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import CommandError, call_command


def test_it_prints_roc_auc_precision_recall_and_throughput(tmp_path):
    path = tmp_path / "labelled.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["comment", "toxic", "insult"])
        for i in range(10):
            writer.writerow([f"you are a stupid idiot number {i}", "true", "1"])
            writer.writerow([f"thanks for the helpful article {i}", "false", ""])
    out = io.StringIO()
    call_command(
        "classifier",
        "eval",
        str(path),
        "--text-column",
        "comment",
        "--label-column",
        "toxic",
        "--label-column",
        "insult",
        stdout=out,
    )
    text = out.getvalue()
    assert "20 comments" in text and "comments/s" in text
    assert "ROC AUC" in text
    lines = {line.split()[0]: line.split() for line in text.splitlines()[2:]}
    assert lines["toxic"][1] == "toxicity" and float(lines["toxic"][4]) == 1.0
    assert "insult" not in lines  # one class only: no AUC


def test_it_names_a_missing_text_column(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("body,toxic\nhello,0\n")
    with pytest.raises(CommandError, match="no column 'comment'"):
        call_command(
            "classifier", "eval", str(path), "--text-column", "comment", "--label-column", "toxic"
        )
