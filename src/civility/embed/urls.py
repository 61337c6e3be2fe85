from django.urls import path

from civility.embed import views
from civility.stories import converters as _converters  # noqa: F401  (registers site_slug)

app_name = "embed"
urlpatterns = [
    path("embed.js", views.embed_script, name="script"),
    path("count.js", views.count_script, name="count_script"),
    path("<site_slug:site_slug>/thread/", views.find_thread, name="find"),
    path("<site_slug:site_slug>/counts/", views.counts, name="counts"),
    path("<site_slug:site_slug>/story/<slug:story_slug>/", views.thread, name="thread"),
]
