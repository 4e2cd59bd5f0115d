"""newsparse.hf: Hugging Face datasets of a corpus, offline, record by record as the command."""

from __future__ import annotations

import datetime
import importlib
import json
import os
import pickle
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

# Set before datasets is imported, which reads them then: no test may reach the Hub.
_OFFLINE = pytest.MonkeyPatch()
_OFFLINE.setenv("HF_DATASETS_OFFLINE", "1")
_OFFLINE.setenv("HF_HUB_OFFLINE", "1")
datasets = pytest.importorskip("datasets")

import pyarrow.parquet as pq  # noqa: E402 -- after the offline switches

import newsparse  # noqa: E402
from newsparse import (  # noqa: E402
    Article,
    FormatRegistry,
    Lexicon,
    Paragraph,
    iter_results,
    learn,
    parse_file,
)
from newsparse._cli.main import _outcome, main  # noqa: E402
from newsparse._corpus.arrow import arrow_schema, arrow_table, from_arrow_row  # noqa: E402
from newsparse._corpus.outputs import open_file_output  # noqa: E402
from newsparse._corpus.writers import ParquetRows  # noqa: E402
from newsparse.hf import _split, features, to_dataset, to_iterable_dataset  # noqa: E402
from tests.helpers import CHROME, DATA, SEEDS, outlet_corpus  # noqa: E402

pytestmark = pytest.mark.slow  # datasets takes seconds to import, pools of processes


@pytest.fixture(scope="module", autouse=True)
def _offline() -> Iterator[None]:
    assert datasets.config.HF_HUB_OFFLINE
    yield
    _OFFLINE.undo()


SEED = DATA / f"{SEEDS[0]}.txt"
RETRIEVED = [
    datetime.datetime(2024, 1, 29, 8, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=3))),
    datetime.datetime(2015, 7, 21, 10, 0, 5),  # no zone: a null offset
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """A directory of 30 good files (one of them with three articles, with times), four bad
    ones and a name that is not UTF-8; and a directory with no file in it."""
    root = tmp_path_factory.mktemp("corpus")
    sources = [DATA / f"{seed}.txt" for seed in SEEDS] + sorted((DATA / "damaged").glob("*.txt"))
    for number in range(28):
        source = sources[number % len(sources)]
        (root / f"{number:03d}.txt").write_bytes(source.read_bytes())
    timed = [parse_file(SEED).evolve(retrieved=when, url="https://x.test/a") for when in RETRIEVED]
    lines = [json.dumps({"path": "x", **a.to_dict()}, ensure_ascii=False) for a in timed]
    (root / "050-timed.jsonl").write_text("\n".join([*lines, lines[0]]) + "\n", encoding="utf-8")
    (root / "900-empty.txt").write_text("\n", encoding="utf-8")
    (root / "901-binary.txt").write_bytes(b"\x00\x01" * 40)
    (root / "902-headline.txt").write_text("عنوان فقط\n", encoding="utf-8")
    (root / "903-empty-list.json").write_text("[]", encoding="utf-8")
    (root / os.fsdecode(b"904-\xff.txt")).write_bytes(SEED.read_bytes())
    empty = tmp_path_factory.mktemp("nothing")
    return [root, empty]


@pytest.fixture(scope="module")
def command_rows(corpus: list[Path], tmp_path_factory: pytest.TempPathFactory) -> list[Any]:
    """The rows of ``newsparse parse CORPUS EMPTY -o out.parquet``, as Python values."""
    out = tmp_path_factory.mktemp("out") / "out.parquet"
    assert main(["parse", "-q", *map(str, corpus), "-o", str(out)]) == 1  # some files fail
    rows: list[Any] = pq.read_table(out).to_pylist()
    errors = sorted(row["code"] for row in rows if row["error"] is not None)
    assert errors == ["binary", "empty", "no-article", "no-files", "not-an-article"]
    assert len(rows) == 29 + 3 + len(errors)
    assert any(row["path"].endswith("904-%FF.txt") for row in rows)
    assert {row["retrieved_utc_offset"] for row in rows} == {None, datetime.timedelta(hours=3)}
    return rows


