"""Site admins test an endpoint from the admin: a `ping`, tried once, result shown."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from civility.moderation.models import Role, SiteRole
from civility.stories.models import Site
from civility.webhooks import signing
from civility.webhooks.actions import do_send_ping
from civility.webhooks.models import DeliveryState, WebhookDelivery, WebhookEndpoint

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_admin(site, make_user):
    user = make_user("siteadmin", is_staff=True)
    SiteRole.objects.create(user=user, site=site, role=Role.SITE_ADMIN)
    return user


def test_a_ping_is_signed_and_recorded(endpoint, receiver, run_after_commit):
    ping = run_after_commit(do_send_ping, endpoint)
    ping.refresh_from_db()
    assert ping.state == DeliveryState.SUCCEEDED
    (request,) = receiver.requests
    assert request.headers["Civility-Event"] == "ping"
    assert json.loads(request.body)["event"] == "ping"
    assert signing.verify(endpoint.secret, request.headers["Civility-Signature"], request.body)


def test_a_failed_ping_is_not_retried(endpoint, receiver, run_after_commit):
    receiver.statuses = [500]
    ping = run_after_commit(do_send_ping, endpoint)
    ping.refresh_from_db()
    assert ping.state == DeliveryState.FAILED and ping.next_attempt_at is None


@pytest.mark.django_db(transaction=True)
def test_the_button_on_the_endpoint_page_sends_a_ping(client, site_admin, endpoint, receiver):
    client.force_login(site_admin)
    page = client.get(reverse("admin:webhooks_webhookendpoint_change", args=[endpoint.pk]))
    assert page.status_code == 200
    ping_url = reverse("admin:webhooks_webhookendpoint_ping", args=[endpoint.pk])
    assert ping_url in page.content.decode()
    assert endpoint.secret in page.content.decode()
    # A real commit (transaction=True): the attempt runs before the page reports on it.
    response = client.post(ping_url, follow=True)
    assert "answered 200" in response.content.decode()
    assert [r.headers["Civility-Event"] for r in receiver.requests] == ["ping"]
    # GET does nothing.
    assert client.get(ping_url).status_code == 405


@pytest.mark.django_db(transaction=True)
def test_the_list_action_sends_pings_and_reports_failures(client, site_admin, endpoint, receiver):
    receiver.statuses = [404]
    client.force_login(site_admin)
    response = client.post(
        reverse("admin:webhooks_webhookendpoint_changelist"),
        {"action": "send_ping", "_selected_action": [endpoint.pk]},
        follow=True,
    )
    assert "failed: status 404" in response.content.decode()
    delivery = WebhookDelivery.objects.get(event="ping")
    assert delivery.attempts.get().status_code == 404


def test_a_site_admin_cannot_ping_or_see_another_sites_endpoint(
    client, site_admin, receiver, run_after_commit
):
    other = Site.objects.create(slug="courier", name="The Courier")
    theirs = WebhookEndpoint.objects.create(site=other, url=receiver.url, events=["ping"])
    client.force_login(site_admin)
    response = client.post(reverse("admin:webhooks_webhookendpoint_ping", args=[theirs.pk]))
    assert response.status_code == 404
    changelist = client.get(reverse("admin:webhooks_webhookendpoint_changelist"))
    assert receiver.url not in changelist.content.decode()
    assert receiver.requests == []


def test_attempts_are_visible_in_the_delivery_log(
    client, site_admin, endpoint, receiver, run_after_commit
):
    receiver.statuses = [503]
    ping = run_after_commit(do_send_ping, endpoint)
    client.force_login(site_admin)
    page = client.get(reverse("admin:webhooks_webhookdelivery_change", args=[ping.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "503" in text and "receiver is unhappy" in text
    listing = client.get(reverse("admin:webhooks_webhookdelivery_changelist"))
    assert "ping" in listing.content.decode()
