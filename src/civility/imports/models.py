from __future__ import annotations

from django.db import models
from django.utils import timezone

from civility.stories.models import Site


class ImportedKind(models.TextChoices):
    STORY = "story", "Story"
    USER = "user", "User"
    COMMENT = "comment", "Comment"


class ImportedObject(models.Model):
    """Which local row a source record became, so importing the same export again adds nothing."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="imported_objects")
    source_format = models.CharField(max_length=20)
    kind = models.CharField(max_length=10, choices=ImportedKind.choices)
    source_id = models.CharField(max_length=255)
    object_id = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["site", "source_format", "kind", "source_id"],
                name="imported_object_unique_source",
            )
        ]

    def __str__(self) -> str:
        return f"{self.source_format} {self.kind} {self.source_id} -> {self.object_id}"
