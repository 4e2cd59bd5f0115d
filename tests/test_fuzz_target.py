"""The atheris target runs (without atheris) on its seed corpus and on hostile bytes."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fuzz.fuzz_parse import test_one_input as fuzz_one_input

CORPUS = sorted((Path(__file__).parent.parent / "fuzz" / "corpus").iterdir())


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_corpus(path: Path) -> None:
    fuzz_one_input(path.read_bytes())


@given(st.binary(max_size=300))
def test_any_bytes(data: bytes) -> None:
    fuzz_one_input(data)
