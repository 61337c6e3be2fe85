"""What the signed-in reader follows on a story: one query per page, shared by every button."""

from __future__ import annotations

from dataclasses import dataclass, field

from django import template

from civility.notifications.models import Follow

register = template.Library()


@dataclass
class StoryFollows:
    story: bool = False
    comments: set[int] = field(default_factory=set)


@register.simple_tag(takes_context=True)
def follows_for(context, story_id: int) -> StoryFollows:  # type: ignore[no-untyped-def]
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or user is None or not user.is_authenticated:
        return StoryFollows()
    cache: dict[int, StoryFollows] = request.__dict__.setdefault("_civility_follows", {})
    if story_id not in cache:
        found = StoryFollows()
        for comment_id in Follow.objects.filter(user=user, story_id=story_id).values_list(
            "comment_id", flat=True
        ):
            if comment_id is None:
                found.story = True
            else:
                found.comments.add(comment_id)
        cache[story_id] = found
    return cache[story_id]


def forget(request) -> None:  # type: ignore[no-untyped-def]
    """Drop the cached follows after a change, so the button shows the new state."""
    request.__dict__.pop("_civility_follows", None)
