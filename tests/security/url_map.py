"""Walk Django's URL map: every view with its full route, so tests cover views added later."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

# A value for each converter that makes the route resolve (the object need not exist).
SAMPLES = {
    "int": "1",
    "slug": "x",
    "str": "x",
    "path": "x",
    "uuid": "00000000-0000-0000-0000-000000000001",
}
_CONVERTER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


@dataclass(frozen=True)
class View:
    route: str  # e.g. "comments/<int:comment_id>/reply/", or a regex for re_path patterns
    name: str  # "namespace:name", or "" when unnamed
    callback: Callable
    is_regex: bool

    @property
    def module(self) -> str:
        target = getattr(self.callback, "view_class", None) or self.callback
        return getattr(target, "__module__", "")

    @property
    def key(self) -> str:
        """How the matrix and the exemption lists name this view: its name, else its route."""
        return self.name or self.route

    def sample_path(self, **values: str) -> str:
        """A path that resolves to this view, with `values` for named parameters."""
        assert not self.is_regex, f"{self.route} is a regular expression"

        def fill(match: re.Match) -> str:
            name = match["name"]
            if name in values:
                return values[name]
            return SAMPLES.get(match["converter"] or "str", "x")

        return "/" + _CONVERTER.sub(fill, self.route)


def _walk(patterns, prefix: str, namespace: str, is_regex: bool) -> Iterator[View]:  # type: ignore[no-untyped-def]
    for entry in patterns:
        route = str(entry.pattern)
        regex = is_regex or not isinstance(entry.pattern, RoutePattern)
        if isinstance(entry, URLResolver):
            inner = (
                f"{namespace}:{entry.namespace}"
                if entry.namespace and namespace
                else (entry.namespace or namespace)
            )
            yield from _walk(entry.url_patterns, prefix + route, inner, regex)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else (entry.name or "")
            yield View(prefix + route, name, entry.callback, regex)


def all_views() -> list[View]:
    return list(_walk(get_resolver().url_patterns, "", "", False))


def is_admin(view: View) -> bool:
    return view.route.startswith("admin/")


def is_api(view: View) -> bool:
    return view.module.startswith("ninja.")
