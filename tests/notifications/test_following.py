"""Follow and unfollow buttons on the story page and on comments."""

from __future__ import annotations

import pytest
from django.urls import reverse

from civility.notifications.models import Follow

pytestmark = pytest.mark.django_db


def follow_story_url(story) -> str:
    return reverse(
        "notifications:follow_story",
        kwargs={"site_slug": story.site.slug, "story_slug": story.slug},
    )


def test_a_reader_follows_and_unfollows_a_story(client, story, reader):
    client.force_login(reader)
    page = client.get(story.get_absolute_url()).content.decode()
    assert "Follow this story" in page
    response = client.post(follow_story_url(story), {"follow": "1"})
    assert response.status_code == 302
    assert Follow.objects.filter(user=reader, story=story, comment=None).exists()
    page = client.get(story.get_absolute_url()).content.decode()
    assert "Following this story" in page
    client.post(follow_story_url(story), {"follow": "0"})
    assert not Follow.objects.filter(user=reader).exists()


def test_following_twice_keeps_one_follow(client, story, reader):
    client.force_login(reader)
    client.post(follow_story_url(story), {"follow": "1"})
    client.post(follow_story_url(story), {"follow": "1"})
    assert Follow.objects.filter(user=reader).count() == 1


def test_htmx_gets_the_new_button(client, story, reader):
    client.force_login(reader)
    response = client.post(follow_story_url(story), {"follow": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Following this story" in response.content.decode()


def test_a_reader_follows_a_comment(client, story, reader, second_reader, post):
    comment = post(story, second_reader, "Follow me.")
    client.force_login(reader)
    url = reverse("notifications:follow_comment", kwargs={"comment_id": comment.pk})
    page = client.get(story.get_absolute_url()).content.decode()
    assert url in page
    response = client.post(url, {"follow": "1"}, HTTP_HX_REQUEST="true")
    assert ">Following<" in response.content.decode()
    assert Follow.objects.filter(user=reader, comment=comment, story=story).exists()
    client.post(url, {"follow": "0"})
    assert not Follow.objects.filter(user=reader, comment=comment).exists()


def test_anonymous_visitors_see_no_button_and_are_sent_to_log_in(client, story):
    page = client.get(story.get_absolute_url()).content.decode()
    assert "Follow this story" not in page
    response = client.post(follow_story_url(story), {"follow": "1"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Follow.objects.exists()


def test_a_held_comment_of_someone_else_cannot_be_followed(
    client, story, reader, second_reader, post, verdict
):
    from civility.moderation import gate

    verdict.decision = gate.Decision.HOLD
    held = post(story, second_reader, "Awaiting review.")
    client.force_login(reader)
    url = reverse("notifications:follow_comment", kwargs={"comment_id": held.pk})
    assert client.post(url, {"follow": "1"}).status_code == 404
    assert not Follow.objects.filter(user=reader).exists()


def test_following_needs_post(client, story, reader):
    client.force_login(reader)
    assert client.get(follow_story_url(story)).status_code == 405


def test_the_settings_page_lists_follows_and_saves_choices(client, story, reader, post):
    from civility.notifications.models import NotificationSettings

    comment = post(story, reader, "Mine.")
    client.force_login(reader)
    client.post(follow_story_url(story), {"follow": "1"})
    page = client.get(reverse("notifications:settings")).content.decode()
    assert story.title in page
    assert reverse("notifications:follow_comment", kwargs={"comment_id": comment.pk}) in page
    response = client.post(
        reverse("notifications:settings"), {"email_mode": "digest", "follow_own_comments": ""}
    )
    assert response.status_code == 302
    row = NotificationSettings.objects.get(user=reader)
    assert (row.email_mode, row.follow_own_comments) == ("digest", False)
    bad = client.post(reverse("notifications:settings"), {"email_mode": "hourly"})
    assert bad.status_code == 200 and "hourly" in bad.content.decode()
    assert NotificationSettings.objects.get(user=reader).email_mode == "digest"


def test_the_settings_page_needs_sign_in(client):
    response = client.get(reverse("notifications:settings"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
