"""Random reply trees built through the actions, and what each viewer should see of them.

Expected values are computed from the tree spec alone (never from the denormalized counts or the
paths), so a bug in the bookkeeping shows up as a mismatch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from hypothesis import strategies as st

from civility.discussion import actions
from civility.discussion.models import Comment, CommentStatus, Reaction, ReactionKind
from civility.discussion.thread_page import thread_page
from civility.discussion.viewing import DisplayMode, SortOrder, ViewingOptions
from civility.stories.models import Story

BASE_TIME = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
STATUSES = [
    CommentStatus.PUBLISHED,
    CommentStatus.PUBLISHED,
    CommentStatus.PUBLISHED,
    CommentStatus.HELD,
    CommentStatus.DELETED,
    CommentStatus.REJECTED,
]
ALL_OPTIONS = [(mode, order) for mode in DisplayMode.values for order in SortOrder.values]


@dataclass
class Spec:
    parent: int | None
    author: int
    status: str
    minute: int
    reactors: dict[int, str] = field(default_factory=dict)


@st.composite
def tree_specs(draw, max_size: int = 10, authors: int = 4):
    specs: list[Spec] = []
    for i in range(draw(st.integers(0, max_size))):
        parent = draw(st.one_of(st.none(), st.integers(0, i - 1))) if i else None
        author = draw(st.integers(0, authors - 1))
        reactors = draw(
            st.dictionaries(
                st.integers(0, authors - 1).filter(lambda u, a=author: u != a),
                st.sampled_from(ReactionKind.values),
                max_size=authors - 1,
            )
        )
        specs.append(
            Spec(
                parent=parent,
                author=author,
                status=draw(st.sampled_from(STATUSES)),
                # Few distinct minutes, so ties in created_at are common.
                minute=draw(st.integers(0, 4)),
                reactors=reactors,
            )
        )
    return specs


def build(story, users, specs: list[Spec]) -> list[Comment]:
    """Post every comment through the actions, react, then apply the final statuses."""
    comments: list[Comment] = []
    for i, spec in enumerate(specs):
        parent = comments[spec.parent] if spec.parent is not None else None
        comment, _ = actions.do_post_comment(
            story=story, author=users[spec.author], text=f"Comment number {i}", parent=parent
        )
        comments.append(comment)
    for comment, spec in zip(comments, specs, strict=True):
        for user_index, kind in spec.reactors.items():
            actions.do_react(comment=comment, user=users[user_index], kind=kind)
    for comment, spec in zip(comments, specs, strict=True):
        fresh = Comment.objects.get(pk=comment.pk)
        if spec.status == CommentStatus.DELETED:
            actions.do_delete_comment(comment=fresh, user=users[spec.author])
        elif spec.status != CommentStatus.PUBLISHED:
            actions.set_status(fresh, spec.status)
    # Backdate last: deleting needs the comment still inside its edit window.
    for comment, spec in zip(comments, specs, strict=True):
        Comment.objects.filter(pk=comment.pk).update(
            created_at=BASE_TIME + timedelta(minutes=spec.minute)
        )
    return [Comment.objects.get(pk=c.pk) for c in comments]


class Expected:
    """The thread as the spec says a viewer should see it."""

    def __init__(
        self, specs: list[Spec], comments: list[Comment], users, viewer, *, moderates: bool
    ) -> None:
        self.specs = specs
        self.ids = [c.pk for c in comments]
        self.index_of = {pk: i for i, pk in enumerate(self.ids)}
        self.children: dict[int | None, list[int]] = {}
        for i, spec in enumerate(specs):
            self.children.setdefault(spec.parent, []).append(i)
        viewer_index = next(
            (i for i, u in enumerate(users) if viewer.is_authenticated and u.pk == viewer.pk), None
        )

        def shown(i: int) -> bool:
            status = specs[i].status
            if status == CommentStatus.PUBLISHED:
                return True
            if moderates:
                return status != CommentStatus.DELETED
            return status == CommentStatus.HELD and specs[i].author == viewer_index

        self.visible = {
            i for i in range(len(specs)) if shown(i) or any(shown(d) for d in self.descendants(i))
        }
        # Shown without their text: comments kept only so the replies below keep their place.
        self.placeholders = {i for i in self.visible if not shown(i)}

    def descendants(self, i: int) -> list[int]:
        out: list[int] = []
        stack = list(reversed(self.children.get(i, [])))
        while stack:
            j = stack.pop()
            out.append(j)
            stack.extend(reversed(self.children.get(j, [])))
        return out

    def root_of(self, i: int) -> int:
        while self.specs[i].parent is not None:
            i = self.specs[i].parent  # type: ignore[assignment]
        return i

    def reply_count(self, i: int) -> int:
        return sum(
            1 for j in self.children.get(i, []) if self.specs[j].status == CommentStatus.PUBLISHED
        )

    def reaction_count(self, i: int) -> int:
        return len(self.specs[i].reactors)

    def order(self, threaded: bool, order: str) -> list[int]:
        """Spec indexes of the visible comments, in the order the thread should list them."""
        if threaded:
            rank = {
                SortOrder.OLDEST: lambda r: (r,),
                SortOrder.NEWEST: lambda r: (-r,),
                SortOrder.REPLIES: lambda r: (-self.reply_count(r), -r),
                SortOrder.REACTIONS: lambda r: (-self.reaction_count(r), -r),
            }[order]
            out: list[int] = []
            for root in sorted(self.children.get(None, []), key=rank):
                out.extend(j for j in [root, *self.descendants(root)] if j in self.visible)
            return out
        minute = {i: s.minute for i, s in enumerate(self.specs)}
        key = {
            SortOrder.OLDEST: lambda i: (minute[i], i),
            SortOrder.NEWEST: lambda i: (-minute[i], -i),
            SortOrder.REPLIES: lambda i: (-self.reply_count(i), minute[i], i),
            SortOrder.REACTIONS: lambda i: (-self.reaction_count(i), minute[i], i),
        }[order]
        return sorted(self.visible, key=key)


def all_pages(viewer, story, options: ViewingOptions) -> list[list[Comment]]:
    """Every page of the thread, following num_pages from the first."""
    first = thread_page(viewer, story, options, 1)
    pages = [first.comments]
    for number in range(2, first.num_pages + 1):
        page = thread_page(viewer, story, options, number)
        assert page.number == number
        pages.append(page.comments)
    return pages


def post(
    story, author, text: str = "A reasonable point.", parent: Comment | None = None
) -> Comment:
    """Post through the action and return the comment as stored."""
    comment, _ = actions.do_post_comment(story=story, author=author, text=text, parent=parent)
    comment.refresh_from_db()
    return comment


def assert_counts_match_rows(story) -> None:
    story = Story.objects.get(pk=story.pk)
    comments = list(Comment.objects.filter(story=story))
    assert story.comment_count == sum(1 for c in comments if c.status == CommentStatus.PUBLISHED)
    assert story.top_seq == sum(1 for c in comments if c.parent_id is None)
    for comment in comments:
        replies = [c for c in comments if c.parent_id == comment.pk]
        assert comment.reply_count == sum(1 for c in replies if c.status == CommentStatus.PUBLISHED)
        assert comment.child_seq == len(replies)
        assert comment.reaction_count == Reaction.objects.filter(comment=comment).count()
    assert len({c.path for c in comments}) == len(comments)
