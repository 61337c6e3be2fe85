"""Roles scope moderation to sites: superusers everywhere, staff status alone nowhere."""

from __future__ import annotations

import pytest

from civility.discussion.access import can_moderate as can_moderate_story
from civility.discussion.access import visible_comments
from civility.moderation.models import Role, SiteRole
from civility.moderation.roles import can_administer, can_moderate, moderated_site_ids
from civility.stories.models import Site

pytestmark = pytest.mark.django_db


@pytest.fixture
def herald():
    return Site.objects.create(slug="herald", name="The Herald")


def test_a_moderator_moderates_only_their_site(site, herald, make_user):
    user = make_user("mod")
    SiteRole.objects.create(user=user, site=site, role=Role.MODERATOR)
    assert can_moderate(user, site) and not can_moderate(user, herald)
    assert not can_administer(user, site)
    assert moderated_site_ids(user) == [site.pk]


def test_a_site_admin_also_moderates(site, make_user):
    user = make_user("admin")
    SiteRole.objects.create(user=user, site=site, role=Role.SITE_ADMIN)
    assert can_moderate(user, site) and can_administer(user, site)


def test_staff_status_alone_moderates_nothing(site, make_user, story):
    staff = make_user("staffer", is_staff=True)
    assert not can_moderate(staff, site)
    assert not can_moderate_story(staff, story)


def test_superusers_moderate_everywhere(site, herald, make_user):
    root = make_user("root", is_superuser=True)
    assert can_moderate(root, site) and can_moderate(root, herald) and can_administer(root, herald)
    assert moderated_site_ids(root) is None


def test_an_inactive_moderator_moderates_nothing(site, make_user):
    user = make_user("gone", is_active=False)
    SiteRole.objects.create(user=user, site=site)
    assert not can_moderate(user, site)


def test_the_story_page_shows_held_comments_to_the_site_s_moderators(post, story, site, make_user):
    held = post("See http://pills.example.com")
    mod = make_user("mod")
    SiteRole.objects.create(user=mod, site=site)
    assert held in visible_comments(mod, story)
    assert held not in visible_comments(make_user("other"), story)
