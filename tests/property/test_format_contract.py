"""Every built-in format keeps the format contract (newsparse.testing.check_format).

Plus, per built-in format, Hypothesis text biased to JSON punctuation and the
formats' keys and markers: parsing returns Articles or raises NewsparseError.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsparse import Article, Format, NewsparseError, Paragraph, ParseError, default_registry
from newsparse.testing import check_format

EXAMPLES = Path("examples")
SAMPLES: dict[str, list[str]] = {
    "aggregator-text": [path.read_text("utf-8") for path in sorted(EXAMPLES.glob("*.txt"))],
    "newsparse-jsonl": [(EXAMPLES / "articles.jsonl").read_text("utf-8")],
    "saudinewsnet": [(EXAMPLES / "saudinewsnet-sample.json").read_text("utf-8")],
}
BUILT_IN = sorted(SAMPLES)

_PIECES = st.sampled_from(
    [
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        '"',
        "\\",
        "\\u",
        "\\ud83d",
        "\n",
        "\r\n",
        " ",
        "null",
        "1",
        "-2.5e3",
        '"title"',
        '"body"',
        '"content"',
        '"date_extracted"',
        '"source"',
        '"author"',
        '"url"',
        '"path"',
        '"error"',
        '"code"',
        '"type"',
        '"paragraph"',
        '"2015-07-21 02:51:32"',
        "اقرأ أيضاً",
        "المصدر:",
        "كلمات دلالية:",
        "تاريخ النشر:",
        "فقرة من الخبر.",
        "\ufeff",
        "\x00",
    ]
)
hostile_texts = st.one_of(
    st.lists(_PIECES | st.text(max_size=5), max_size=60).map("".join),
    st.text(max_size=200),
)


def test_every_built_in_format_has_samples() -> None:
    assert set(default_registry().names()) >= set(BUILT_IN)
    assert all(SAMPLES[name] for name in BUILT_IN)


@pytest.mark.parametrize("name", BUILT_IN)
def test_built_in_format_keeps_the_contract(name: str) -> None:
    registry = default_registry()
    # newsparse-jsonl gives back records as they were written, with the format they came from.
    formats = registry.names() if name == "newsparse-jsonl" else None
    check_format(registry.get(name), SAMPLES[name], formats=formats)


def test_every_installed_format_survives_garbage() -> None:
    # Plugins have no samples here; the garbage half of the contract still applies.
    for fmt in default_registry():
        if fmt.name not in SAMPLES:  # pragma: no cover - only with plugins installed
            check_format(fmt, [])


def _parse_all(fmt: Format, text: str) -> None:
    for strict in (False, True):
        with contextlib.suppress(NewsparseError):
            for article in fmt.parse(text, strict=strict):
                assert isinstance(article, Article)


@given(hostile_texts)
def test_aggregator_text_on_hostile_text(text: str) -> None:
    _parse_all(default_registry().get("aggregator-text"), text)


@given(hostile_texts)
def test_newsparse_jsonl_on_hostile_text(text: str) -> None:
    _parse_all(default_registry().get("newsparse-jsonl"), text)


@given(hostile_texts)
def test_saudinewsnet_on_hostile_text(text: str) -> None:
    _parse_all(default_registry().get("saudinewsnet"), text)


@given(hostile_texts)
def test_sniff_never_raises(text: str) -> None:
    for fmt in default_registry():
        assert 0 <= fmt.sniff(text) <= 1


class _Subclass(Article):
    """An Article that from_dict cannot give back."""


class _Tuples(Article):
    """An Article whose dict holds a tuple, which JSON gives back as a list."""

    def to_dict(self) -> dict[str, Any]:
        return {**super().to_dict(), "extra": (1, 2)}


class _Untitled(Article):
    """An Article whose dict lacks its title."""

    def to_dict(self) -> dict[str, Any]:
        record = super().to_dict()
        del record["title"]
        return record


class _Broken:
    """A format that breaks the contract in a chosen way (or, with no fault, keeps it)."""

    def __init__(
        self, name: str = "broken", *, fault: str = "", suffixes: tuple[str, ...] = (".x",)
    ) -> None:
        self.name = name
        self.fault = fault
        self.suffixes = suffixes

    def sniff(self, text: str) -> float:
        if self.fault == "sniff-raises" and text:
            raise ValueError("boom")
        return 2.0 if self.fault == "sniff-range" else 0.5

    def parse(self, text: str, *, path: str | None = None, strict: bool = False) -> list[Any]:
        fault = self.fault
        if fault == "parse-raises" and not text:
            raise KeyError("boom")
        if fault == "sample-error":
            raise ParseError("not mine", code="nope")
        articles: dict[str, list[Any]] = {
            "no-article": [],
            "not-article": ["x"],
            "format": [Article(title=text[:10])],
            "line": [Article(title="t", format=self.name, body=[Paragraph(text="p", line=99)])],
            "surrogate": [Article(title="\ud800", format=self.name)],
            "subclass": [_Subclass(title="t", format=self.name)],
            "tuples": [_Tuples(title="t", format=self.name)],
            "untitled": [_Untitled(title="t", format=self.name)],
        }
        return articles.get(fault, [Article(title="t", format=self.name)])


@pytest.mark.parametrize(
    ("fmt", "breach"),
    [
        (object(), "is not a newsparse Format"),
        (_Broken("Broken"), "name must be a non-empty lowercase string"),
        (_Broken(""), "name must be a non-empty lowercase string"),
        (_Broken(suffixes=("x",)), "suffixes must be a tuple of strings starting with '.'"),
        (_Broken(fault="sniff-raises"), "sniff raised ValueError('boom')"),
        (_Broken(fault="sniff-range"), "sniff returned 2.0"),
        (_Broken(fault="parse-raises"), "parse(strict=False) raised KeyError"),
        (_Broken(fault="sample-error"), "sample 1 did not parse"),
        (_Broken(fault="no-article"), "sample 1 gave no Article"),
        (_Broken(fault="not-article"), "parse yielded 'x', not a newsparse.Article"),
        (_Broken(fault="format"), "format='aggregator-text'; it must be 'broken'"),
        (_Broken(fault="line"), "outside the input's lines 1..1"),
        (_Broken(fault="surrogate"), "cannot be written as UTF-8 JSON"),
        (_Broken(fault="tuples"), "does not survive json.dumps/json.loads"),
        (_Broken(fault="untitled"), "Article.from_dict(article.to_dict()) raised title"),
        (_Broken(fault="subclass"), "Article.from_dict(article.to_dict()) != article"),
    ],
)
def test_check_format_catches_breaches(fmt: object, breach: str) -> None:
    with pytest.raises(AssertionError, match="format") as caught:
        check_format(fmt, ["sample"])
    assert breach in str(caught.value)


def test_check_format_shows_the_input() -> None:
    with pytest.raises(AssertionError) as caught:
        check_format(_Broken(fault="line"), ["the sample text"])
    assert "input (15 characters): 'the sample text'" in str(caught.value)


def test_check_format_passes_a_good_format() -> None:
    check_format(_Broken(), ["sample", ""], garbage=["extra"], seed=3)
