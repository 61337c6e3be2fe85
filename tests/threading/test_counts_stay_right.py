"""The denormalized counts (story.comment_count, reply_count, reaction_count, the sequence
counters) always match the rows they count, whatever happens in whatever order."""

from __future__ import annotations

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from thread_builders import assert_counts_match_rows, post

from civility.discussion import actions
from civility.discussion.errors import DiscussionError
from civility.discussion.models import Comment, CommentStatus, ReactionKind
from civility.moderation.gate import Decision
from civility.stories.models import Story

PUBLISHED = CommentStatus.PUBLISHED


def test_it_counts_through_post_hold_delete_react_and_unreact(
    story, reader, second_reader, make_user, fixed_gate
):
    third = make_user("third")
    top = post(story, reader)
    reply = post(story, second_reader, parent=top)
    assert_counts_match_rows(story)
    top.refresh_from_db()
    assert (top.reply_count, Story.objects.get(pk=story.pk).comment_count) == (1, 2)

    fixed_gate.decision = Decision.HOLD
    held = post(story, third, parent=top)
    assert held.status == CommentStatus.HELD
    assert_counts_match_rows(story)
    fixed_gate.decision = Decision.PUBLISH
    actions.set_status(held, PUBLISHED)  # approved
    assert_counts_match_rows(story)

    actions.do_react(comment=reply, user=reader, kind=ReactionKind.LIKE)
    actions.do_react(comment=reply, user=third, kind=ReactionKind.FUNNY)
    assert reply.reaction_count == 2
    actions.do_react(comment=reply, user=third, kind=ReactionKind.LIKE)  # change kind
    assert reply.reaction_count == 2
    actions.do_react(comment=reply, user=third, kind=ReactionKind.LIKE)  # same kind: undo
    assert reply.reaction_count == 1
    actions.do_react(comment=reply, user=reader, kind=None)
    assert reply.reaction_count == 0
    assert_counts_match_rows(story)

    actions.do_delete_comment(comment=reply, user=second_reader)
    assert_counts_match_rows(story)
    top.refresh_from_db()
    assert (top.reply_count, Story.objects.get(pk=story.pk).comment_count) == (1, 2)

    # An edit the gate holds takes the comment out of the counts.
    fixed_gate.decision = Decision.HOLD
    actions.do_edit_comment(comment=top, user=reader, text="Now held.")
    assert_counts_match_rows(story)
    assert Story.objects.get(pk=story.pk).comment_count == 1


operations = st.lists(
    st.tuples(
        st.sampled_from(["post", "post", "reply", "reply", "status", "delete", "react", "edit"]),
        st.integers(0, 50),
        st.integers(0, 2),
        st.sampled_from(list(Decision)),
        st.sampled_from([None, *ReactionKind.values]),
    ),
    max_size=14,
)


@settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=operations)
def test_its_counts_match_the_rows_after_any_sequence_of_actions(story, authors, fixed_gate, steps):
    users = authors[:3]
    with transaction.atomic():
        for name, pick, who, decision, kind in steps:
            fixed_gate.decision = decision
            existing = list(Comment.objects.filter(story=story).order_by("pk"))
            target = existing[pick % len(existing)] if existing else None
            try:
                if name == "post" or target is None:
                    post(story, users[who])
                elif name == "reply":
                    post(story, users[who], parent=target)
                elif name == "status":
                    new_status = [PUBLISHED, CommentStatus.HELD, CommentStatus.REJECTED][who]
                    actions.set_status(target, new_status)
                elif name == "delete":
                    actions.do_delete_comment(comment=target, user=_author(target, users))
                elif name == "react":
                    actions.do_react(comment=target, user=users[who], kind=kind)
                else:
                    actions.do_edit_comment(
                        comment=target, user=_author(target, users), text=f"Edit {pick}"
                    )
            except DiscussionError:
                pass  # refused (not published, own comment, deleted parent): counts unchanged
            assert_counts_match_rows(story)
        transaction.set_rollback(True)


def _author(comment, users):
    return next(u for u in users if u.pk == comment.author_id)
