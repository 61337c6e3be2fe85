"""Ask the publisher's own service: a signed JSON POST that answers publish, hold or reject.

Request body: {"site", "story": {"id", "url", "title"}, "author", "text", "parent_id",
"editing_id"}. Headers: X-Civility-Timestamp (Unix seconds) and X-Civility-Signature
("sha256=" + hex HMAC-SHA256 of "<timestamp>.<body>" with the site's secret), so the service can
reject forged and replayed calls. Answer: {"decision": "publish"|"hold"|"reject",
"reason": "optional sentence"}. Anything else, or no answer within the timeout, is an error
that the site's on-error setting handles.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.request

from civility.moderation.gate import Decision, Reason

MAX_ANSWER_BYTES = 64 * 1024


class ExternalCheckError(Exception):
    pass


def enabled(settings) -> bool:  # type: ignore[no-untyped-def]
    return settings.external_enabled and bool(settings.external_url)


def sign(secret: str, timestamp: str, body: bytes) -> str:
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def payload(candidate, ctx) -> dict:  # type: ignore[no-untyped-def]
    story = candidate.story
    site = getattr(story, "site", None)
    return {
        "site": site.slug if site is not None else "",
        "story": {"id": story.pk, "url": story.url, "title": story.title},
        "author": ctx.author_key,
        "text": candidate.text,
        "parent_id": candidate.parent.pk if candidate.parent is not None else None,
        "editing_id": candidate.editing.pk if candidate.editing is not None else None,
    }


def check(candidate, ctx):  # type: ignore[no-untyped-def]
    settings = ctx.settings
    if not settings.external_url.startswith(("http://", "https://")):
        raise ExternalCheckError("The external check URL must be http or https.")
    body = json.dumps(payload(candidate, ctx)).encode()
    timestamp = str(int(time.time()))
    request = urllib.request.Request(  # noqa: S310 (scheme checked above)
        settings.external_url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "X-Civility-Timestamp": timestamp,
            "X-Civility-Signature": sign(settings.external_secret, timestamp, body),
        },
    )
    with urllib.request.urlopen(  # noqa: S310
        request, timeout=settings.external_timeout_ms / 1000
    ) as response:
        answer = json.loads(response.read(MAX_ANSWER_BYTES))
    if not isinstance(answer, dict) or answer.get("decision") not in set(Decision):
        raise ExternalCheckError(f"Unexpected answer from the external check: {answer!r:.200}")
    decision = Decision(answer["decision"])
    said = str(answer.get("reason") or "").strip()[:500]
    yield Reason(
        code="external",
        detail=f"The publisher's check says {decision}" + (f": {said}" if said else "."),
        action=decision,
    )
