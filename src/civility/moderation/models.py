"""Moderation state: per-site settings, word lists, roles, the audit trail and signatures."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from civility.stories.models import Site

# For scorers that bring no thresholds of their own.
DEFAULT_ML_THRESHOLDS = {
    "toxicity": 0.8,
    "insult": 0.8,
    "profanity": 0.9,
    "identity_attack": 0.7,
    "threat": 0.7,
}


def default_ml_thresholds() -> dict[str, float]:
    # Empty: the model's own calibrated thresholds apply until a site overrides a label.
    return {}


def default_coded_hate_extra() -> list[dict[str, str]]:
    return []


class OnPhaseError(models.TextChoices):
    HOLD = "hold", "Hold the comment for review"
    IGNORE = "ignore", "Ignore the failed check"


class PhaseAction(models.TextChoices):
    PUBLISH = "publish", "Inform moderators only"
    HOLD = "hold", "Hold for review"
    REJECT = "reject", "Reject"


class ModerationSettings(models.Model):
    """How one site moderates. No row means every default below."""

    site = models.OneToOneField(Site, on_delete=models.CASCADE, related_name="moderation_settings")
    on_phase_error = models.CharField(
        max_length=10,
        choices=OnPhaseError.choices,
        default=OnPhaseError.HOLD,
        help_text="What to do when a check fails or runs past its time budget.",
    )
    phase_time_budget_ms = models.PositiveIntegerField(
        default=2000, help_text="A check that takes longer than this counts as failed."
    )

    length_enabled = models.BooleanField(default=True)
    min_length = models.PositiveIntegerField(default=2, help_text="Fewer characters are held.")
    max_length = models.PositiveIntegerField(
        default=0, help_text="More characters are held. 0 means the install's comment limit."
    )
    closed_story_enabled = models.BooleanField(default=True)

    rate_limit_enabled = models.BooleanField(default=True)
    rate_limit_action = models.CharField(
        max_length=10, choices=PhaseAction.choices, default=PhaseAction.HOLD
    )
    rate_account_limit = models.PositiveIntegerField(default=5)
    rate_account_window_seconds = models.PositiveIntegerField(default=60)
    rate_address_limit = models.PositiveIntegerField(default=20)
    rate_address_window_seconds = models.PositiveIntegerField(default=60)

    repeat_enabled = models.BooleanField(default=True)
    repeat_window_seconds = models.PositiveIntegerField(default=3600)

    copypasta_enabled = models.BooleanField(default=True)
    copypasta_window_seconds = models.PositiveIntegerField(default=24 * 3600)
    copypasta_similarity = models.FloatField(
        default=0.8, help_text="Estimated Jaccard similarity of shingles, 0 to 1."
    )
    copypasta_min_length = models.PositiveIntegerField(
        default=60, help_text="Shorter comments are too common to call copies."
    )

    pasted_article_enabled = models.BooleanField(default=True)
    pasted_min_length = models.PositiveIntegerField(default=400)
    pasted_min_signals = models.PositiveIntegerField(
        default=2, help_text="How many article marks (dateline, byline, wire credit...) it takes."
    )

    words_enabled = models.BooleanField(default=True)

    coded_hate_enabled = models.BooleanField(default=True)
    coded_hate_extra = models.JSONField(
        default=default_coded_hate_extra,
        blank=True,
        help_text=(
            'Extra entries for this site: [{"term": "...", "meaning": "...", "source": "..."}] '
            'or {"pattern": "regex", ...}. Matches are held, never rejected.'
        ),
    )

    ml_enabled = models.BooleanField(default=True)
    ml_thresholds = models.JSONField(
        default=default_ml_thresholds,
        blank=True,
        help_text="Per label, the probability at or above which a comment is held, e.g. "
        '{"toxicity": 0.9}. Labels left out use the model\'s own thresholds.',
    )
    nudge_enabled = models.BooleanField(
        default=True,
        help_text="Show authors the part that looks like a problem before holding it.",
    )

    links_enabled = models.BooleanField(default=True)
    links_min_approved = models.PositiveIntegerField(
        default=3, help_text="Readers with fewer published comments have links held."
    )

    new_commenter_hold_first = models.PositiveIntegerField(
        default=0, help_text="Hold each reader's first N comments. 0 turns this off."
    )

    history_enabled = models.BooleanField(default=True)
    history_recent = models.PositiveIntegerField(
        default=10, help_text="How many of the reader's recent comments to look at."
    )
    history_min_comments = models.PositiveIntegerField(default=3)
    history_rejected_share = models.FloatField(
        default=0.5, help_text="Hold when at least this share of them was rejected."
    )

    off_topic_enabled = models.BooleanField(default=True)
    off_topic_action = models.CharField(
        max_length=10, choices=PhaseAction.choices, default=PhaseAction.PUBLISH
    )
    off_topic_threshold = models.FloatField(
        default=0.05, help_text="Cosine similarity below which a comment is possibly off-topic."
    )
    off_topic_min_words = models.PositiveIntegerField(default=12)

    reports_reopen = models.BooleanField(
        default=True,
        help_text="A new reader report puts a comment a moderator approved back in Reported.",
    )

    import_moderation_unpublishes = models.BooleanField(
        default=False,
        help_text="When `civility import --moderate` reviews imported comments, unpublish those "
        "the checks would hold or reject. Off: they stay published and wait in Pending.",
    )

    external_enabled = models.BooleanField(default=False)
    external_url = models.URLField(blank=True)
    external_secret = models.CharField(
        max_length=200, blank=True, help_text="Signs each request with HMAC-SHA256."
    )
    external_timeout_ms = models.PositiveIntegerField(default=1500)

    class Meta:
        verbose_name = "moderation settings"
        verbose_name_plural = "moderation settings"

    def __str__(self) -> str:
        return f"Moderation settings for {self.site}"


class WordKind(models.TextChoices):
    BANNED = "banned", "Banned (reject)"
    SUSPECT = "suspect", "Suspect (hold)"


class WordRule(models.Model):
    """A word or phrase that rejects (banned) or holds (suspect) a comment; site empty = all sites."""

    site = models.ForeignKey(
        Site, on_delete=models.CASCADE, null=True, blank=True, related_name="word_rules"
    )
    phrase = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=WordKind.choices, default=WordKind.SUSPECT)
    note = models.CharField(max_length=300, blank=True, help_text="Why it is on the list.")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["site__name", "kind", "phrase"]
        constraints = [
            models.UniqueConstraint(fields=["site", "phrase"], name="word_rule_unique_phrase")
        ]

    def __str__(self) -> str:
        return f"{self.phrase} ({self.kind})"


class Role(models.TextChoices):
    MODERATOR = "moderator", "Moderator"
    SITE_ADMIN = "site_admin", "Site admin"


class SiteRole(models.Model):
    """A person's role on one site. Moderators work its queue; site admins also edit settings."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="site_roles"
    )
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.MODERATOR)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "site"], name="site_role_one_per_site")
        ]

    def __str__(self) -> str:
        return f"{self.user} is {self.get_role_display()} of {self.site}"


