"""Site administration over the API: moderation settings, word lists, creating stories.

Settings and word lists need a token with the `admin` scope or a session of a site admin;
creating a story needs `admin` or `comment` (a session needs to be a site admin).
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, ModelSchema, Router, Status

from civility.api.auth import api_token, check_token_site, token_or_session
from civility.api.moderation_schemas import StoryIn, StoryOut, WordRuleIn, WordRuleOut
from civility.api.site_actions import (
    check_admin,
    do_add_word_rule,
    do_create_story,
    do_delete_word_rule,
    do_update_moderation_settings,
)
from civility.api.throttles import write_throttles
from civility.moderation.models import ModerationSettings, WordRule
from civility.moderation.site_settings import settings_for
from civility.stories.models import Site

router = Router(tags=["sites"])
ADMIN = token_or_session("admin")
STORY_MAKERS = token_or_session("admin", "comment")
# The outside scorer's shared secret is write-only: never sent back.
_HIDDEN = ["id", "site", "external_secret"]
MAX_RULES = 1000


# Ninja maps a JSONField to an object; this one holds a list of entries.
CodedHateEntries = list[dict[str, Any]]


_CODED_HATE_HELP = str(ModerationSettings._meta.get_field("coded_hate_extra").help_text)


class SettingsOut(ModelSchema):
    coded_hate_extra: CodedHateEntries = Field(description=_CODED_HATE_HELP)

    class Meta:
        model = ModerationSettings
        exclude = _HIDDEN


class SettingsPatch(ModelSchema):
    coded_hate_extra: CodedHateEntries | None = Field(None, description=_CODED_HATE_HELP)

    class Meta:
        model = ModerationSettings
        exclude = ["id", "site"]
        fields_optional = "__all__"


def _site(request: HttpRequest, slug: str) -> Site:
    site = Site.objects.filter(slug=slug).first()
    if site is None:
        raise Http404
    check_token_site(request, site.pk)
    return site


def _administered(request: HttpRequest, slug: str) -> Site:
    site = _site(request, slug)
    check_admin(request.user, site)
    return site


@router.get("/sites/{site}/moderation-settings", response=SettingsOut, auth=ADMIN)
def get_settings(request: HttpRequest, site: str):  # type: ignore[no-untyped-def]
    """The site's moderation settings (defaults when never saved)."""
    return settings_for(_administered(request, site))


@router.patch(
    "/sites/{site}/moderation-settings",
    response=SettingsOut,
    auth=ADMIN,
    throttle=write_throttles(),
)
def patch_settings(request: HttpRequest, site: str, payload: SettingsPatch):  # type: ignore[no-untyped-def]
    """Change some settings; fields left out keep their values."""
    found = _site(request, site)
    changes = payload.dict(exclude_unset=True)
    return do_update_moderation_settings(user=request.user, site=found, changes=changes)


@router.get("/sites/{site}/word-rules", response=list[WordRuleOut], auth=ADMIN)
def list_word_rules(request: HttpRequest, site: str):  # type: ignore[no-untyped-def]
    """The site's own banned and suspect words (rules for every site are managed in admin)."""
    found = _administered(request, site)
    return list(WordRule.objects.filter(site=found).order_by("kind", "phrase")[:MAX_RULES])


@router.post(
    "/sites/{site}/word-rules",
    response={201: WordRuleOut},
    auth=ADMIN,
    throttle=write_throttles(),
)
def add_word_rule(request: HttpRequest, site: str, payload: WordRuleIn):  # type: ignore[no-untyped-def]
    found = _site(request, site)
    rule = do_add_word_rule(
        user=request.user,
        site=found,
        phrase=payload.phrase,
        kind=str(payload.kind),
        note=payload.note,
    )
    return Status(201, rule)


@router.delete(
    "/sites/{site}/word-rules/{rule_id}",
    response={204: None},
    auth=ADMIN,
    throttle=write_throttles(),
)
def delete_word_rule(request: HttpRequest, site: str, rule_id: int):  # type: ignore[no-untyped-def]
    found = _site(request, site)
    do_delete_word_rule(user=request.user, site=found, rule_id=rule_id)
    return Status(204, None)


@router.post(
    "/sites/{site}/stories",
    response={200: StoryOut, 201: StoryOut},
    auth=STORY_MAKERS,
    throttle=write_throttles(),
)
def create_story(request: HttpRequest, site: str, payload: StoryIn):  # type: ignore[no-untyped-def]
    """Create the story for an external id or URL (under an allowed prefix), or return it.

    201 when created, 200 when it existed already.
    """
    found = _site(request, site)
    if api_token(request) is None:
        check_admin(request.user, found)
    story, created = do_create_story(
        site=found, title=payload.title, external_id=payload.external_id, url=payload.url
    )
    body = {
        "id": story.pk,
        "site": found.slug,
        "slug": story.slug,
        "external_id": story.external_id,
        "url": story.url,
        "title": story.title,
        "created": created,
    }
    return Status(201 if created else 200, body)
