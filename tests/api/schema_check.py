"""Check API responses against the committed OpenAPI document (src/civility/api/openapi.json).

`SchemaCheckingClient` is the test client every API test gets: each response to /api/v1/ is
matched to its operation and status (or the `default` problem response) and its body validated
with the operation's JSON Schema (OpenAPI 3.1 schemas are JSON Schema 2020-12).
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

import jsonschema_rs
from django.test import Client

from civility.api.schema_file import SCHEMA_PATH

PREFIX = "/api/v1/"
# Not operations of the API: the schema itself and its HTML docs.
UNDESCRIBED = ("/api/v1/openapi.json", "/api/v1/docs")


class SchemaMismatch(AssertionError):
    pass


@cache
def _document() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@cache
def _routes() -> list[tuple[re.Pattern[str], str]]:
    routes = []
    for template in _document()["paths"]:
        parts = re.split(r"\{[^}/]+\}", template)
        pattern = "[^/]+".join(re.escape(part) for part in parts)
        routes.append((re.compile(f"^{pattern}$"), template))
    # Literal paths before templated ones (/sites/{site}/counts beside .../{story}/comments).
    return sorted(routes, key=lambda route: route[1].count("{"))


@cache
def _validator(schema_json: str) -> Any:
    schema = {"components": _document()["components"], "allOf": [json.loads(schema_json)]}
    return jsonschema_rs.Draft202012Validator(schema)


def operation_for(method: str, path: str) -> tuple[str, dict[str, Any]]:
    for pattern, template in _routes():
        if pattern.match(path):
            operation = _document()["paths"][template].get(method.lower())
            if operation is not None:
                return template, operation
    raise SchemaMismatch(f"{method} {path} is not an operation of the committed schema")


def check_response(method: str, path: str, response: Any) -> None:
    """Raise SchemaMismatch unless the response is one the schema describes for this call."""
    if not path.startswith(PREFIX) or path.startswith(UNDESCRIBED) or response.status_code == 405:
        return
    template, operation = operation_for(method, path)
    responses = operation["responses"]
    status = str(response.status_code)
    described = responses.get(status) or responses.get("default")
    if described is None:
        raise SchemaMismatch(f"{method} {template} answered {status}, which it does not describe")
    content = described.get("content")
    if not content:
        if response.content:
            raise SchemaMismatch(f"{method} {template} {status} should have no body")
        return
    media_type = response["Content-Type"].split(";")[0].strip()
    if media_type not in content:
        raise SchemaMismatch(
            f"{method} {template} {status} is {media_type}, described as {sorted(content)}"
        )
    body = json.loads(response.content)
    validator = _validator(json.dumps(content[media_type]["schema"], sort_keys=True))
    errors = [
        f"{'/'.join(map(str, e.instance_path))}: {e.message}" for e in validator.iter_errors(body)
    ]
    if errors:
        raise SchemaMismatch(f"{method} {template} {status} does not match the schema: {errors}")


class SchemaCheckingClient(Client):
    """A Django test client that validates every API response it receives."""

    def request(self, **request: Any) -> Any:  # type: ignore[override]
        response = super().request(**request)
        check_response(request["REQUEST_METHOD"], request["PATH_INFO"], response)
        return response
