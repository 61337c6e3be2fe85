from __future__ import annotations

from django.urls import path

from civility.live import views

app_name = "live"
urlpatterns = [
    path("stories/<int:story_id>/since/", views.since, name="since"),
    path("stories/<int:story_id>/comments/", views.comments, name="comments"),
    path("csrf-token/", views.csrf_token, name="csrf_token"),
]
