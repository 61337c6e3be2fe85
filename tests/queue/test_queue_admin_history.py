"""The comment's admin page shows its decision history."""

from __future__ import annotations

import pytest
from django.urls import reverse
from tests.queue.builders import make_comment

from civility.moderation.actions import do_reject

pytestmark = pytest.mark.django_db


def test_the_comment_admin_page_lists_every_decision(client, make_user, story, reader):
    root = make_user("root", is_superuser=True, is_staff=True)
    comment = make_comment(story, reader, "Questionable.")
    do_reject(comment, root, "privacy", "Names a private person.")
    client.force_login(root)
    html = client.get(
        reverse("admin:discussion_comment_change", args=[comment.pk])
    ).content.decode()
    assert "Decision history" in html or "decision history" in html
    assert "Names a private person." in html
    assert "privacy" in html


def test_the_sanction_admin_lists_and_revokes(client, make_user, reader, site):
    from civility.sanctions.actions import do_ban
    from civility.sanctions.models import UserSanction

    root = make_user("root", is_superuser=True, is_staff=True)
    ban = do_ban(moderator=root, user=reader, site=site, reason="Spam run.")
    client.force_login(root)
    changelist = reverse("admin:sanctions_usersanction_changelist")
    assert "reader" in client.get(changelist).content.decode()
    client.post(changelist, {"action": "revoke", "_selected_action": [ban.pk]})
    assert UserSanction.objects.get(pk=ban.pk).revoked_by == root
