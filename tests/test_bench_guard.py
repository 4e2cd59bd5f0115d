"""The `make bench` guard: a figure more than 10% worse than the baseline fails the run."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from benchmarks.corpus import BASELINE, GUARDED, TOLERANCE, guard

RATIOS = sorted(name for name, higher_better in GUARDED.items() if not higher_better)


def test_the_checked_in_baseline_guards_every_figure() -> None:
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    figures = baseline["figures"]
    assert set(GUARDED) <= set(figures)
    assert any(name.startswith("peak_mib_") for name in figures)
    assert guard(figures, figures) == []


@given(st.sampled_from(RATIOS), st.floats(min_value=1.0, max_value=50.0))
def test_a_ratio_to_the_floor_fails_only_beyond_the_tolerance(name: str, base: float) -> None:
    assert guard({name: base * (1 + TOLERANCE * 0.99)}, {name: base}) == []
    assert guard({name: base * 0.5}, {name: base}) == []  # faster is never a failure
    (failure,) = guard({name: base * (1 + TOLERANCE * 1.01)}, {name: base})
    assert failure.startswith(f"{name}: ")


@pytest.mark.parametrize(("figure", "fails"), [(1.75, False), (1.58, False), (1.57, True)])
def test_a_lower_speed_up_is_the_worse_one(figure: float, fails: bool) -> None:
    assert bool(guard({"jobs2_speedup": figure}, {"jobs2_speedup": 1.75})) is fails
    assert guard({"jobs2_speedup": 3.0}, {"jobs2_speedup": 1.75}) == []


def test_more_memory_is_worse_and_an_unknown_figure_is_not_guarded() -> None:
    assert guard({"peak_mib_stdin_10000": 100.0}, {"peak_mib_stdin_10000": 85.0})
    assert guard({"peak_mib_stdin_10000": 60.0}, {"peak_mib_stdin_10000": 85.0}) == []
    assert guard({"a_new_figure": 1.0}, {}) == []
