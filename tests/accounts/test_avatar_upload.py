from __future__ import annotations

from io import BytesIO

import pytest
from django.urls import reverse
from PIL import Image

from civility.accounts.actions import do_remove_avatar, do_set_avatar
from civility.accounts.models import Profile

from .pictures import picture_bytes, upload

pytestmark = pytest.mark.django_db(transaction=True)


def stored_picture(user) -> Image.Image:
    profile = Profile.objects.get(user=user)
    with profile.avatar.open("rb") as handle:
        image = Image.open(BytesIO(handle.read()))
        image.load()
    return image


def test_it_crops_resizes_and_re_encodes_an_upload(client, reader, media_root):
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"  # Make
    client.force_login(reader)
    response = client.post(
        reverse("accounts:avatar_upload"),
        {
            "avatar": upload(
                "holiday-snapshot.jpg", picture_bytes("JPEG", (600, 300), exif=exif), "image/jpeg"
            )
        },
    )
    assert response.status_code == 302
    image = stored_picture(reader)
    assert image.size == (128, 128)
    assert image.format in ("PNG", "WEBP")
    assert not image.getexif()
    # Centre crop: both the red left half and the blue right half survive, unsquashed.
    assert image.getpixel((10, 64))[0] > 150
    assert image.getpixel((117, 64))[2] > 150
    name = Profile.objects.get(user=reader).avatar.name
    assert name.startswith("avatars/")
    # A stored name of its own, not the reader's (random: a two-letter name could turn up in it).
    assert "holiday" not in name and "snapshot" not in name
    assert (media_root / name).exists()


def test_it_accepts_gif_and_webp_with_transparency(reader):
    transparent = Image.new("RGBA", (50, 50), (0, 0, 0, 0))
    for fmt in ("GIF", "WEBP", "PNG"):
        buffer = BytesIO()
        transparent.save(buffer, fmt)
        do_set_avatar(reader, upload(f"a.{fmt.lower()}", buffer.getvalue()))
        assert stored_picture(reader).size == (128, 128)


def test_it_deletes_the_old_file_when_replaced(reader, media_root):
    first = do_set_avatar(reader, upload("one.png", picture_bytes())).avatar.name
    second = do_set_avatar(reader, upload("two.png", picture_bytes())).avatar.name
    assert first != second
    assert not (media_root / first).exists()
    assert (media_root / second).exists()


def test_it_removes_the_picture_and_its_file(client, reader, media_root):
    name = do_set_avatar(reader, upload("one.png", picture_bytes())).avatar.name
    client.force_login(reader)
    response = client.post(reverse("accounts:avatar_remove"))
    assert response.status_code == 302
    assert not Profile.objects.get(user=reader).avatar
    assert not (media_root / name).exists()


def test_removing_without_a_picture_is_harmless(reader):
    assert not do_remove_avatar(reader).avatar


def test_upload_and_remove_refuse_get(client, reader):
    client.force_login(reader)
    assert client.get(reverse("accounts:avatar_upload")).status_code == 405
    assert client.get(reverse("accounts:avatar_remove")).status_code == 405
