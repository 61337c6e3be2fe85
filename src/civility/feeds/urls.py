from django.urls import path

from civility.feeds.feeds import SiteCommentsFeed, StoryCommentsFeed
from civility.stories import converters as _converters  # noqa: F401  (registers site_slug)

app_name = "feeds"
urlpatterns = [
    path("<site_slug:site_slug>/comments.atom", SiteCommentsFeed(), name="site"),
    path(
        "<site_slug:site_slug>/<slug:story_slug>/comments.atom",
        StoryCommentsFeed(),
        name="story",
    ),
]
