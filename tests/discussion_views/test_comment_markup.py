"""The comment markup built in Python (civility.discussion.comment_html) says what the template
filters and partials it replaced would say: times, ages, avatars, the follow button."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.humanize.templatetags.humanize import naturaltime
from django.template import RequestContext, Template
from django.template.defaultfilters import date as date_filter
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone
from hypothesis import example, given, settings
from hypothesis import strategies as st

from civility.accounts.models import Profile
from civility.accounts.templatetags.avatars import avatar
from civility.discussion.actions import do_post_comment
from civility.discussion.comment_html import TITLE_FORMAT, Ages, Clock, avatar_img
from civility.discussion.presenting import set_display
from civility.discussion.viewing import DEFAULT_OPTIONS
from civility.notifications.models import Follow

ZONES = ["UTC", "Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"]
moments = st.datetimes(
    # Hypothesis takes naive bounds and puts the zone on each example.
    min_value=datetime(2000, 1, 1),  # noqa: DTZ001
    max_value=datetime(2040, 1, 1),  # noqa: DTZ001
    timezones=st.just(UTC),
)


@settings(max_examples=300, deadline=None)
@given(value=moments, zone=st.sampled_from(ZONES))
# 01:30 in London on 26 October 2025 happens twice: the "T" format then names no zone.
@example(value=datetime(2025, 10, 26, 0, 30, tzinfo=UTC), zone="Europe/London")
@example(value=datetime(2025, 10, 26, 1, 30, tzinfo=UTC), zone="Europe/London")
def test_it_writes_times_as_the_date_filter_does(value, zone):
    with timezone.override(ZoneInfo(zone)):
        clock = Clock()
        local = timezone.template_localtime(value)
        assert clock.iso(value) == date_filter(local, "c")
        assert clock.title(value) == date_filter(local, TITLE_FORMAT)


@settings(max_examples=300, deadline=None)
@given(
    now=moments,
    seconds_ago=st.one_of(
        st.integers(min_value=-3 * 86400, max_value=6 * 366 * 86400),
        st.sampled_from([0, 1, 59, 60, 3599, 3600, 86399, 86400, 86401]),
    ),
)
def test_it_says_how_long_ago_as_naturaltime_does(now, seconds_ago):
    value = now - timedelta(seconds=seconds_ago)
    with time_machine.travel(now, tick=False):
        ages = Ages()
        # Twice: the second answer comes from the phrases it already translated.
        assert ages(value) == naturaltime(value)
        assert ages(value) == naturaltime(value)


@pytest.mark.django_db
def test_avatars_match_the_avatar_tag(make_user):
    uploaded = make_user("uploader")
    Profile.objects.filter(user=uploaded).update(avatar="avatars/a b&c.png")
    pictured = make_user("pictured")
    Profile.objects.filter(user=pictured).update(picture_url='https://sso.example/p.png?a=1&b="2"')
    plain = make_user("plain")
    for user in (uploaded, pictured, plain):
        user.refresh_from_db()
        for name in ("", "Ann <b>O'Neil</b>", user.get_username()):
            assert avatar_img(user, name) == avatar(user, name, 40)
    assert avatar_img(None, "Imported <i>name</i>") == avatar(None, "Imported <i>name</i>", 40)


def _without_tokens(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "csrf", html).strip()


@pytest.mark.django_db
def test_the_follow_button_matches_the_follow_partial(story, reader, second_reader):
    followed, _ = do_post_comment(story=story, author=second_reader, text="Followed.")
    other, _ = do_post_comment(story=story, author=second_reader, text="Not followed.")
    Follow.objects.create(user=reader, story=story, comment=followed)
    for comment in (followed, other):
        set_display(
            comment, user=reader, options=DEFAULT_OPTIONS, tally={}, my_reaction=None,
            story_open=True,
        )  # fmt: skip
        request = RequestFactory().get("/")
        request.user = reader
        partial = render_to_string(
            "notifications/partials/follow_comment.html", {"c": comment}, request=request
        )
        page = Template("{% load discussion %}{% comment_html c %}").render(
            RequestContext(request, {"c": comment})
        )
        assert ">Follow" in partial
        assert _without_tokens(partial) in _without_tokens(page)
