"""Every HTML page carries a strict Content-Security-Policy and the usual hardening headers; the
templates need no inline script or style, so the policy breaks nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.http import HttpResponse, JsonResponse
from django.test import Client, RequestFactory

from civility.core.security_headers import ContentSecurityPolicyMiddleware

pytestmark = pytest.mark.django_db

SRC = Path(__file__).resolve().parents[2] / "src" / "civility"


def directives(policy: str) -> dict[str, list[str]]:
    found = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            found[words[0]] = words[1:]
    return found


def test_html_pages_carry_a_strict_policy(client, story):
    for url in (f"/{story.site.slug}/", story.get_absolute_url(), "/accounts/login/"):
        response = client.get(url)
        assert response.status_code == 200, url
        policy = directives(response["Content-Security-Policy"])
        assert policy["script-src"] == ["'self'"], url
        assert policy["style-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert policy["base-uri"] == ["'self'"]
        assert policy["form-action"] == ["'self'"]
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"


def test_api_answers_are_not_sniffed(client, story):
    response = client.get(f"/api/v1/sites/{story.site.slug}/stories/{story.slug}/comments")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"].startswith("application/json")


def test_a_view_with_its_own_policy_keeps_it():
    def embed_view(request):
        response = HttpResponse("<p>embedded</p>")
        response["Content-Security-Policy"] = "frame-ancestors https://news.example"
        return response

    middleware = ContentSecurityPolicyMiddleware(embed_view)
    response = middleware(RequestFactory().get("/embed/"))
    assert response["Content-Security-Policy"] == "frame-ancestors https://news.example"


def test_json_answers_get_no_page_policy():
    middleware = ContentSecurityPolicyMiddleware(lambda request: JsonResponse({"a": 1}))
    assert "Content-Security-Policy" not in middleware(RequestFactory().get("/x"))


def test_the_policy_can_be_set_from_the_environment(client, settings, story):
    settings.CONTENT_SECURITY_POLICY = "default-src 'self' https://cdn.example"
    response = client.get(story.get_absolute_url())
    assert response["Content-Security-Policy"] == "default-src 'self' https://cdn.example"


def test_hsts_is_sent_over_https_only(settings, story):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    assert "Strict-Transport-Security" not in Client().get(story.get_absolute_url())
    response = Client().get(story.get_absolute_url(), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000"


def test_no_hsts_unless_configured(story):
    assert "Strict-Transport-Security" not in Client().get(story.get_absolute_url(), secure=True)


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.I)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)


def test_no_template_needs_inline_script_or_style():
    offenders = []
    for path in SRC.rglob("templates/**/*.html"):
        text = path.read_text(encoding="utf-8")
        for pattern in (INLINE_SCRIPT, INLINE_STYLE, EVENT_HANDLER):
            offenders += [f"{path.relative_to(SRC)}: {m.group()}" for m in pattern.finditer(text)]
    assert not offenders, "the CSP blocks these; move them to a static file:\n" + "\n".join(
        offenders
    )
