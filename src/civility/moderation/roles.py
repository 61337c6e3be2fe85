"""Who may moderate where: superusers everywhere, others by their role on a site."""

from __future__ import annotations

from civility.moderation.models import Role, SiteRole
from civility.stories.models import Site


def _site_id(site: Site | int) -> int:
    return site if isinstance(site, int) else site.pk


def can_moderate(user, site: Site | int) -> bool:  # type: ignore[no-untyped-def]
    """Whether user may see held comments and approve or reject comments on site."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return SiteRole.objects.filter(user=user, site_id=_site_id(site)).exists()


def can_administer(user, site: Site | int) -> bool:  # type: ignore[no-untyped-def]
    """Whether user may edit the site's moderation settings and word lists."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return SiteRole.objects.filter(user=user, site_id=_site_id(site), role=Role.SITE_ADMIN).exists()


def moderated_site_ids(user) -> list[int] | None:  # type: ignore[no-untyped-def]
    """Sites whose queue user may work; None means every site (superusers)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    if user.is_superuser:
        return None
    return list(SiteRole.objects.filter(user=user).values_list("site_id", flat=True))
