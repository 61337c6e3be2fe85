from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from civility.accounts.models import Profile
from civility.discussion.models import Comment, CommentStatus

pytestmark = pytest.mark.django_db


def test_it_needs_a_logged_in_reader(client):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login") + "?next=")


def test_it_saves_the_display_name_and_bio(client, reader):
    client.force_login(reader)
    response = client.post(
        reverse("accounts:profile"), {"display_name": "  Rita  ", "bio": "Reads the Gazette."}
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=reader)
    assert (profile.display_name, profile.bio) == ("Rita", "Reads the Gazette.")


def test_it_explains_a_bio_that_is_too_long(client, reader):
    client.force_login(reader)
    response = client.post(reverse("accounts:profile"), {"display_name": "", "bio": "x" * 301})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Ensure this value has at most 300 characters" in page
    assert 'aria-describedby="id_bio_helptext id_bio_error"' in page
    assert Profile.objects.get(user=reader).bio == ""


def test_it_shows_saved_viewing_options_and_recent_comments(client, reader, story):
    profile = reader.profile
    profile.display_mode, profile.sort_order, profile.per_page = "flat_expanded", "newest", 30
    profile.save()
    mine = Comment.objects.create(
        story=story, author=reader, path="0001", root_seq=1, source="My view", html="<p>My view</p>"
    )
    Comment.objects.create(
        story=story,
        author=reader,
        path="0002",
        root_seq=2,
        source="Gone",
        html="",
        status=CommentStatus.DELETED,
    )
    client.force_login(reader)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "Flat list - expanded" in page
    assert "Date - newest first" in page
    assert "<dd>30</dd>" in page
    assert f'href="/comments/{mine.pk}/"' in page
    assert "Council passes the budget" in page
    assert "Gone" not in page


def test_it_creates_a_missing_profile_instead_of_failing(client):
    user = get_user_model().objects.create_user("bare", password="x")
    client.force_login(user)
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 200
    assert Profile.objects.filter(user=user).exists()
