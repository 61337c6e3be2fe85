from __future__ import annotations

import pytest

from civility.discussion.actions import do_post_comment
from civility.moderation import gate

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(story, reader, verdict):
    verdict.decision = gate.Decision.HOLD
    comment, _ = do_post_comment(story=story, author=reader, text="Waiting for a moderator.")
    verdict.decision = gate.Decision.PUBLISH
    return comment


def test_the_author_sees_their_held_comment_marked(client, story, held, reader):
    client.force_login(reader)
    html = client.get(story.get_absolute_url()).content.decode()
    assert f'id="comment-{held.pk}"' in html
    assert '<span class="badge badge-held">Awaiting review</span>' in html


def test_other_readers_do_not_see_it(client, story, held, second_reader):
    assert "Waiting for a moderator." not in client.get(story.get_absolute_url()).content.decode()
    client.force_login(second_reader)
    assert "Waiting for a moderator." not in client.get(story.get_absolute_url()).content.decode()
    assert client.get(f"/comments/{held.pk}/").status_code == 404


def test_the_sites_moderators_see_it(client, site, story, held, moderator):
    client.force_login(moderator)
    html = client.get(story.get_absolute_url()).content.decode()
    assert "Waiting for a moderator." in html
    assert "Awaiting review</span>" in html
