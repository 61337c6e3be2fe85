"""Every enhanced control has a plain HTML fallback, and every field a label."""

from __future__ import annotations

import re

import pytest

from civility.discussion.actions import do_post_comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(client, story, reader, second_reader):
    theirs, _ = do_post_comment(story=story, author=second_reader, text="Theirs.")
    do_post_comment(story=story, author=reader, text="Mine.", parent=theirs)
    client.force_login(reader)
    return client.get(story.get_absolute_url() + "?mode=threaded_collapsed").content.decode()


def test_every_htmx_link_has_the_same_href(page):
    links = re.findall(r"<a ([^>]*hx-get[^>]*)>", page)
    assert links
    for attributes in links:
        href = re.search(r'href="([^"]+)"', attributes).group(1)
        assert f'hx-get="{href}"' in attributes


def test_every_htmx_form_posts_to_the_same_action_with_a_csrf_token(page):
    forms = re.findall(r"<form ([^>]*hx-post[^>]*)>(.*?)</form>", page, re.S)
    assert len(forms) >= 2  # the comment form and a reaction bar
    for attributes, body in forms:
        action = re.search(r'action="([^"]+)"', attributes).group(1)
        assert 'method="post"' in attributes
        assert f'hx-post="{action}"' in attributes
        assert 'name="csrfmiddlewaretoken"' in body


def test_every_visible_field_has_a_label(page):
    fields = re.findall(r"<(?:textarea|select)[^>]*\sid=\"([^\"]+)\"", page)
    fields += re.findall(r"<input(?![^>]*type=\"hidden\")[^>]*\sid=\"([^\"]+)\"", page)
    assert {"new-comment-text", "vo-mode", "vo-order", "vo-per-page"} <= set(fields)
    for field_id in fields:
        assert f'<label for="{field_id}"' in page


def test_every_picture_has_alternative_text(page):
    for image in re.findall(r"<img [^>]*>", page):
        assert re.search(r'alt="[^"]+"', image)


def test_the_reaction_buttons_say_whether_they_are_pressed(page):
    buttons = re.findall(r'<button type="submit" name="kind"[^>]*>', page)
    assert len(buttons) == 4  # only on the other reader's comment
    assert all('aria-pressed="false"' in button for button in buttons)
