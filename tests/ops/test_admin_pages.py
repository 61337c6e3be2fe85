"""The admin lists, searches and shows every model to a superuser, and stays read-only where it
must."""

from __future__ import annotations

import pytest
from django.urls import reverse

MODELS = [
    "stories_site",
    "stories_story",
    "discussion_comment",
    "discussion_reaction",
    "discussion_report",
    "discussion_commentrevision",
    "discussion_storyvisit",
    "auth_user",
]


@pytest.fixture
def admin_user(make_user):
    user = make_user("boss", is_staff=True, is_superuser=True)
    return user


@pytest.fixture
def thread(story, reader, second_reader):
    from civility.discussion.actions import (
        do_edit_comment,
        do_post_comment,
        do_react,
        do_record_visit,
        do_report,
    )
    from civility.moderation.models import ModerationSettings

    # The admin is what is tested here; the classifier's opinion of these texts is not.
    ModerationSettings.objects.update_or_create(site=story.site, defaults={"ml_enabled": False})
    top, verdict = do_post_comment(story=story, author=reader, text="The bridge vote was rushed.")
    assert top.status == "published", verdict
    reply, _ = do_post_comment(
        story=story, author=second_reader, text="Was it? Bids open in February.", parent=top
    )
    do_edit_comment(comment=reply, user=second_reader, text="Was it? The bids open in February.")
    do_react(comment=top, user=second_reader, kind="insightful")
    do_report(comment=reply, user=reader, reason="off_topic", note="Not about the library")
    do_record_visit(user=reader, story=story)
    return top, reply


@pytest.fixture
def admin_client_for(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.mark.parametrize("model", MODELS)
def test_it_lists_every_model(admin_client_for, thread, model):
    response = admin_client_for.get(reverse(f"admin:{model}_changelist"))
    assert response.status_code == 200


@pytest.mark.parametrize("model", MODELS)
def test_it_searches_every_model(admin_client_for, thread, model):
    response = admin_client_for.get(reverse(f"admin:{model}_changelist"), {"q": "bridge"})
    assert response.status_code == 200


def test_it_shows_the_change_page_of_each_row(admin_client_for, thread, story, reader):
    from civility.discussion.models import CommentRevision, Reaction, Report, StoryVisit

    top, reply = thread
    rows = {
        "stories_site": story.site,
        "stories_story": story,
        "discussion_comment": reply,
        "discussion_reaction": Reaction.objects.get(),
        "discussion_report": Report.objects.get(),
        "discussion_commentrevision": CommentRevision.objects.get(),
        "discussion_storyvisit": StoryVisit.objects.get(),
        "auth_user": reader,
    }
    for model, obj in rows.items():
        response = admin_client_for.get(reverse(f"admin:{model}_change", args=[obj.pk]))
        assert response.status_code == 200, model


def test_it_finds_comments_by_text_and_by_author(admin_client_for, thread):
    top, reply = thread
    url = reverse("admin:discussion_comment_changelist")
    by_text = admin_client_for.get(url, {"q": "rushed"})
    assert list(by_text.context["cl"].result_list) == [top]
    by_author = admin_client_for.get(url, {"q": "second"})
    assert list(by_author.context["cl"].result_list) == [reply]


def test_it_filters_comments_by_status_site_and_story(admin_client_for, thread, story):
    url = reverse("admin:discussion_comment_changelist")
    response = admin_client_for.get(
        url, {"status__exact": "published", "story__site__id__exact": story.site_id}
    )
    assert response.context["cl"].result_count == 2
    response = admin_client_for.get(url, {"story__id__exact": story.pk, "status__exact": "held"})
    assert response.context["cl"].result_count == 0


def test_it_links_a_comment_to_its_story_author_parent_and_revisions(admin_client_for, thread):
    top, reply = thread
    response = admin_client_for.get(reverse("admin:discussion_comment_change", args=[reply.pk]))
    page = response.content.decode()
    assert reverse("admin:stories_story_change", args=[reply.story_id]) in page
    assert reverse("admin:auth_user_change", args=[reply.author_id]) in page
    assert reverse("admin:discussion_comment_change", args=[top.pk]) in page
    # The revision inline shows the text before the edit.
    assert "Was it? Bids open in February." in page
    assert reply.path in page


def test_it_finds_stories_and_links_their_comments_and_live_page(admin_client_for, thread, story):
    response = admin_client_for.get(reverse("admin:stories_story_changelist"), {"q": "budget"})
    assert list(response.context["cl"].result_list) == [story]
    page = response.content.decode()
    assert f"?story__id__exact={story.pk}" in page
    assert story.get_absolute_url() in page


def test_it_renders_the_body_when_a_story_is_saved(admin_client_for, story):
    url = reverse("admin:stories_story_change", args=[story.pk])
    form = admin_client_for.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(
        {
            "body_markdown": "## Update\n\nThe vote was **6-3**.",
            "published_at_0": story.published_at.strftime("%Y-%m-%d"),
            "published_at_1": story.published_at.strftime("%H:%M:%S"),
            "is_open": "on",
        }
    )
    data.pop("published_at", None)
    data["author"] = ""
    response = admin_client_for.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    story.refresh_from_db()
    assert story.body_html == "<h2>Update</h2>\n<p>The vote was <strong>6-3</strong>.</p>\n"


def test_it_filters_reports_by_open_and_resolved(admin_client_for, thread):
    from civility.discussion.models import Report

    url = reverse("admin:discussion_report_changelist")
    assert admin_client_for.get(url, {"state": "open"}).context["cl"].result_count == 1
    assert admin_client_for.get(url, {"state": "resolved"}).context["cl"].result_count == 0
    admin_client_for.post(url, {"action": "resolve", "_selected_action": [Report.objects.get().pk]})
    assert admin_client_for.get(url, {"state": "resolved"}).context["cl"].result_count == 1


def test_it_does_not_let_anyone_edit_or_delete_comments_in_the_admin(admin_client_for, thread):
    from civility.discussion.models import Comment

    top, _ = thread
    response = admin_client_for.post(
        reverse("admin:discussion_comment_change", args=[top.pk]), {"source": "Rewritten"}
    )
    assert response.status_code == 403
    assert admin_client_for.get(reverse("admin:discussion_comment_add")).status_code == 403
    assert Comment.objects.get(pk=top.pk).source == "The bridge vote was rushed."


def test_it_shows_the_profile_inline_on_the_user_page(admin_client_for, reader):
    from civility.accounts.actions import do_update_profile

    do_update_profile(reader, display_name="Rita Reader", bio="Reads the council minutes.")
    response = admin_client_for.get(reverse("admin:auth_user_change", args=[reader.pk]))
    page = response.content.decode()
    assert "Rita Reader" in page
    assert "Reads the council minutes." in page
    found = admin_client_for.get(reverse("admin:auth_user_changelist"), {"q": "Rita"})
    assert list(found.context["cl"].result_list) == [reader]


def test_it_keeps_the_admin_from_readers(client, reader):
    client.force_login(reader)
    response = client.get(reverse("admin:discussion_comment_changelist"))
    assert response.status_code == 302
