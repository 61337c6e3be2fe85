"""Every view that changes state refuses a POST without the CSRF token. The list of views comes
from the URL map, so a view added later is covered (or must be listed below with a reason)."""

from __future__ import annotations

import json

import pytest
from django.http import HttpResponse
from django.test import Client

from .url_map import all_views, is_admin, is_api

pytestmark = pytest.mark.django_db

REFUSED = b"csrf-refused-by-the-attack-suite"

# Views that skip Django's CSRF middleware on purpose, each with what protects it instead.
# Views named here are still posted to below, and must still refuse the forged request.
CSRF_EXEMPT_WITH_INNER_CHECK = {
    # Exempt only so the upload size limit is installed first; csrf_protect runs inside.
    "accounts:avatar_upload": "csrf_protect inside, after the upload limit",
}
# Views that accept a POST without a CSRF token by design; the reason is what makes it safe.
CSRF_FREE_BY_DESIGN: dict[str, str] = {
    # RFC 8058 one-click unsubscribe: mail clients POST with no cookie; the signed token in the
    # URL is the credential, and the worst a forger can do is unsubscribe someone whose link
    # they already hold.
    "notifications:unsubscribe": "signed token in the URL",
    # The publisher's JWT is the proof; JSON only (a cross-site form cannot send it without a
    # preflight, never answered) and a foreign Origin is refused: see the test below.
    "sso:exchange": "JWT body, JSON content type, same Origin",
}


def csrf_failure(request, reason=""):  # type: ignore[no-untyped-def]
    return HttpResponse(REFUSED, status=403)


@pytest.fixture
def refusals_are_marked(settings):
    settings.CSRF_FAILURE_VIEW = "tests.security.test_csrf_on_every_form.csrf_failure"


@pytest.fixture
def superuser_client(make_user):
    """Signed in as a superuser, so no permission check answers before the CSRF check does."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user("root", is_staff=True, is_superuser=True))
    return client


def form_views():
    return [v for v in all_views() if not is_api(v) and not v.is_regex]


def test_the_exemption_lists_name_real_views():
    keys = {view.key for view in all_views()}
    stale = (set(CSRF_EXEMPT_WITH_INNER_CHECK) | set(CSRF_FREE_BY_DESIGN)) - keys
    assert not stale, f"no such views any more: {sorted(stale)}"


@pytest.mark.usefixtures("refusals_are_marked")
def test_every_view_refuses_a_forged_post(superuser_client, story):
    unprotected = []
    for view in form_views():
        if view.key in CSRF_FREE_BY_DESIGN:
            continue
        exempt = getattr(view.callback, "csrf_exempt", False)
        if exempt and view.key not in CSRF_EXEMPT_WITH_INNER_CHECK:
            unprotected.append(f"{view.key} ({view.route}) is csrf_exempt")
            continue
        path = view.sample_path(site_slug=story.site.slug, story_slug=story.slug)
        response = superuser_client.post(path, {"text": "forged", "next": "/"})
        if response.status_code != 403 or response.content != REFUSED:
            unprotected.append(f"{view.key} ({path}) answered {response.status_code}")
    assert not unprotected, (
        "These views accept a POST without the CSRF token. Protect them, or list them in "
        "CSRF_FREE_BY_DESIGN with the reason that makes it safe:\n" + "\n".join(unprotected)
    )


def test_admin_views_are_all_csrf_protected(superuser_client, settings):
    settings.CSRF_FAILURE_VIEW = "tests.security.test_csrf_on_every_form.csrf_failure"
    exempt = [
        v.route for v in all_views() if is_admin(v) and getattr(v.callback, "csrf_exempt", False)
    ]
    assert not exempt
    for path in ("/admin/logout/", "/admin/auth/user/add/", "/admin/stories/site/add/"):
        response = superuser_client.post(path, {"username": "x"})
        assert response.content == REFUSED, path


def test_a_real_form_post_with_the_token_gets_through(story, reader):
    # Proof that the refusals above come from the missing token and not from something else.
    client = Client(enforce_csrf_checks=True)
    client.force_login(reader)
    client.get(story.get_absolute_url())
    token = client.cookies["csrftoken"].value
    response = client.post(
        f"{story.get_absolute_url()}comment/",
        {"text": "A real comment", "csrfmiddlewaretoken": token},
    )
    assert response.status_code in (200, 302)
    assert response.content != REFUSED


def api_writes():
    from civility.api.main import api

    schema = api.get_openapi_schema(path_prefix="/api/v1")
    for path, operations in schema["paths"].items():
        for method in operations:
            if method.upper() in {"POST", "PUT", "PATCH", "DELETE"}:
                yield method, path


def test_every_api_write_refuses_a_session_without_the_csrf_token(story, site_admin):
    client = Client(enforce_csrf_checks=True)
    client.force_login(site_admin)
    writes = list(api_writes())
    assert len(writes) >= 10
    accepted = []
    for method, path in writes:
        url = path.replace("{site}", story.site.slug).replace("{story}", story.slug)
        for name in ("{comment_id}", "{user_id}", "{rule_id}"):
            url = url.replace(name, "1")
        response = getattr(client, method)(
            url, data=json.dumps({}), content_type="application/json"
        )
        body = response.content.decode()
        if response.status_code != 403 or "CSRF" not in body:
            accepted.append(f"{method.upper()} {url} answered {response.status_code}: {body[:120]}")
    assert not accepted, "\n".join(accepted)


def test_the_sso_exchange_refuses_what_a_cross_site_page_could_send(story):
    client = Client(enforce_csrf_checks=True)
    url = f"/sso/{story.site.slug}/token/"
    body = json.dumps({"token": "x"})
    foreign = client.post(
        url, body, content_type="application/json", HTTP_ORIGIN="https://evil.example"
    )
    assert foreign.status_code == 403
    form = client.post(url, {"token": "x"}, HTTP_ORIGIN="http://testserver")
    assert form.status_code == 415
    plain = client.post(url, body, content_type="text/plain")
    assert plain.status_code == 415


def test_unsubscribing_needs_a_valid_signed_token():
    client = Client(enforce_csrf_checks=True)
    assert client.post("/accounts/notifications/unsubscribe/forged-token/").status_code == 400
