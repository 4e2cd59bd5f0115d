"""The development corpus (benchmarks/devcorpus.py) and its scorer (devcorpus_score.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from benchmarks.devcorpus import generate, main
from benchmarks.devcorpus_score import score
from newsparse import Article, Paragraph, parse_file

FILES = 80


def _tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def _gold(root: Path) -> list[dict[str, Any]]:
    with (root / "gold.jsonl").open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:  # the windows-1256 files
        return data.decode("cp1256")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("devcorpus") / "c", FILES, seed=5, outlets=12)


def test_the_same_seed_gives_the_same_bytes(corpus: Path, tmp_path: Path) -> None:
    again = generate(tmp_path / "again", FILES, seed=5, outlets=12)
    other = generate(tmp_path / "other", FILES, seed=6, outlets=12)
    assert _tree(again) == _tree(corpus)
    assert _tree(other) != _tree(corpus)


def test_the_gold_names_every_file_in_file_order(corpus: Path) -> None:
    gold = _gold(corpus)
    paths = [record["path"] for record in gold]
    assert len(paths) == FILES
    assert [Path(path).name for path in paths] == [f"{i:06d}.txt" for i in range(FILES)]
    on_disk = {key for key in _tree(corpus) if key != "gold.jsonl"}
    assert on_disk == set(paths)
    assert {record["outlet"] for record in gold} >= {gold[0]["outlet"]}
    for record in gold:
        assert set(record) == {"path", "outlet", "blocks", "chrome", "keywords"}
        assert len(record["keywords"]) == len(set(record["keywords"]))
        assert {item["where"] for item in record["chrome"]} <= {"line", "start", "end"}


def test_gold_blocks_and_chrome_stand_in_their_file(corpus: Path) -> None:
    gold = _gold(corpus)
    chrome = {item["text"] for record in gold for item in record["chrome"]}
    assert chrome
    for record in gold:
        text = _text((corpus / record["path"]).read_bytes())
        assert record["blocks"]
        for block in record["blocks"]:
            assert block in text
            assert not any(phrase in block for phrase in chrome), block  # never in real text
        for item in record["chrome"]:
            assert item["text"] in text
        if record["keywords"]:
            line = next(line for line in text.splitlines() if line.startswith("كلمات دلالية: "))
            assert all(tag in line for tag in record["keywords"])


def test_the_scorer_gives_a_perfect_parse_full_marks(corpus: Path) -> None:
    gold = _gold(corpus)
    perfect = [
        (
            Article(
                title="",
                body=[Paragraph(text=block) for block in record["blocks"]],
                keywords=record["keywords"],
            ),
            record,
        )
        for record in gold
    ]
    figures = score(perfect)
    assert figures["chrome_recall"] == 1.0
    assert figures["real_dropped"] == 0.0
    assert figures["keyword_f1"] == 1.0
    assert figures["extra_blocks"] == 0.0


def test_the_scorer_counts_what_the_parser_leaves(corpus: Path) -> None:
    gold = _gold(corpus)[:20]
    figures = score((parse_file(corpus / record["path"]), record) for record in gold)
    assert figures["articles"] == 20
    assert 0.0 <= figures["chrome_recall"] <= 1.0
    assert 0.0 <= figures["real_dropped_rate"] <= 1.0
    assert 0.0 < figures["keyword_f1"] <= 1.0
    record = next(r for r in gold if any(c["where"] == "end" for c in r["chrome"]))
    glued = next(c["text"] for c in record["chrome"] if c["where"] == "end")
    with_chrome = Article(title="", body=[Paragraph(text=b + glued) for b in record["blocks"]])
    left = score([(with_chrome, {**record, "chrome": [{"text": glued, "where": "end"}]})])
    assert left["chrome_left"] == 1.0
    assert left["real_unclean"] == len(record["blocks"])  # still there, chrome glued on
    assert left["real_dropped"] == 0
    cut = Article(title="", body=[Paragraph(text=b[1:]) for b in record["blocks"]])
    assert score([(cut, record)])["real_dropped"] == len(record["blocks"])  # text lost


def test_the_command_refuses_a_directory_in_use(corpus: Path) -> None:
    assert main([str(corpus), "--files", "1"]) == 2
