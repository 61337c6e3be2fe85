"""The SSO exchange: the framed thread trades the publisher's JWT for an embed token."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from civility.embed.tokens import make_token
from civility.sso.actions import do_sso_sign_in
from civility.sso.jwt_tokens import SsoError
from civility.stories.models import Site

MAX_BODY = 8192


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


# No CSRF cookie here: in a third-party frame it may be blocked. The JWT is the proof, the JSON
# content type cannot be sent by a cross-site form without a CORS preflight (which we never
# answer), and a browser's Origin header must be our own.
@csrf_exempt
@require_POST
def exchange_token(request: HttpRequest, site_slug: str) -> HttpResponse:
    """Verify the publisher's token, sign the reader in, and return an embed token."""
    site = get_object_or_404(Site, slug=site_slug)
    origin = request.headers.get("Origin")
    if origin and origin != f"{request.scheme}://{request.get_host()}":
        return _error("Sign in from the embedded thread only.", 403)
    if request.content_type != "application/json":
        return _error('Send the token as JSON: {"token": "..."}.', 415)
    if len(request.body) > MAX_BODY:
        return _error("That request is too large.", 413)
    try:
        payload = json.loads(request.body)
    except ValueError:
        return _error('Send the token as JSON: {"token": "..."}.', 400)
    token = payload.get("token") if isinstance(payload, dict) else None
    if not isinstance(token, str) or not token:
        return _error('Send the token as JSON: {"token": "..."}.', 400)
    try:
        user = do_sso_sign_in(site=site, token=token)
    except SsoError as error:
        return _error(error.message, 401)
    embed_token = make_token(user, site.pk)
    return JsonResponse(
        {
            "token": embed_token.value,
            "expires_in": embed_token.expires_in,
            "name": user.profile.name,
        }
    )