class RejectReason(models.TextChoices):
    HATE_SPEECH = "hate_speech", "Hate speech"
    HARASSMENT = "harassment", "Harassment"
    THREAT = "threat", "Threat"
    SPAM = "spam", "Spam"
    OFF_TOPIC = "off_topic", "Off-topic"
    PASTED_CONTENT = "pasted_content", "Pasted content"
    ILLEGAL_CONTENT = "illegal_content", "Illegal content"
    PRIVACY = "privacy", "Privacy"
    OTHER = "other", "Other"


class ModerationEvent(models.Model):
    """One decision about a comment, automatic (actor empty) or human; never edited."""

    comment = models.ForeignKey(
        "discussion.Comment", on_delete=models.CASCADE, related_name="moderation_events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderation_events",
    )
    # Empty for the decision on a new comment.
    from_status = models.CharField(max_length=10, blank=True)
    to_status = models.CharField(max_length=10)
    reason_codes = models.JSONField(default=list, blank=True)
    # The automatic verdict's reasons ([{code, detail, score, spans, action, phase}]) and scores.
    evidence = models.JSONField(default=dict, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["comment", "-created_at"], name="modevent_comment_recent"),
            models.Index(fields=["created_at"], name="modevent_created"),
        ]

    def __str__(self) -> str:
        who = self.actor or "automatic"
        return f"{who}: comment {self.comment_id} {self.from_status or 'new'} -> {self.to_status}"

    @property
    def is_automatic(self) -> bool:
        return self.actor_id is None


class CommentSignature(models.Model):
    """What the repeat and copypasta checks compare against, shared by every process."""

    comment = models.OneToOneField(
        "discussion.Comment", on_delete=models.CASCADE, related_name="moderation_signature"
    )
    # Indexed by the composite indexes below, which lead with site and author.
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+", db_index=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        db_index=False,
    )
    # sha256 of the text normalized for case, spacing and punctuation: exact repeats.
    text_hash = models.CharField(max_length=64)
    # MinHash of character shingles, as hex of packed 32-bit values; empty for short texts.
    minhash = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            # With the author, the copypasta check's list of others' recent signatures is
            # read from the index alone.
            models.Index(fields=["site", "created_at", "author"], name="modsig_site_recent_by"),
            models.Index(fields=["author", "text_hash"], name="modsig_author_hash"),
        ]

    def __str__(self) -> str:
        return f"Signature of comment {self.comment_id}"


class AuditEntry(models.Model):
    """One administrative change that is not a decision on a comment: site settings and word
    lists edited, a story's thread exported, a reader's data purged. Never edited."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_entries",
    )
    # Kept as text as well, so the record still names who acted after the account is purged.
    actor_name = models.CharField(max_length=150, blank=True)
    site = models.ForeignKey(
        Site, on_delete=models.SET_NULL, null=True, blank=True, related_name="audit_entries"
    )
    # Dotted, past tense: "site_settings.updated", "word_rule.created", "user.purged".
    action = models.CharField(max_length=60)
    target = models.CharField(max_length=200, blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["site", "-created_at"], name="audit_site_recent"),
            models.Index(fields=["action", "-created_at"], name="audit_action_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.actor_name or 'system'}: {self.action} {self.target}".strip()
