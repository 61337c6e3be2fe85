"""Write a canonical record stream into a site: one idempotent loader for every format.

Everything happens in one transaction: a file that turns out malformed halfway leaves nothing
behind, and --dry-run is the same work rolled back. Stories and users are upserted as their
records arrive; comments are spooled to a temporary SQLite file (see spool.py), then read back
and written in chronological order so thread paths follow time within each parent, in bulk
batches. Memory is bounded by the number of stories and distinct authors (small caches of their
pks), never by the number of comments: no comment text stays in memory beyond one batch.

Idempotency: every written row is mapped in ImportedObject by (site, format, kind, source id), so
a record seen before is counted as existing and left alone. Stories are also matched by external
id, then URL; users by e-mail, then by their source identity. Imported users get no password
(unusable), so they can claim their account only through e-mail.

Parents: a reply whose parent is in the source as deleted is attached under that deleted comment
(imported with status deleted, so the thread keeps its shape). A reply whose parent is not in
the source (nor imported before) is kept as a top-level comment and counted as an orphan.
"""

from __future__ import annotations

import hashlib
import ipaddress
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from civility.accounts.models import Profile
from civility.discussion import thread_path
from civility.discussion.models import Comment, CommentStatus
from civility.imports.html_text import clean_html, render
from civility.imports.models import ImportedKind, ImportedObject
from civility.imports.records import (
    REJECTED,
    STATUSES,
    CommentRecord,
    SkippedRecord,
    StoryRecord,
    UserRecord,
)
from civility.imports.spool import EARLIER, SKIPPED, WRITTEN, Node, Spool
from civility.stories.actions import render_body
from civility.stories.models import Site, Story

BATCH_SIZE = 500
# Progress is reported every this many records read, and after every comment batch.
PROGRESS_EVERY = 1000

Progress = Callable[[str, int], None]


@dataclass
class ImportSummary:
    stories_created: int = 0
    stories_existing: int = 0
    users_created: int = 0
    users_matched: int = 0
    comments_created: int = 0
    comments_existing: int = 0
    rejected_as_spam: int = 0
    orphans_top_level: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return bool(self.errors)

    def lines(self) -> list[str]:
        out = [
            f"stories: {self.stories_created} created, {self.stories_existing} already there",
            f"users: {self.users_created} created, {self.users_matched} matched",
            f"comments: {self.comments_created} created, {self.comments_existing} already there",
            f"rejected (spam or rejected at the source): {self.rejected_as_spam}",
            f"replies kept top level (parent not in the file): {self.orphans_top_level}",
        ]
        out.extend(f"skipped ({reason}): {n}" for reason, n in sorted(self.skipped.items()))
        out.extend(f"error: {line}" for line in self.errors)
        return out


def _key(source_id: str) -> str:
    source_id = str(source_id).strip()
    if len(source_id) <= 255:
        return source_id
    return "sha256:" + hashlib.sha256(source_id.encode()).hexdigest()


