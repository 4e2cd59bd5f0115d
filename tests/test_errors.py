"""Errors: the hierarchy, exact messages with caret, strict mode, inputs that are not articles."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from newsparse import (
    InputError,
    NewsparseError,
    ParseError,
    SchemaError,
    parse_bytes,
    parse_file,
    parse_text,
)
from tests.helpers import DATE, PARAGRAPH, TITLE, dump


def test_hierarchy() -> None:
    assert issubclass(ParseError, NewsparseError)
    assert issubclass(ParseError, ValueError)
    assert issubclass(SchemaError, NewsparseError)
    assert issubclass(InputError, NewsparseError)


def test_message_with_path_line_column_and_caret() -> None:
    error = ParseError("bad thing", code="x", path="a.txt", line=3, column=5, source_line="abcdefg")
    assert str(error) == "a.txt:3:5: bad thing\n    abcdefg\n        ^"


def test_message_without_path_or_source_line() -> None:
    assert str(ParseError("bad", code="x")) == "<text>:1:1: bad"


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t\n", "\ufeff", "\r\n \r\n"])
def test_empty_input_is_an_error_in_both_modes(text: str) -> None:
    for strict in (False, True):
        with pytest.raises(ParseError) as caught:
            parse_text(text, strict=strict)
        assert caught.value.code == "empty"


@pytest.mark.parametrize("text", [dump(TITLE), dump(TITLE, DATE), dump("", TITLE, "", DATE, "")])
def test_headline_and_nothing_else_is_not_an_article(text: str) -> None:
    for strict in (False, True):
        with pytest.raises(ParseError) as caught:
            parse_text(text, strict=strict)
        assert caught.value.code == "not-an-article"


def test_not_an_article_message_names_the_line() -> None:
    with pytest.raises(ParseError) as caught:
        parse_text(dump(TITLE, DATE))
    assert str(caught.value).startswith(
        "<text>:2:1: not an article: a headline and nothing after it"
    )


def test_strict_raises_on_the_first_diagnostic_with_its_location() -> None:
    text = dump(TITLE, "  تاريخ النشر: 31st, February 2024 GMT", PARAGRAPH)
    assert parse_text(text).published is None
    with pytest.raises(ParseError) as caught:
        parse_text(text, strict=True)
    error = caught.value
    assert (error.code, error.line, error.column) == ("date", 2, 16)
    assert str(error) == (
        "<text>:2:16: cannot read the date line: no such day: '31st, February 2024 GMT' "
        "(day is out of range for month); published is left empty\n"
        "    تاريخ النشر: 31st, February 2024 GMT\n"
        "                   ^"
    )


def test_strict_accepts_a_clean_article() -> None:
    assert parse_text(dump(TITLE, DATE, PARAGRAPH), strict=True).title == TITLE


def test_parse_bytes_accepts_a_bom() -> None:
    data = b"\xef\xbb\xbf" + dump(TITLE, DATE, PARAGRAPH).encode("utf-8")
    assert parse_bytes(data).title == TITLE


def test_parse_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "headline-only.txt"
    path.write_text(TITLE, encoding="utf-8")
    with pytest.raises(ParseError) as caught:
        parse_file(path)
    assert caught.value.path == str(path)
    assert str(caught.value).startswith(f"{path}:1:1: not an article")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        parse_file(tmp_path / "nope.txt")
    assert caught.value.code == "not-found"
    assert str(caught.value) == f"{tmp_path / 'nope.txt'}: no such file; check the path"


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        parse_file(tmp_path)
    assert caught.value.code == "is-a-directory"


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(dump(TITLE, DATE, PARAGRAPH), encoding="utf-8")

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("os.open", refuse)  # the read opens the file descriptor itself
    with pytest.raises(InputError) as caught:
        parse_file(path)
    assert caught.value.code == "unreadable"
    assert "Permission denied" in str(caught.value)


@pytest.mark.parametrize(
    "error",
    [
        ParseError("m", code="date", path="p", line=2, column=3, source_line="s"),
        InputError("m", code="not-found", path="p"),
        SchemaError("m", where="body[0]"),
    ],
)
def test_errors_pickle(error: NewsparseError) -> None:
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 -- our own object
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert copy.code == error.code


@pytest.mark.parametrize("column", [1, 50, 301, 601])
def test_long_source_line_is_cut_around_the_spot(column: int) -> None:
    line = "أ" * 300 + "X" + "ب" * 300
    error = ParseError("m", code="x", line=1, column=column, source_line=line)
    _, shown, caret = str(error).splitlines()
    assert len(shown) <= 4 + 122
    assert shown[caret.index("^")] == line[column - 1]
    assert shown.startswith("    …") is (column > 61)
