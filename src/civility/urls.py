from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path, re_path
from django.views.static import serve as serve_media

urlpatterns: list[URLPattern | URLResolver] = [
    path("admin/", admin.site.urls),
    # Before accounts/ and the story pages: notification settings, unsubscribe, follow buttons.
    path("", include("civility.notifications.urls")),
    path("", include("civility.feeds.urls")),
    path("accounts/", include("civility.accounts.urls")),
    path("moderate/", include("civility.moderation.urls")),
    path("api/v1/", include("civility.api.urls")),
    path("live/", include("civility.live.urls")),
    path("embed/", include("civility.embed.urls")),
    path("sso/", include("civility.sso.urls")),
    path("", include("civility.discussion.urls")),
    path("", include("civility.stories.urls")),
]

if settings.OIDC_ENABLED:
    # Off unless configured (see settings): /oidc/authenticate/ and /oidc/callback/.
    urlpatterns.insert(0, path("oidc/", include("mozilla_django_oidc.urls")))

if settings.SERVE_MEDIA:
    # Uploaded avatars; a production proxy may serve MEDIA_ROOT itself and turn this off.
    urlpatterns.append(
        re_path(r"^media/(?P<path>.*)$", serve_media, {"document_root": settings.MEDIA_ROOT})
    )

# A database that cannot be reached answers 503 with Retry-After, wherever it was noticed.
handler500 = "civility.core.views.server_error"