def same_rows(got: list[Any], expected: list[Any]) -> None:
    assert len(got) == len(expected)
    for number, (row, want) in enumerate(zip(got, expected, strict=True)):
        assert row == want, f"row {number} ({want['path']})"


def test_the_features_are_the_arrow_schema() -> None:
    schema = features().arrow_schema
    assert schema.equals(arrow_schema())  # types, names, order and nullability
    assert [field.nullable for field in schema] == [True] * len(schema)
    assert datasets.Features.from_arrow_schema(schema) == features()


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_dataset_holds_the_commands_rows(
    corpus: list[Path], command_rows: list[Any], jobs: int
) -> None:
    dataset = to_dataset(corpus, jobs=jobs)
    assert dataset.features == features()
    assert dataset.data.schema.equals(arrow_schema())
    same_rows(dataset.to_list(), command_rows)
    same_rows(list(dataset), command_rows)  # as rows come one by one


def test_a_dataset_keeps_what_articles_hold(corpus: list[Path]) -> None:
    rows = to_dataset(corpus).to_list()
    records = [record for result in iter_results(corpus) for record in result.records()]
    same_rows(rows, arrow_table(records).to_pylist())
    back = [Article.from_dict(from_arrow_row(row)) for row in rows if row["error"] is None]
    assert back == [a for r in iter_results(corpus) for a in r.articles]


def test_a_dataset_in_a_cache_directory_is_mapped_from_its_arrow_file(
    corpus: list[Path], command_rows: list[Any], tmp_path: Path
) -> None:
    cache = tmp_path / "cache"  # made when missing
    dataset = to_dataset(corpus, jobs=2, cache_dir=cache)
    assert isinstance(dataset.data, datasets.table.MemoryMappedTable)
    (arrow_file,) = cache.iterdir()
    assert dataset.cache_files == [{"filename": str(arrow_file)}]
    assert arrow_file.name.startswith("newsparse-")
    assert dataset.features == features()
    same_rows(dataset.to_list(), command_rows)
    assert to_dataset(corpus[:1], cache_dir=cache).cache_files != dataset.cache_files


