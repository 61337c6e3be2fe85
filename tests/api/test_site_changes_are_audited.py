"""Changing site settings and word lists through the API leaves a row in the administrative audit
record (who, what, before and after, never a secret), which moderators read over the API."""

from __future__ import annotations

import pytest

from civility.moderation.models import AuditEntry, WordRule

from .conftest import api_json, bearer, send

SETTINGS = "/api/v1/sites/gazette/moderation-settings"
RULES = "/api/v1/sites/gazette/word-rules"
AUDIT = "/api/v1/moderation/audit-entries"


@pytest.fixture
def admin_key(site, site_admin, make_token):
    return make_token(site, site_admin, "admin")


def test_a_settings_change_records_what_changed(client, admin_key, site, site_admin):
    send(client, "patch", SETTINGS, {"min_length": 5, "words_enabled": True}, **bearer(admin_key))
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.site, entry.actor, entry.actor_name) == (
        "site_settings.updated",
        site,
        site_admin,
        "siteadmin",
    )
    # words_enabled was already on: only what changed is recorded.
    assert entry.data == {"before": {"min_length": 2}, "after": {"min_length": 5}}


def test_a_change_to_nothing_records_nothing(client, admin_key):
    send(client, "patch", SETTINGS, {"min_length": 2}, **bearer(admin_key))
    assert not AuditEntry.objects.exists()


def test_a_refused_change_records_nothing(client, admin_key):
    response = send(client, "patch", SETTINGS, {"on_phase_error": "explode"}, **bearer(admin_key))
    assert response.status_code == 400
    assert not AuditEntry.objects.exists()


def test_the_scorers_secret_never_enters_the_record(client, admin_key):
    body = {"external_secret": "s3cret-value"}
    assert send(client, "patch", SETTINGS, body, **bearer(admin_key)).status_code == 200
    entry = AuditEntry.objects.get()
    assert entry.data["after"] == {"external_secret": "(changed)"}
    assert "s3cret-value" not in str(entry.data)


def test_adding_and_deleting_a_word_rule_are_recorded(client, admin_key, site):
    body = {"phrase": "scam", "kind": "banned", "note": "spam wave"}
    send(client, "post", RULES, body, **bearer(admin_key))
    rule = WordRule.objects.get()
    send(client, "delete", f"{RULES}/{rule.pk}", **bearer(admin_key))
    created, deleted = AuditEntry.objects.order_by("pk")
    expected = {"phrase": "scam", "kind": "banned", "note": "spam wave"}
    assert (created.action, created.data) == (
        "word_rule.created",
        {"before": None, "after": expected},
    )
    assert (deleted.action, deleted.data) == (
        "word_rule.deleted",
        {"before": expected, "after": None},
    )
    assert created.target == deleted.target == f"word rule {rule.pk}"


def test_a_duplicate_rule_records_nothing(client, admin_key):
    send(client, "post", RULES, {"phrase": "scam"}, **bearer(admin_key))
    send(client, "post", RULES, {"phrase": "scam"}, **bearer(admin_key))
    assert AuditEntry.objects.count() == 1


def test_the_record_is_listed_newest_first_and_filtered(
    client, admin_key, site, moderator, make_token
):
    send(client, "patch", SETTINGS, {"min_length": 5}, **bearer(admin_key))
    send(client, "post", RULES, {"phrase": "scam"}, **bearer(admin_key))
    key = make_token(site, moderator, "moderate")
    body = api_json(send(client, "get", AUDIT, **bearer(key)))
    assert [item["action"] for item in body["items"]] == [
        "word_rule.created",
        "site_settings.updated",
    ]
    assert body["items"][1]["data"] == {"before": {"min_length": 2}, "after": {"min_length": 5}}
    assert body["items"][1]["actor"] == "siteadmin"
    assert body["items"][1]["site"] == "gazette"
    only_rules = api_json(send(client, "get", f"{AUDIT}?action=word_rule.", **bearer(key)))
    assert [item["action"] for item in only_rules["items"]] == ["word_rule.created"]
    exact = api_json(send(client, "get", f"{AUDIT}?action=site_settings.updated", **bearer(key)))
    assert len(exact["items"]) == 1
    later = api_json(send(client, "get", f"{AUDIT}?from=2100-01-01T00:00:00Z", **bearer(key)))
    assert later["items"] == []


def test_a_reader_cannot_read_the_record(client, site, reader, make_token):
    key = make_token(site, reader, "moderate")
    assert send(client, "get", AUDIT, **bearer(key)).status_code == 403
    client.force_login(reader)
    assert client.get(AUDIT).status_code == 403


def test_a_comment_token_cannot_read_the_record(client, site, moderator, make_token):
    key = make_token(site, moderator, "comment")
    assert send(client, "get", AUDIT, **bearer(key)).status_code == 403


def test_entries_for_every_site_are_for_those_who_moderate_everything(
    client, site, moderator, make_user
):
    AuditEntry.objects.create(site=None, action="user.purged", actor_name="root")
    AuditEntry.objects.create(site=site, action="thread.exported", actor_name="desk")
    client.force_login(moderator)
    assert [i["action"] for i in api_json(client.get(AUDIT))["items"]] == ["thread.exported"]
    client.force_login(make_user("root", is_superuser=True))
    assert {i["action"] for i in api_json(client.get(AUDIT))["items"]} == {
        "thread.exported",
        "user.purged",
    }


@pytest.mark.parametrize("limit", [2, 50])
def test_a_page_of_the_record_costs_fixed_queries(
    client, site, moderator, make_token, django_assert_num_queries, limit
):
    for i in range(120):
        AuditEntry.objects.create(site=site, action="word_rule.created", target=f"rule {i}")
    key = make_token(site, moderator, "moderate")
    first = api_json(send(client, "get", f"{AUDIT}?limit={limit}", **bearer(key)))
    # The token, the moderator's sites, the page.
    with django_assert_num_queries(3):
        response = send(
            client, "get", f"{AUDIT}?limit={limit}&cursor={first['next_cursor']}", **bearer(key)
        )
    assert len(api_json(response)["items"]) == limit
