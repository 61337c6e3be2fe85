"""Comment counts for the stories a publisher's list page links to, in one query."""

from __future__ import annotations

from django.db.models import Q

from civility.stories.models import Site, Story

# The same cap as the API's counts; a list page rarely links to more stories than this.
MAX_KEYS = 100


def comment_counts(site: Site, *, ids: list[str], urls: list[str]) -> dict[str, dict[str, int]]:
    """Published comment counts keyed as asked: by external id and by URL; unknown ones are 0."""
    wanted_ids = list(dict.fromkeys(i.strip() for i in ids if i.strip()))[:MAX_KEYS]
    wanted_urls = list(dict.fromkeys(u.strip() for u in urls if u.strip()))
    wanted_urls = wanted_urls[: max(MAX_KEYS - len(wanted_ids), 0)]
    result: dict[str, dict[str, int]] = {
        "ids": dict.fromkeys(wanted_ids, 0),
        "urls": dict.fromkeys(wanted_urls, 0),
    }
    if not wanted_ids and not wanted_urls:
        return result
    rows = Story.objects.filter(
        Q(external_id__in=wanted_ids) | Q(url__in=wanted_urls), site=site
    ).values_list("external_id", "url", "comment_count")
    for external_id, url, count in rows:
        if external_id in result["ids"]:
            result["ids"][external_id] = count
        if url in result["urls"]:
            result["urls"][url] = count
    return result
