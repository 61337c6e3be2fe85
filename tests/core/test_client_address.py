"""The client's address comes from the socket unless a configured trusted proxy forwarded it."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from civility.core.client_address import client_address


def _request(remote: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_it_ignores_x_forwarded_for_when_no_proxy_is_trusted(settings):
    settings.TRUSTED_PROXIES = []
    assert client_address(_request("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


def test_it_ignores_x_forwarded_for_from_an_untrusted_peer(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_address(_request("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


def test_it_takes_the_address_a_trusted_proxy_forwarded(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_address(_request("10.0.0.2", "198.51.100.1")) == "198.51.100.1"


def test_it_reads_from_the_right_so_a_client_cannot_prepend_a_spoofed_hop(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    # The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the real address.
    assert client_address(_request("10.0.0.2", "1.2.3.4, 198.51.100.1")) == "198.51.100.1"


def test_it_skips_every_trusted_hop(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "192.168.0.0/16"]
    request = _request("10.0.0.2", "198.51.100.1, 192.168.1.5, 10.1.1.1")
    assert client_address(request) == "198.51.100.1"


@pytest.mark.parametrize("forwarded", ["not-an-ip", "", " , ", "198.51.100.1<script>"])
def test_it_falls_back_to_the_proxy_on_a_garbled_header(settings, forwarded):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_address(_request("10.0.0.2", forwarded)) == "10.0.0.2"


def test_it_understands_ipv6(settings):
    settings.TRUSTED_PROXIES = ["::1/128"]
    assert client_address(_request("::1", "2001:db8::7")) == "2001:db8::7"


def test_the_middleware_puts_it_on_the_request(client, settings, story):
    settings.TRUSTED_PROXIES = []
    response = client.get(
        story.get_absolute_url(), REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="1.2.3.4"
    )
    assert response.wsgi_request.client_address == "203.0.113.9"
