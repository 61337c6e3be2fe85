"""The one NinjaAPI instance behind /api/v1/."""

from __future__ import annotations

from ninja import NinjaAPI

from civility.api import accounts, moderating, problems, reading, sites, writing  # noqa: F401
from civility.api.rendering import ORJSONRenderer
from civility.api.routers import comments_router

api = NinjaAPI(
    title="Civility API",
    version="1",
    description="Read and write a story's discussion. Errors are application/problem+json.",
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