def test_a_run_that_fails_leaves_no_arrow_file(corpus: list[Path], tmp_path: Path) -> None:
    def paths() -> Iterator[Path]:
        yield SEED
        raise RuntimeError("the listing broke")

    with pytest.raises(RuntimeError, match="the listing broke"):
        to_dataset(paths(), cache_dir=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_no_input_gives_an_empty_dataset_of_the_features(tmp_path: Path) -> None:
    for dataset in (to_dataset([]), to_dataset([], cache_dir=tmp_path)):
        assert len(dataset) == 0
        assert dataset.features == features()
    assert list(to_iterable_dataset([])) == []
    assert list(to_iterable_dataset([], shards=3)) == []


@pytest.mark.parametrize(("shards", "jobs"), [(None, 1), (3, 1), (5, 2)])
def test_an_iterable_dataset_gives_the_commands_rows(
    corpus: list[Path], command_rows: list[Any], shards: int | None, jobs: int
) -> None:
    dataset = to_iterable_dataset(corpus, shards=shards, jobs=jobs)
    assert dataset.features == features()
    assert dataset.num_shards == (len(corpus) if shards is None else shards)
    same_rows(list(dataset), command_rows)


def test_an_iterable_dataset_pickles_as_dataloader_workers_need(
    corpus: list[Path], command_rows: list[Any]
) -> None:
    dataset = to_iterable_dataset(corpus, shards=3)
    copy = pickle.loads(pickle.dumps(dataset))  # noqa: S301 -- our own object
    same_rows(list(copy), command_rows)


def test_the_shards_split_between_nodes(corpus: list[Path], command_rows: list[Any]) -> None:
    from datasets.distributed import split_dataset_by_node  # noqa: PLC0415

    dataset = to_iterable_dataset(corpus, shards=4)
    nodes = [list(split_dataset_by_node(dataset, rank, 2)) for rank in range(2)]
    assert all(nodes)
    assert Counter(map(_key, nodes[0] + nodes[1])) == Counter(map(_key, command_rows))


def _key(row: dict[str, Any]) -> str:
    return json.dumps(row, default=str, ensure_ascii=False, sort_keys=True)


def test_more_shards_than_files_gives_a_shard_a_file(tmp_path: Path) -> None:
    paths = [tmp_path / "a.txt", tmp_path / "b.txt"]
    for path in paths:
        path.write_bytes(SEED.read_bytes())
    dataset = to_iterable_dataset(tmp_path, shards=8)
    assert dataset.num_shards == 2
    assert [row["path"] for row in dataset] == [str(path) for path in paths]
    with pytest.raises(ValueError, match="shards must be a positive number"):
        to_iterable_dataset(tmp_path, shards=0)


def test_an_iterable_dataset_parses_when_it_is_read(tmp_path: Path) -> None:
    first = tmp_path / "a.txt"
    first.write_bytes(SEED.read_bytes())
    unlisted = to_iterable_dataset(tmp_path)
    listed = to_iterable_dataset(tmp_path, shards=1)
    (tmp_path / "b.txt").write_bytes(SEED.read_bytes())  # after: only a later listing sees it
    first.write_text("\n", encoding="utf-8")  # after: only a later parse sees it empty
    assert [(Path(r["path"]).name, r["code"]) for r in unlisted] == [
        ("a.txt", "empty"), ("b.txt", None),
    ]  # fmt: skip
    assert [(Path(r["path"]).name, r["code"]) for r in listed] == [("a.txt", "empty")]


@given(files=st.integers(0, 40), shards=st.integers(1, 12))
def test_shards_are_consecutive_runs_of_near_equal_size(files: int, shards: int) -> None:
    items = [f"{number}.txt" for number in range(files)]
    pieces = _split(items, shards)
    assert [item for piece in pieces for item in piece] == items
    assert len(pieces) == min(shards, files)
    assert all(pieces)
    assert max(map(len, pieces), default=0) - min(map(len, pieces), default=0) <= 1


# ------------------------------------------------------------------ what the parsing is given


def test_a_profile_is_applied(tmp_path: Path) -> None:
    paths = outlet_corpus(tmp_path, 30)
    profile = learn(paths)
    expected = [r.articles[0].to_dict()["body"] for r in iter_results(paths, profile=profile)]
    plain = [r.articles[0].to_dict()["body"] for r in iter_results(paths)]
    assert expected != plain
    assert CHROME not in [block.get("text") for body in expected for block in body]

    def bodies(rows: Any) -> list[Any]:
        return [[_block(b) for b in row["body"]] for row in rows]

    assert bodies(to_dataset(paths, profile=profile, jobs=2)) == expected
    assert bodies(to_iterable_dataset(paths, profile=profile)) == expected


def _block(block: dict[str, Any]) -> dict[str, Any]:
    """A block of a row as Article.to_dict() has it (Arrow gives every variant's fields)."""
    return {name: value for name, value in block.items() if value is not None}


HAMDOK = "عبد الله حمدوك السودان"
DUMP = f"عنوان الخبر\nتاريخ النشر: 29th, January 2024 GMT\nنص الخبر.\nالكلمات الدلالية: {HAMDOK}\n"


def test_a_lexicon_is_applied(tmp_path: Path) -> None:
    persons = tmp_path / "persons.txt"
    persons.write_text("# newsparse lexicon: persons\nحمدوك\n", encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("a.txt", "b.txt"):
        (corpus / name).write_text(DUMP, encoding="utf-8")
    lexicon = Lexicon.read(persons)
    split = [["عبد الله حمدوك", "السودان"]] * 2
    assert [row["keywords"] for row in to_dataset(corpus)] == [["عبد الله", "حمدوك", "السودان"]] * 2
    assert [row["keywords"] for row in to_dataset(corpus, lexicon=lexicon, jobs=2)] == split
    assert [row["keywords"] for row in to_iterable_dataset(corpus, lexicon=lexicon)] == split


def test_format_and_glob_are_applied(corpus: list[Path]) -> None:
    rows = to_dataset(corpus[0], glob="*.jsonl", format="newsparse-jsonl").to_list()
    assert [(Path(row["path"]).name, row["format"]) for row in rows] == [
        ("050-timed.jsonl", "aggregator-text")
    ] * 3
    with_glob = to_iterable_dataset(corpus[0], glob="90*.json", shards=2)
    assert [row["code"] for row in with_glob] == ["no-article"]


# ------------------------------------------------------------------ what Arrow cannot hold


class Unstorable:
    """A plugin format whose files say what their articles hold that Parquet cannot store."""

    name = "unstorable"
    suffixes = (".u",)

    def sniff(self, text: str) -> float:
        return 1.0

    def parse(
        self, text: str, *, path: str | None = None, strict: bool = False
    ) -> Iterator[Article]:
        for word in text.split():
            article = Article(title=word, body=[Paragraph(text="نص.")], format=self.name)
            if word == "LONE":  # a lone surrogate: Arrow refuses the table
                article = article.evolve(title="\ud800")
            if word == "TIME":  # a datetime as the date: the row cannot be made
                article = article.evolve(published=datetime.datetime(2024, 1, 29, 10, 5))
            yield article


def test_what_the_command_cannot_store_is_the_same_error_row(tmp_path: Path) -> None:
    registry = FormatRegistry((Unstorable(),))
    files = []
    for name, text in [("a", "good"), ("b", "good LONE"), ("c", "good TIME good"), ("d", "ok")]:
        files.append(tmp_path / f"{name}.u")
        files[-1].write_text(text, encoding="utf-8")
    out_path = tmp_path / "out.parquet"
    out = open_file_output(str(out_path), "parquet", resume=False)
    for path in files:  # what the command does with each file, given this registry
        out.write(
            _outcome(
                str(path), encoder=ParquetRows(), format=None, strict=False, registry=registry
            ).encoded
        )
    out.finish()
    expected: list[Any] = pq.read_table(out_path).to_pylist()
    assert [(Path(r["path"]).stem, r["code"]) for r in expected] == [
        ("a", None), ("b", "unwritable"), ("c", None), ("c", "unwritable"), ("d", None),
    ]  # fmt: skip
    same_rows(to_dataset(files, registry=registry).to_list(), expected)
    same_rows(list(to_iterable_dataset(files, registry=registry)), expected)


# ------------------------------------------------------------------ without the extra


def test_without_datasets_the_import_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "datasets", None)  # what a missing package looks like
    monkeypatch.delitem(sys.modules, "newsparse.hf")
    with pytest.raises(ImportError, match=r"pip install 'newsparse\[hf\]'"):
        importlib.import_module("newsparse.hf")


def test_the_workers_import_neither_datasets_nor_pyarrow() -> None:
    """They import this module for the function that makes a file's rows; importing datasets
    there took seconds of each worker."""
    code = "import sys, newsparse.hf; print(sorted({'datasets', 'pyarrow'} & set(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        env={**os.environ, "PYTHONPATH": str(Path(newsparse.__file__).parent.parent)},
    )  # fmt: skip
    assert done.stdout == "[]\n"


