"""`.env.example` documents every environment variable the code reads."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READ = re.compile(r"\benv_(?:str|bool|int|list|secret)\(\s*[\"']([A-Z][A-Z0-9_]*)[\"']")


def _variables_read() -> set[str]:
    names: set[str] = set()
    for path in (ROOT / "src" / "civility").rglob("*.py"):
        names.update(READ.findall(path.read_text(encoding="utf-8")))
    return names


def _variables_documented() -> set[str]:
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    return set(re.findall(r"^#?([A-Z][A-Z0-9_]*)=", text, flags=re.MULTILINE))


def test_it_finds_the_settings_variables():
    assert {"DATABASE_URL", "SECRET_KEY", "CIVILITY_DATA_DIR"} <= _variables_read()


def test_every_variable_read_is_in_the_example():
    missing = _variables_read() - _variables_documented()
    assert not missing, f"add these to .env.example with a comment: {sorted(missing)}"


def test_the_example_documents_no_variable_that_nothing_reads():
    # NAME_FILE forms are read by env_str for any NAME.
    documented = {n.removesuffix("_FILE") for n in _variables_documented()}
    assert documented <= _variables_read()
