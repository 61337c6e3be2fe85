from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.CELERY_BROKER_URL = ""
    settings.NOTIFICATIONS_DEFAULT_MODE = "immediate"
    settings.NOTIFICATIONS_FOLLOW_OWN_COMMENTS = True
    settings.SITE_URL = "https://comments.example"


@pytest.fixture(autouse=True)
def _pipeline_switch(verdict):
    """Every test here publishes unless it sets `verdict` (tests/conftest.py)."""
    return verdict


@pytest.fixture
def post(run_after_commit):
    from civility.discussion.actions import do_post_comment

    def post(story, author, text, parent=None):
        comment, _ = run_after_commit(
            do_post_comment, story=story, author=author, text=text, parent=parent
        )
        return comment

    return post
