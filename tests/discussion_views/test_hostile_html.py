from __future__ import annotations

import re

import pytest

from civility.discussion.models import Comment

pytestmark = pytest.mark.django_db


def test_scripts_and_javascript_links_render_inert(client, story, reader):
    client.force_login(reader)
    text = (
        "<script>alert('x')</script> hello "
        "[click](javascript:alert(1)) <img src=x onerror=alert(2)> "
        '<a href="javascript:alert(3)">raw</a>'
    )
    client.post(story.get_absolute_url() + "comment/", {"text": text, "idempotency_key": "k"})
    comment = Comment.objects.get()
    for mode in ("flat_collapsed", "threaded_expanded"):
        html = client.get(f"{story.get_absolute_url()}?mode={mode}").content.decode()
        article = html[html.index(f'<article id="comment-{comment.pk}"') :]
        article = article[: article.index("</article>")]
        assert "<script" not in article
        # Inside real tags only: escaped text may show the words, harmlessly.
        assert not re.search(
            r"""<[a-z][^>]*(?:href|src)\s*=\s*["']?\s*javascript:""", article, re.I
        )
        assert not re.search(r"<[a-z][^>]*\son\w+\s*=", article, re.I)  # no event handlers
        assert "<img" not in article.replace('<img class="avatar"', "")
        assert "&lt;script&gt;" in article  # shown as text, not run


def test_a_hostile_author_name_is_escaped(client, story, make_user):
    from civility.discussion.actions import do_post_comment

    user = make_user("mallory")
    user.profile.display_name = '<b onmouseover="x()">M</b>'
    user.profile.save()
    do_post_comment(story=story, author=user, text="Hi")
    html = client.get(story.get_absolute_url() + "?mode=flat_collapsed").content.decode()
    assert '<b onmouseover="x()">' not in html
    assert "&lt;b onmouseover=&quot;x()&quot;&gt;M&lt;/b&gt;" in html
