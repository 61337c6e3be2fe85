"""The routers the endpoint modules register on (one per group of paths)."""

from __future__ import annotations

from ninja import Router

comments_router = Router(tags=["comments"])
