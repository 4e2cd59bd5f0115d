"""On arbitrary input the parser returns an Article or raises NewsparseError, nothing else."""

from __future__ import annotations

import contextlib

from hypothesis import given
from hypothesis import strategies as st

from newsparse import Article, NewsparseError, Paragraph, ReadAlso, parse_bytes, parse_text
from tests.strategies import dump_texts


def _lines_of(article: Article) -> list[int]:
    numbers = [d.line for d in article.diagnostics]
    numbers += [block.line for block in article.body]
    for related in article.related:
        numbers.append(related.line)
        numbers += [block.line for block in related.body]
    return [n for n in numbers if n is not None]


@given(dump_texts)
def test_parse_text_returns_or_raises_newsparse_error(text: str) -> None:
    try:
        article = parse_text(text)
    except NewsparseError:
        return
    assert isinstance(article, Article)


@given(dump_texts)
def test_strict_mode_raises_only_newsparse_errors(text: str) -> None:
    try:
        article = parse_text(text, strict=True)
    except NewsparseError:
        return
    # Repairs that lose nothing are recorded in both modes: mojibake, and chrome dropped.
    assert {d.code for d in article.diagnostics} <= {"mojibake", "boilerplate"}


@given(st.binary(max_size=400))
def test_parse_bytes_on_any_bytes(data: bytes) -> None:
    with contextlib.suppress(NewsparseError):
        parse_bytes(data)


@given(dump_texts)
def test_provenance_lies_inside_the_input(text: str) -> None:
    try:
        article = parse_text(text)
    except NewsparseError:
        return
    count = len(text.splitlines())
    assert all(1 <= number <= count for number in _lines_of(article))
    body_lines = [block.line for block in article.body if isinstance(block, Paragraph | ReadAlso)]
    assert all(line is not None for line in body_lines)


@given(dump_texts)
def test_no_text_is_invented(text: str) -> None:
    """Every paragraph the parser returns is a piece of one input line."""
    try:
        article = parse_text(text)
    except NewsparseError:
        return
    source = text.splitlines()
    for block in article.body:
        if isinstance(block, Paragraph):
            assert block.line is not None
            assert block.text in source[block.line - 1]
