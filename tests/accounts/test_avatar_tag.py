from __future__ import annotations

from urllib.parse import unquote

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.template import Context, Template

from civility.accounts.avatars import avatar_url, default_avatar_uri, initials
from civility.discussion.models import Comment

pytestmark = pytest.mark.django_db


def render(template: str, **context) -> str:
    return Template("{% load avatars %}" + template).render(Context(context))


def give_picture(user) -> str:
    user.profile.avatar.save("face.png", ContentFile(b"not checked here"), save=True)
    return user.profile.avatar.url


def test_it_shows_the_uploaded_picture_when_there_is_one(reader):
    url = give_picture(reader)
    html = render("{% avatar user 'Reader' 64 %}", user=reader)
    assert f'src="{url}"' in html
    assert 'width="64" height="64"' in html
    assert 'alt="Reader&#x27;s picture"' in html
    assert 'loading="lazy"' in html
    assert 'class="avatar"' in html


def test_it_shows_generated_initials_when_there_is_no_picture(reader):
    html = render("{% avatar user 'Ann Writer' %}", user=reader)
    assert 'src="data:image/svg+xml,' in html
    assert 'width="48" height="48"' in html
    svg = unquote(html.split('src="')[1].split('"')[0])
    assert ">AW</text>" in svg


def test_it_renders_a_default_for_no_user():
    html = render("{% avatar None 'Former reader' 32 %}")
    assert 'src="data:image/svg+xml,' in html
    assert 'alt="Former reader&#x27;s picture"' in html


def test_it_picks_the_same_colour_for_the_same_name_every_time():
    assert default_avatar_uri("Ann Writer") == default_avatar_uri("Ann Writer")
    colours = {default_avatar_uri(f"Reader {n}").split("fill=%27")[1][:10] for n in range(40)}
    assert len(colours) > 1


def test_it_escapes_a_hostile_name_in_the_alt_text():
    name = '<script>alert(1)</script>" onerror="alert(2)'
    html = render("{% avatar None name %}", name=name)
    assert "<script>" not in html
    assert 'onerror="' not in html
    assert (
        'alt="&lt;script&gt;alert(1)&lt;/script&gt;&quot; onerror=&quot;alert(2)&#x27;s picture"'
        in html
    )
    # Only the tag's own six attributes are quoted; nothing in the data URI needs escaping.
    assert html.count('"') == 12


def test_it_escapes_hostile_initials_inside_the_svg():
    assert initials("<b> <i>") == "<<"
    html = render("{% avatar None name %}", name="<b> <i>")
    src = html.split('src="')[1].split('"')[0]
    assert "<" not in src and "&" not in src
    svg = unquote(src)
    assert ">&lt;&lt;</text>" in svg
    assert "<b>" not in svg


def test_it_makes_no_queries_when_profiles_were_selected_with_the_author(
    story, reader, second_reader, django_assert_num_queries
):
    give_picture(reader)
    orphan = get_user_model().objects.create_user("noprofile", password="x")
    for seq, author in enumerate([reader, second_reader, orphan, None], start=1):
        Comment.objects.create(
            story=story, author=author, path=f"{seq:04d}", root_seq=seq, source="hi", html="hi"
        )
    comments = list(Comment.objects.select_related("author__profile").order_by("root_seq"))
    template = Template(
        "{% load avatars %}{% for c in comments %}{% avatar c.author c.display_author 40 %}"
        "{% endfor %}"
    )
    with django_assert_num_queries(0):
        html = template.render(Context({"comments": comments}))
    assert html.count("<img") == 4
    assert html.count('src="/media/avatars/') == 1


def test_it_does_not_crash_for_a_user_without_a_profile(db):
    user = get_user_model().objects.create_user("admin-made", password="x")
    html = render("{% avatar user 'Admin' %}", user=user)
    assert 'src="data:image/svg+xml,' in html


def test_the_helper_falls_back_to_the_username_for_initials(reader):
    assert ">R</text>" in unquote(avatar_url(reader, ""))
