"""The guard of benchmarks/pipelines.py: a path over 1.25x the command's time fails the run."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from benchmarks.pipelines import TARGET, over_target

REFERENCES = {"dask to_dataframe.to_parquet": "command -o x.parquet"}


@given(st.floats(min_value=0.1, max_value=100.0), st.floats(min_value=0.01, max_value=3.0))
def test_a_path_fails_only_beyond_the_target(command: float, ratio: float) -> None:
    best = {"command -o x.parquet": command, "dask to_dataframe.to_parquet": command * ratio}
    failures = over_target(best, REFERENCES, {})
    if ratio <= TARGET * 0.999:
        assert failures == []
    elif ratio > TARGET * 1.001:
        (failure,) = failures
        assert failure.startswith("dask to_dataframe.to_parquet: ")
        assert f"{ratio:.2f}x" in failure


def test_a_failed_path_fails_and_an_unmeasured_one_does_not() -> None:
    best = {"command -o x.parquet": 2.0}
    assert over_target(best, REFERENCES, {}) == []  # the path was skipped: not importable
    (failure,) = over_target(best, REFERENCES, {"hf to_dataset(jobs=2)": "counted 3"})
    assert failure == "hf to_dataset(jobs=2): failed: counted 3"
    assert over_target({"dask to_dataframe.to_parquet": 9.0}, REFERENCES, {}) == []


def test_the_limit_is_the_issues() -> None:
    assert TARGET == 1.25
    best = {"command -o x.parquet": 1.0, "dask to_dataframe.to_parquet": 1.3}
    assert over_target(best, REFERENCES, {}, limit=1.5) == []
    assert over_target(best, REFERENCES, {})
