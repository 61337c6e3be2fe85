"""A phase that raises or runs past its time budget is logged and, per site, holds or is ignored."""

from __future__ import annotations

import logging
import sys
import types

import pytest
from tests.moderation.evidence import codes, reason

from civility.moderation import phases
from civility.moderation.gate import Decision
from civility.moderation.models import OnPhaseError

pytestmark = pytest.mark.django_db


@pytest.fixture
def broken_phase(monkeypatch):
    module = types.ModuleType("civility_test_broken_phase")
    module.enabled = lambda settings: True

    def check(candidate, ctx):
        raise RuntimeError("scorer crashed")

    module.check = check
    monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setitem(phases.REGISTRY, "broken", module.__name__)
    return "broken"


class SteppingClock:
    """Each call moves time on by `step` seconds."""

    def __init__(self, step: float) -> None:
        self.now = 0.0
        self.step = step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


def test_a_failing_phase_holds_the_comment_by_default(review, broken_phase, caplog):
    with caplog.at_level(logging.ERROR, logger="civility.moderation.pipeline"):
        verdict = review("A perfectly good comment.", "length", broken_phase)
    assert verdict.decision == Decision.HOLD
    failure = reason(verdict, "phase_error")
    assert failure.phase == "broken"
    assert "failed" in failure.detail
    assert "scorer crashed" in caplog.text


def test_a_failing_phase_is_skipped_where_the_site_ignores_failures(
    review, broken_phase, site_settings
):
    site_settings.on_phase_error = OnPhaseError.IGNORE
    site_settings.save()
    verdict = review("A perfectly good comment.", "length", broken_phase)
    assert verdict.decision == Decision.PUBLISH
    assert reason(verdict, "phase_error").action == Decision.PUBLISH


def test_a_phase_over_its_time_budget_counts_as_failed(review, site_settings):
    site_settings.phase_time_budget_ms = 500
    site_settings.save()
    # Every clock reading is a second later: each phase "takes" one second.
    verdict = review("Hello http://x.example.com", "links", clock=SteppingClock(1.0))
    assert verdict.decision == Decision.HOLD
    assert codes(verdict) == ["phase_error"]
    assert "time budget" in verdict.reasons[0].detail


def test_a_phase_within_its_budget_keeps_its_evidence(review, site_settings):
    site_settings.phase_time_budget_ms = 500
    site_settings.save()
    verdict = review("Hello http://x.example.com", "links", clock=SteppingClock(0.1))
    assert codes(verdict) == ["link_from_new_reader"]


@pytest.fixture
def slow_to_start_phase(monkeypatch):
    """A phase whose set-up (like loading a model) is slow but whose check is quick."""
    module = types.ModuleType("civility_test_slow_start_phase")
    module.enabled = lambda settings: True
    module.prepared = False

    def prepare(settings):
        module.prepared = True

    def check(candidate, ctx):
        assert module.prepared
        return []

    module.prepare = prepare
    module.check = check
    monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setitem(phases.REGISTRY, "slow_start", module.__name__)
    return module


class PrepareAwareClock:
    """Reads 10 s once the phase has prepared: timing that included set-up would see 10 s."""

    def __init__(self, module) -> None:
        self.module = module

    def __call__(self) -> float:
        return 10.0 if self.module.prepared else 0.0


def test_set_up_time_does_not_count_against_the_budget(review, site_settings, slow_to_start_phase):
    verdict = review("Hello there", "slow_start", clock=PrepareAwareClock(slow_to_start_phase))
    assert verdict.decision == Decision.PUBLISH
    assert "phase_error" not in codes(verdict)


def test_a_phase_that_cannot_start_counts_as_failed(review, site_settings, monkeypatch):
    module = types.ModuleType("civility_test_unstartable_phase")
    module.enabled = lambda settings: True
    module.check = lambda candidate, ctx: []

    def prepare(settings):
        raise FileNotFoundError("model files missing")

    module.prepare = prepare
    monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setitem(phases.REGISTRY, "unstartable", module.__name__)
    verdict = review("Hello there", "unstartable")
    assert verdict.decision == Decision.HOLD
    assert "phase_error" in codes(verdict)
