"""Webhook URLs: http(s) only, and no private addresses unless the install allows them."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from civility.webhooks import transport
from civility.webhooks.addresses import AddressRefused, resolve, validate_webhook_url
from civility.webhooks.admin import WebhookEndpointForm

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.org/hook",
        "file:///etc/passwd",
        "gopher://example.org/",
        "javascript:alert(1)",
    ],
)
def test_it_refuses_other_schemes(url):
    with pytest.raises(ValidationError):
        validate_webhook_url(url)


def test_it_refuses_credentials_in_the_url():
    with pytest.raises(ValidationError):
        validate_webhook_url("https://user:pass@example.org/hook")


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://10.1.2.3/",
        "http://192.168.0.10:8080/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://100.64.0.1/",
    ],
)
def test_it_refuses_private_addresses_by_default(settings, url):
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = False
    with pytest.raises(ValidationError):
        validate_webhook_url(url)


def test_a_host_name_that_resolves_privately_is_refused_at_delivery(settings, receiver):
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = False
    with pytest.raises(AddressRefused):
        resolve("localhost", 80)
    outcome = transport.post(receiver.url.replace("127.0.0.1", "localhost"), b"{}", {}, timeout=1)
    assert outcome.status_code is None and outcome.error.startswith("refused:")
    assert receiver.requests == []


def test_the_setting_allows_private_receivers(settings):
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = True
    validate_webhook_url("http://10.1.2.3/hook")


def test_the_admin_form_shows_the_reason(settings, site):
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = False
    form = WebhookEndpointForm(
        data={"site": site.pk, "url": "ftp://example.org/", "events": ["comment.created"]}
    )
    assert not form.is_valid()
    assert "url" in form.errors
    form = WebhookEndpointForm(
        data={
            "site": site.pk,
            "url": "https://hooks.example.org/civility",
            "events": ["comment.created", "report.created"],
            "is_active": "on",
        }
    )
    assert form.is_valid(), form.errors
    endpoint = form.save()
    assert endpoint.events == ["comment.created", "report.created"]
    assert endpoint.receives_moderation
