from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path, re_path
from django.views.static import serve as serve_media

urlpatterns: list[URLPattern | URLResolver] = [
    path("admin/", admin.site.urls),
    path("accounts/", include("civility.accounts.urls")),
    path("moderate/", include("civility.moderation.urls")),
    path("api/v1/", include("civility.api.urls")),
    path("", include("civility.discussion.urls")),
    path("", include("civility.stories.urls")),
]

if settings.SERVE_MEDIA:
    # Uploaded avatars; a production proxy may serve MEDIA_ROOT itself and turn this off.
    urlpatterns.append(
        re_path(r"^media/(?P<path>.*)$", serve_media, {"document_root": settings.MEDIA_ROOT})
    )
