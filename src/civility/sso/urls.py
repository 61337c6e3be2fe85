from django.urls import path

from civility.sso import views
from civility.stories import converters as _converters  # noqa: F401  (registers site_slug)

app_name = "sso"
urlpatterns = [
    path("<site_slug:site_slug>/token/", views.exchange_token, name="exchange"),
]
