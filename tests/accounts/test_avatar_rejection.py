from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from PIL import Image

from civility.accounts import avatar_image
from civility.accounts.actions import do_set_avatar
from civility.accounts.avatar_image import AvatarRejected
from civility.accounts.models import Profile

from .pictures import picture_bytes, png_declaring, upload

pytestmark = pytest.mark.django_db

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def post_avatar(client, user, file):
    client.force_login(user)
    return client.post(reverse("accounts:avatar_upload"), {"avatar": file})


def test_it_stops_reading_a_file_over_the_size_limit(client, reader, settings, monkeypatch):
    settings.AVATAR_MAX_BYTES = 2048

    def never(*args, **kwargs):
        raise AssertionError("the upload handler should have dropped the file")

    monkeypatch.setattr("civility.accounts.actions.do_set_avatar", never)
    response = post_avatar(client, reader, upload("big.bmp", b"\0" * 4096))
    assert response.status_code == 400
    assert "too large" in response.content.decode()
    assert not Profile.objects.get(user=reader).avatar


def test_the_action_also_refuses_a_file_over_the_size_limit(reader, settings):
    settings.AVATAR_MAX_BYTES = 2048
    with pytest.raises(AvatarRejected, match="too large"):
        do_set_avatar(reader, upload("big.png", picture_bytes("PNG", (300, 300), compress_level=0)))


def test_the_upload_still_needs_a_csrf_token(reader):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reader)
    response = client.post(
        reverse("accounts:avatar_upload"), {"avatar": upload("me.png", picture_bytes())}
    )
    assert response.status_code == 403
    assert not Profile.objects.get(user=reader).avatar


def test_it_refuses_text_named_like_a_png(client, reader, media_root):
    response = post_avatar(client, reader, upload("me.png", b"#!/bin/sh\necho hi\n"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "not a picture we can use" in page
    assert 'aria-invalid="true"' in page
    assert 'aria-describedby="id_avatar_helptext id_avatar_error"' in page
    assert 'id="id_avatar_error"' in page
    assert not Profile.objects.get(user=reader).avatar
    assert not (media_root / "avatars").exists()


def test_it_refuses_svg(reader):
    with pytest.raises(AvatarRejected, match="not a picture"):
        do_set_avatar(reader, upload("me.svg", SVG, "image/svg+xml"))
    with pytest.raises(AvatarRejected):
        do_set_avatar(reader, upload("me.png", SVG))


def test_it_refuses_formats_outside_the_list(reader):
    with pytest.raises(AvatarRejected):
        do_set_avatar(reader, upload("me.bmp", picture_bytes("BMP")))
    with pytest.raises(AvatarRejected):
        do_set_avatar(reader, upload("me.tiff", picture_bytes("TIFF")))


def test_it_refuses_a_truncated_picture(reader):
    whole = picture_bytes("PNG", (200, 200))
    with pytest.raises(AvatarRejected):
        do_set_avatar(reader, upload("cut.png", whole[: len(whole) // 2]))


def test_it_refuses_a_decompression_bomb_header(reader):
    # 100,000 x 100,000 pixels declared in a file of a few dozen bytes.
    with pytest.raises(AvatarRejected, match="too many pixels"):
        do_set_avatar(reader, upload("bomb.png", png_declaring(100_000, 100_000)))


def test_it_refuses_pictures_over_its_own_pixel_limit(reader, monkeypatch):
    monkeypatch.setattr(avatar_image, "MAX_PIXELS", 1000)
    with pytest.raises(AvatarRejected, match="too many pixels"):
        do_set_avatar(reader, upload("wide.png", picture_bytes("PNG", (100, 100))))


def test_it_turns_pillows_bomb_error_into_a_rejection(reader, monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100)
    with pytest.raises(AvatarRejected, match="too many pixels"):
        do_set_avatar(reader, upload("wide.png", picture_bytes("PNG", (100, 100))))


def test_it_asks_for_a_file_when_none_is_sent(client, reader):
    client.force_login(reader)
    response = client.post(reverse("accounts:avatar_upload"), {})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
