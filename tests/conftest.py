"""Shared fixtures: personas and a story to talk about. Each test runs on SQLite or PostgreSQL,
whichever DATABASE_URL selects."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop.


@pytest.fixture
def site(db):
    from civility.stories.models import Site

    return Site.objects.create(slug="gazette", name="The Gazette")


@pytest.fixture
def story(site):
    from django.utils import timezone

    from civility.stories.models import Story

    return Story.objects.create(
        site=site,
        slug="budget-vote",
        title="Council passes the budget",
        author_name="Ann Writer",
        body_markdown="The council **voted** on Tuesday.",
        published_at=timezone.now(),
    )


def _make_user(username: str, **extra):
    from django.contrib.auth import get_user_model

    from civility.accounts.models import Profile

    user = get_user_model().objects.create_user(
        username=username,
        email=f"{username}@example.org",
        password="correct horse battery",
        **extra,
    )
    Profile.objects.get_or_create(user=user)
    return user


@pytest.fixture
def make_user(db):
    return _make_user


@pytest.fixture
def reader(db):
    return _make_user("reader")


@pytest.fixture
def second_reader(db):
    return _make_user("second")


@pytest.fixture
def moderator(site):
    """A moderator of `site` by role."""
    from civility.moderation.models import SiteRole

    user = _make_user("moderator")
    SiteRole.objects.create(user=user, site=site)
    return user


@pytest.fixture
def staff_user(db):
    """Staff status without a site role: may use admin, moderates nothing."""
    return _make_user("staff", is_staff=True)


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    """Hash test passwords cheaply; the real hasher costs ~0.3 s a user on this machine."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache; one test's posts must not limit the next's.
    A process's signature windows too: a flushed database may hand out the same ids again."""
    from django.core.cache import cache

    from civility.moderation.context import forget_signature_windows

    cache.clear()
    forget_signature_windows()
    yield
    cache.clear()


@pytest.fixture
def verdict(monkeypatch):
    """Replace the moderation pipeline with a switch: publish everything unless a test sets
    verdict.decision (and reasons), or nudge_spans (held, with a nudge unless posted anyway).
    Directories about pages, the API, mail or webhooks turn it on for every test; the pipeline
    has its own tests."""
    from civility.moderation import gate

    class Switch:
        decision = gate.Decision.PUBLISH
        reasons: tuple[gate.Reason, ...] = ()
        nudge_spans: tuple[tuple[int, int], ...] = ()

        def __call__(self, candidate):
            nudge = bool(self.nudge_spans) and not candidate.extra.get("post_anyway")
            decision = gate.Decision.HOLD if self.nudge_spans else self.decision
            return gate.Verdict(decision, self.reasons, nudge=nudge, nudge_spans=self.nudge_spans)

    switch = Switch()
    monkeypatch.setattr(gate, "review", switch)
    return switch


@pytest.fixture
def run_after_commit(django_capture_on_commit_callbacks):
    """Run what the code defers to after commit (events, tasks), as a real commit would."""

    def run(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return run


@pytest.fixture
def replica_on(settings):  # type: ignore[no-untyped-def]
    """A replica configured, pinning a writer to the primary for 15 s; no page cache, so every
    request reaches a database."""
    settings.CIVILITY_READ_REPLICA = "replica"
    settings.DATABASE_REPLICA_PIN_SECONDS = 15
    settings.PAGE_CACHE_SECONDS = 0
