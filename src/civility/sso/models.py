"""Who a publisher's reader is here, and which SSO tokens were already spent."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from civility.stories.models import Site


class SsoIdentity(models.Model):
    """A publisher's user (site + their "sub") and the Civility account that stands for them."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="sso_identities")
    subject = models.CharField(max_length=255, help_text='The publisher\'s user id ("sub").')
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sso_identities"
    )
    email = models.EmailField(blank=True)
    name = models.CharField(max_length=200, blank=True)
    picture_url = models.URLField(max_length=1000, blank=True)
    # Whether this identity's roles claim made the user a moderator, so a later token without
    # the role takes back only what SSO gave (never a role granted by hand).
    granted_moderator = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_sign_in_at = models.DateTimeField()

    class Meta:
        verbose_name = "SSO identity"
        verbose_name_plural = "SSO identities"
        constraints = [
            models.UniqueConstraint(fields=["site", "subject"], name="sso_identity_unique_subject")
        ]

    def __str__(self) -> str:
        return f"{self.subject} on {self.site}"


class SpentToken(models.Model):
    """An SSO token id (jti) already used, kept until the token expires so it cannot be replayed."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    jti = models.CharField(max_length=255)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["site", "jti"], name="sso_spent_unique_jti")]

    def __str__(self) -> str:
        return self.jti
