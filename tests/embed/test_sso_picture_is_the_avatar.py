"""The picture a publisher names in its SSO token is the reader's avatar, unless they upload one."""

from __future__ import annotations

from django.core.files.base import ContentFile
from tests.embed.tokens import sign

from civility.accounts.avatars import avatar_url
from civility.sso.actions import do_sso_sign_in

PICTURE = "https://news.example.org/pictures/ada.png"


def test_the_sso_picture_is_shown_as_the_avatar(embed_site):
    user = do_sso_sign_in(site=embed_site, token=sign())
    user.refresh_from_db()
    assert avatar_url(user) == PICTURE


def test_a_new_picture_replaces_the_old_and_none_falls_back_to_initials(embed_site):
    do_sso_sign_in(site=embed_site, token=sign(picture="https://news.example.org/new.png"))
    user = do_sso_sign_in(site=embed_site, token=sign(picture=None))
    user.refresh_from_db()
    assert avatar_url(user).startswith("data:image/svg+xml,")


def test_a_plain_http_picture_is_not_shown(embed_site):
    user = do_sso_sign_in(site=embed_site, token=sign(picture="http://news.example.org/a.png"))
    user.refresh_from_db()
    assert avatar_url(user).startswith("data:image/svg+xml,")


def test_an_uploaded_picture_wins_over_the_sso_one(embed_site):
    user = do_sso_sign_in(site=embed_site, token=sign())
    profile = user.profile
    profile.avatar.save("ada.png", ContentFile(b"not really a png"), save=True)
    user.refresh_from_db()
    assert avatar_url(user) == profile.avatar.url


def test_the_story_page_shows_the_sso_picture(embed_site, client):
    from civility.discussion.actions import do_post_comment
    from civility.stories.models import Story

    user = do_sso_sign_in(site=embed_site, token=sign())
    story = Story.objects.filter(site=embed_site).first()
    if story is None:
        from django.utils import timezone

        story = Story.objects.create(
            site=embed_site, slug="pictures", title="Pictures", published_at=timezone.now()
        )
    do_post_comment(story=story, author=user, text="A comment with my own picture beside it.")
    page = client.get(f"/{embed_site.slug}/{story.slug}/")
    assert f'src="{PICTURE}"' in page.content.decode()
