"""Static files work before `collectstatic` (plain names) and after it (hashed names)."""

from __future__ import annotations

import re

from django.core.management import call_command
from django.test import override_settings

from civility.core.static_storage import CollectedOrFoundStaticStorage

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "civility.core.static_storage.CollectedOrFoundStaticStorage"},
}


def test_it_uses_the_plain_name_before_collectstatic(tmp_path):
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=STORAGES, DEBUG=False):
        storage = CollectedOrFoundStaticStorage()
        assert storage.url("civility/htmx.min.js") == "/static/civility/htmx.min.js"


def test_it_uses_the_hashed_name_after_collectstatic(tmp_path):
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=STORAGES, DEBUG=False):
        call_command("collectstatic", interactive=False, verbosity=0)
        url = CollectedOrFoundStaticStorage().url("civility/htmx.min.js")
        assert re.fullmatch(r"/static/civility/htmx\.min\.[0-9a-f]{12}\.js", url)
        assert (tmp_path / url.removeprefix("/static/")).is_file()


def test_it_falls_back_for_a_file_added_after_collectstatic(tmp_path):
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=STORAGES, DEBUG=False):
        call_command("collectstatic", interactive=False, verbosity=0)
        storage = CollectedOrFoundStaticStorage()
        assert storage.url("civility/not-collected.js") == "/static/civility/not-collected.js"
