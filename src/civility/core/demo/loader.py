"""Load the demo into the database through the same actions readers and staff use."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from civility.accounts.actions import do_set_avatar, do_update_profile
from civility.core.demo import stories as specs
from civility.core.demo.people import DEMO_LOGIN, DEMO_PASSWORD, READERS, REPORTER, Person
from civility.core.demo.pictures import avatar_png, bridge_png
from civility.core.demo.thread import PlannedComment, Writer, plan_thread
from civility.discussion.actions import (
    do_delete_comment,
    do_edit_comment,
    do_post_comment,
    do_react,
    do_report,
)
from civility.discussion.models import Comment, CommentRevision, CommentStatus, Report
from civility.moderation.models import ModerationSettings
from civility.moderation.site_settings import ensure_settings
from civility.stories.actions import update_story_body
from civility.stories.models import Site, Story

SEED = 20260415
MAIN_THREAD_SIZE = 350
MAIN_TOP_LEVEL = 48

# Reaction kinds in the proportions readers tend to use them.
REACTION_WEIGHTS = {"like": 55, "insightful": 20, "disagree": 15, "funny": 10}

REPORTS = (
    ("off_topic", "This is about the bus network, not the bridge."),
    ("abusive", "Calling people's jobs worthless is not a debate."),
    ("other", "Numbers here are wrong; see the amendment."),
    ("spam", ""),
    ("off_topic", ""),
)


@dataclass
class DemoResult:
    created: bool
    site: Site
    main_story: Story
    stories: list[Story] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def url(self, story: Story) -> str:
        return settings.SITE_URL + story.get_absolute_url()


def demo_usernames() -> list[str]:
    return [p.username for p in (*READERS, REPORTER, DEMO_LOGIN)]


def existing_demo() -> DemoResult | None:
    site = Site.objects.filter(slug=specs.SITE_SLUG).first()
    if site is None:
        return None
    main = Story.objects.filter(site=site, slug=specs.MAIN.slug).first()
    if main is None:
        return None
    return DemoResult(
        created=False,
        site=site,
        main_story=main,
        stories=list(Story.objects.filter(site=site).order_by("-published_at")),
        counts=_counts(site),
    )


def remove_demo() -> None:
    """Delete the demo site, its stories and threads, and the demo accounts."""
    User = get_user_model()  # noqa: N806
    users = User.objects.filter(username__in=demo_usernames()).select_related("profile")
    for user in users:
        profile = getattr(user, "profile", None)
        if profile is not None and profile.avatar:
            default_storage.delete(profile.avatar.name)
    with transaction.atomic():
        Site.objects.filter(slug=specs.SITE_SLUG).delete()
        users.delete()
    default_storage.delete(specs.BRIDGE_IMAGE_NAME)


def ensure_demo_login() -> tuple[object, bool]:
    """The account anyone may sign in with; created once, its password never changed after."""
    User = get_user_model()  # noqa: N806
    user = User.objects.filter(username=DEMO_LOGIN.username).first()
    if user is not None:
        return user, False
    user = User.objects.create_user(
        username=DEMO_LOGIN.username, email="demo@example.org", password=DEMO_PASSWORD
    )
    do_update_profile(user, display_name=DEMO_LOGIN.display_name, bio=DEMO_LOGIN.bio)
    return user, True


class DemoConflict(Exception):
    """Something that is not the demo already uses the demo's site slug."""


def load_demo() -> DemoResult:
    """Create the demo once; later calls return what is there and only add a missing demo login."""
    found = existing_demo()
    if found is not None:
        ensure_demo_login()
        return found
    if Site.objects.filter(slug=specs.SITE_SLUG).exists():
        raise DemoConflict(
            f"A site with the slug {specs.SITE_SLUG!r} exists but holds no demo story. Rename its "
            "slug in the admin, or run `civility demo --reset` to delete it and load the demo."
        )
    now = timezone.now()
    with transaction.atomic():
        result = _load(now)
    return result


_PAUSED_WHILE_REPLAYING = (
    "rate_limit_enabled",
    "repeat_enabled",
    "copypasta_enabled",
    "links_enabled",
    "history_enabled",
    "ml_enabled",
)


