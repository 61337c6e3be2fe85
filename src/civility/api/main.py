"""The one NinjaAPI instance behind /api/v1/."""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI

from civility.api import (  # noqa: F401  (the modules register their endpoints)
    accounts,
    auditing,
    moderating,
    problems,
    reading,
    sites,
    writing,
)
from civility.api.auth import TokenAuth, anyone
from civility.api.rendering import PROBLEM_MEDIA_TYPE, ORJSONRenderer
from civility.api.routers import comments_router

# Every error body (problems.py); listed as each operation's `default` response.
PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "type": "object",
    "description": "An RFC 9457 problem document; some types add fields (errors, spans).",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
    },
    "required": ["type", "title", "status", "detail"],
}


class CivilityAPI(NinjaAPI):
    """NinjaAPI whose schema also says what ninja leaves out: the error shape, each token
    scope an operation needs, and which operations anyone may call without signing in."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):  # type: ignore[no-untyped-def]
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema["components"].setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
        auth_by_id = {
            self.get_openapi_operation_id(operation): operation.auth_callbacks
            for _, router in self._routers
            for path_view in router.path_operations.values()
            for operation in path_view.operations
        }
        for methods in schema["paths"].values():
            for operation in methods.values():
                # Status codes as strings, as JSON has them, so "default" sits beside them.
                operation["responses"] = {str(k): v for k, v in operation["responses"].items()}
                operation["responses"]["default"] = {
                    "description": "An error, as application/problem+json.",
                    "content": {
                        PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}
                    },
                }
                callbacks = auth_by_id.get(operation.get("operationId"), [])
                if not callbacks:
                    continue
                security = []
                for callback in callbacks:
                    if isinstance(callback, TokenAuth):
                        security.append({"TokenAuth": sorted(callback.scopes)})
                    elif callback is anyone:
                        security.append({})  # no credentials needed
                    else:
                        security.append({type(callback).__name__: []})
                operation["security"] = security
        return schema


api = CivilityAPI(
    title="Civility API",
    version="1",
    description=(
        "Read and write a story's discussion. Errors are application/problem+json.\n\n"
        "Tokens are per site and carry scopes: `read` (reading), `comment` (posting, plus "
        "read), `moderate` (the queue, decisions, sanctions, the audit record, plus read) and "
        "`admin` (site settings and word lists, plus moderate and read). A token acts as the "
        "account that made it, whose site roles still apply, and never sees another site. "
        "Reading needs no token; a request that sends one must send a valid one."
    ),
    renderer=ORJSONRenderer(),
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)
problems.register(api)
api.add_router("", comments_router)
api.add_router("", accounts.router)
api.add_router("", moderating.router)
api.add_router("", sites.router)
