"""The publisher-facing scripts stay small, plain and first-party."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import rjsmin
from django.urls import reverse

import civility.embed

SCRIPTS = Path(civility.embed.__file__).parent / "static" / "civility"
LIMIT = 10 * 1024


@pytest.mark.parametrize("name", ["embed.js", "count.js", "embed-frame.js"])
def test_each_script_minifies_under_ten_kilobytes(name):
    minified = rjsmin.jsmin((SCRIPTS / name).read_text(encoding="utf-8"))

    assert 0 < len(minified.encode("utf-8")) < LIMIT


@pytest.mark.parametrize("name", ["embed.js", "count.js", "embed-frame.js"])
def test_no_script_loads_anything_from_a_third_party(name):
    source = (SCRIPTS / name).read_text(encoding="utf-8")
    code = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith("//"))

    assert not re.search(r"https?://", code)
    assert "import(" not in code and "importScripts" not in code


@pytest.mark.parametrize(
    ("route", "name"), [("embed:script", "embed.js"), ("embed:count_script", "count.js")]
)
def test_the_scripts_are_served_at_fixed_urls(client, db, route, name):
    response = client.get(reverse(route))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert b"".join(response) == (SCRIPTS / name).read_bytes()
