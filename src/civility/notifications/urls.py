from django.urls import path

from civility.notifications import views
from civility.stories import converters as _converters  # noqa: F401  (registers site_slug)

app_name = "notifications"
urlpatterns = [
    path("accounts/notifications/", views.settings_page, name="settings"),
    path(
        "accounts/notifications/unsubscribe/<str:token>/",
        views.unsubscribe,
        name="unsubscribe",
    ),
    path("comments/<int:comment_id>/follow/", views.follow_comment, name="follow_comment"),
    path(
        "<site_slug:site_slug>/<slug:story_slug>/follow/",
        views.follow_story,
        name="follow_story",
    ),
]
