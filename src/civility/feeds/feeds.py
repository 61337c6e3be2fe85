"""Atom feeds of the latest published comments, per story and per site.

Only what every visitor sees: published comments on stories already published. Held,
rejected and deleted comments never appear, nor comments on stories scheduled for later.
Entries carry the comment's HTML as stored, which was cleaned (nh3) when it was rendered.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from civility.discussion.models import Comment, CommentStatus
from civility.stories.models import Site, Story

ENTRIES = 50


def published_comments() -> QuerySet[Comment]:
    return (
        Comment.objects.filter(
            status=CommentStatus.PUBLISHED, story__published_at__lte=timezone.now()
        )
        .select_related("story__site", "author__profile")
        .order_by("-created_at", "-pk")
    )


def absolute(path: str) -> str:
    return settings.SITE_URL + path


class CommentsFeed(Feed):
    feed_type = Atom1Feed

    def item_title(self, item: Comment) -> str:
        return f"{item.display_author} on “{item.story.title}”"

    def item_description(self, item: Comment) -> str:
        return item.html

    def item_link(self, item: Comment) -> str:
        return reverse("discussion:comment", kwargs={"comment_id": item.pk})

    def item_guid(self, item: Comment) -> str:
        return absolute(self.item_link(item))

    def item_author_name(self, item: Comment) -> str:
        return item.display_author

    def item_pubdate(self, item: Comment):  # type: ignore[no-untyped-def]
        return item.created_at

    def item_updateddate(self, item: Comment):  # type: ignore[no-untyped-def]
        return item.edited_at or item.created_at


class StoryCommentsFeed(CommentsFeed):
    def get_object(self, request: HttpRequest, site_slug: str, story_slug: str) -> Story:  # type: ignore[override]
        story = (
            Story.objects.select_related("site")
            .filter(site__slug=site_slug, slug=story_slug, published_at__lte=timezone.now())
            .first()
        )
        if story is None:
            raise Http404("That story does not exist.")
        return story

    def title(self, obj: Story) -> str:
        return f"Comments on “{obj.title}” · {obj.site.name}"

    def link(self, obj: Story) -> str:
        return obj.get_absolute_url()

    def subtitle(self, obj: Story) -> str:
        return f"The latest comments on “{obj.title}”."

    def feed_url(self, obj: Story) -> str:
        return reverse("feeds:story", kwargs={"site_slug": obj.site.slug, "story_slug": obj.slug})

    def items(self, obj: Story) -> QuerySet[Comment]:
        return published_comments().filter(story=obj)[:ENTRIES]


class SiteCommentsFeed(CommentsFeed):
    def get_object(self, request: HttpRequest, site_slug: str) -> Site:  # type: ignore[override]
        site = Site.objects.filter(slug=site_slug).first()
        if site is None:
            raise Http404("That site does not exist.")
        return site

    def title(self, obj: Site) -> str:
        return f"Latest comments · {obj.name}"

    def link(self, obj: Site) -> str:
        return obj.get_absolute_url()

    def subtitle(self, obj: Site) -> str:
        return f"The latest comments on every story of {obj.name}."

    def feed_url(self, obj: Site) -> str:
        return reverse("feeds:site", kwargs={"site_slug": obj.slug})

    def items(self, obj: Site) -> QuerySet[Comment]:
        return published_comments().filter(story__site=obj)[:ENTRIES]
