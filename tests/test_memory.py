"""Bounded memory: what one file may cost, measured with tracemalloc (deterministic).

The figures at the 50 MiB limit are measured by ``benchmarks/hostile.py``
(docs/robustness.md); these tests pin the rules that keep them bounded, on
inputs small enough for the suite.
"""

from __future__ import annotations

import json
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

from newsparse import ParseError, parse_bytes, parse_text
from newsparse._cli.main import _outcome
from newsparse._corpus.writers import JsonLines
from newsparse._formats.aggregator.parser import MAX_LINES
from tests.helpers import DATE, PARAGRAPH, TITLE

T = TypeVar("T")


def _peak(work: Callable[[], T]) -> tuple[T, int]:
    tracemalloc.start()
    try:
        done = work()
        return done, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _refused(data: bytes) -> str:
    try:
        parse_bytes(data)
    except ParseError as error:
        return error.code
    return "parsed"


@pytest.mark.parametrize("line", ["ب\n", "\n", " \n", "\r", "ب\u2028"])
def test_a_dump_of_too_many_lines_is_refused_before_a_line_is_made(line: str) -> None:
    """2 MiB of short lines took 90 times its size (8.2 GiB for 48 MiB): a few hundred bytes
    of objects a line.  Over MAX_LINES lines, the dump is refused after one count: what is
    left is the decode's own peak (the text, two bytes a character here, built in a buffer
    that widens once), about 3 times the input."""
    data = f"{TITLE}\n{DATE}\n{PARAGRAPH}\n{line * (MAX_LINES + 1)}".encode()
    code, peak = _peak(lambda: _refused(data))
    assert code == "too-many-lines"
    assert peak < 4 * len(data)


def test_a_dump_at_the_line_limit_is_parsed() -> None:
    text = f"{TITLE}\n{DATE}\n" + f"{PARAGRAPH}\n" * (MAX_LINES - 3)
    assert len(parse_text(text).paragraphs) == MAX_LINES - 3


@pytest.mark.slow
def test_a_file_of_many_articles_is_encoded_as_it_is_read(tmp_path: Path) -> None:
    """A worker held every Article of a file, then every record as a dict, then the lines:
    half a million tiny articles took over 1 GiB.  Now it holds the lines and one Article."""
    record: dict[str, object] = {
        "path": "x", "title": "t", "published": None, "authors": [], "body": [], "source": None,
        "keywords": [], "keywords_raw": None, "related": [],
    }  # fmt: skip
    path = tmp_path / "many.jsonl"
    path.write_bytes((json.dumps(record) + "\n").encode() * 20_000)
    done, peak = _peak(
        lambda: _outcome(str(path), encoder=JsonLines(), format=None, strict=False, registry=None)
    )
    assert done.articles == 20_000
    # The lines kept (about 1.3 times the file, with the path and fields added) and one
    # record's objects at a time; all Articles at once took 10 times more.
    assert peak < 3 * len(done.encoded)
