"""Where a webhook may point: http(s) URLs, and by default only public addresses.

A webhook makes this server send requests to a URL a site admin typed, which is a classic
server-side request forgery (SSRF) channel: pointed at 127.0.0.1, 10.0.0.0/8 or the cloud
metadata address 169.254.169.254 it would probe the private network. So the host is resolved at
every delivery, refused when any of its addresses is not globally routable (unless
WEBHOOK_ALLOW_PRIVATE_ADDRESSES is on), and the connection goes to the address that was checked,
so a DNS answer that changes between check and connect (DNS rebinding) cannot slip through.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError

SCHEMES = ("http", "https")


class AddressRefused(Exception):
    """The URL may not be called (bad scheme, no host, private address, no DNS answer)."""


def validate_webhook_url(url: str) -> None:
    """Refuse URLs a webhook may not use; the form shows the message."""
    parts = urlsplit(url or "")
    if parts.scheme.lower() not in SCHEMES:
        raise ValidationError("Webhook URLs must start with http:// or https://.")
    if not parts.hostname:
        raise ValidationError("Webhook URLs need a host name.")
    if parts.username or parts.password:
        raise ValidationError(
            "Put no user name or password in the URL; verify the signature instead."
        )
    literal = _literal_address(parts.hostname)
    if literal is not None and not _allowed(literal):
        raise ValidationError(
            "This address is private or reserved. Set WEBHOOK_ALLOW_PRIVATE_ADDRESSES=1 "
            "to allow receivers on your own network."
        )


def _literal_address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def _allowed(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES:
        return True
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def resolve(host: str, port: int) -> list[str]:
    """Return the addresses to connect to for host, or raise AddressRefused."""
    try:
        answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise AddressRefused(f"cannot resolve {host}: {error}") from error
    addresses: list[str] = []
    for _family, _type, _proto, _name, sockaddr in answers:
        address = str(sockaddr[0])
        parsed = ipaddress.ip_address(address.split("%", 1)[0])
        # One private answer is enough to refuse: the attacker controls the order.
        if not _allowed(parsed):
            raise AddressRefused(f"{host} resolves to a private or reserved address ({address})")
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise AddressRefused(f"cannot resolve {host}")
    return addresses
