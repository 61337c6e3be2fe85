"""A publisher's page on another origin embeds a thread; an SSO reader comments; counts update.

The host page is served by a tiny http.server on http://127.0.0.1:PORT and Civility by
live_server on http://localhost:PORT2: another site, over plain HTTP, so the frame is a
third-party context whose cookies Chromium does not send (SameSite=Lax) or may block outright.
That is exactly what the embed token is for: the test checks that the comment is posted with the
X-Civility-Embed header, so it exercises the header path, not a cookie that happened to work.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from pathlib import Path

import pytest
from tests.embed.tokens import SECRET, sign

pytestmark = pytest.mark.browser


@pytest.fixture
def host_server(tmp_path):
    """A static publisher site on 127.0.0.1, on a free port, serving tmp_path."""

    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format, *args):  # noqa: A002
            pass

    handler = functools.partial(QuietHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield tmp_path, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _write(root: Path, name: str, html: str) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")


def _frame_fits(page) -> bool:
    """Whether the iframe is exactly as tall as the document inside it."""
    outer = page.locator("iframe").evaluate("f => f.getBoundingClientRect().height")
    inner = page.frames[1].evaluate("() => document.documentElement.getBoundingClientRect().height")
    return abs(outer - inner) <= 1


def test_an_sso_reader_comments_inside_the_embed_and_the_count_follows(
    live_server, browser_page, transactional_db, site, host_server
):
    from playwright.sync_api import expect

    from civility.discussion.models import Comment
    from civility.embed.models import EmbedSettings
    from civility.moderation.models import ModerationSettings
    from civility.sso.models import SsoIdentity

    root, host = host_server
    site.allowed_url_prefixes = [f"{host}/news/"]
    site.save()
    EmbedSettings.objects.create(site=site, allowed_origins=[host], sso_secret=SECRET)
    # The journey is about the embed; what the classifier thinks is tested elsewhere.
    ModerationSettings.objects.update_or_create(site=site, defaults={"ml_enabled": False})

    base = live_server.url
    _write(
        root,
        "news/bridge.html",
        f"""<!doctype html><html><head><meta charset="utf-8"><title>Bridge reopens</title></head>
<body><h1>Bridge reopens</h1><p>The old bridge is open again.</p>
<script src="{base}/embed/embed.js" data-site="{site.slug}" data-story-id="bridge-1"
  data-theme="dark" data-sso-token="{sign(sub="reader-7", name="Rae Reader")}" async></script>
</body></html>""",
    )
    _write(
        root,
        "news/index.html",
        f"""<!doctype html><html><head><meta charset="utf-8"><title>News</title></head>
<body><ul><li><a href="{host}/news/bridge.html">Bridge reopens</a>
<span class="count" data-civility-count data-story-url="{host}/news/bridge.html">…</span></li></ul>
<script src="{base}/embed/count.js" data-site="{site.slug}" async></script>
</body></html>""",
    )

    page = browser_page
    posted_with_token = []
    page.on(
        "request",
        lambda request: (
            posted_with_token.append("x-civility-embed" in request.headers)
            if request.method == "POST" and request.url.endswith("/comment/")
            else None
        ),
    )
    page.goto(f"{host}/news/bridge.html")

    frame = page.frame_locator("iframe")
    # The SSO exchange signs the reader in inside the frame, which then shows the form.
    expect(frame.locator(".embed-signed-in")).to_contain_text("Rae Reader")
    expect(frame.locator("html")).to_have_attribute("data-theme", "dark")
    page.wait_for_function(
        "() => document.querySelector('iframe').getBoundingClientRect().height !== 320"
    )
    assert _frame_fits(page)
    before = page.locator("iframe").evaluate("f => f.getBoundingClientRect().height")

    frame.locator("#new-comment-text").fill("Good to have the bridge back, finally.")
    frame.get_by_role("button", name="Post comment").click()
    expect(frame.locator("#comment-list")).to_contain_text("Good to have the bridge back")

    page.wait_for_function(
        f"() => document.querySelector('iframe').getBoundingClientRect().height > {before}"
    )
    assert _frame_fits(page)
    comment = Comment.objects.get()
    assert comment.story.external_id == "bridge-1"
    assert comment.story.title == "Bridge reopens"
    assert comment.author == SsoIdentity.objects.get(subject="reader-7").user
    assert posted_with_token == [True]

    page.goto(f"{host}/news/index.html")
    expect(page.locator(".count")).to_have_text("1 comment")

    # A permalink on the host page opens the comment in the frame. The page still carries the
    # same (now spent) SSO token, which is refused with a clear message instead of reused.
    page.goto(f"{host}/news/bridge.html#comment-{comment.pk}")
    frame = page.frame_locator("iframe")
    expect(frame.locator(f"#comment-{comment.pk}")).to_have_class(re.compile(r"\bis-target\b"))
    expect(frame.locator("#embed-status")).to_contain_text("already used")
    expect(frame.locator("#new-comment")).to_contain_text("Sign in on")
