"""Every change to an account: sign up, profile edits, avatars, deletion and purges."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from civility.accounts.avatar_image import normalise_avatar, output_format
from civility.accounts.models import Profile
from civility.discussion.models import Comment, CommentRevision, CommentStatus, Reaction, Report
from civility.stories.models import AccountDeletion, Site

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class AccountError(Exception):
    """A rule the change breaks; field names the form field it belongs to (None: the form)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def username_taken(username: str) -> bool:
    return get_user_model().objects.filter(username__iexact=username).exists()


def email_taken(email: str) -> bool:
    return get_user_model().objects.filter(email__iexact=email).exists()


def do_sign_up(*, username: str, email: str, password: str, display_name: str = "") -> User:
    """Create a reader and their profile together; raise AccountError if the name or e-mail went."""
    user_model = get_user_model()
    email = user_model.objects.normalize_email(email)
    try:
        with transaction.atomic():
            # Re-checked here: the form's check may be stale by the time we write.
            if username_taken(username):
                raise AccountError("That username is taken.", "username")
            if email_taken(email):
                raise AccountError("An account with that e-mail address already exists.", "email")
            user = user_model.objects.create_user(username=username, email=email, password=password)
            Profile.objects.create(user=user, display_name=display_name.strip())
    except IntegrityError as error:
        # Two sign-ups raced for the same username; the unique index decided.
        raise AccountError("That username is taken.", "username") from error
    return user


def get_profile(user) -> Profile:  # type: ignore[no-untyped-def]
    """Return user's profile, creating it for accounts made outside sign-up (createsuperuser,
    the admin)."""
    profile = getattr(user, "profile", None)
    if profile is not None:
        return profile
    profile, _ = Profile.objects.get_or_create(user=user)
    user.profile = profile
    return profile


def do_update_profile(user, *, display_name: str, bio: str) -> Profile:  # type: ignore[no-untyped-def]
    """Save what the reader shows others."""
    with transaction.atomic():
        profile = get_profile(user)
        profile.display_name = display_name.strip()
        profile.bio = bio.strip()
        profile.save(update_fields=["display_name", "bio"])
    return profile


def do_set_avatar(user, upload) -> Profile:  # type: ignore[no-untyped-def]
    """Replace the reader's picture with the upload, cleaned; raise AvatarRejected if unusable."""
    # Decode and re-encode before the transaction: it is slow and needs no lock.
    data = normalise_avatar(upload)
    extension = output_format().lower()
    get_profile(user)
    with transaction.atomic():
        profile = Profile.objects.select_for_update().get(user=user)
        old_name = profile.avatar.name
        # A random name: not guessable from the account, never reused after a change.
        profile.avatar.save(
            f"{secrets.token_urlsafe(16)}.{extension}", ContentFile(data), save=False
        )
        profile.save(update_fields=["avatar"])
        _delete_file_on_commit(profile, old_name)
    user.profile = profile
    return profile


def do_remove_avatar(user) -> Profile:  # type: ignore[no-untyped-def]
    """Go back to the generated picture."""
    get_profile(user)
    with transaction.atomic():
        profile = Profile.objects.select_for_update().get(user=user)
        old_name = profile.avatar.name
        profile.avatar = ""
        profile.save(update_fields=["avatar"])
        _delete_file_on_commit(profile, old_name)
    user.profile = profile
    return profile


def _delete_file_on_commit(profile: Profile, name: str | None) -> None:
    if not name:
        return
    storage = profile.avatar.storage
    transaction.on_commit(lambda: storage.delete(name))


# Account deletion and purges. Each is one transaction; comments on a site are anonymised or
# removed as that site's `account_deletion` setting says (a purge always removes).

DELETED_ACCOUNT_NAME = "[deleted account]"


@dataclass
class ErasureSummary:
    anonymised: int = 0
    removed: int = 0
    reactions: int = 0
    reports: int = 0
    # Site pk -> the policy its comments got.
    sites: dict[int, str] = field(default_factory=dict)

    def as_data(self, site_id: int | None = None) -> dict[str, Any]:
        data: dict[str, Any] = {
            "comments_anonymised": self.anonymised,
            "comments_removed": self.removed,
            "reactions_deleted": self.reactions,
            "reports_deleted": self.reports,
        }
        if site_id is not None:
            data["policy"] = self.sites.get(site_id, "")
        return data


def sites_with_data(user) -> set[int]:  # type: ignore[no-untyped-def]
    """Sites where user has comments, reactions, reports or sanctions."""
    from civility.sanctions.models import UserSanction

    found = set(Comment.objects.filter(author_id=user.pk).values_list("story__site_id", flat=True))
    found |= set(
        Reaction.objects.filter(user_id=user.pk).values_list("comment__story__site_id", flat=True)
    )
    found |= set(
        Report.objects.filter(reporter_id=user.pk).values_list("comment__story__site_id", flat=True)
    )
    found |= set(
        UserSanction.objects.filter(user_id=user.pk)
        .exclude(site=None)
        .values_list("site_id", flat=True)
    )
    return found


def deletion_policies(user) -> dict[int, str]:  # type: ignore[no-untyped-def]
    """What account deletion does on each site where user has commented: site pk -> policy."""
    site_ids = Comment.objects.filter(author_id=user.pk).values("story__site_id")
    return dict(Site.objects.filter(pk__in=site_ids).values_list("pk", "account_deletion"))


# Evidence keys that never quote the comment: kept on removal, the rest goes with the text.
_EVIDENCE_REASON_KEYS = ("code", "action", "phase", "score")


