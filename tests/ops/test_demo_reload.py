"""`civility demo` refuses to overwrite a real site and reuses demo accounts left behind."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command


def test_it_refuses_when_another_site_has_the_demo_slug(site, settings, tmp_path):
    from civility.stories.models import Story

    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(CommandError, match="exists but holds no demo story"):
        call_command("demo", stdout=StringIO())
    assert site.name == "The Gazette"
    assert not Story.objects.exists()


def test_it_reuses_demo_accounts_whose_site_was_deleted(make_user, settings, tmp_path):
    from django.contrib.auth import get_user_model

    from civility.discussion.models import Comment

    settings.MEDIA_ROOT = tmp_path
    left_behind = make_user("dwhitaker")
    call_command("demo", stdout=StringIO())
    assert get_user_model().objects.filter(username="dwhitaker").count() == 1
    assert Comment.objects.filter(author=left_behind).exists()
    left_behind.profile.refresh_from_db()
    assert left_behind.profile.display_name == "Dolores Whitaker"
    assert left_behind.profile.avatar
