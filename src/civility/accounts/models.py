from __future__ import annotations

from django.conf import settings
from django.db import models


class Profile(models.Model):
    """What a reader shows others and how they like to read threads."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    display_name = models.CharField(max_length=80, blank=True)
    avatar = models.ImageField(upload_to="avatars/", blank=True)
    # A picture the reader's own publisher hosts (single sign-on's "picture" claim); an upload
    # here wins over it. HTTPS only, so pages never mix in plain-HTTP images.
    picture_url = models.URLField(max_length=1000, blank=True)
    bio = models.CharField(max_length=300, blank=True)
    # Saved "Comment viewing options"; empty means the site defaults.
    display_mode = models.CharField(max_length=20, blank=True)
    sort_order = models.CharField(max_length=20, blank=True)
    per_page = models.PositiveSmallIntegerField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.display_name or self.user.get_username()
