"""Shared fixtures and the Hypothesis profiles (``ci`` for CI, ``dev`` for quick runs)."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tests.helpers import DATA

settings.register_profile(
    "ci", max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
# too_slow is a timing check: on a shared 2-core VM it fails runs at random.
settings.register_profile(
    "dev", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


@pytest.fixture(autouse=True)
def _sigint_as_it_was() -> Iterator[None]:
    """SIGINT's handler as each test found it: a SparkContext (tests/test_spark.py, the Spark
    example of docs/scaling.md) installs its own in this process and never takes it back."""
    before = signal.getsignal(signal.SIGINT)
    yield
    if signal.getsignal(signal.SIGINT) is not before:
        signal.signal(signal.SIGINT, before)


@pytest.fixture
def data_dir() -> Path:
    """The directory of input/gold pairs."""
    return DATA


from tests.s3server import s3  # noqa: E402 -- the S3 server fixture, for every test module

__all__ = ["s3"]
