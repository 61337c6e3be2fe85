"""The decisions on one site in a date range, as CSV, for that site's moderators only."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from tests.queue.builders import make_comment

from civility.moderation.actions import do_approve, do_reject

pytestmark = pytest.mark.django_db


def _rows(response) -> list[dict[str, str]]:
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_it_exports_the_decisions_in_the_range(client, gazette_mod, story, reader, site):
    now = timezone.now()
    with time_machine.travel(now - timedelta(days=10), tick=False):
        old = make_comment(story, reader, "Old one.")
        do_approve(old, gazette_mod)
    with time_machine.travel(now, tick=False):
        new = make_comment(story, reader, "New one.")
        do_reject(new, gazette_mod, "spam", "Link farm.")
    client.force_login(gazette_mod)
    since = (now - timedelta(days=2)).date().isoformat()
    response = client.get(reverse("moderation:export"), {"site": site.pk, "from": since})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = _rows(response)
    assert [(r["comment_id"], r["to_status"], r["actor"]) for r in rows] == [
        (str(new.pk), "held", ""),
        (str(new.pk), "rejected", "gmod"),
    ]
    assert rows[1]["reason_codes"] == "spam"
    assert rows[1]["note"] == "Link farm."
    assert rows[0]["automatic"] == "yes"
    everything = _rows(client.get(reverse("moderation:export"), {"site": site.pk}))
    assert len(everything) == 4


def test_it_neutralises_spreadsheet_formulas(client, gazette_mod, story, make_user, site):
    attacker = make_user("=HYPERLINK(evil)")
    comment = make_comment(story, attacker, "x")
    for note in ("=1+1", "+SUM(A1)", "-2+3", "@cmd", "plain"):
        do_reject(comment, gazette_mod, "spam", note)
    client.force_login(gazette_mod)
    rows = _rows(client.get(reverse("moderation:export"), {"site": site.pk}))
    notes = [r["note"] for r in rows if r["actor"]]
    assert notes == ["'=1+1", "'+SUM(A1)", "'-2+3", "'@cmd", "plain"]
    assert {r["comment_author"] for r in rows} == {"'=HYPERLINK(evil)"}


def test_only_that_sites_moderators_may_export(client, gazette_mod, herald_mod, reader, site):
    url = reverse("moderation:export")
    assert client.get(url, {"site": site.pk}).status_code == 302  # visitors: log in
    client.force_login(reader)
    assert client.get(url, {"site": site.pk}).status_code == 403
    client.force_login(herald_mod)
    assert client.get(url, {"site": site.pk}).status_code == 403
    client.force_login(gazette_mod)
    assert client.get(url, {"site": site.pk}).status_code == 200


def test_it_needs_a_site(client, gazette_mod):
    client.force_login(gazette_mod)
    assert client.get(reverse("moderation:export")).status_code == 400
    assert client.get(reverse("moderation:export"), {"site": "x"}).status_code == 400