def test_a_dataset_of_s3_objects_and_of_an_archive_holds_the_local_rows(
    s3: Any, tmp_path: Path
) -> None:
    """The storage layer under the builders: a prefix on S3 (moto) and a zip give the rows
    of the same files in a local directory."""
    from tests.archives import write_zip  # noqa: PLC0415
    from tests.test_archives import corpus_members, unpacked  # noqa: PLC0415
    from tests.test_remote_inputs import upload  # noqa: PLC0415

    corpus = unpacked(tmp_path / "corpus", corpus_members())
    archive = write_zip(tmp_path / "corpus.zip", corpus_members())
    url = upload(s3, corpus, "corpus/")

    def rows(dataset: Any, prefix: str, suffix: str = "") -> list[dict[str, Any]]:
        cut = []
        for row in dataset:
            path = row["path"].removeprefix(prefix).removesuffix(suffix)
            error = row["error"] and row["error"].replace(row["path"], path)
            cut.append({**row, "path": path, "error": error})
        return cut

    local = rows(to_dataset(corpus), f"{corpus}/")
    assert rows(to_dataset(url, jobs=2, storage_options=s3.options), url) == local
    assert rows(to_dataset(archive), "zip://", f"::{archive}") == local
    iterable = to_iterable_dataset(url, shards=2, storage_options=s3.options)
    assert rows(iterable, url) == local
