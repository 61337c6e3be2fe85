"""The reader's way in: the list of sites and each site's front page of stories."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from civility.stories.models import Site

STORIES_PER_PAGE = 30


def index(request: HttpRequest) -> HttpResponse:
    """List the sites; with only one, go straight to its front page."""
    sites = list(Site.objects.order_by("name")[:200])
    if len(sites) == 1:
        return redirect(sites[0])
    return render(request, "stories/index.html", {"sites": sites})


def site_front(request: HttpRequest, site_slug: str) -> HttpResponse:
    """A site's stories, newest first, with their comment counts."""
    site = get_object_or_404(Site, slug=site_slug)
    stories = site.stories.select_related("site", "author__profile").order_by(
        "-published_at", "-pk"
    )
    page = Paginator(stories, STORIES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "stories/site.html", {"site": site, "page": page})
