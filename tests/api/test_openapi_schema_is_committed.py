"""The OpenAPI schema is generated from the code and committed; this fails when they drift."""

from __future__ import annotations

import json

from civility.api.schema_file import SCHEMA_PATH, generated_schema


def test_the_committed_schema_matches_the_code():
    assert SCHEMA_PATH.read_text(encoding="utf-8") == generated_schema(), (
        "The API changed: run `civility api_schema` and commit src/civility/api/openapi.json."
    )


def test_the_schema_is_served(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    served = json.loads(response.content)
    assert served["openapi"].startswith("3.")
    assert "/api/v1/sites/{site}/stories/{story}/comments" in served["paths"]
    assert served["paths"] == json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))["paths"]


def test_the_docs_are_served_without_third_party_requests(client, db):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle" in html
    assert "cdn." not in html
    assert "https://" not in html


def test_the_schema_lists_every_reader_endpoint():
    paths = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))["paths"]
    assert set(paths["/api/v1/sites/{site}/stories/{story}/comments"]) == {"get", "post"}
    assert set(paths["/api/v1/comments/{comment_id}"]) == {"get", "patch", "delete"}
    assert set(paths["/api/v1/comments/{comment_id}/reaction"]) == {"put", "delete"}
    assert {"/api/v1/me", "/api/v1/counts", "/api/v1/comments/{comment_id}/replies"} <= set(paths)
