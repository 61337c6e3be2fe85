"""Run the pipeline over JSON Lines as if the comments were posted in that order.

One object per line: {"id", "author", "text"} required; "story" (a story slug or external id
on --site, or {"title", "text", "open"}), "parent" (the id of an earlier line), "created"
(ISO 8601; naive times are UTC), "client_address" and "post_anyway" optional. State that the
repeat, copypasta and history checks need lives in memory; nothing is written unless `apply`.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any, Protocol

from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from civility.moderation import pipeline, scoring
from civility.moderation.context import MemoryContext, MemoryStore
from civility.moderation.gate import Candidate, Decision, Verdict
from civility.moderation.site_settings import settings_for
from civility.stories.models import Site, Story

STATUS_FOR_DECISION = {
    Decision.PUBLISH: "published",
    Decision.HOLD: "held",
    Decision.REJECT: "rejected",
}


class Writer(Protocol):
    def write(self, text: str, /) -> Any: ...


class BadLine(ValueError):
    pass


@dataclass
class Item:
    id: Any
    author: str
    text: str
    story: Any = None
    parent: Any = None
    created: datetime | None = None
    client_address: str | None = None
    post_anyway: bool = False


def parse_line(raw: str) -> Item:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise BadLine(f"not valid JSON ({exc.msg})") from exc
    if not isinstance(data, dict):
        raise BadLine("expected a JSON object")
    missing = [key for key in ("id", "author", "text") if key not in data]
    if missing:
        raise BadLine("missing " + ", ".join(f'"{key}"' for key in missing))
    if not isinstance(data["id"], str | int) or isinstance(data["id"], bool):
        raise BadLine('"id" must be a string or a number')
    if not isinstance(data["author"], str | int) or isinstance(data["author"], bool):
        raise BadLine('"author" must be a string or a number')
    if not isinstance(data["text"], str):
        raise BadLine('"text" must be a string')
    created = None
    if data.get("created") is not None:
        if not isinstance(data["created"], str):
            raise BadLine('"created" must be an ISO 8601 date and time')
        try:
            created = parse_datetime(data["created"])
        except ValueError:
            created = None
        if created is None:
            raise BadLine('"created" must be an ISO 8601 date and time')
        if timezone.is_naive(created):
            created = created.replace(tzinfo=UTC)
    story = data.get("story")
    if story is not None and not isinstance(story, str | int | dict):
        raise BadLine('"story" must be a slug, an id or an object')
    address = data.get("client_address")
    return Item(
        id=data["id"],
        author=str(data["author"]),
        text=data["text"],
        story=story,
        parent=data.get("parent"),
        created=created,
        client_address=str(address) if address else None,
        post_anyway=bool(data.get("post_anyway")),
    )


class Batch:
    """One run: settings, in-memory state, and the stories met so far."""

    def __init__(self, *, site: Site | None, rate_limits: bool = False) -> None:
        self.site = site
        self.settings = copy.copy(settings_for(site))
        self.settings.rate_limit_enabled = rate_limits and self.settings.rate_limit_enabled
        words: list[tuple[str, str]] = []
        if site is not None:
            from civility.moderation.models import WordRule

            rules = WordRule.objects.filter(Q(site=site) | Q(site__isnull=True))
            words = list(rules.values_list("phrase", "kind"))
        self.store = MemoryStore(word_rules=words, scorer=scoring.configured_scorer())
        self._stories: dict[str, tuple[Story, str]] = {}
        self._default_site = site or Site(slug="file", name="File")
        self.clock = timezone.now()

    def _story(self, ref: Any) -> tuple[Story, str]:
        """Return (story, its text) for a line's "story" field."""
        if isinstance(ref, dict):
            story = Story(
                site=self._default_site,
                title=str(ref.get("title") or ""),
                body_markdown=str(ref.get("text") or ""),
                is_open=bool(ref.get("open", True)),
            )
            return story, "\n".join(filter(None, [story.title, story.body_markdown]))
        key = "" if ref is None else str(ref)
        if key not in self._stories:
            found = None
            if key and self.site is not None:
                found = (
                    Story.objects.filter(site=self.site)
                    .filter(Q(slug=key) | Q(external_id=key))
                    .first()
                )
            if found is not None:
                text = "\n".join(filter(None, [found.title, found.standfirst, found.body_markdown]))
                self._stories[key] = (found, text)
            else:
                self._stories[key] = (Story(site=self._default_site, title=key), "")
        return self._stories[key]

    def review(self, item: Item) -> Verdict:
        now = item.created or self.clock
        self.clock = now
        story, story_text = self._story(item.story)
        parent_text = self.store.texts.get(str(item.parent), "") if item.parent is not None else ""
        # Not a real account: phases follow the author through ctx.author_key.
        author = SimpleNamespace(pk=None, is_authenticated=True, username=item.author)
        candidate = Candidate(
            story=story,
            author=author,  # type: ignore[arg-type]
            text=item.text,
            client_address=item.client_address,
            extra={"post_anyway": item.post_anyway},
        )
        ctx = MemoryContext(
            candidate,
            self.settings,
            now,
            store=self.store,
            author_key=f"author:{item.author}",
            story_text=story_text,
            parent_text=parent_text,
        )
        verdict = pipeline.run(candidate, ctx)
        self.store.record(
            id=str(item.id),
            author_key=ctx.author_key,
            text=item.text,
            text_hash=ctx.text_hash,
            minhash=ctx.minhash,
            created_at=now,
            status=STATUS_FOR_DECISION[verdict.decision],
        )
        return verdict


def output(item: Item, verdict: Verdict) -> dict[str, Any]:
    return {
        "id": item.id,
        "decision": str(verdict.decision),
        "reasons": [
            {
                "code": reason.code,
                "detail": reason.detail,
                "score": reason.score,
                "spans": [list(span) for span in reason.spans],
            }
            for reason in verdict.reasons
        ],
        "scores": {label: round(p, 4) for label, p in sorted(verdict.scores.items())},
    }


def run(
    lines: Iterable[bytes | str],
    *,
    out: Writer,
    err: Writer,
    site: Site | None = None,
    rate_limits: bool = False,
    apply: bool = False,
) -> int:
    """Moderate every line; write results to out and problems to err. Returns the error count."""
    from civility.moderation.actions import do_apply_batch_decision

    batch = Batch(site=site, rate_limits=rate_limits)
    errors = 0
    for number, raw in enumerate(lines, start=1):
        try:
            text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        except UnicodeDecodeError:
            err.write(f"line {number}: not UTF-8; skipped\n")
            errors += 1
            continue
        if not text.strip():
            continue
        try:
            item = parse_line(text)
        except BadLine as exc:
            err.write(f"line {number}: {exc}; skipped\n")
            errors += 1
            continue
        verdict = batch.review(item)
        out.write(json.dumps(output(item, verdict), ensure_ascii=False) + "\n")
        if apply and site is not None:
            problem = do_apply_batch_decision(site=site, comment_id=item.id, verdict=verdict)
            if problem:
                err.write(f"line {number}: {problem}; not applied\n")
                errors += 1
    return errors
