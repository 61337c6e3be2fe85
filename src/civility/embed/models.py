"""Per-site settings for embedding threads on a publisher's own pages and signing readers in."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from civility.embed.origins import normalize_origin
from civility.stories.models import Site


class Theme(models.TextChoices):
    AUTO = "auto", "Follow the reader's light or dark preference"
    LIGHT = "light", "Light"
    DARK = "dark", "Dark"


def validate_origins(value: object) -> None:
    if not isinstance(value, list):
        raise ValidationError('Give a list of origins, e.g. ["https://www.example.org"].')
    for item in value:
        if not isinstance(item, str) or normalize_origin(item) is None:
            raise ValidationError(
                f"{item!r} is not an origin: give scheme and host (and port), "
                "e.g. https://www.example.org, without a path."
            )


class EmbedSettings(models.Model):
    """Where a site's threads may be framed, and the secret its SSO tokens are signed with."""

    site = models.OneToOneField(Site, on_delete=models.CASCADE, related_name="embed_settings")
    allowed_origins = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_origins],
        help_text="Pages on these origins may embed threads and ask for counts, e.g. "
        '["https://www.example.org"]. Empty: embedding is off.',
    )
    theme_default = models.CharField(
        max_length=5,
        choices=Theme.choices,
        default=Theme.AUTO,
        help_text="Used when the script tag has no data-theme.",
    )
    # Symmetric: the publisher signs with it and we verify with it, so it is stored as is.
    # Set and shown only by the "new SSO secret" admin action or the embed_sso_secret command.
    sso_secret = models.CharField(max_length=128, blank=True, editable=False)
    sso_secret_rotated_at = models.DateTimeField(null=True, blank=True, editable=False)
    sso_roles_allowed = models.BooleanField(
        default=False,
        help_text='Let the SSO token\'s "roles" claim make a reader a moderator of this site.',
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "embed settings"
        verbose_name_plural = "embed settings"

    def __str__(self) -> str:
        return f"Embed settings of {self.site}"

    @property
    def origins(self) -> list[str]:
        """The allowed origins, normalised; bad entries saved before validation are skipped."""
        found = (normalize_origin(str(item)) for item in (self.allowed_origins or []))
        return [origin for origin in found if origin]

    @property
    def sso_enabled(self) -> bool:
        return bool(self.sso_secret)