def _load(now: datetime) -> DemoResult:
    ensure_demo_login()
    people = {
        person.username: _person(person, index) for index, person in enumerate((*READERS, REPORTER))
    }
    site = Site.objects.create(slug=specs.SITE_SLUG, name=specs.SITE_NAME, url=specs.SITE_URL)
    moderation = ensure_settings(site)
    # The thread is history replayed in a second from generated text: rate limits count real
    # seconds, not the backdated ones; the phrase templates make near-duplicates; and any hold
    # would orphan the replies planned under it. The checks that judge posting behaviour or
    # guess are off while it loads and back as they were afterwards.
    paused = {name: getattr(moderation, name) for name in _PAUSED_WHILE_REPLAYING}
    ModerationSettings.objects.filter(pk=moderation.pk).update(
        **dict.fromkeys(_PAUSED_WHILE_REPLAYING, False)
    )

    _store_picture(specs.BRIDGE_IMAGE_NAME, bridge_png())
    created = {
        spec.slug: _story(spec, site, people[REPORTER.username], now) for spec in specs.STORIES
    }
    fill = {
        "site_slug": site.slug,
        "library_slug": specs.LIBRARY.slug,
        "image_name": specs.BRIDGE_IMAGE_NAME,
    }
    for spec in specs.STORIES:
        if spec.body:
            update_story_body(created[spec.slug], spec.body.format(**fill))

    rng = random.Random(SEED)
    writer = Writer(random.Random(SEED))
    main = created[specs.MAIN.slug]
    plan = plan_thread(
        writer=writer,
        seed=SEED,
        total=MAIN_THREAD_SIZE,
        top_level=MAIN_TOP_LEVEL,
        span_minutes=_age_minutes(main, now),
    )
    posted = _post_thread(main, plan, people, rng, delete_one=True)
    _react(posted, list(people.values()), rng)
    _report(posted, list(people.values()), rng, now)

    for offset, spec in enumerate(specs.STORIES):
        if spec.small_thread:
            story = created[spec.slug]
            small = plan_thread(
                writer=writer,
                seed=SEED + offset,
                total=spec.small_thread,
                top_level=max(2, spec.small_thread // 3),
                span_minutes=_age_minutes(story, now),
                max_depth=3,
                reporter_replies=1 if spec.by_reporter else 0,
                edits=0,
            )
            _react(_post_thread(story, small, people, rng), list(people.values()), rng)
    for spec in specs.STORIES:
        if not spec.is_open:
            # Closed after its comments came in, as letters are after a day.
            Story.objects.filter(pk=created[spec.slug].pk).update(is_open=False)

    ModerationSettings.objects.filter(pk=moderation.pk).update(**paused)
    main.refresh_from_db()
    return DemoResult(
        created=True,
        site=site,
        main_story=main,
        stories=list(Story.objects.filter(site=site).order_by("-published_at")),
        counts=_counts(site),
    )


def _age_minutes(story: Story, now: datetime) -> float:
    return (now - story.published_at).total_seconds() / 60


def _person(person: Person, index: int):  # type: ignore[no-untyped-def]
    """The demo account for person; one left by an earlier load (its site deleted) is reused."""
    User = get_user_model()  # noqa: N806
    user = User.objects.filter(username=person.username).first()
    if user is None:
        # No password: these accounts only exist to have written the demo thread.
        user = User.objects.create_user(
            username=person.username, email=f"{person.username}@example.org", password=None
        )
    profile = do_update_profile(user, display_name=person.display_name, bio=person.bio)
    if not profile.avatar:
        picture = ContentFile(avatar_png(person.display_name, index), name=f"{person.username}.png")
        do_set_avatar(user, picture)
    return user


def _store_picture(name: str, data: bytes) -> None:
    if default_storage.exists(name):
        default_storage.delete(name)
    default_storage.save(name, ContentFile(data))


def _story(spec: specs.StorySpec, site: Site, reporter, now: datetime) -> Story:  # type: ignore[no-untyped-def]
    return Story.objects.create(
        site=site,
        slug=spec.slug,
        title=spec.title,
        standfirst=spec.standfirst,
        url=spec.url,
        author=reporter if spec.by_reporter else None,
        author_name=REPORTER.display_name if spec.by_reporter else spec.author_name,
        published_at=now - timedelta(days=spec.days_ago),
    )


def _post_thread(
    story: Story,
    plan: list[PlannedComment],
    people: dict,  # type: ignore[type-arg]
    rng: random.Random,
    *,
    delete_one: bool = False,
) -> list[Comment]:
    """Post the planned comments in order, then date each as planned."""
    by_key: dict[int, Comment] = {}
    dates: dict[int, datetime] = {}
    for planned in plan:
        author = people[planned.author.username]
        parent = by_key.get(planned.parent) if planned.parent is not None else None
        comment, _ = do_post_comment(
            story=story,
            author=author,
            text=planned.text,
            parent=parent,
            client_address=f"192.0.2.{list(people).index(planned.author.username) + 10}",
            # Replayed comments have no author to nudge: write them as if posted anyway.
            post_anyway=True,
        )
        if planned.edit_to:
            do_edit_comment(comment=comment, user=author, text=planned.edit_to, post_anyway=True)
        by_key[planned.key] = comment
        dates[comment.pk] = story.published_at + timedelta(minutes=planned.minute)
    if delete_one:
        # One reader thinks better of a comment that already has replies: a placeholder stays.
        candidates = [c for c in plan if c.depth == 1 and len(c.children) >= 2 and not c.edit_to]
        victim = by_key[rng.choice(candidates).key]
        do_delete_comment(comment=victim, user=victim.author)
    for pk, created_at in dates.items():
        Comment.objects.filter(pk=pk).update(created_at=created_at)
        revised = created_at + timedelta(minutes=rng.randint(2, 12))
        if CommentRevision.objects.filter(comment_id=pk).update(created_at=revised):
            Comment.objects.filter(pk=pk, edited_at__isnull=False).update(edited_at=revised)
    return list(by_key.values())


def _react(comments: list[Comment], users: list, rng: random.Random) -> None:  # type: ignore[type-arg]
    kinds = list(REACTION_WEIGHTS)
    weights = list(REACTION_WEIGHTS.values())
    for comment in comments:
        comment.refresh_from_db(fields=["status"])
        if comment.status != CommentStatus.PUBLISHED:
            continue
        count = min(int(rng.expovariate(1 / 1.3)), 8)
        for user in rng.sample(users, count + 1):
            if user.pk == comment.author_id:
                continue
            do_react(comment=comment, user=user, kind=rng.choices(kinds, weights)[0])


def _report(comments: list[Comment], users: list, rng: random.Random, now: datetime) -> None:  # type: ignore[type-arg]
    published = [c for c in comments if c.status == CommentStatus.PUBLISHED]
    for reason, note in REPORTS:
        comment = rng.choice(published)
        reporter = rng.choice([u for u in users if u.pk != comment.author_id])
        do_report(comment=comment, user=reporter, reason=reason, note=note)
    # A moderator already dealt with one of them.
    first = Report.objects.filter(comment__story=comments[0].story).order_by("pk").first()
    if first is not None:
        Report.objects.filter(pk=first.pk).update(resolved_at=now - timedelta(hours=5))


def _counts(site: Site) -> dict[str, int]:
    comments = Comment.objects.filter(story__site=site)
    User = get_user_model()  # noqa: N806
    return {
        "stories": Story.objects.filter(site=site).count(),
        "comments": comments.count(),
        "published": comments.filter(status=CommentStatus.PUBLISHED).count(),
        "held": comments.filter(status=CommentStatus.HELD).count(),
        "max_depth": max(comments.values_list("depth", flat=True), default=0),
        "reactions": sum(comments.values_list("reaction_count", flat=True)),
        "reports": Report.objects.filter(comment__story__site=site).count(),
        "readers": User.objects.filter(
            Q(username__in=demo_usernames()), profile__avatar__gt=""
        ).count(),
    }


def story_urls(result: DemoResult) -> list[tuple[Story, str]]:
    return [(story, result.url(story)) for story in result.stories]


def admin_url() -> str:
    return settings.SITE_URL + reverse("admin:index")
