"""Hostile import files are refused with a clear error, in bounded time and memory.

Billion laughs and a file:// entity in a Disqus file are covered in tests/imports; this adds
http:// and parameter entities, an external DTD, the same in WXR, gigantic attributes, deep
nesting in XML and JSON, and invalid UTF-8.
"""

from __future__ import annotations

import tracemalloc
from io import BytesIO

import pytest
from django.core.management.base import CommandError
from tests.imports.helpers import run_import

from civility.discussion.models import Comment
from civility.imports.errors import ImportFailed
from civility.imports.formats import civility as civility_format
from civility.imports.formats import commento, disqus, isso, remark42

pytestmark = pytest.mark.django_db

DISQUS_OPEN = (
    '<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">\n'
    '<thread dsq:id="t1"><link>https://gazette.example/a</link><title>A</title></thread>\n'
)


def disqus_post(message: str, extra: str = "") -> str:
    return (
        f'<post dsq:id="p1"{extra}><thread dsq:id="t1"/><message>{message}</message>'
        "<createdAt>2020-01-01T00:00:00Z</createdAt><author><name>A</name></author></post>\n"
    )


def write(tmp_path, name: str, content: str | bytes):
    path = tmp_path / name
    if isinstance(content, str):
        content = content.encode()
    path.write_bytes(content)
    return path


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE disqus [<!ENTITY x SYSTEM "http://127.0.0.1:9/secret">]>',
        '<!DOCTYPE disqus [<!ENTITY % ext SYSTEM "http://127.0.0.1:9/evil.dtd"> %ext;]>',
        '<!DOCTYPE disqus [<!ENTITY x SYSTEM "file:///etc/hostname">]>',
        '<!DOCTYPE disqus [<!ENTITY x "aaaaaaaaaa"><!ENTITY y "&x;&x;&x;&x;&x;&x;">]>',
    ],
)
def test_entity_declarations_are_refused(tmp_path, site, doctype):
    path = write(
        tmp_path,
        "x.xml",
        f'<?xml version="1.0"?>\n{doctype}\n{DISQUS_OPEN}' + disqus_post("&x;") + "</disqus>\n",
    )
    with pytest.raises(CommandError, match="Refused unsafe XML"):
        run_import(path, site, format="disqus")
    assert Comment.objects.count() == 0


def test_entities_are_refused_in_wordpress_files_too(tmp_path, site):
    wxr = (
        '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/hostname">]>\n'
        '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item><title>&x;</title>'
        "</item></channel></rss>\n"
    )
    with pytest.raises(CommandError, match="Refused unsafe XML"):
        run_import(write(tmp_path, "wp.xml", wxr), site, format="wxr")


def test_an_external_dtd_is_never_read(tmp_path, site):
    # If the DTD were fetched, &secret; would resolve; unread, the entity is undefined.
    dtd = write(tmp_path, "evil.dtd", '<!ENTITY secret "read from the DTD">')
    body = (
        f'<?xml version="1.0"?>\n<!DOCTYPE disqus SYSTEM "file://{dtd}">\n{DISQUS_OPEN}'
        + disqus_post("&secret;")
        + "</disqus>\n"
    )
    with pytest.raises(CommandError):
        run_import(write(tmp_path, "x.xml", body), site, format="disqus")
    assert not Comment.objects.filter(source__contains="read from the DTD").exists()


def test_a_gigantic_attribute_is_refused_in_bounded_memory(tmp_path):
    body = DISQUS_OPEN + disqus_post("hi", ' dsq:x="' + "A" * (12 * 1024 * 1024) + '"')
    path = write(tmp_path, "big.xml", '<?xml version="1.0"?>\n' + body + "</disqus>\n")
    tracemalloc.start()
    try:
        with path.open("rb") as stream, pytest.raises(ImportFailed, match="longer than 8 MB"):
            list(disqus.convert(stream))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 64 * 1024 * 1024, peak


def test_a_large_attribute_under_the_limit_still_imports(tmp_path, site):
    body = DISQUS_OPEN + disqus_post("Fine words", ' dsq:x="' + "A" * (2 * 1024 * 1024) + '"')
    path = write(tmp_path, "ok.xml", '<?xml version="1.0"?>\n' + body + "</disqus>\n")
    run_import(path, site, format="disqus")
    assert Comment.objects.count() == 1


def test_deeply_nested_xml_does_not_crash(tmp_path, site):
    depth = 20_000
    body = DISQUS_OPEN + "<x>" * depth + "</x>" * depth + disqus_post("Still here")
    run_import(write(tmp_path, "deep.xml", body + "</disqus>\n"), site, format="disqus")
    assert Comment.objects.count() == 1


DEEP_JSON = "[" * 100_000 + "]" * 100_000


@pytest.mark.parametrize(
    ("converter", "content"),
    [
        (commento, '{"version": 1, "comments": [], "x": ' + DEEP_JSON + "}"),
        (isso, '[{"comments": [], "x": ' + DEEP_JSON + "}]"),
    ],
)
def test_deeply_nested_json_is_refused(converter, content):
    # Before the nesting check, the Commento file here (400 KB) exhausted 24 GB of memory.
    with pytest.raises(ImportFailed, match="nested more than 64 levels"):
        list(converter.convert(BytesIO(content.encode())))


@pytest.mark.parametrize(
    ("converter", "content"),
    [
        (
            remark42,
            '{"version":1}\n{"id":"r1","locator":{"url":"https://a.example/"},"x":'
            + DEEP_JSON
            + "}\n",
        ),
        (
            civility_format,
            '{"format":"civility","version":1}\n{"type":"story","x":' + DEEP_JSON + "}\n",
        ),
    ],
)
def test_deeply_nested_json_lines_are_skipped_as_broken(converter, content):
    records = list(converter.convert(BytesIO(content.encode())))
    assert [r.is_error for r in records] == [True]


def test_invalid_utf8_is_refused_with_a_clear_error(tmp_path, site):
    body = ('<?xml version="1.0" encoding="utf-8"?>\n' + DISQUS_OPEN + disqus_post("caf")).encode()
    path = write(tmp_path, "bad.xml", body + b"\xff\xfe\xc3\x28</disqus>\n")
    with pytest.raises(CommandError, match=r"Malformed XML at line \d+"):
        run_import(path, site, format="disqus")
    bad_json = b'{"version": 1, "comments": [{"commentHex": "c1", "markdown": "Fi\xff\xferst"}]}'
    with pytest.raises(ImportFailed, match="Not a valid Commento JSON export"):
        list(commento.convert(BytesIO(bad_json)))
    assert Comment.objects.count() == 0
