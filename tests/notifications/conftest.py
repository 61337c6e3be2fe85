from __future__ import annotations

import pytest

from civility.moderation import gate


@pytest.fixture(autouse=True)
def _mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.CELERY_BROKER_URL = ""
    settings.NOTIFICATIONS_DEFAULT_MODE = "immediate"
    settings.NOTIFICATIONS_FOLLOW_OWN_COMMENTS = True
    settings.SITE_URL = "https://comments.example"


@pytest.fixture(autouse=True)
def verdict(monkeypatch):
    """Publish everything unless a test sets verdict.decision."""

    class Switch:
        decision = gate.Decision.PUBLISH

    switch = Switch()
    monkeypatch.setattr(gate, "review", lambda candidate: gate.Verdict(switch.decision, ()))
    return switch


@pytest.fixture
def run_after_commit(django_capture_on_commit_callbacks):
    """Run what the code defers to after commit (events, tasks), as a real commit would."""

    def run(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return run


@pytest.fixture
def post(run_after_commit):
    from civility.discussion.actions import do_post_comment

    def post(story, author, text, parent=None):
        comment, _ = run_after_commit(
            do_post_comment, story=story, author=author, text=text, parent=parent
        )
        return comment

    return post
