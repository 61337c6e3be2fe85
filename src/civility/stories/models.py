from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse


class AccountDeletion(models.TextChoices):
    """What happens to a reader's comments on this site when they delete their account."""

    ANONYMISE = "anonymise", "Anonymise: keep the text, detach the author"
    REMOVE = "remove", "Remove: delete the text, keep a placeholder where replies exist"


class Site(models.Model):
    """A publication. One install serves several."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    url = models.URLField(blank=True, help_text="The publication's own home page.")
    allowed_url_prefixes = models.JSONField(
        default=list,
        blank=True,
        help_text='Story URLs the API may create stories for, e.g. ["https://example.org/news/"].',
    )
    account_deletion = models.CharField(
        max_length=10,
        choices=AccountDeletion.choices,
        default=AccountDeletion.ANONYMISE,
        help_text="What happens to a reader's comments here when they delete their account. "
        "Replies by others always stay.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("stories:site", kwargs={"site_slug": self.slug})


class Story(models.Model):
    """An article that carries a comment thread, identified by site plus external id or URL."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="stories")
    slug = models.SlugField(max_length=200)
    external_id = models.CharField(max_length=200, blank=True)
    url = models.URLField(max_length=1000, blank=True, help_text="Canonical URL of the article.")
    title = models.CharField(max_length=300)
    author_name = models.CharField(max_length=200, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="authored_stories",
        help_text="Staff author, whose picture shows in the byline.",
    )
    standfirst = models.TextField(blank=True)
    body_markdown = models.TextField(
        blank=True,
        help_text="Hosted body in Markdown. Leave empty for stories that live elsewhere.",
    )
    body_html = models.TextField(blank=True, editable=False)
    is_open = models.BooleanField(default=True, help_text="Accepts new comments.")
    published_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    # Denormalized: the next top-level sequence number and the published comment count.
    top_seq = models.PositiveIntegerField(default=0, editable=False)
    comment_count = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name_plural = "stories"
        ordering = ["-published_at"]
        constraints = [
            models.UniqueConstraint(fields=["site", "slug"], name="story_unique_slug"),
            models.UniqueConstraint(
                fields=["site", "external_id"],
                condition=~Q(external_id=""),
                name="story_unique_external_id",
            ),
            models.UniqueConstraint(
                fields=["site", "url"], condition=~Q(url=""), name="story_unique_url"
            ),
        ]
        indexes = [models.Index(fields=["site", "-published_at"], name="story_site_recent")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "discussion:story", kwargs={"site_slug": self.site.slug, "story_slug": self.slug}
        )

    @property
    def is_hosted(self) -> bool:
        return bool(self.body_markdown.strip())
