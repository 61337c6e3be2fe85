"""Helpers for the moderation tests: run one phase (or all) against the database, a fake scorer."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def fresh_state():
    """No classifier, whatever other tests left behind (the root conftest empties the cache)."""
    from civility.moderation import scoring

    scoring.set_scorer(None)
    yield
    scoring.reset()


@pytest.fixture
def site_settings(site):
    """The site's settings row; tests change fields and save."""
    from civility.moderation.site_settings import ensure_settings

    return ensure_settings(site)


@pytest.fixture
def review(story, reader):
    """Run the named phases (default: all) on a text, against the database; return the Verdict."""
    from civility.moderation import pipeline
    from civility.moderation.context import DatabaseContext
    from civility.moderation.gate import Candidate
    from civility.moderation.site_settings import settings_for

    def run(
        text,
        *phases,
        author=None,
        on=None,
        parent=None,
        address=None,
        editing=None,
        extra=None,
        now=None,
        clock=None,
    ):
        target = on or story
        candidate = Candidate(
            story=target,
            author=author or reader,
            text=text,
            parent=parent,
            client_address=address,
            editing=editing,
            extra=extra or {},
        )
        ctx = DatabaseContext(candidate, settings_for(target.site), now=now)
        kwargs = {"clock": clock} if clock else {}
        return pipeline.run(candidate, ctx, names=phases or None, **kwargs)

    return run


@pytest.fixture
def post(story, reader):
    """Post through discussion.actions (the real gate); return the comment."""
    from civility.discussion.actions import do_post_comment

    def run(text, *, author=None, on=None, parent=None, address=None):
        comment, _verdict = do_post_comment(
            story=on or story,
            author=author or reader,
            text=text,
            parent=parent,
            client_address=address,
        )
        return comment

    return run


@pytest.fixture
def scorer():
    from tests.moderation.fake_scorer import FakeScorer

    from civility.moderation import scoring

    fake = FakeScorer(
        {
            "idiot": {"toxicity": 0.93, "insult": 0.91},
            "hurt you": {"toxicity": 0.85, "threat": 0.88},
            "damn": {"profanity": 0.95},
        }
    )
    scoring.set_scorer(fake)
    return fake
