from __future__ import annotations

import pytest

from civility.discussion.actions import do_post_comment
from civility.discussion.models import Report

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def comment(story, second_reader):
    made, _ = do_post_comment(story=story, author=second_reader, text="Report me.")
    return made


def test_the_report_page_offers_every_reason(client, comment, reader):
    client.force_login(reader)
    html = client.get(f"/comments/{comment.pk}/report/").content.decode()
    for label in (
        "Offensive",
        "Abusive or harassing",
        "Spam",
        "Off-topic",
        "Illegal content",
        "Other",
    ):
        assert f"> {label}</label>" in html
    assert f'<label for="report-{comment.pk}-note">' in html


def test_a_report_is_filed_with_its_note(client, comment, reader):
    client.force_login(reader)
    response = client.post(
        f"/comments/{comment.pk}/report/", {"reason": "spam", "note": "Same link everywhere."}
    )
    assert response["Location"] == f"/comments/{comment.pk}/"
    report = Report.objects.get()
    assert (report.reporter, report.reason, report.note) == (
        reader,
        "spam",
        "Same link everywhere.",
    )
    landing = client.get(response["Location"], follow=True).content.decode()
    assert "Thank you. A moderator will look at this comment." in landing


def test_a_report_needs_a_reason(client, comment, reader):
    client.force_login(reader)
    html = client.post(f"/comments/{comment.pk}/report/", {"note": "Hmm"}).content.decode()
    assert "Choose a reason for your report." in html
    assert ">Hmm</textarea>" in html
    assert not Report.objects.exists()


def test_with_htmx_the_form_and_the_thanks_come_inline(client, comment, reader):
    client.force_login(reader)
    form = client.get(f"/comments/{comment.pk}/report/", headers=HTMX).content.decode()
    assert form.strip().startswith('<form class="report-form"')
    thanks = client.post(
        f"/comments/{comment.pk}/report/", {"reason": "offensive"}, headers=HTMX
    ).content.decode()
    assert "Thank you." in thanks and "<html" not in thanks
    assert Report.objects.count() == 1


def test_anonymous_readers_must_sign_in_to_report(client, comment):
    response = client.get(f"/comments/{comment.pk}/report/")
    assert response["Location"].startswith("/accounts/login/")
    client.post(f"/comments/{comment.pk}/report/", {"reason": "spam"})
    assert not Report.objects.exists()


def test_authors_cannot_report_themselves(client, story, comment, second_reader):
    client.force_login(second_reader)
    html = client.get(story.get_absolute_url()).content.decode()
    assert f"/comments/{comment.pk}/report/" not in html
    html = client.post(f"/comments/{comment.pk}/report/", {"reason": "spam"}).content.decode()
    assert "You cannot report your own comment." in html
    assert not Report.objects.exists()
