"""A small thread with every kind of record the export carries, built through the real actions."""

from __future__ import annotations

import json
from dataclasses import dataclass
from io import StringIO

from django.core.management import call_command

from civility.discussion.actions import do_edit_comment, do_post_comment, do_react, do_report
from civility.discussion.models import Comment, StoryVisit
from civility.moderation.actions import do_approve, do_reject
from civility.sanctions.actions import do_warn


@dataclass
class Thread:
    top: Comment  # by the reader, edited once, with reactions and a reply
    reply: Comment  # by the second reader, reported by the reader
    rejected: Comment  # by the second reader, rejected by the moderator
    reader_reply: Comment  # by the reader under the second reader's reply


def post(story, author, text, parent=None) -> Comment:  # type: ignore[no-untyped-def]
    comment, _ = do_post_comment(
        story=story, author=author, text=text, parent=parent, post_anyway=True
    )
    return comment


def build_thread(story, reader, second_reader, moderator) -> Thread:  # type: ignore[no-untyped-def]
    top = post(story, reader, "The budget leaves the **library** short again.")
    do_edit_comment(comment=top, user=reader, text="The budget leaves the library short, again.")
    reply = post(story, second_reader, "Opening hours were cut last year too.", parent=top)
    reader_reply = post(story, reader, "Then we should ask the council why.", parent=reply)
    rejected = post(story, second_reader, "Nobody reads these comments anyway, idiots.")
    if rejected.status != "rejected":
        do_reject(rejected, moderator, "harassment", "Name-calling.")
    do_approve(reply, moderator, "Fine.")
    do_react(comment=top, user=second_reader, kind="insightful")
    do_react(comment=reply, user=reader, kind="like")
    do_report(comment=reply, user=reader, reason="off_topic", note="Not about the budget.")
    do_warn(moderator=moderator, user=reader, site=story.site, reason="Keep it civil.")
    StoryVisit.objects.create(user=reader, story=story, last_seen_at=top.created_at)
    for comment in (top, reply, rejected, reader_reply):
        comment.refresh_from_db()
    return Thread(top=top, reply=reply, rejected=rejected, reader_reply=reader_reply)


def export_text(site, **options) -> str:  # type: ignore[no-untyped-def]
    out = StringIO()
    call_command("export", site=site.slug, stdout=out, **options)
    return out.getvalue()


def export_objects(site, **options) -> list[dict]:  # type: ignore[no-untyped-def]
    return [json.loads(line) for line in export_text(site, **options).splitlines()]
