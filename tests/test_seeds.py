"""Every ``tests/data/*.txt`` with a ``.gold.json`` beside it gives exactly its gold."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsparse import Article, NewsparseError, parse_bytes, parse_file, parse_text, render
from newsparse._cli.main import main
from tests.helpers import DATA

CASES = sorted(DATA.glob("*.gold.json"))


def _input(gold: Path) -> Path:
    return gold.with_name(gold.name.removesuffix(".gold.json") + ".txt")


def _gold(gold: Path) -> dict[str, Any]:
    """The gold record; the scorer's absent source ``{name: null, credit: null}`` is our null."""
    data: dict[str, Any] = json.loads(gold.read_text(encoding="utf-8"))
    if data.get("source") == {"name": None, "credit": None}:
        data["source"] = None
    return data


def _codes(expected: dict[str, Any]) -> list[str]:
    """Pop the diagnostic codes the gold expects, sorted (``expect_diagnostic`` is one code)."""
    single = expected.pop("expect_diagnostic", None)
    several: list[str] = expected.pop("expect_diagnostics", [])
    return sorted([*([single] if single else []), *several])


def _record(article: Article) -> dict[str, Any]:
    record = article.to_dict()
    for key in ("format", "diagnostics", "url", "retrieved", "encoding"):
        del record[key]
    return record


def test_there_are_cases() -> None:
    assert len(CASES) >= 4


ERRORS = [gold for gold in CASES if _gold(gold).get("expect_error")]
ARTICLES = [gold for gold in CASES if gold not in ERRORS]


@pytest.mark.parametrize("gold", ARTICLES, ids=lambda p: p.name)
def test_file_gives_its_gold(gold: Path) -> None:
    article = parse_file(_input(gold))
    expected = _gold(gold)
    codes = _codes(expected)
    assert _record(article) == expected
    assert sorted(d.code for d in article.diagnostics) == codes
    assert article.format == "aggregator-text"


@pytest.mark.parametrize("gold", ERRORS, ids=lambda p: p.name)
def test_file_is_rejected(gold: Path) -> None:
    with pytest.raises(NewsparseError):
        parse_file(_input(gold))


@pytest.mark.parametrize("gold", ARTICLES, ids=lambda p: p.name)
def test_text_bytes_and_file_agree(gold: Path) -> None:
    path = _input(gold)
    data = path.read_bytes()
    assert parse_bytes(data) == parse_text(data.decode("utf-8")) == parse_file(path)


@pytest.mark.parametrize("gold", ARTICLES, ids=lambda p: p.name)
def test_layout_changes_nothing(gold: Path) -> None:
    """CRLF, a BOM, blank lines and surrounding whitespace give the same record."""
    text = _input(gold).read_text(encoding="utf-8")
    messy = "\ufeff\n\n" + "\r\n\r\n".join(f"  {line}\t " for line in text.splitlines())
    assert parse_text(messy) == parse_text(text)
    assert parse_bytes(messy.encode("utf-8")) == parse_text(text)


@pytest.mark.parametrize("gold", ARTICLES, ids=lambda p: p.name)
def test_render_reads_back(gold: Path) -> None:
    """The canonical dump reads back as the article; the site chrome a parse dropped (its
    ``boilerplate`` record) is not in the dump to drop again."""
    article = parse_file(_input(gold))
    kept = [d for d in article.diagnostics if d.code != "boilerplate"]
    assert parse_text(render(article)) == article.evolve(diagnostics=kept)


def test_cli_jsonl_gives_the_gold(capsys: pytest.CaptureFixture[str]) -> None:
    paths = [str(_input(gold)) for gold in CASES]
    assert main(["parse", *paths, "--jsonl"]) == 1  # the expected-error case fails
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(CASES)
    for line, gold, path in zip(lines, CASES, paths, strict=True):
        record = json.loads(line)
        expected = _gold(gold)
        assert record.pop("path") == path
        if expected.get("expect_error"):
            assert record["code"] == "not-an-article"
            continue
        codes = _codes(expected)
        assert record.pop("format") == "aggregator-text"
        assert sorted(d["code"] for d in record.pop("diagnostics")) == codes
        assert record.pop("encoding") == "utf-8"
        assert record.pop("url") is None
        assert record.pop("retrieved") is None
        assert record == expected
