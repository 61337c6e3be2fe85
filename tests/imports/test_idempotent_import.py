from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from civility.discussion.models import Comment
from civility.imports.models import ImportedObject
from civility.stories.models import Story

from .helpers import FIXTURES, assert_counters_consistent, run_import


def snapshot_of_database():
    return (
        Story.objects.count(),
        get_user_model().objects.count(),
        ImportedObject.objects.count(),
        sorted(
            Comment.objects.values_list(
                "path", "status", "reply_count", "child_seq", "parent_id", "author_id"
            )
        ),
        sorted(Story.objects.values_list("top_seq", "comment_count")),
    )


@pytest.mark.parametrize("name", ["wxr-1.2-https.xml", "snapshot.txt"])
def test_importing_the_same_file_twice_changes_nothing(site, name):
    run_import(FIXTURES / name, site)
    before = snapshot_of_database()
    output = run_import(FIXTURES / name, site)
    assert snapshot_of_database() == before
    assert "comments: 0 created" in output


def test_importing_the_same_disqus_file_twice_changes_nothing(site):
    with pytest.raises(CommandError):
        run_import(FIXTURES / "disqus.xml", site)
    before = snapshot_of_database()
    with pytest.raises(CommandError):
        run_import(FIXTURES / "disqus.xml", site)
    assert snapshot_of_database() == before


def test_an_updated_export_adds_only_the_new_reply_under_its_old_parent(site, tmp_path):
    run_import(FIXTURES / "wxr-1.2-https.xml", site)
    updated = (FIXTURES / "wxr-1.2-https.xml").read_text()
    new_comment = """<wp:comment>
			<wp:comment_id>99</wp:comment_id>
			<wp:comment_author><![CDATA[Newcomer]]></wp:comment_author>
			<wp:comment_date_gmt><![CDATA[2024-04-01 10:00:00]]></wp:comment_date_gmt>
			<wp:comment_content><![CDATA[A late reply]]></wp:comment_content>
			<wp:comment_approved><![CDATA[1]]></wp:comment_approved>
			<wp:comment_parent>1</wp:comment_parent>
		</wp:comment>
	</item>"""
    updated = updated.replace("</item>", new_comment, 1)
    path = tmp_path / "updated.xml"
    path.write_text(updated)
    count = Comment.objects.count()
    output = run_import(path, site)
    assert "comments: 1 created" in output
    assert Comment.objects.count() == count + 1
    late = Comment.objects.get(source="A late reply")
    first = Comment.objects.get(source__startswith="First line")
    assert late.parent_id == first.pk
    assert_counters_consistent(site)
