"""What sanctions stop: posting (bans, suspensions) and publishing unreviewed (always hold)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.formats import date_format

from civility.core.query_templates import QueryTemplates, value_of
from civility.discussion.errors import NotAllowed
from civility.sanctions.models import SanctionKind, UserSanction

BLOCKING = (SanctionKind.BAN, SanctionKind.SUSPEND)
ENFORCED = (*BLOCKING, SanctionKind.ALWAYS_HOLD)
# Asked on every post: compiled once per set of kinds (core.query_templates).
_IN_FORCE = QueryTemplates(UserSanction, size=4)


def _in_force(user_pk: int, site_id: int, kinds: tuple[str, ...]) -> list[UserSanction]:
    """The user's sanctions of these kinds in force on site, soonest to end first."""
    return _IN_FORCE.objects(
        ("in-force", kinds),
        lambda values: (
            UserSanction.objects.in_force(values["now"])
            .for_site(values["site"])
            .filter(user_id=values["user"], kind__in=kinds)
            # NULL (a ban) sorts per database; callers pick bans out themselves.
            .order_by("until", "pk")
        ),
        {
            "now": value_of(UserSanction, "until", timezone.now()),
            "site": value_of(UserSanction, "site", site_id),
            "user": value_of(UserSanction, "user", user_pk),
        },
    )


def _user_pk(user) -> int | None:  # type: ignore[no-untyped-def]
    """The pk of a real, signed-in account; None for visitors and `civility moderate`'s stand-ins."""
    if not getattr(user, "is_authenticated", False):
        return None
    pk = getattr(user, "pk", None)
    return pk if isinstance(pk, int) else None


def check_can_post(user, site) -> frozenset[str]:  # type: ignore[no-untyped-def]
    """Raise NotAllowed, with a message the reader understands, when a ban or suspension applies.

    Otherwise return the kinds of sanction in force (always hold, say), read in the same query,
    so the moderation of the post need not ask again (gate.Candidate.sanctions).
    """
    pk = _user_pk(user)
    if pk is None:
        return frozenset()
    site_id = site if isinstance(site, int) else site.pk
    in_force = _in_force(pk, site_id, ENFORCED)
    blocking = [s for s in in_force if s.kind in BLOCKING]
    if not blocking:
        return frozenset(s.kind for s in in_force)
    bans = [s for s in blocking if s.kind == SanctionKind.BAN]
    if bans:
        raise NotAllowed(
            "You are banned from commenting here. "
            + (f"Reason: {bans[0].reason} " if bans[0].reason else "")
            + "If you think this is a mistake, reply to the e-mail we sent or contact the editors."
        )
    until = max(s.until for s in blocking if s.until is not None)
    when = date_format(timezone.localtime(until), "j M Y, H:i T")
    raise NotAllowed(
        f"Your commenting is suspended until {when}. "
        + (f"Reason: {blocking[0].reason}" if blocking[0].reason else "")
    )


def is_always_held(user, site_id: int) -> bool:  # type: ignore[no-untyped-def]
    """Whether a moderator asked that every new comment by user on site waits for review."""
    pk = _user_pk(user)
    if pk is None:
        return False
    return bool(_in_force(pk, site_id, (SanctionKind.ALWAYS_HOLD,)))