def _scrub_evidence(evidence: Any) -> Any:
    if not isinstance(evidence, dict):
        return {}
    reasons = evidence.get("reasons")
    scrubbed = {key: value for key, value in evidence.items() if key != "reasons"}
    if isinstance(reasons, list):
        scrubbed["reasons"] = [
            {key: reason[key] for key in _EVIDENCE_REASON_KEYS if key in reason}
            for reason in reasons
            if isinstance(reason, dict)
        ]
    return scrubbed


def _remove_comments(comments: QuerySet[Comment]) -> int:
    """Delete the comments' text the way an author's own delete does; placeholders stay where
    replies exist (the thread shows deleted comments only above visible replies)."""
    from civility.discussion.actions import set_status
    from civility.moderation.models import CommentSignature, ModerationEvent

    count = 0
    locked = comments.select_for_update(of=("self",)).select_related("story")
    for comment in locked.iterator(chunk_size=500):
        # Counts of the story and the parent drop here if it was published.
        set_status(comment, CommentStatus.DELETED)
        count += 1
    pks = comments.values("pk")
    # The old text lives on in revisions, fingerprints and the checks' evidence: all go.
    CommentRevision.objects.filter(comment__in=pks).delete()
    CommentSignature.objects.filter(comment__in=pks).delete()
    for event in ModerationEvent.objects.filter(comment__in=pks).only("pk", "evidence"):
        ModerationEvent.objects.filter(pk=event.pk).update(evidence=_scrub_evidence(event.evidence))
    comments.update(source="", html="")
    return count


def _withdraw_reactions(user) -> int:  # type: ignore[no-untyped-def]
    reactions = Reaction.objects.filter(user_id=user.pk)
    comment_pks = list(reactions.values_list("comment_id", flat=True))
    count, _ = reactions.delete()
    counted = (
        Reaction.objects.filter(comment_id=OuterRef("pk"))
        .values("comment_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    for start in range(0, len(comment_pks), 500):
        Comment.objects.filter(pk__in=comment_pks[start : start + 500]).update(
            reaction_count=Coalesce(Subquery(counted), 0)
        )
    return count


def _erase(user, *, remove_everywhere: bool) -> ErasureSummary:  # type: ignore[no-untyped-def]
    """Detach or remove everything user wrote, then delete the account. Caller holds the
    transaction."""
    user_model = get_user_model()
    user_model.objects.select_for_update().filter(pk=user.pk).first()
    summary = ErasureSummary()
    policies = deletion_policies(user)
    for site_id, policy in policies.items():
        summary.sites[site_id] = AccountDeletion.REMOVE if remove_everywhere else policy
    remove_on = [pk for pk, policy in summary.sites.items() if policy == AccountDeletion.REMOVE]
    comments = Comment.objects.filter(author_id=user.pk)
    summary.removed = _remove_comments(comments.filter(story__site_id__in=remove_on))
    summary.anonymised = comments.exclude(story__site_id__in=remove_on).count()
    # Detached everywhere: the address is personal data too, whatever the policy.
    comments.update(author=None, author_name=DELETED_ACCOUNT_NAME, client_address=None)
    summary.reactions = _withdraw_reactions(user)
    summary.reports, _ = Report.objects.filter(reporter_id=user.pk).delete()
    profile = Profile.objects.filter(user_id=user.pk).first()
    if profile is not None:
        _delete_file_on_commit(profile, profile.avatar.name)
    # Visits, sanctions, tokens and the profile go with the account (on_delete CASCADE).
    user_model.objects.filter(pk=user.pk).delete()
    return summary


def _audit(action: str, *, actor, user_pk: int, summary: ErasureSummary, sites: set[int]) -> None:  # type: ignore[no-untyped-def]
    from civility.moderation import audit

    target = f"user {user_pk}"
    if not sites:
        audit.record(action, actor=actor, target=target, data=summary.as_data())
    for site in Site.objects.filter(pk__in=sites).order_by("pk"):
        audit.record(action, actor=actor, site=site, target=target, data=summary.as_data(site.pk))


def do_delete_account(user) -> ErasureSummary:  # type: ignore[no-untyped-def]
    """Delete the reader's own account; the caller has checked their password."""
    with transaction.atomic():
        sites = sites_with_data(user)
        user_pk = user.pk
        summary = _erase(user, remove_everywhere=False)
        # The record names no one: the account it would name is gone.
        _audit("account.deleted", actor=None, user_pk=user_pk, summary=summary, sites=sites)
    return summary


def check_can_purge(actor, user) -> set[int]:  # type: ignore[no-untyped-def]
    """Return the sites user has data on, or raise AccountError if actor may not purge user."""
    from civility.moderation.roles import can_administer

    if not (getattr(actor, "is_authenticated", False) and actor.is_active and actor.is_staff):
        raise AccountError("Only staff may purge a reader's data.")
    if actor.pk == user.pk:
        raise AccountError("You cannot purge your own account here; delete it from your profile.")
    sites = sites_with_data(user)
    if actor.is_superuser:
        return sites
    if user.is_staff or user.is_superuser:
        raise AccountError("Only a superuser may purge a staff account.")
    if not sites:
        raise AccountError("This reader has no data on a site you administer.")
    if not all(can_administer(actor, site_id) for site_id in sites):
        raise AccountError("This reader has data on sites you do not administer.")
    return sites


def do_purge_user(*, user, actor) -> ErasureSummary:  # type: ignore[no-untyped-def]
    """Delete a reader's account and remove their comments on every site (staff action)."""
    with transaction.atomic():
        sites = check_can_purge(actor, user)
        user_pk = user.pk
        summary = _erase(user, remove_everywhere=True)
        _audit("user.purged", actor=actor, user_pk=user_pk, summary=summary, sites=sites)
    return summary
