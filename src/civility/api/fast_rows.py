"""A page of comments read as plain rows and turned straight into the API's `CommentOut` shape.

Building a Comment, a User and a Profile instance for each of 300 rows cost more than the query
itself, so the list endpoints read only the columns the JSON needs, the author's name and
picture joined into the same query, and build the dicts directly; the query itself is compiled
once per listing and reader (query_templates.py). The rules are those of
`presenting.CommentPresenter` (which single comments still use); tests/api checks that a listed
comment is exactly what that presenter makes of it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Field, QuerySet

from civility.accounts.avatars import default_avatar_uri
from civility.accounts.models import Profile
from civility.core.query_templates import QueryTemplates
from civility.discussion.models import Comment
from civility.discussion.thread_page import after_key

_AVATARS = Profile._meta.get_field("avatar").storage  # type: ignore[attr-defined]

# What a row holds, in order; the sort keys the cursor needs are appended after these.
COLUMNS = (
    "id",
    "parent_id",
    "path",
    "depth",
    "author_id",
    "author_name",
    "html",
    "status",
    "created_at",
    "edited_at",
    "reply_count",
    "reaction_count",
    "is_placeholder",
    f"author__{get_user_model().USERNAME_FIELD}",
    "author__profile__display_name",
    "author__profile__avatar",
    "author__profile__picture_url",
)
_INDEX = {name: i for i, name in enumerate(COLUMNS)}


def row_columns(keys: Sequence[tuple[str, bool]]) -> tuple[list[str], list[int]]:
    """The columns to read for a page sorted by keys, and where each key sits in a row."""
    columns = list(COLUMNS)
    where = []
    for name, _ in keys:
        if name not in _INDEX and name not in columns:
            columns.append(name)
        where.append(_INDEX.get(name, columns.index(name)))
    return columns, where


_PAGES = QueryTemplates(Comment)
_COUNT_FIELD = Comment._meta.get_field("reply_count")


def _key_field(name: str) -> Field[Any, Any]:
    """The field a sort key's cursor value is compared with (computed keys are counts)."""
    try:
        return Comment._meta.get_field(name)  # type: ignore[return-value]
    except FieldDoesNotExist:
        return _COUNT_FIELD  # type: ignore[return-value]


def read_page(
    key: tuple[object, ...],
    ordered: Callable[[], QuerySet[Comment]],
    keys: list[tuple[str, bool]],
    after: list[object] | None,
    limit: int,
) -> tuple[list[tuple[Any, ...]], list[int]]:
    """The first limit rows of ordered() (a `visible_comments` queryset sorted by keys) that
    sort after the cursor values after, as tuples of COLUMNS; and where each key sits in a row.

    key names everything ordered() depends on; the cursor values are the template's stand-ins
    (a missing value changes the SQL, so which are missing is part of the key).
    """
    columns, key_at = row_columns(keys)
    values = {
        f"after{i}": (_key_field(name), value)
        for i, ((name, _), value) in enumerate(zip(keys, after or (), strict=False))
        if value is not None
    }

    def build(stand_ins: dict[str, Any]) -> QuerySet[Any]:
        queryset = ordered()
        if after is not None:
            cut = [stand_ins.get(f"after{i}") for i in range(len(keys))]
            queryset = queryset.filter(after_key(cut, keys))
        return queryset.values_list(*columns)[:limit]

    shape = None if after is None else tuple(value is None for value in after)
    return _PAGES.rows((*key, shape, limit), build, values), key_at


class RowPresenter:
    """Turn rows of `COLUMNS` into CommentOut dicts for one reader.

    own_id: the reader's account id (None when anonymous), whose comments show their status;
    permalink: a comment URL with stand_in where the id goes.
    """

    def __init__(
        self, *, own_id: int | None, moderates: bool, permalink: str, stand_in: str
    ) -> None:
        self.own_id = own_id
        self.moderates = moderates
        self.permalink_head, _, self.permalink_tail = permalink.partition(stand_in)
        # A page repeats a few authors many times: name and avatar are worked out once each.
        self._authors: dict[object, dict[str, str]] = {}

    def _author(self, row: tuple[Any, ...]) -> dict[str, str]:
        author_id = row[4]
        key = author_id if author_id is not None else ("guest", row[5])
        known = self._authors.get(key)
        if known is not None:
            return known
        if author_id is None:
            # As Comment.display_author and avatars.avatar_url do for a guest or deleted account.
            name = row[5] or "Former reader"
            avatar = default_avatar_uri(name)
        else:
            username, display_name, upload, picture = row[13], row[14], row[15], row[16]
            name = display_name or username
            if upload:
                avatar = _AVATARS.url(upload)
            elif picture:
                avatar = picture
            else:
                avatar = default_avatar_uri(name)
        known = self._authors[key] = {"name": name, "avatar_url": avatar}
        return known

    def __call__(self, row: tuple[Any, ...]) -> dict[str, object]:
        placeholder = bool(row[12])
        shows_status = self.moderates or (self.own_id is not None and row[4] == self.own_id)
        return {
            "id": row[0],
            "parent": row[1],
            "path": row[2],
            "depth": row[3],
            "author": None if placeholder else self._author(row),
            "html": None if placeholder else row[6],
            "created_at": row[8],
            "edited_at": row[9],
            "status": row[7] if shows_status else None,
            "reply_count": row[10],
            "reaction_count": row[11],
            "is_placeholder": placeholder,
            "permalink": f"{self.permalink_head}{row[0]}{self.permalink_tail}",
        }
