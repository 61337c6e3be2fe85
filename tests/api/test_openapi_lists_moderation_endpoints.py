"""The committed schema carries the moderator, site administration and story endpoints, and the
bearer token scheme next to the session."""

from __future__ import annotations

import json

from civility.api.schema_file import SCHEMA_PATH


def test_the_schema_lists_the_moderation_and_site_endpoints():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    paths = schema["paths"]
    assert set(paths["/api/v1/moderation/queue"]) == {"get"}
    assert set(paths["/api/v1/moderation/events"]) == {"get"}
    for action in ("approve", "reject", "feature", "unfeature"):
        assert set(paths[f"/api/v1/moderation/comments/{{comment_id}}/{action}"]) == {"post"}
    assert set(paths["/api/v1/moderation/users/{user_id}/sanctions"]) == {"post"}
    assert set(paths["/api/v1/sites/{site}/moderation-settings"]) == {"get", "patch"}
    assert set(paths["/api/v1/sites/{site}/word-rules"]) == {"get", "post"}
    assert set(paths["/api/v1/sites/{site}/word-rules/{rule_id}"]) == {"delete"}
    assert set(paths["/api/v1/sites/{site}/stories"]) == {"post"}
    schemes = schema["components"]["securitySchemes"]
    assert schemes["TokenAuth"] == {"type": "http", "scheme": "bearer"}
    assert "SessionAuth" in schemes


def test_the_secret_setting_is_never_returned():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert "external_secret" not in schema["components"]["schemas"]["SettingsOut"]["properties"]
