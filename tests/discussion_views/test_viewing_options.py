from __future__ import annotations

import re

import pytest

from civility.accounts.models import Profile
from civility.discussion.viewing import SESSION_KEY

pytestmark = pytest.mark.django_db


def options_url(story) -> str:
    return story.get_absolute_url() + "viewing-options/"


def selected(html: str, control_id: str) -> str:
    select = re.search(rf'<select id="{control_id}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.search(r'<option value="([^"]*)" selected>', select).group(1)


def test_it_saves_a_signed_in_readers_choice_on_the_profile(client, story, reader):
    client.force_login(reader)
    response = client.post(
        options_url(story), {"mode": "flat_collapsed", "order": "newest", "per_page": "10"}
    )
    assert response.status_code == 302
    assert response["Location"] == story.get_absolute_url() + "#comments"
    profile = Profile.objects.get(user=reader)
    assert (profile.display_mode, profile.sort_order, profile.per_page) == (
        "flat_collapsed",
        "newest",
        10,
    )
    html = client.get(story.get_absolute_url()).content.decode()
    assert selected(html, "vo-mode") == "flat_collapsed"
    assert selected(html, "vo-order") == "newest"
    assert selected(html, "vo-per-page") == "10"


def test_it_saves_an_anonymous_readers_choice_in_the_session(client, story):
    client.post(
        options_url(story), {"mode": "threaded_collapsed", "order": "reactions", "per_page": "300"}
    )
    assert client.session[SESSION_KEY] == {
        "mode": "threaded_collapsed",
        "order": "reactions",
        "per_page": 300,
    }
    html = client.get(story.get_absolute_url()).content.decode()
    assert selected(html, "vo-mode") == "threaded_collapsed"
    assert selected(html, "vo-order") == "reactions"
    assert selected(html, "vo-per-page") == "300"


def test_it_lets_the_url_override_the_saved_choice_for_one_view(client, story, reader):
    client.force_login(reader)
    client.post(options_url(story), {"mode": "flat_collapsed", "order": "newest", "per_page": "10"})
    html = client.get(
        story.get_absolute_url() + "?mode=threaded_expanded&per_page=70"
    ).content.decode()
    assert selected(html, "vo-mode") == "threaded_expanded"
    assert selected(html, "vo-order") == "newest"
    assert selected(html, "vo-per-page") == "70"
    # The override did not change what is saved.
    assert Profile.objects.get(user=reader).display_mode == "flat_collapsed"


def test_it_ignores_values_that_are_not_offered(client, story, reader):
    client.force_login(reader)
    response = client.post(
        options_url(story), {"mode": "bogus", "order": "newest", "per_page": "7"}
    )
    assert response.status_code == 302
    assert Profile.objects.get(user=reader).display_mode == ""
    html = client.get(story.get_absolute_url() + "?mode=nonsense&per_page=11").content.decode()
    assert selected(html, "vo-mode") == "threaded_expanded"
    assert selected(html, "vo-per-page") == "50"


def test_it_refuses_to_save_without_a_csrf_token(story, reader):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(reader)
    response = client.post(
        options_url(story), {"mode": "flat_collapsed", "order": "newest", "per_page": "10"}
    )
    assert response.status_code == 403
    assert Profile.objects.get(user=reader).display_mode == ""
