"""Who sees what: held comments for their author and moderators, deleted ones as placeholders
only where something below them is shown, rejected ones never for readers."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from thread_builders import post

from civility.discussion import actions
from civility.discussion.access import access_comment, visible_comments
from civility.discussion.errors import NotFound
from civility.discussion.models import CommentStatus
from civility.discussion.thread_page import thread_page
from civility.discussion.viewing import ViewingOptions


@pytest.fixture
def superuser(make_user):
    return make_user("root", is_superuser=True, is_staff=True)


def _listed(user, story) -> set[int]:
    return {c.pk for c in thread_page(user, story, ViewingOptions(per_page=50)).comments}


def _can_open(user, comment) -> bool:
    try:
        access_comment(user, comment.pk)
    except NotFound:
        return False
    return True


def _hold(comment) -> None:
    actions.set_status(comment, CommentStatus.HELD)


def test_it_shows_a_held_comment_only_to_its_author_and_moderators(
    story, reader, second_reader, site_moderator, superuser
):
    held = post(story, reader)
    _hold(held)
    for user in (reader, site_moderator, superuser):
        assert held.pk in _listed(user, story)
        assert _can_open(user, held)
    for user in (AnonymousUser(), second_reader):
        assert held.pk not in _listed(user, story)
        assert not _can_open(user, held)


def test_it_hides_held_comments_from_moderators_of_other_sites(story, reader, make_user):
    from civility.moderation.models import SiteRole
    from civility.stories.models import Site

    elsewhere = make_user("elsewhere")
    SiteRole.objects.create(user=elsewhere, site=Site.objects.create(slug="other", name="Other"))
    held = post(story, reader)
    _hold(held)
    assert held.pk not in _listed(elsewhere, story)
    assert not _can_open(elsewhere, held)


def test_it_never_shows_a_rejected_comment_to_readers(story, reader, second_reader, site_moderator):
    rejected = post(story, reader)
    actions.set_status(rejected, CommentStatus.REJECTED)
    # Not even to its author.
    for user in (AnonymousUser(), reader, second_reader):
        assert rejected.pk not in _listed(user, story)
        assert not _can_open(user, rejected)
    assert rejected.pk in _listed(site_moderator, story)


def test_it_drops_a_deleted_comment_without_replies(story, reader, site_moderator):
    gone = post(story, reader)
    actions.do_delete_comment(comment=gone, user=reader)
    for user in (AnonymousUser(), reader, site_moderator):
        assert gone.pk not in _listed(user, story)
    assert not _can_open(reader, gone)


def test_it_keeps_a_deleted_comment_with_replies_as_a_placeholder(story, reader, second_reader):
    parent = post(story, reader, "Original **words**.")
    reply = post(story, second_reader, parent=parent)
    actions.do_delete_comment(comment=parent, user=reader)
    page = thread_page(AnonymousUser(), story, ViewingOptions(per_page=50))
    assert [c.pk for c in page.comments] == [parent.pk, reply.pk]
    placeholder = page.comments[0]
    assert placeholder.status == CommentStatus.DELETED
    assert (placeholder.source, placeholder.html) == ("", "")
    assert _can_open(AnonymousUser(), parent)


def test_it_keeps_a_chain_of_deleted_comments_above_a_surviving_reply(story, reader, second_reader):
    top = post(story, reader)
    middle = post(story, reader, parent=top)
    bottom = post(story, second_reader, parent=middle)
    actions.do_delete_comment(comment=middle, user=reader)
    actions.do_delete_comment(comment=top, user=reader)
    # top's only reply is deleted, yet the thread below it still shows a reply.
    assert [c.pk for c in thread_page(AnonymousUser(), story, ViewingOptions()).comments] == [
        top.pk,
        middle.pk,
        bottom.pk,
    ]
    assert _can_open(AnonymousUser(), top)


def test_it_keeps_a_deleted_parent_only_for_those_who_see_its_held_reply(
    story, reader, second_reader, site_moderator
):
    parent = post(story, reader)
    reply = post(story, second_reader, parent=parent)
    _hold(reply)
    actions.do_delete_comment(comment=parent, user=reader)
    for user in (second_reader, site_moderator):
        assert _listed(user, story) == {parent.pk, reply.pk}
    for user in (AnonymousUser(), reader):
        assert _listed(user, story) == set()
        assert not _can_open(user, parent)


def test_it_drops_a_deleted_parent_whose_replies_were_all_rejected(
    story, reader, second_reader, site_moderator
):
    parent = post(story, reader)
    reply = post(story, second_reader, parent=parent)
    actions.set_status(reply, CommentStatus.REJECTED)
    actions.do_delete_comment(comment=parent, user=reader)
    assert _listed(AnonymousUser(), story) == set()
    assert _listed(site_moderator, story) == {parent.pk, reply.pk}


def test_it_shows_every_status_but_bare_deletions_to_a_superuser(story, reader, superuser):
    kept = {post(story, reader).pk}
    held = post(story, reader)
    _hold(held)
    rejected = post(story, reader)
    actions.set_status(rejected, CommentStatus.REJECTED)
    deleted = post(story, reader)
    actions.do_delete_comment(comment=deleted, user=reader)
    assert set(visible_comments(superuser, story).values_list("pk", flat=True)) == kept | {
        held.pk,
        rejected.pk,
    }
