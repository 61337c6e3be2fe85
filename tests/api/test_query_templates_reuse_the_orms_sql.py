"""A query template answers exactly what its queryset would, compiles once per key, and refuses
(running the queryset instead) whenever a value it would stand in for changes the SQL."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from civility.api import fast_rows
from civility.core.query_templates import QueryTemplates
from civility.discussion.models import Comment
from civility.discussion.thread_page import after_key, ordered_thread
from civility.discussion.viewing import DisplayMode, SortOrder, ViewingOptions

from .conftest import post

PATH = Comment._meta.get_field("path")
ID = Comment._meta.get_field("id")


class CountingBuild:
    """A queryset builder that counts how often it is asked to build."""

    def __init__(self, make):
        self.make = make
        self.calls = 0

    def __call__(self, values):
        self.calls += 1
        return self.make(values)


@pytest.mark.parametrize("viewer", ["anonymous", "reader", "moderator", "superuser"])
@pytest.mark.parametrize("order", SortOrder.values)
@pytest.mark.parametrize("mode", [DisplayMode.THREADED_EXPANDED, DisplayMode.FLAT_EXPANDED])
def test_a_page_read_through_the_template_is_the_querysets_page(
    request, story, mixed_thread, make_user, viewer, mode, order
):
    if viewer == "anonymous":
        user = AnonymousUser()
    elif viewer == "superuser":
        user = make_user("root", is_superuser=True)
    else:
        user = request.getfixturevalue(viewer)
    options = ViewingOptions(mode=mode, order=order)
    ordered, keys = ordered_thread(user, story, options)
    columns, key_at = fast_rows.row_columns(keys)
    expected = list(ordered.values_list(*columns))
    assert len(expected) > 6
    key = ("test", viewer, story.pk, mode, order)
    build = CountingBuild(lambda _: ordered_thread(user, story, options)[0])
    for start in (0, 2, 5):
        after = [expected[start][i] for i in key_at] if start else None
        for _ in range(2):
            rows, _ = fast_rows.read_page(key, lambda: build(None), keys, after, 3)
            assert rows == expected[start + bool(start) : start + bool(start) + 3]
    # Compiled once for the first page, twice for the next (real values and stand-ins), then
    # reused: on this database the thread's query makes a template.
    assert build.calls == 1 + 2


def test_it_compiles_once_per_key_and_runs_one_query(
    story, mixed_thread, django_assert_num_queries
):
    templates = QueryTemplates(Comment)
    build = CountingBuild(
        lambda values: (
            Comment.objects.filter(path__gt=values["after"])
            .order_by("path")
            .values_list("pk", flat=False)[:2]
        )
    )
    paths = sorted(Comment.objects.values_list("path", "pk"))
    for path, _ in paths[:4]:
        with django_assert_num_queries(1):
            rows = templates.rows(("k",), build, {"after": (PATH, path)})
        assert rows == [(pk,) for _, pk in paths if _ > path][:2]
    assert build.calls == 2  # with the real values and with stand-ins, then never again


def test_it_refuses_a_value_the_orm_transforms_and_runs_the_queryset(story, mixed_thread):
    templates = QueryTemplates(Comment)
    # startswith turns the value into a LIKE pattern: no stand-in survives as itself.
    build = CountingBuild(
        lambda values: (
            Comment.objects.filter(path__startswith=values["prefix"])
            .order_by("path")
            .values_list("pk")
        )
    )
    root = mixed_thread["a"]
    expected = list(
        Comment.objects.filter(path__startswith=root.path).order_by("path").values_list("pk")
    )
    assert len(expected) == 4
    for _ in range(2):
        assert templates.rows(("k",), build, {"prefix": (PATH, root.path)}) == expected
    # Two compilations to find out, then the queryset itself on each call.
    assert build.calls == 2 + 1 + 1


def test_it_refuses_a_value_that_changes_the_sql(story, mixed_thread):
    templates = QueryTemplates(Comment)

    def make(values):
        qs = Comment.objects.order_by("pk").values_list("pk")
        # The SQL depends on the value itself, not only its place: no template can hold it.
        return qs.filter(pk__gt=values["n"]) if values["n"] % 2 else qs.filter(pk__lt=values["n"])

    first = mixed_thread["a"].pk
    for n in (first + 1, first + 2):
        expected = list(make({"n": n}))
        assert templates.rows(("k", n % 2), CountingBuild(make), {"n": (ID, n)}) == expected


def test_it_keeps_a_bounded_number_of_templates(story, mixed_thread):
    templates = QueryTemplates(Comment, size=3)
    for i in range(5):
        templates.rows(
            ("k", i),
            lambda values: Comment.objects.filter(pk__gt=values["n"]).values_list("pk"),
            {"n": (ID, i)},
        )
    assert len(templates._templates) == 3


def test_a_template_holds_the_readers_own_values_in_its_key(story, mixed_thread, reader):
    # The reader's held comment is in their page and in no one else's.
    held = post(story, reader, "My own held comment", minute=9)
    Comment.objects.filter(pk=held.pk).update(status="held")
    options = ViewingOptions()
    _, keys = ordered_thread(reader, story, options)

    def page(user):
        rows, _ = fast_rows.read_page(
            ("story", getattr(user, "pk", None), story.pk),
            lambda: ordered_thread(user, story, options)[0],
            keys,
            None,
            300,
        )
        return {row[0] for row in rows}

    assert held.pk in page(reader)
    assert held.pk not in page(AnonymousUser())
    assert held.pk in page(reader)


def test_after_key_pages_match_through_the_template(story, mixed_thread):
    # The cursor condition with a created_at datetime compiles to stand-ins too.
    options = ViewingOptions(mode=DisplayMode.FLAT_EXPANDED, order=SortOrder.NEWEST)
    ordered, keys = ordered_thread(AnonymousUser(), story, options)
    columns, key_at = fast_rows.row_columns(keys)
    everything = list(ordered.values_list(*columns))
    after = [everything[1][i] for i in key_at]
    expected = list(ordered.filter(after_key(after, keys)).values_list(*columns))
    rows, _ = fast_rows.read_page(
        ("flat-newest",),
        lambda: ordered_thread(AnonymousUser(), story, options)[0],
        keys,
        after,
        50,
    )
    assert rows == expected == everything[2:]


def test_it_runs_the_queryset_for_a_value_it_has_no_stand_in_for(story, mixed_thread):
    templates = QueryTemplates(Comment)
    status = Comment._meta.get_field("status")
    build = CountingBuild(
        lambda values: Comment.objects.filter(edited_at__isnull=values["flag"]).values_list("pk")
    )
    expected = list(Comment.objects.filter(edited_at__isnull=True).values_list("pk"))
    for _ in range(2):
        assert templates.rows(("k",), build, {"flag": (status, True)}) == expected
    assert build.calls == 1 + 1 + 1  # the one compilation, then the queryset on each call


def test_objects_are_the_querysets_instances_with_what_select_related_joined(
    story, mixed_thread, django_assert_num_queries
):
    templates = QueryTemplates(Comment)
    build = CountingBuild(
        lambda values: Comment.objects.select_related("story__site", "author", "parent").filter(
            story_id=values["story"], pk__gt=values["after"]
        )
    )
    comments = sorted(mixed_thread.values(), key=lambda c: c.pk)
    for after in (0, comments[1].pk, comments[3].pk):
        values = {"story": (Comment._meta.get_field("story"), story.pk), "after": (ID, after)}
        expected = list(build.make({"story": story.pk, "after": after}))
        assert expected
        found = templates.objects(("joined",), build, values)
        assert [c.pk for c in found] == [c.pk for c in expected]
        # Everything select_related joined is there without another query, None included.
        with django_assert_num_queries(0):
            assert [
                (c.story.site.slug, c.author.username, c.parent_id and c.parent.path) for c in found
            ] == [
                (c.story.site.slug, c.author.username, c.parent_id and c.parent.path)
                for c in expected
            ]
            assert [(c.path, c.status, c.created_at) for c in found] == [
                (c.path, c.status, c.created_at) for c in expected
            ]
    assert build.calls == 2


def test_objects_see_a_change_made_after_compiling(story, mixed_thread):
    # A template holds SQL, never rows: a comment hidden since is no longer found.
    templates = QueryTemplates(Comment)

    def published(values):
        return Comment.objects.filter(pk=values["id"], status="published")

    target = mixed_thread["a"]
    values = {"id": (ID, target.pk)}
    assert [c.pk for c in templates.objects(("published",), published, values)] == [target.pk]
    Comment.objects.filter(pk=target.pk).update(status="rejected")
    assert templates.objects(("published",), published, values) == []


def test_an_unlogged_run_goes_through_the_execute_wrappers(story, mixed_thread):
    """Without a query log (production), SQLite runs the template's SQL as converted once; the
    connection's execute wrappers (instrumentation, query counts) still see every query."""
    from django.db import connection

    templates = QueryTemplates(Comment)
    seen = []

    def keep(execute, sql, params, many, context):
        seen.append(sql)
        return execute(sql, params, many, context)

    paths = sorted(Comment.objects.values_list("path", "pk"))
    assert not connection.queries_logged
    with connection.execute_wrapper(keep):
        for path, _ in paths[:3]:
            rows = templates.rows(
                ("k",),
                lambda values: (
                    Comment.objects.filter(path__gt=values["after"])
                    .order_by("path")
                    .values_list("pk")[:2]
                ),
                {"after": (PATH, path)},
            )
            assert rows == [(pk,) for _, pk in paths if _ > path][:2]
    assert len(seen) == 3  # compiling runs nothing; each call runs one query
    if connection.vendor == "sqlite":
        assert all("?" in sql and "%s" not in sql for sql in seen)