def _ip_or_none(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


class _Loader:
    def __init__(self, site: Site, source_format: str, progress: Progress | None) -> None:
        self.site = site
        self.format = source_format
        self.progress = progress or (lambda stage, count: None)
        self.summary = ImportSummary()
        self.stories: dict[str, Story | None] = {}
        # Bounded by the number of distinct authors, not comments: cache key -> user pk.
        self.users: dict[str, int] = {}
        # Comments live in an on-disk spool; only the current batch's nodes stay in memory.
        self.spool = Spool()
        self.pending: dict[str, Node] = {}
        self.waiting_parents: set[str] = set()
        self.story_counters: dict[int, list[int]] = {}  # story pk -> [top_seq, published delta]
        self.batch: list[tuple[str, Comment, Node]] = []

    # Mappings

    def _mapped(self, kind: str, source_id: str) -> int | None:
        return (
            ImportedObject.objects.filter(
                site=self.site, source_format=self.format, kind=kind, source_id=_key(source_id)
            )
            .values_list("object_id", flat=True)
            .first()
        )

    def _map(self, kind: str, source_id: str, object_id: int) -> None:
        ImportedObject.objects.get_or_create(
            site=self.site,
            source_format=self.format,
            kind=kind,
            source_id=_key(source_id),
            defaults={"object_id": object_id},
        )

    # Stories

    def _unique_slug(self, title: str, keep: bool = False) -> str:
        base = slugify(title)[: 200 if keep else 180].strip("-") or "story"
        slug, n = base, 1
        while Story.objects.filter(site=self.site, slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        return slug

    def add_story(self, rec: StoryRecord) -> None:
        key = _key(rec.source_id)
        if key in self.stories:
            return
        story = None
        pk = self._mapped(ImportedKind.STORY, key)
        if pk is not None:
            story = Story.objects.filter(pk=pk, site=self.site).first()
        external_id, url = rec.external_id.strip()[:200], rec.url.strip()[:1000]
        if story is None and external_id:
            story = Story.objects.filter(site=self.site, external_id=external_id).first()
        if story is None and url:
            story = Story.objects.filter(site=self.site, url=url).first()
        if story is not None:
            self.summary.stories_existing += 1
        else:
            title = (rec.title.strip() or url or key)[:300]
            story = Story(
                site=self.site,
                slug=self._unique_slug(rec.slug or title, keep=bool(rec.slug)),
                external_id=external_id,
                url=url,
                title=title,
                author_name=rec.author_name.strip()[:200],
                standfirst=rec.standfirst,
                body_markdown=rec.body,
                published_at=rec.published_at or timezone.now(),
                is_open=rec.is_open,
            )
            render_body(story)
            story.save()
            self.summary.stories_created += 1
        self._map(ImportedKind.STORY, key, story.pk)
        self.stories[key] = story

    def _story(self, source_id: str) -> Story | None:
        key = _key(source_id)
        if key not in self.stories:
            pk = self._mapped(ImportedKind.STORY, key)
            self.stories[key] = (
                Story.objects.filter(pk=pk, site=self.site).first() if pk is not None else None
            )
        return self.stories[key]

    # Users

    def _unique_username(self, name: str, keep: bool = False) -> str:
        user_model = get_user_model()
        base = (name[:140] if keep else slugify(name)[:100]) or "reader"
        username, n = base, 1
        # Users created earlier in this import are visible here (same transaction).
        while user_model.objects.filter(username__iexact=username).exists():
            n += 1
            username = f"{base}-{n}"
        return username

    def _user(self, rec: UserRecord | None) -> int | None:
        if rec is None:
            return None
        email = rec.email.strip()
        cache_key = f"email:{email.lower()}" if email else f"id:{rec.source_id}"
        if cache_key in self.users:
            return self.users[cache_key]
        user_model = get_user_model()
        user = None
        if email:
            user = user_model.objects.filter(email__iexact=email).order_by("pk").first()
        if user is None and rec.source_id:
            pk = self._mapped(ImportedKind.USER, rec.source_id)
            if pk is not None:
                user = user_model.objects.filter(pk=pk).first()
        if user is None:
            name = rec.name.strip() or email.split("@")[0] or rec.source_id
            user = user_model.objects.create_user(
                username=self._unique_username(rec.username or name, keep=bool(rec.username)),
                email=email,
                password=None,
            )
            Profile.objects.get_or_create(
                user=user, defaults={"display_name": rec.name.strip()[:80]}
            )
            self.summary.users_created += 1
        else:
            self.summary.users_matched += 1
        if rec.source_id:
            self._map(ImportedKind.USER, rec.source_id, user.pk)
        self.users[cache_key] = user.pk
        return user.pk

    # Comments

    def _counters(self, story: Story) -> list[int]:
        if story.pk not in self.story_counters:
            # Lock the counter row so a reader posting meanwhile cannot take the same path.
            locked = Story.objects.select_for_update(no_key=True).only("top_seq").get(pk=story.pk)
            self.story_counters[story.pk] = [locked.top_seq, 0]
        return self.story_counters[story.pk]

    def _node(self, key: str) -> Node | None:
        """The node of a comment handled in this import (pending batch first, then the spool)."""
        if key in self.pending:
            return self.pending[key]
        return self.spool.node(key)

    def _parent(self, key: str) -> Node | None:
        node = self._node(key)
        if node is not None and node.state == WRITTEN:
            return node
        if node is not None and node.state == SKIPPED:
            return None
        # Imported by an earlier run (or never seen): load its row from the database.
        pk = self._mapped(ImportedKind.COMMENT, key)
        if pk is None:
            return None
        row = (
            Comment.objects.select_for_update(no_key=True)
            .filter(pk=pk, story__site=self.site)
            .values("pk", "story_id", "path", "depth", "root_seq", "child_seq", "reply_count")
            .first()
        )
        if row is None:
            return None
        node = Node(**row)
        self.spool.save_nodes([(key, node)])
        return node

    def _save_parent(self, key: str, node: Node) -> None:
        if key not in self.pending:
            self.spool.save_nodes([(key, node)])

    def _write(self, rec: CommentRecord, existing: set[str], top_level: bool = False) -> None:
        key = _key(rec.source_id)
        if key in existing or self._node(key) is not None:
            self.summary.comments_existing += 1
            self.spool.mark(key, EARLIER)
            return
        story = self._story(rec.story_source_id)
        if story is None:
            self.spool.mark(key, SKIPPED)
            self._skip(
                SkippedRecord(
                    "comment's story is not in the file",
                    f"comment {rec.source_id} (story {rec.story_source_id})",
                    is_error=True,
                )
            )
            return
        if rec.status not in STATUSES:
            self.spool.mark(key, SKIPPED)
            self._skip(SkippedRecord(f"unknown status {rec.status!r}", rec.source_id, True))
            return
        parent = None
        parent_key = _key(rec.parent_source_id) if rec.parent_source_id else ""
        if parent_key and not top_level:
            parent = self._parent(parent_key)
            if parent is not None and parent.story_id != story.pk:
                parent = None
            if parent is None:
                self.summary.orphans_top_level += 1
        if parent is not None and parent.pk is None:
            self._flush()  # the parent is in the unwritten batch
        counters = self._counters(story)
        if parent is None:
            counters[0] = max(counters[0] + 1, thread_path.FIRST_TOP_LEVEL)
            path, depth, root_seq = thread_path.child_path("", counters[0]), 0, counters[0]
        else:
            path = thread_path.child_path(parent.path, parent.child_seq)
            depth, root_seq = parent.depth + 1, parent.root_seq
            parent.child_seq += 1
            parent.dirty = True
        published = rec.status == CommentStatus.PUBLISHED
        if published:
            counters[1] += 1
            if parent is not None:
                parent.reply_count += 1
        if parent is not None:
            self._save_parent(parent_key, parent)
        if rec.status == REJECTED:
            self.summary.rejected_as_spam += 1
        comment = Comment(
            story=story,
            author_id=self._user(rec.author),
            author_name=(rec.author_name or (rec.author.name if rec.author else ""))[:150],
            parent_id=parent.pk if parent is not None else None,
            path=path,
            depth=depth,
            root_seq=root_seq,
            source=rec.text,
            html=clean_html(rec.html) if rec.html else render(rec.text, rec.text_format),
            status=rec.status,
            created_at=rec.created_at,
            edited_at=rec.edited_at,
            featured_at=rec.featured_at,
            client_address=_ip_or_none(rec.client_address),
        )
        node = Node(None, story.pk, path, depth, root_seq, 0, 0)
        self.pending[key] = node
        self.batch.append((key, comment, node))
        self.summary.comments_created += 1
        if len(self.batch) >= BATCH_SIZE:
            self._flush()

    def _flush(self) -> None:
        if not self.batch:
            return
        created = Comment.objects.bulk_create([comment for _, comment, _ in self.batch])
        mappings = []
        for (key, _, node), comment in zip(self.batch, created, strict=True):
            node.pk = comment.pk
            mappings.append(
                ImportedObject(
                    site=self.site,
                    source_format=self.format,
                    kind=ImportedKind.COMMENT,
                    source_id=key,
                    object_id=comment.pk,
                )
            )
        ImportedObject.objects.bulk_create(mappings)
        self.spool.save_nodes(self.pending.items())
        self.pending = {}
        self.batch = []
        self.progress("comments", self.summary.comments_created)

    def _existing_among(self, recs: list[tuple[int, CommentRecord]]) -> set[str]:
        """Which of these comments an earlier run imported: one query per batch."""
        keys = list({_key(rec.source_id) for _, rec in recs})
        return set(
            ImportedObject.objects.filter(
                site=self.site,
                source_format=self.format,
                kind=ImportedKind.COMMENT,
                source_id__in=keys,
            ).values_list("source_id", flat=True)
        )

    def _handled(self, key: str) -> bool:
        return key in self.pending or self.spool.node(key) is not None

    def load_comments(self) -> None:
        # Chronological, so paths follow time within each parent; a reply dated before its
        # parent (clock skew) waits in the spool for the parent and is written right after it.
        self.spool.finish_reading()
        for batch in self.spool.in_order():
            self._write_batch(batch)
        # Left waiting only in a parent cycle: break it by keeping them top level.
        for seqs in self.spool.still_waiting():
            recs = self.spool.records(seqs)
            existing = self._existing_among(recs)
            for _, rec in recs:
                self.summary.orphans_top_level += 1
                self._write(rec, existing, top_level=True)
        self._flush()
        self._save_counters()

    def _write_batch(self, batch: list[tuple[int, CommentRecord]]) -> None:
        existing = self._existing_among(batch)
        for seq, first in batch:
            queue = [(seq, first)]
            while queue:
                seq, rec = queue.pop(0)
                key = _key(rec.source_id)
                parent_key = _key(rec.parent_source_id) if rec.parent_source_id else ""
                if (
                    parent_key
                    and parent_key != key
                    and not self._handled(parent_key)
                    and self.spool.in_file(parent_key)
                ):
                    self.spool.wait(parent_key, seq)
                    self.waiting_parents.add(parent_key)
                    continue
                self._write(rec, existing)
                if key in self.waiting_parents:
                    # Rare (clock skew): the replies that waited for this one come right after it.
                    self.waiting_parents.discard(key)
                    released = self.spool.records(self.spool.release(key))
                    existing |= self._existing_among(released)
                    queue[0:0] = released

    def _save_counters(self) -> None:
        for pk, (top_seq, delta) in self.story_counters.items():
            Story.objects.filter(pk=pk).update(
                top_seq=top_seq, comment_count=F("comment_count") + delta
            )
        for rows in self.spool.dirty_nodes():
            Comment.objects.bulk_update(
                [Comment(pk=pk, child_seq=seq, reply_count=n) for pk, seq, n in rows],
                ["child_seq", "reply_count"],
                batch_size=BATCH_SIZE,
            )

    def _skip(self, rec: SkippedRecord) -> None:
        self.summary.skipped[rec.reason] += 1
        if rec.is_error:
            self.summary.errors.append(f"{rec.reason}: {rec.where}" if rec.where else rec.reason)

    def read(self, records: Iterable[object]) -> None:
        for n, rec in enumerate(records, start=1):
            if isinstance(rec, StoryRecord):
                self.add_story(rec)
            elif isinstance(rec, CommentRecord):
                self.spool.add(_key(rec.source_id), rec)
            elif isinstance(rec, SkippedRecord):
                self._skip(rec)
            if n % PROGRESS_EVERY == 0:
                self.progress("read", n)


def load(
    records: Iterable[object],
    *,
    site: Site,
    source_format: str,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportSummary:
    """Import a record stream into site; all or nothing. Raises ImportFailed for a bad file."""
    loader = _Loader(site, source_format, progress)
    try:
        with transaction.atomic():
            loader.read(records)
            loader.load_comments()
            if dry_run:
                transaction.set_rollback(True)
    finally:
        loader.spool.close()
    return loader.summary
