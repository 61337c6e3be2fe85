"""Changes of state for stories."""

from __future__ import annotations

from civility.core.markdown import render_story
from civility.stories.models import Story


def render_body(story: Story) -> None:
    """Fill story.body_html from story.body_markdown (not saved: the caller saves)."""
    story.body_html = render_story(story.body_markdown) if story.is_hosted else ""


def update_story_body(story: Story, markdown: str) -> Story:
    """Replace a hosted story's Markdown body and store its rendered HTML."""
    story.body_markdown = markdown or ""
    render_body(story)
    if story.pk is not None:
        Story.objects.filter(pk=story.pk).update(
            body_markdown=story.body_markdown, body_html=story.body_html
        )
    else:
        story.save()
    return story
