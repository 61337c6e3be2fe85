from __future__ import annotations

import re

import pytest
from django.utils import timezone

from civility.stories.models import Story

pytestmark = pytest.mark.django_db


def test_it_shows_the_title_byline_picture_and_hosted_body(client, story):
    response = client.get(story.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="story-title">Council passes the budget</h1>' in html
    assert "By Ann Writer" in html
    assert 'alt="Ann Writer&#x27;s picture"' in html
    assert "The council <strong>voted</strong> on Tuesday." in html


def test_it_links_to_the_original_for_a_story_hosted_elsewhere(client, site):
    story = Story.objects.create(
        site=site,
        slug="elsewhere",
        title="Read it there",
        url="https://news.example.org/read-it-there",
        published_at=timezone.now(),
    )
    html = client.get(story.get_absolute_url()).content.decode()
    assert 'href="https://news.example.org/read-it-there"' in html
    assert "read the original article" in html


def test_it_offers_exactly_the_comment_viewing_options(client, story):
    html = client.get(story.get_absolute_url()).content.decode()
    form = html[
        html.index('class="viewing-options"') : html.index(
            "</form>", html.index('class="viewing-options"')
        )
    ]
    assert "Comment viewing options" in form
    options = re.findall(r"<option value=\"[^\"]*\"[^>]*>([^<]*)</option>", form)
    assert options == [
        "Flat list - collapsed",
        "Flat list - expanded",
        "Threaded list - collapsed",
        "Threaded list - expanded",
        "Date - newest first",
        "Date - oldest first",
        "Most replies",
        "Most reactions",
        "10",
        "30",
        "50",
        "70",
        "90",
        "150",
        "200",
        "250",
        "300",
    ]
    assert re.search(r'<option value="50" selected>50</option>', form)
    assert "Save settings</button>" in form
    assert (
        "Select your preferred way to display the comments and click 'Save settings' "
        "to activate your changes." in form
    )
    # Every control has a label tied to it.
    for control_id in ("vo-mode", "vo-order", "vo-per-page"):
        assert f'<label for="{control_id}">' in form
        assert f'id="{control_id}"' in form


def test_it_answers_404_for_an_unknown_story_or_site(client, story):
    assert client.get("/gazette/no-such-story/").status_code == 404
    assert client.get("/nowhere/budget-vote/").status_code == 404


def test_it_invites_anonymous_readers_to_log_in_to_comment(client, story):
    html = client.get(story.get_absolute_url()).content.decode()
    assert "Log in to comment</a>" in html
    assert "/accounts/login/?next=/gazette/budget-vote/" in html
    assert 'name="text"' not in html


def test_it_gives_signed_in_readers_a_comment_form_with_a_fresh_token(client, story, reader):
    client.force_login(reader)
    first = client.get(story.get_absolute_url()).content.decode()
    second = client.get(story.get_absolute_url()).content.decode()
    token = re.compile(r'name="idempotency_key" value="([0-9a-f]{32})"')
    assert token.search(first) and token.search(second)
    assert token.search(first).group(1) != token.search(second).group(1)
    assert '<label for="new-comment-text">Your comment</label>' in first
