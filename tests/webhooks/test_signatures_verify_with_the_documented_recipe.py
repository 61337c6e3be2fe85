"""A receiver following docs/webhooks.md accepts what Civility sends, and nothing else."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from civility.discussion.actions import do_post_comment
from civility.webhooks import signing

pytestmark = pytest.mark.django_db

DOCS = Path(__file__).resolve().parents[2] / "docs" / "webhooks.md"


def documented_verifier():
    """The Python recipe from the documentation, run as the reader would copy it."""
    text = DOCS.read_text(encoding="utf-8")
    section = text.split("## Verifying signatures", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.DOTALL).group(1)
    namespace: dict = {}
    exec(compile(code, str(DOCS), "exec"), namespace)  # noqa: S102
    return namespace["verify_civility_signature"]


def test_it_signs_deliveries_so_the_documented_recipe_accepts_them(
    story, reader, endpoint, receiver, run_after_commit
):
    verify = documented_verifier()
    run_after_commit(do_post_comment, story=story, author=reader, text="Signed and sealed.")
    assert receiver.requests
    for request in receiver.requests:
        header = request.headers["Civility-Signature"]
        assert re.fullmatch(r"t=\d+,v1=[0-9a-f]{64}", header)
        assert verify(endpoint.secret, header, request.body)
        assert signing.verify(endpoint.secret, header, request.body)


def test_the_recipe_rejects_a_changed_body_a_wrong_secret_and_an_old_timestamp(endpoint):
    verify = documented_verifier()
    body = b'{"event":"ping"}'
    header = signing.header_value(endpoint.secret, body)
    assert verify(endpoint.secret, header, body)
    assert not verify(endpoint.secret, header, body + b" ")
    assert not verify("whsec_someone-else", header, body)
    stale = signing.header_value(endpoint.secret, body, timestamp=int(time.time()) - 301)
    assert not verify(endpoint.secret, stale, body)
    assert not signing.verify(endpoint.secret, stale, body)
    assert not verify(endpoint.secret, "v1=abc", body)
    assert not verify(endpoint.secret, "", body)


def test_secrets_are_generated_long_and_different(site):
    from civility.webhooks.models import WebhookEndpoint

    first = WebhookEndpoint.objects.create(site=site, url="https://a.example/", events=[])
    second = WebhookEndpoint.objects.create(site=site, url="https://b.example/", events=[])
    assert first.secret != second.secret
    assert first.secret.startswith("whsec_") and len(first.secret) >= 40
