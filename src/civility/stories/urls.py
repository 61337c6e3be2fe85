from django.urls import path

from civility.stories import converters as _converters  # noqa: F401  (registers site_slug)
from civility.stories import views

app_name = "stories"
urlpatterns = [
    path("", views.index, name="index"),
    path("<site_slug:site_slug>/", views.site_front, name="site"),
]
