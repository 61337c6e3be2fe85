"""The committed OpenAPI schema: where it lives and how it is generated."""

from __future__ import annotations

import json
from pathlib import Path

SCHEMA_PATH = Path(__file__).with_name("openapi.json")


def generated_schema() -> str:
    """The schema as the code describes it, in a stable, diff-friendly form."""
    from civility.api.main import api

    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
