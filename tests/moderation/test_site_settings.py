"""Per-site settings live in the database; with no row every default applies."""

from __future__ import annotations

import pytest
from tests.moderation.evidence import codes

from civility.moderation.models import ModerationSettings
from civility.moderation.site_settings import ensure_settings, settings_for
from civility.stories.models import Site, Story

pytestmark = pytest.mark.django_db


def test_a_site_without_settings_gets_the_defaults_and_no_row_is_written(site):
    found = settings_for(site)
    assert found.pk is None
    assert found.on_phase_error == "hold"
    assert found.repeat_window_seconds == 3600
    assert found.new_commenter_hold_first == 0
    assert found.external_enabled is False
    assert not ModerationSettings.objects.exists()


def test_ensure_settings_creates_the_row_once(site):
    first = ensure_settings(site)
    assert ensure_settings(site).pk == first.pk
    assert ModerationSettings.objects.count() == 1


def test_settings_apply_to_their_own_site_only(review, story, site_settings):
    site_settings.min_length = 50
    site_settings.save()
    other_site = Site.objects.create(slug="herald", name="The Herald")
    other_story = Story.objects.create(
        site=other_site, slug="s", title="Other", published_at=story.published_at
    )
    assert "too_short" in codes(review("Short but fine.", "length"))
    assert "too_short" not in codes(review("Short but fine.", "length", on=other_story))


def test_the_default_ml_thresholds_are_not_shared_between_rows(site):
    row = ensure_settings(site)
    row.ml_thresholds["toxicity"] = 0.1
    assert ModerationSettings(site=site).ml_thresholds == {}
