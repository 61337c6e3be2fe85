"""`civility classifier train|eval|export-test`: rebuild and measure the comment scorer."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from civility.classifier.labels import LABELS


class Command(BaseCommand):
    help = "Train or evaluate the comment classifier."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        train = sub.add_parser("train", help="Rebuild the linear model from labelled datasets.")
        train.add_argument(
            "--data", required=True, type=Path, help="Folder of datasets (../shared/datasets)."
        )
        train.add_argument(
            "--out", required=True, type=Path, help="Folder to write the model into."
        )
        train.add_argument(
            "--backend",
            choices=["linear", "embedding"],
            default="linear",
            help="linear (default) or embedding heads (needs civility[embeddings]).",
        )
        train.add_argument(
            "--max-rows",
            type=int,
            default=12000,
            help="embedding only: dataset rows to embed (fixed-seed sample; default 12000).",
        )
        evaluate = sub.add_parser("eval", help="Measure the scorer on a labelled CSV file.")
        evaluate.add_argument("file", type=Path)
        evaluate.add_argument("--text-column", default="text")
        evaluate.add_argument(
            "--label-column",
            action="append",
            required=True,
            help="COLUMN or COLUMN=LABEL (repeatable); 1/0/true/false, empty rows are skipped.",
        )
        evaluate.add_argument("--model", type=Path, help="Linear model folder (default: shipped).")
        evaluate.add_argument("--backend", default=None, help="Backend name (default: settings).")
        evaluate.add_argument(
            "--baseline", action="store_true", help="Also score alt-profanity-check."
        )
        evaluate.add_argument(
            "--perturb",
            choices=["homoglyph", "zero_width", "leet", "spaced", "mixed"],
            help="Disguise half the longer words first, to measure evasion robustness.",
        )
        export = sub.add_parser("export-test", help="Write the held-out test splits as CSV files.")
        export.add_argument("--data", required=True, type=Path)
        export.add_argument("--out", required=True, type=Path)

    def handle(self, *args, action, **options):
        if action == "train":
            self._train(options["data"], options["out"], options["backend"], options["max_rows"])
        elif action == "eval":
            self._eval(options)
        else:
            from civility.classifier.evaluation import export_test_splits

            for path in export_test_splits(options["data"], options["out"]):
                self.stdout.write(str(path))

    def _train(self, data: Path, out: Path, backend: str, max_rows: int) -> None:
        if not data.is_dir():
            raise CommandError(f"{data} is not a folder")
        if backend == "embedding":
            from civility.classifier.backends.embedding import load_encoder
            from civility.classifier.training.embedding_heads import train_heads

            path = train_heads(
                data, out, load_encoder(), max_rows=max_rows, log=lambda m: self.stdout.write(m)
            )
            self.stdout.write(f"wrote {path}")
            return
        from civility.classifier.training.train import train

        result = train(data, out, log=lambda m: self.stdout.write(m))
        self.stdout.write(f"wrote {result.model_json} in {result.seconds:.0f} s")

    def _eval(self, options) -> None:
        from civility.classifier.evaluation import evaluate, parse_label_columns
        from civility.classifier.registry import build_scorer, get_scorer

        try:
            columns = parse_label_columns(options["label_column"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if options["model"]:
            scorer = build_scorer("linear", model_dir=options["model"])
        elif options["backend"]:
            scorer = build_scorer(options["backend"])
        else:
            scorer = get_scorer()
        try:
            metrics, rate, n = evaluate(
                scorer,
                options["file"],
                text_column=options["text_column"],
                label_columns=columns,
                baseline=options["baseline"],
                perturbation=options["perturb"],
            )
        except (OSError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        disguise = f", disguised: {options['perturb']}" if options["perturb"] else ""
        self.stdout.write(
            f"{options['file']}: {n} comments{disguise}, scorer {scorer.name}, {rate:,.0f} comments/s"
        )
        header = f"{'column':<16} {'label':<16} {'n':>6} {'pos':>5} {'ROC AUC':>8} {'AP':>6} {'thresh':>6} {'P':>6} {'R':>6}"
        if options["baseline"]:
            header += f" {'baseline AUC':>12}"
        self.stdout.write(header)
        for m in metrics:
            line = (
                f"{m.column:<16} {m.label:<16} {m.n:>6} {m.positives:>5} {m.roc_auc:>8.3f} "
                f"{m.average_precision:>6.3f} {m.threshold:>6.3f} {m.precision:>6.3f} {m.recall:>6.3f}"
            )
            if m.baseline_roc_auc is not None:
                line += f" {m.baseline_roc_auc:>12.3f}"
            self.stdout.write(line)
        if not metrics:
            self.stdout.write(f"no label column with both classes (labels: {', '.join(LABELS)})")
