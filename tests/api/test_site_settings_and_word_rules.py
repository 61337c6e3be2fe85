"""Site admins read and change moderation settings and word lists; moderators and other sites'
tokens cannot."""

from __future__ import annotations

import pytest

from civility.moderation.models import ModerationSettings, WordRule

from .conftest import api_json, bearer, send

SETTINGS = "/api/v1/sites/gazette/moderation-settings"
RULES = "/api/v1/sites/gazette/word-rules"


@pytest.fixture
def admin_key(site, site_admin, make_token):
    return make_token(site, site_admin, "admin")


def test_settings_read_as_the_defaults_before_any_change(client, admin_key):
    body = api_json(send(client, "get", SETTINGS, **bearer(admin_key)))
    assert body["min_length"] == ModerationSettings._meta.get_field("min_length").default
    assert "external_secret" not in body
    assert not ModerationSettings.objects.exists()


def test_a_patch_changes_only_the_fields_sent(client, admin_key, site):
    response = send(client, "patch", SETTINGS, {"min_length": 5}, **bearer(admin_key))
    assert response.status_code == 200
    row = ModerationSettings.objects.get(site=site)
    assert row.min_length == 5
    assert row.words_enabled is True
    assert api_json(response)["min_length"] == 5


def test_a_patch_with_a_bad_value_changes_nothing(client, admin_key, site):
    response = send(client, "patch", SETTINGS, {"on_phase_error": "explode"}, **bearer(admin_key))
    assert response.status_code == 400
    assert not ModerationSettings.objects.filter(on_phase_error="explode").exists()


def test_a_moderator_session_cannot_change_settings(client, moderator):
    client.force_login(moderator)
    assert send(client, "patch", SETTINGS, {"min_length": 9}).status_code == 403
    assert not ModerationSettings.objects.exists()


def test_a_site_admin_session_can(client, site_admin):
    client.force_login(site_admin)
    assert send(client, "patch", SETTINGS, {"min_length": 9}).status_code == 200


def test_an_admin_token_of_another_site_is_not_found_here(
    client, site, other_site, site_admin, make_token
):
    key = make_token(other_site, site_admin, "admin")
    assert send(client, "get", SETTINGS, **bearer(key)).status_code == 404
    assert send(client, "post", RULES, {"phrase": "x"}, **bearer(key)).status_code == 404


def test_word_rules_are_added_listed_and_deleted(client, admin_key, site):
    response = send(
        client, "post", RULES, {"phrase": "scam", "kind": "banned"}, **bearer(admin_key)
    )
    assert response.status_code == 201
    rule = WordRule.objects.get(site=site)
    assert (rule.phrase, rule.kind) == ("scam", "banned")
    assert [r["phrase"] for r in api_json(send(client, "get", RULES, **bearer(admin_key)))] == [
        "scam"
    ]
    duplicate = send(client, "post", RULES, {"phrase": "scam"}, **bearer(admin_key))
    assert duplicate.status_code == 400
    assert send(client, "delete", f"{RULES}/{rule.pk}", **bearer(admin_key)).status_code == 204
    assert not WordRule.objects.exists()
    assert send(client, "delete", f"{RULES}/{rule.pk}", **bearer(admin_key)).status_code == 404


def test_the_list_leaves_out_other_sites_rules(client, admin_key, other_site):
    WordRule.objects.create(site=other_site, phrase="elsewhere")
    WordRule.objects.create(site=None, phrase="everywhere")
    assert api_json(send(client, "get", RULES, **bearer(admin_key))) == []


def test_a_token_cannot_delete_another_sites_rule(client, admin_key, other_site):
    rule = WordRule.objects.create(site=other_site, phrase="elsewhere")
    assert send(client, "delete", f"{RULES}/{rule.pk}", **bearer(admin_key)).status_code == 404
    assert WordRule.objects.filter(pk=rule.pk).exists()
