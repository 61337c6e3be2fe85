"""Changes the site administration endpoints make: settings, word rules, stories.

Each checks the account's role on the site itself (can_administer, or a token's scope checked by
the caller), runs in one transaction with its row in the administrative audit record
(moderation.AuditEntry, with the values before and after) and returns the changed row.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from civility.discussion.errors import DiscussionError, NotAllowed, NotFound
from civility.moderation import audit
from civility.moderation.models import ModerationSettings, WordRule
from civility.moderation.roles import can_administer
from civility.stories.models import Site, Story


def check_admin(user, site: Site) -> None:  # type: ignore[no-untyped-def]
    if not can_administer(user, site):
        raise NotAllowed("You do not administer this site.")


# Settings whose values never go into the audit record (they are secrets): only that they changed.
SECRET_SETTINGS = frozenset({"external_secret"})
SECRET_MASK = "(changed)"  # noqa: S105  (a placeholder, not a secret)


def _audit_value(name: str, value: object) -> object:
    if name in SECRET_SETTINGS:
        return SECRET_MASK
    if isinstance(value, str | int | float | bool | list | dict) or value is None:
        return value
    return str(value)


def _rule_data(rule: WordRule) -> dict[str, object]:
    return {"phrase": rule.phrase, "kind": rule.kind, "note": rule.note}


def do_update_moderation_settings(
    *, user, site: Site, changes: dict[str, object]
) -> ModerationSettings:  # type: ignore[no-untyped-def]
    """Apply changes to the site's moderation settings after the model's own validation, and
    record the fields that changed (before and after; secrets masked)."""
    check_admin(user, site)
    with transaction.atomic():
        row, _ = ModerationSettings.objects.select_for_update().get_or_create(site=site)
        before = {name: getattr(row, name) for name in changes}
        for name, value in changes.items():
            setattr(row, name, value)
        try:
            row.full_clean(exclude=["site"])
        except ValidationError as error:
            raise DiscussionError(
                "; ".join(
                    f"{field}: {' '.join(msgs)}" for field, msgs in error.message_dict.items()
                )
            ) from error
        row.save()
        changed = sorted(name for name in changes if getattr(row, name) != before[name])
        if changed:
            audit.record(
                "site_settings.updated",
                actor=user,
                site=site,
                target=f"moderation settings of {site.slug}",
                data={
                    "before": {name: _audit_value(name, before[name]) for name in changed},
                    "after": {name: _audit_value(name, getattr(row, name)) for name in changed},
                },
            )
    return row


def do_add_word_rule(*, user, site: Site, phrase: str, kind: str, note: str = "") -> WordRule:  # type: ignore[no-untyped-def]
    check_admin(user, site)
    phrase = phrase.strip()
    if not phrase:
        raise DiscussionError("Give the word or phrase.")
    try:
        with transaction.atomic():
            rule = WordRule.objects.create(site=site, phrase=phrase, kind=kind, note=note.strip())
            audit.record(
                "word_rule.created",
                actor=user,
                site=site,
                target=f"word rule {rule.pk}",
                data={"before": None, "after": _rule_data(rule)},
            )
    except IntegrityError as error:
        raise DiscussionError("That phrase is already on the site's list.") from error
    return rule


def do_delete_word_rule(*, user, site: Site, rule_id: int) -> None:  # type: ignore[no-untyped-def]
    check_admin(user, site)
    with transaction.atomic():
        rule = WordRule.objects.select_for_update().filter(site=site, pk=rule_id).first()
        if rule is None:
            raise NotFound("There is no such word rule on this site.")
        audit.record(
            "word_rule.deleted",
            actor=user,
            site=site,
            target=f"word rule {rule.pk}",
            data={"before": _rule_data(rule), "after": None},
        )
        rule.delete()


def url_allowed(site: Site, url: str) -> bool:
    """Whether url starts with one of the site's allowed prefixes (none set: nothing allowed)."""
    prefixes = [str(p) for p in (site.allowed_url_prefixes or []) if str(p).strip()]
    return any(url.startswith(prefix) for prefix in prefixes)


def _free_slug(site: Site, title: str) -> str:
    base = (slugify(title) or "story")[:180]
    taken = set(
        Story.objects.filter(site=site, slug__startswith=base).values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def do_create_story(
    *, site: Site, title: str, external_id: str = "", url: str = ""
) -> tuple[Story, bool]:
    """Return the site's story for external_id or url, creating it; (story, created).

    The caller has checked who may create stories; the URL must be under an allowed prefix so
    strangers cannot attach threads to someone else's pages.
    """
    external_id, url, title = external_id.strip(), url.strip(), title.strip()
    if not external_id and not url:
        raise DiscussionError("Give the story's external_id or url.")
    if url and not url_allowed(site, url):
        raise NotAllowed("That URL is not under one of the site's allowed URL prefixes.")
    with transaction.atomic():
        Site.objects.select_for_update().filter(pk=site.pk).first()  # one creator at a time
        existing = Story.objects.filter(site=site)
        found = (
            existing.filter(external_id=external_id).first()
            if external_id
            else existing.filter(url=url).first()
        )
        if found is not None:
            return found, False
        story = Story.objects.create(
            site=site,
            slug=_free_slug(site, title),
            external_id=external_id,
            url=url,
            title=title,
            published_at=timezone.now(),
        )
    return story, True
