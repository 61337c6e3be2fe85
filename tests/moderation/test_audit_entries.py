"""The administrative audit record keeps who did what, even after the account is gone."""

from __future__ import annotations

import pytest

from civility.moderation import audit
from civility.moderation.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_an_entry_names_the_actor_even_after_the_account_is_deleted(site, moderator):
    audit.record("word_rule.created", actor=moderator, site=site, target="phrase", data={"k": 1})
    moderator.delete()
    entry = AuditEntry.objects.get()
    assert entry.actor is None
    assert entry.actor_name == "moderator"
    assert (entry.action, entry.target, entry.data) == ("word_rule.created", "phrase", {"k": 1})


def test_the_system_acts_without_an_actor(site):
    entry = audit.record("story.exported", site=site, target="x" * 500)
    assert entry.actor is None and entry.actor_name == ""
    assert len(entry.target) == 200
