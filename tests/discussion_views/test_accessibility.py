"""Every page a reader uses names its controls: each visible field has a label, each image a
text alternative, each page one main landmark and a skip link, ids are unique."""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


class _Audit(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.fields: list[dict[str, str | None]] = []
        self.label_for: set[str] = set()
        self.ids: Counter[str] = Counter()
        self.images: list[dict[str, str | None]] = []
        self.mains = 0
        self.label_depth = 0
        self.skip_link = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids[attributes["id"]] += 1
        if tag == "label":
            self.label_depth += 1
            if attributes.get("for"):
                self.label_for.add(attributes["for"])
        elif tag in ("input", "select", "textarea"):
            if attributes.get("type") not in ("hidden", "submit", "button"):
                self.fields.append({**attributes, "_wrapped": "1" if self.label_depth else None})
        elif tag == "img":
            self.images.append(attributes)
        elif tag == "main":
            self.mains += 1
        elif tag == "a" and attributes.get("href") == "#main":
            self.skip_link = True

    def handle_endtag(self, tag):
        if tag == "label":
            self.label_depth -= 1


def _audit(html: str) -> _Audit:
    audit = _Audit()
    audit.feed(html)
    return audit


def _assert_accessible(html: str) -> None:
    audit = _audit(html)
    unlabelled = [
        field
        for field in audit.fields
        if not field["_wrapped"]
        and field.get("id") not in audit.label_for
        and not field.get("aria-label")
        and not field.get("aria-labelledby")
    ]
    assert unlabelled == []
    assert all(image.get("alt") is not None for image in audit.images)
    assert audit.mains == 1
    assert audit.skip_link
    assert [name for name, count in audit.ids.items() if count > 1] == []


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_story_page_names_every_control(
    client, story, reader, second_reader, build_thread, signed_in
):
    build_thread(story, [reader, second_reader], 12)
    if signed_in:
        client.force_login(reader)
    for mode in ("threaded_expanded", "flat_collapsed"):
        html = client.get(story.get_absolute_url(), {"mode": mode}).content.decode()
        _assert_accessible(html)


def test_the_account_pages_name_every_control(client, reader):
    for name in ("accounts:login", "accounts:signup", "accounts:password_reset"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        _assert_accessible(response.content.decode())
    client.force_login(reader)
    _assert_accessible(client.get("/accounts/profile/").content.decode())


def test_the_audit_catches_an_unlabelled_field():
    with pytest.raises(AssertionError):
        _assert_accessible('<a href="#main">Skip</a><main><input name="q"></main>')
