"""A site that embeds its threads on https://news.example.org and signs readers in by SSO."""

from __future__ import annotations

import pytest
from tests.embed.tokens import HOST, SECRET


@pytest.fixture
def embed_site(site):
    from civility.embed.models import EmbedSettings

    site.allowed_url_prefixes = [f"{HOST}/news/"]
    site.save(update_fields=["allowed_url_prefixes"])
    EmbedSettings.objects.create(site=site, allowed_origins=[HOST], sso_secret=SECRET)
    return site
