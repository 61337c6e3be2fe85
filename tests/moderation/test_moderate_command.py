"""`civility moderate` runs the pipeline over JSON Lines and prints one decision per comment."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from civility.discussion.models import CommentStatus
from civility.moderation.models import CommentSignature, ModerationEvent, WordKind, WordRule

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def gazette(site, story):
    WordRule.objects.create(site=site, phrase="crooks", kind=WordKind.BANNED)
    return site


def moderate(*args, stdin: str | None = None) -> tuple[list[dict], str, bool]:
    out, err = io.StringIO(), io.StringIO()
    failed = False
    old_stdin = sys.stdin
    if stdin is not None:
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin.encode()))
    try:
        call_command("moderate", *args, stdout=out, stderr=err)
    except CommandError as exc:
        failed = True
        err.write(str(exc))
    finally:
        sys.stdin = old_stdin
    return [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue(), failed


def test_it_gives_the_expected_decisions_for_the_sample_file(gazette):
    results, errors, failed = moderate("--site", "gazette", str(FIXTURES / "comments.jsonl"))
    expected = [json.loads(line) for line in (FIXTURES / "expected.jsonl").read_text().splitlines()]
    assert results == expected
    assert failed


def test_it_names_malformed_lines_skips_them_and_fails_at_the_end(gazette):
    results, errors, failed = moderate("--site", "gazette", str(FIXTURES / "comments.jsonl"))
    assert "line 5: not valid JSON" in errors
    assert 'line 9: missing "text"' in errors
    assert "2 lines had errors" in errors
    assert failed
    # Every good line still has its answer, in order.
    assert [r["id"] for r in results] == [f"c{n}" for n in range(1, 14) if n != 8]


def test_it_writes_nothing_without_apply(gazette):
    moderate("--site", "gazette", str(FIXTURES / "comments.jsonl"))
    assert not ModerationEvent.objects.exists()
    assert not CommentSignature.objects.exists()


def test_it_reads_standard_input_and_succeeds_on_a_clean_file():
    lines = '{"id": 1, "author": "a", "text": "Hello there."}\n\n{"id": 2, "author": "b", "text": "Hi."}\n'
    results, errors, failed = moderate("-", stdin=lines)
    assert [r["decision"] for r in results] == ["publish", "publish"]
    assert not failed and errors == ""


def test_rate_limits_are_off_unless_asked():
    lines = "".join(
        json.dumps(
            {
                "id": n,
                "author": "a",
                "text": f"Comment number {n}.",
                "created": f"2026-03-01T09:00:{n:02d}Z",
            }
        )
        + "\n"
        for n in range(7)
    )
    results, _, _ = moderate("-", stdin=lines)
    assert {r["decision"] for r in results} == {"publish"}
    results, _, _ = moderate("--rate-limits", "-", stdin=lines)
    assert [r["decision"] for r in results] == ["publish"] * 5 + ["hold"] * 2
    assert results[-1]["reasons"][0]["code"] == "rate_limit_account"


def test_apply_sets_existing_comments_to_their_decisions_with_an_audit_row(
    gazette, post, moderator
):
    good = post("A perfectly fine comment on the budget.")
    bad = post("You crooks should resign.", author=moderator)
    assert bad.status == CommentStatus.REJECTED
    # Try the site's settings on past comments after the list changed.
    WordRule.objects.filter(phrase="crooks").delete()
    lines = (
        "".join(
            json.dumps({"id": c.pk, "author": c.author.username, "text": c.source}) + "\n"
            for c in (good, bad)
        )
        + json.dumps({"id": 999999, "author": "x", "text": "Not in the database."})
        + "\n"
    )
    results, errors, failed = moderate("--site", "gazette", "--apply", "-", stdin=lines)
    bad.refresh_from_db()
    assert bad.status == CommentStatus.PUBLISHED
    event = ModerationEvent.objects.filter(comment=bad).first()
    assert (event.actor, event.from_status, event.to_status) == (None, "rejected", "published")
    assert "line 3: no comment 999999 on gazette; not applied" in errors
    assert failed


def test_apply_needs_a_site():
    with pytest.raises(CommandError, match="--apply needs --site"):
        call_command("moderate", "--apply", "-", stdout=io.StringIO(), stderr=io.StringIO())


def test_the_console_script_exits_non_zero_on_malformed_lines(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": 1, "author": "a", "text": "Hello."}\n[1, 2]\n')
    env = {**os.environ, "CIVILITY_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-m", "civility", "moderate", str(source)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert json.loads(done.stdout.splitlines()[0])["id"] == 1
    assert "line 2: expected a JSON object" in done.stderr


def test_it_prints_the_scores_when_a_scorer_is_configured(scorer):
    lines = '{"id": "x", "author": "a", "text": "You idiot."}\n'
    [result], _, failed = moderate("-", stdin=lines)
    assert result["decision"] == "hold"
    assert result["scores"]["insult"] == pytest.approx(0.91)
    assert [r["code"] for r in result["reasons"]] == ["ml_toxicity", "ml_insult"]
    assert not failed
