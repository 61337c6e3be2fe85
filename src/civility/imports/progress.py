"""The import's progress on a terminal (a rich bar with counts and rate), or plain log lines."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

# Without a terminal (a log file, cron), one line per this many records or comments.
LOG_EVERY = 10_000


class _Rate(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.0f}/s" if speed else "", style="progress.data.speed")


class ImportProgress:
    """Callable as the loader's progress(stage, count); use as a context manager."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.console = Console(file=stream)
        self.live = self.console.is_terminal
        self.bar = Progress(
            TextColumn("{task.description:<9}"),
            BarColumn(),
            MofNCompleteColumn(),
            _Rate(),
            TimeElapsedColumn(),
            console=self.console,
            disable=not self.live,
        )
        self.tasks: dict[str, TaskID] = {}
        self.logged: dict[str, int] = {}

    def __enter__(self) -> ImportProgress:
        self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.stop()

    def __call__(self, stage: str, count: int) -> None:
        if stage == "comments total":
            self._task("comments", total=count)
            if not self.live:
                self.stream.write(f"writing {count:,} comments\n")
            return
        if self.live:
            self.bar.update(self._task(stage), completed=count)
        elif count - self.logged.get(stage, 0) >= LOG_EVERY:
            self.logged[stage] = count
            self.stream.write(f"{stage}: {count:,}\n")

    def _task(self, stage: str, total: int | None = None) -> TaskID:
        if stage not in self.tasks:
            label = "records" if stage == "read" else stage
            self.tasks[stage] = self.bar.add_task(label, total=total)
        elif total is not None:
            self.bar.update(self.tasks[stage], total=total)
        return self.tasks[stage]
