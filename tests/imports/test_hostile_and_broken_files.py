from __future__ import annotations

import pytest
from django.core.management.base import CommandError

from civility.discussion.models import Comment
from civility.imports.models import ImportedObject
from civility.stories.models import Story

from .helpers import FIXTURES, run_import


def assert_nothing_written():
    assert Story.objects.count() == 0
    assert Comment.objects.count() == 0
    assert ImportedObject.objects.count() == 0


@pytest.mark.parametrize("name", ["billion-laughs.xml", "xxe.xml"])
def test_it_refuses_entity_declarations_with_a_clear_error(site, name):
    with pytest.raises(CommandError, match="Refused unsafe XML.*Nothing was imported"):
        run_import(FIXTURES / name, site, format="disqus")
    assert_nothing_written()


def test_it_writes_nothing_from_a_file_that_breaks_halfway(site):
    with pytest.raises(CommandError, match=r"Malformed XML at line \d+"):
        run_import(FIXTURES / "truncated-disqus.xml", site)
    assert_nothing_written()


def test_it_names_the_problem_when_the_format_cannot_be_told(site, tmp_path):
    path = tmp_path / "mystery.txt"
    path.write_text("just some words\nno markers here\n")
    with pytest.raises(CommandError, match="Could not tell the file's format"):
        run_import(path, site)


def test_it_names_an_unknown_site(site):
    with pytest.raises(CommandError, match="No site with slug"):
        from django.core.management import call_command

        call_command("import", str(FIXTURES / "snapshot.txt"), site="nope")
