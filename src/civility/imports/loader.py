"""Write a canonical record stream into a site: one idempotent loader for every format.

Everything happens in one transaction: a file that turns out malformed halfway leaves nothing
behind, and --dry-run is the same work rolled back. Stories and users are upserted as their
records arrive; comments are spooled to a temporary SQLite file (see spool.py), then read back
and written in chronological order so thread paths follow time within each parent, in bulk
batches. Memory is bounded by the number of stories and distinct authors (small caches of their
pks), never by the number of comments: no comment text stays in memory beyond one batch.

Speed: each batch costs a fixed handful of statements. Its new authors are matched and created
together (bulk users, profiles and mappings), replies to comments of the same batch go in a later
INSERT than their parents, and the thread counters are written at the end with plain UPDATEs.

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
import secrets
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urljoin

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import connection, transaction
from django.db.models import F
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import slugify

from civility.accounts.models import Profile
from civility.discussion import thread_path
from civility.discussion.models import Comment, CommentStatus
from civility.imports.account_details import apply_account_details
from civility.imports.attached import AttachedSpool, AttachedWriter
from civility.imports.html_text import clean_html, render
from civility.imports.models import ImportedKind, ImportedObject
from civility.imports.records import (
    ATTACHED_TYPES,
    REJECTED,
    STATUSES,
    CommentRecord,
    SkippedRecord,
    StoryRecord,
    UserRecord,
    sendable,
)
from civility.imports.spool import EARLIER, SKIPPED, WRITTEN, Node, Spool
from civility.stories.actions import render_body
from civility.stories.models import Site, Story

BATCH_SIZE = 500
# Progress is reported every this many records read, and after every comment batch; the stage
# "comments total" announces the number of comments before the first batch.
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
    review_scheduled: bool = False
    # "reactions: 3 created, 0 already there" and the like (Civility's own export only).
    attached: list[str] = field(default_factory=list)

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
        out.extend(self.attached)
        out.extend(f"skipped ({reason}): {n}" for reason, n in sorted(self.skipped.items()))
        out.extend(f"error: {line}" for line in self.errors)
        return out


def _key(source_id: str) -> str:
    source_id = str(source_id).strip()
    if len(source_id) <= 255:
        return source_id
    return "sha256:" + hashlib.sha256(source_id.encode()).hexdigest()


def _user_key(rec: UserRecord) -> str:
    email = rec.email.strip()
    return f"email:{email.lower()}" if email else f"id:{rec.source_id}"


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
        # First and last ImportedObject pk of the comments this run wrote.
        self.mapped_range: tuple[int, int] | None = None
        self.pending: dict[str, Node] = {}
        self.waiting_parents: set[str] = set()
        self.story_counters: dict[int, list[int]] = {}  # story pk -> [top_seq, published delta]
        # (key, comment, node, author, the node of a parent in this same batch)
        self.batch: list[tuple[str, Comment, Node, UserRecord | None, Node | None]] = []
        # Lowered base username -> the last suffix given, so a common name does not rescan.
        self.username_suffix: dict[str, int] = {}
        # Revisions, reactions, reports, moderation events: written after the comments.
        self.attached = AttachedSpool()

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
        external_id, url = rec.external_id.strip()[:200], rec.url.strip()
        if url.startswith("/") and not url.startswith("//") and self.site.url:
            # A page path (Isso keeps only that) names a page of the site's own address.
            url = urljoin(self.site.url, url)
        url = url[:1000]
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

    def _free_usernames(self, wanted: list[str], keep: list[bool]) -> list[str]:
        """A free username for each wanted name (made unique with -2, -3...), few queries."""
        user_model = get_user_model()
        bases = [
            (name[:140] if kept else slugify(name)[:100]) or "reader"
            for name, kept in zip(wanted, keep, strict=True)
        ]
        taken = set(
            user_model.objects.annotate(lowered=Lower("username"))
            .filter(lowered__in={base.lower() for base in bases})
            .values_list("lowered", flat=True)
        )
        out = []
        for base in bases:
            username, n = base, self.username_suffix.get(base.lower(), 1)
            if n > 1:
                username = f"{base}-{n}"
            # Rare (a common name): one query per candidate, resumed where the last one stopped.
            while username.lower() in taken or (
                username != base and user_model.objects.filter(username__iexact=username).exists()
            ):
                n += 1
                username = f"{base}-{n}"
            if n > 1:
                self.username_suffix[base.lower()] = n
            taken.add(username.lower())
            out.append(username)
        return out

    def _resolve_users(self, authors: Iterable[UserRecord]) -> None:
        """Find or create the user of every author not in the cache: a few queries a batch.

        Matching order per author: e-mail (case-insensitive), then the source identity mapped
        by an earlier run, then a new user without a password. Two authors that share a source
        identity in one batch become one user, as they would one by one.
        """
        todo: dict[str, UserRecord] = {}
        for rec in authors:
            key = _user_key(rec)
            if key not in self.users:
                todo.setdefault(key, rec)
        if not todo:
            return
        user_model = get_user_model()
        found: dict[str, int] = {}
        emails = {rec.email.strip().lower() for rec in todo.values() if rec.email.strip()}
        by_email: dict[str, int] = {}
        if emails:
            rows = (
                user_model.objects.annotate(lowered=Lower("email"))
                .filter(lowered__in=emails)
                .order_by("-pk")
                .values_list("lowered", "pk")
            )
            by_email = dict(rows)  # the oldest account wins, as with order_by("pk").first()
        for key, rec in todo.items():
            email = rec.email.strip().lower()
            if email and email in by_email:
                found[key] = by_email[email]
        source_ids = {_key(rec.source_id) for k, rec in todo.items() if k not in found}
        source_ids.discard("")
        if source_ids:
            mapped = dict(
                ImportedObject.objects.filter(
                    site=self.site,
                    source_format=self.format,
                    kind=ImportedKind.USER,
                    source_id__in=source_ids,
                ).values_list("source_id", "object_id")
            )
            alive = set(
                user_model.objects.filter(pk__in=mapped.values()).values_list("pk", flat=True)
            )
            for key, rec in todo.items():
                pk = mapped.get(_key(rec.source_id)) if rec.source_id else None
                if key not in found and pk in alive:
                    found[key] = pk  # type: ignore[assignment]
        self.summary.users_matched += len(found)
        # Authors sharing a source identity within the batch are created once.
        creating: dict[str, UserRecord] = {}
        same_as: dict[str, str] = {}
        for key, rec in todo.items():
            if key in found:
                continue
            identity = _key(rec.source_id) if rec.source_id else key
            if identity in creating:
                same_as[key] = identity
            else:
                creating[identity] = rec
        if creating:
            recs = list(creating.values())
            names = [
                rec.username or rec.name.strip() or rec.email.strip().split("@")[0] or rec.source_id
                for rec in recs
            ]
            usernames = self._free_usernames(names, [bool(rec.username) for rec in recs])
            users = user_model.objects.bulk_create(
                [
                    user_model(
                        username=user_model.normalize_username(username),
                        email=user_model.objects.normalize_email(rec.email.strip()),
                        # Unusable: imported readers claim their account through e-mail.
                        password=UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30),
                    )
                    for rec, username in zip(recs, usernames, strict=True)
                ],
                batch_size=BATCH_SIZE,
            )
            Profile.objects.bulk_create(
                [
                    Profile(user_id=user.pk, display_name=rec.name.strip()[:80])
                    for rec, user in zip(recs, users, strict=True)
                ],
                batch_size=BATCH_SIZE,
            )
            for rec, user in zip(recs, users, strict=True):
                # Only Civility's own export carries these; other formats skip the queries.
                if rec.date_joined or not rec.is_active or rec.password or rec.bio:
                    apply_account_details(user, rec)
            self.summary.users_created += len(users)
            created = {identity: user.pk for identity, user in zip(creating, users, strict=True)}
            for key, rec in todo.items():
                if key in found:
                    continue
                identity = same_as.get(key) or (_key(rec.source_id) if rec.source_id else key)
                found[key] = created[identity]
        ImportedObject.objects.bulk_create(
            [
                ImportedObject(
                    site=self.site,
                    source_format=self.format,
                    kind=ImportedKind.USER,
                    source_id=_key(rec.source_id),
                    object_id=found[key],
                )
                for key, rec in todo.items()
                if rec.source_id
            ],
            batch_size=BATCH_SIZE,
            # Kept as first mapped, like get_or_create.
            ignore_conflicts=True,
        )
        self.users.update(found)

    def _user(self, rec: UserRecord | None) -> int | None:
        """The pk of one author's user, found or created now."""
        if rec is None:
            return None
        self._resolve_users([rec])
        return self.users[_user_key(rec)]

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
        if key in existing:
            self.summary.comments_existing += 1
            self.spool.mark(key, EARLIER)
            return
        if self._node(key) is not None:
            # The first one was written; replies hang under it.
            self._skip(SkippedRecord("comment id seen twice in the file", f"comment {key}"))
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
            # Set in _flush, where the batch's authors are resolved together.
            author_id=None,
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
        # A parent still in this batch has no pk yet: _flush inserts it first.
        waits_for = parent if parent is not None and parent.pk is None else None
        self.batch.append((key, comment, node, rec.author, waits_for))
        self.summary.comments_created += 1
        if len(self.batch) >= BATCH_SIZE:
            self._flush()

    def _flush(self) -> None:
        if not self.batch:
            return
        self._resolve_users(entry[3] for entry in self.batch if entry[3] is not None)
        # Replies to comments of this same batch go in a later INSERT than their parents, so
        # they know the parent's pk: one INSERT per level of nesting within the batch.
        levels: list[list[tuple[Comment, Node, Node | None]]] = []
        level_of: dict[int, int] = {}
        for _, comment, node, author, waits_for in self.batch:
            if author is not None:
                comment.author_id = self.users[_user_key(author)]
            level = 0 if waits_for is None else level_of[id(waits_for)] + 1
            level_of[id(node)] = level
            if level == len(levels):
                levels.append([])
            levels[level].append((comment, node, waits_for))
        for group in levels:
            for comment, _, waits_for in group:
                if waits_for is not None:
                    comment.parent_id = waits_for.pk
            created = Comment.objects.bulk_create([comment for comment, _, _ in group])
            for (_, node, _), row in zip(group, created, strict=True):
                node.pk = row.pk
        mappings = []
        for key, comment, *_ in self.batch:
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
        # The range --moderate reviews; bulk_create filled the pks on both databases.
        if self.mapped_range is None:
            self.mapped_range = (mappings[0].pk, mappings[-1].pk)
        self.mapped_range = (self.mapped_range[0], mappings[-1].pk)
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
        # Tells the progress display how many comments there are to write.
        self.progress("comments total", self.spool.count)
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
        # Plain parameterised UPDATEs: bulk_update's CASE expressions cost far more to build.
        quote, meta = connection.ops.quote_name, Comment._meta
        table, pk_column = quote(meta.db_table), quote(str(meta.pk.column))  # type: ignore[union-attr]
        child_seq = quote(str(meta.get_field("child_seq").column))
        reply_count = quote(str(meta.get_field("reply_count").column))
        # Names come from the model, values are parameters.
        sql = f"UPDATE {table} SET {child_seq} = %s, {reply_count} = %s WHERE {pk_column} = %s"  # noqa: S608
        with connection.cursor() as cursor:
            for rows in self.spool.dirty_nodes():
                cursor.executemany(sql, [(seq, n, pk) for pk, seq, n in rows])

    # Attached records (Civility's own export; see attached.py)

    def load_attached(self) -> None:
        writer = AttachedWriter(
            site=self.site, source_format=self.format, key=_key, user_pk=self._user, skip=self._skip
        )
        writer.write(self.attached)
        self.summary.attached = writer.lines()

    def _skip(self, rec: SkippedRecord) -> None:
        self.summary.skipped[rec.reason] += 1
        if rec.is_error:
            self.summary.errors.append(f"{rec.reason}: {rec.where}" if rec.where else rec.reason)

    def read(self, records: Iterable[object]) -> None:
        for n, rec in enumerate(records, start=1):
            if isinstance(rec, StoryRecord | UserRecord | CommentRecord):
                rec = sendable(rec)
            if isinstance(rec, StoryRecord):
                self.add_story(rec)
            elif isinstance(rec, CommentRecord):
                self.spool.add(_key(rec.source_id), rec)
            elif isinstance(rec, SkippedRecord):
                self._skip(rec)
            elif isinstance(rec, ATTACHED_TYPES):
                self.attached.add(rec)
            elif isinstance(rec, UserRecord):
                # A user line (Civility's own export) makes the account now, with every detail
                # it carries; comments and reactions naming it later are matched to it.
                self._user(rec)
            if n % PROGRESS_EVERY == 0:
                self.progress("read", n)


def load(
    records: Iterable[object],
    *,
    site: Site,
    source_format: str,
    dry_run: bool = False,
    progress: Progress | None = None,
    moderate: bool = False,
) -> ImportSummary:
    """Import a record stream into site; all or nothing. Raises ImportFailed for a bad file.

    With moderate, the comments written are reviewed by the moderation pipeline once the
    import commits (see tasks.py).
    """
    loader = _Loader(site, source_format, progress)
    try:
        with transaction.atomic():
            loader.read(records)
            loader.load_comments()
            loader.load_attached()
            if dry_run:
                transaction.set_rollback(True)
            elif moderate and loader.mapped_range is not None:
                from civility.imports import tasks  # moderation loads only when asked for

                first, last = loader.mapped_range
                tasks.schedule(
                    site=site, source_format=source_format, first_mapping=first, last_mapping=last
                )
                loader.summary.review_scheduled = True
    finally:
        loader.spool.close()
        loader.attached.close()
    return loader.summary
