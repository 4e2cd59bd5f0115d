"""What a run writes: readable by any reader of its kind, lossless, and resumable at any cut."""

from __future__ import annotations

import csv
import datetime
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsparse import (
    Article,
    FormatRegistry,
    OutputError,
    Paragraph,
    iter_articles,
    iter_results,
    parse_file,
)
from newsparse._cli.main import _outcome, main
from newsparse._corpus import outputs as outputs_module
from newsparse._corpus.arrow import arrow_table, article_row, from_arrow_row, to_arrow_row
from newsparse._corpus.escape import path_from_stored, storable_text, stored_path
from newsparse._corpus.outputs import open_file_output, temporary_path
from newsparse._corpus.writers import (
    CSV_COLUMNS,
    CsvRows,
    Encoder,
    IndentedJson,
    JsonArray,
    JsonLines,
    ParquetRows,
    csv_line,
    json_line,
)
from tests.processes import command

SEED = Path("tests/data/000_737a97d3fc3c0077.txt")
OTHER = Path("tests/data/001_52f26a06847bab49.txt")
ARTICLE = parse_file(SEED)


def _read(path: Path, kind: str) -> list[dict[str, Any]]:
    """The records of an output file, read as any reader of its kind would."""
    if kind == "jsonl":
        with path.open(encoding="utf-8") as lines:  # strict UTF-8: a lone surrogate fails here
            return [json.loads(line) for line in lines]
    if kind == "json":
        loaded: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
        return loaded
    if kind == "csv":
        with path.open(encoding="utf-8-sig", newline="") as rows:
            return list(csv.DictReader(rows))
    return [from_arrow_row(row) for row in pq.read_table(path).to_pylist()]


KINDS = ["jsonl", "json", "csv", "parquet"]


# ------------------------------------------------------------------ line separators


@pytest.mark.parametrize(
    "make", [json_line, lambda r: JsonArray().error("p", OutputError("x", code="c", path="p"))]
)
def test_json_escapes_what_splitlines_breaks_a_line_at(make: Any) -> None:
    """JSON Lines left U+2028, U+2029 and U+0085 raw, and str.splitlines() readers broke."""
    record = {"path": "p", "title": "a\u2028b\u2029c\x85d"}
    line = json_line(record).decode("utf-8")
    assert line.splitlines() == [line.rstrip("\n")]
    assert json.loads(line) == record
    assert len(make(record).decode().splitlines()) == 1


@given(st.text())
def test_a_json_line_is_one_line_for_any_text(text: str) -> None:
    record = {"path": "p", "title": text}
    try:
        line = json_line(record)
    except UnicodeEncodeError:  # a lone surrogate: the file's record is unwritable instead
        return
    decoded = line.decode("utf-8")
    assert decoded.splitlines() == [decoded[:-1]]
    assert json.loads(decoded) == record


# ------------------------------------------------------------------ CSV formulas


FORMULAS = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


@pytest.mark.parametrize("title", FORMULAS)
def test_csv_cells_that_start_like_a_formula_get_a_quote(title: str) -> None:
    article = ARTICLE.evolve(title=title)
    row = next(csv.reader(io.StringIO(CsvRows().article("a.txt", article).decode())))
    assert row[CSV_COLUMNS.index("title")] == "'" + title
    kept = next(
        csv.reader(io.StringIO(CsvRows(keep_formulas=True).article("a.txt", article).decode()))
    )
    assert kept[CSV_COLUMNS.index("title")] == title


def test_the_command_neutralises_formulas_unless_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.jsonl"
    record = {"path": "x", **ARTICLE.evolve(title="=1+1").to_dict()}
    source.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert main(["parse", "-q", str(source), "-o", str(out)]) == 0
    assert _read(out, "csv")[0]["title"] == "'=1+1"
    assert main(["parse", "-q", str(source), "-o", str(out), "--csv-keep-formulas"]) == 0
    assert _read(out, "csv")[0]["title"] == "=1+1"


# ------------------------------------------------------------------ Parquet time zones

RETRIEVED = [
    datetime.datetime(2024, 1, 29, 8, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=3))),
    datetime.datetime(9999, 12, 31, 23, 0, tzinfo=datetime.timezone(-datetime.timedelta(hours=5))),
    datetime.datetime(1, 1, 1, 1, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=5))),
    datetime.datetime(2015, 7, 21, 10, 0, 5),
]


def test_parquet_keeps_time_zones_and_the_edges_of_the_calendar(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Parquet dropped the offset of a zone-aware `retrieved` and wrote 9999-12-31T23:00-05:00
    as a year-10000 value that could not be read back."""
    source = tmp_path / "in.jsonl"
    records = [{"path": "x", **ARTICLE.evolve(retrieved=when).to_dict()} for when in RETRIEVED]
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    out = tmp_path / "out.parquet"
    assert main(["parse", "-q", str(source), "-o", str(out)]) == 0
    back = _read(out, "parquet")
    assert [record["retrieved"] for record in back] == [when.isoformat() for when in RETRIEVED]


# ------------------------------------------------------------------ values no output can hold


class Surrogates:
    """A plugin format that puts a lone surrogate in the title of files that say so."""

    name = "surrogates"
    suffixes = (".s",)

    def sniff(self, text: str) -> float:
        return 1.0

    def parse(
        self, text: str, *, path: str | None = None, strict: bool = False
    ) -> Iterator[Article]:
        title = text.strip().replace("LONE", "\ud800")
        yield Article(title=title, body=[Paragraph(text="نص.")], format=self.name)


ENCODERS: dict[str, Encoder] = {
    "jsonl": JsonLines(), "json": JsonArray(), "csv": CsvRows(), "parquet": ParquetRows(),
}  # fmt: skip


@pytest.mark.parametrize("kind", KINDS)
def test_a_value_no_output_can_hold_gives_the_files_error_record(tmp_path: Path, kind: str) -> None:
    """A lone surrogate from a plugin ended the run with a traceback, or an unreadable file."""
    registry = FormatRegistry((Surrogates(),))
    files = []
    for name, text in [("a", "good"), ("b", "bad LONE"), ("c", "fine")]:
        path = tmp_path / f"{name}.s"
        path.write_text(text, encoding="utf-8")
        files.append(str(path))
    out_path = tmp_path / f"out.{kind}"
    out = open_file_output(str(out_path), kind, resume=False)
    for name in files:
        outcome = _outcome(
            name, encoder=ENCODERS[kind], format=None, strict=False, registry=registry
        )
        out.write(outcome.encoded)
    out.finish()
    records = _read(out_path, kind)
    assert [Path(r["path"]).name for r in records] == ["a.s", "b.s", "c.s"]
    assert [r.get("code") or None for r in records] == [None, "unwritable", None]
    assert "cannot store" in records[1]["error"]


def test_parquet_finds_the_file_whose_rows_it_cannot_store(tmp_path: Path) -> None:
    """Rows are made into tables a row group at a time; one bad file costs only itself."""
    out_path = tmp_path / "out.parquet"
    out = open_file_output(str(out_path), "parquet", resume=False)
    good = ParquetRows().article("good.txt", ARTICLE)
    bad = {**good, "path": "bad.txt", "title": "\ud800"}  # as a plugin could make it
    for rows in ([good], [bad], [good]):
        out.write(rows)
    out.finish()
    assert [f.code for f in out.take_failures()] == ["unwritable"]
    records = _read(out_path, "parquet")
    assert [(r["path"], r.get("code")) for r in records] == [
        ("good.txt", None), ("bad.txt", "unwritable"), ("good.txt", None),
    ]  # fmt: skip


# ------------------------------------------------------------------ file names


@pytest.fixture
def odd_names(tmp_path: Path) -> Path:
    """A corpus unpacked from an old archive: file names that are not UTF-8."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for raw in NAMES:
        (folder / os.fsdecode(raw)).write_bytes(SEED.read_bytes())
    return folder


NAMES = {
    b"\xff.txt": "%FF.txt",
    b"\xd8\xa7\xe1.txt": "ا%E1.txt",
    b"50%.txt": "50%.txt",
    b"a%41.txt": "a%2541.txt",
}


@pytest.mark.parametrize("kind", KINDS)
def test_names_that_are_not_utf8_are_written_losslessly(
    odd_names: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Such a name ended every run with a UnicodeEncodeError traceback in the writers."""
    out = odd_names.parent / f"out.{kind}"
    assert main(["parse", "-q", str(odd_names), "-o", str(out)]) == 0
    stored = [record["path"] for record in _read(out, kind)]
    in_order = sorted(NAMES, key=os.fsdecode)  # a directory's files come by name
    assert [os.path.basename(path) for path in stored] == [NAMES[raw] for raw in in_order]
    for path in stored:
        assert parse_file(path_from_stored(path)).title == ARTICLE.title


def test_show_and_standard_output_take_such_names_too(
    odd_names: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["show", str(odd_names)]) == 0
    assert "%FF.txt\n  title       " in capsys.readouterr().out
    assert main(["parse", str(odd_names), "--to", "csv"]) == 0
    assert "%FF.txt" in capsys.readouterr().out


@given(st.binary(min_size=1, max_size=30).filter(lambda raw: b"\0" not in raw))
def test_a_stored_path_is_utf8_and_gives_the_name_back(raw: bytes) -> None:
    path = os.fsdecode(raw)
    stored = stored_path(path)
    stored.encode("utf-8")  # never raises
    assert path_from_stored(stored) == path
    if raw.isascii() and b"%" not in raw:
        assert stored == path  # the usual name is written as it is


@given(st.text())
def test_a_message_can_be_stored_in_any_output(text: str) -> None:
    storable_text(text).encode("utf-8")


def test_strict_on_an_error_record_holding_a_surrogate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--strict on an error record that holds \\ud800 ended in a traceback."""
    source = tmp_path / "in.jsonl"
    source.write_text('{"path": "x", "error": "half \\ud800 a character", "code": "c"}\n')
    out = tmp_path / "out.jsonl"
    assert main(["parse", "-q", "--strict", str(source), "-o", str(out)]) == 1
    (record,) = _read(out, "jsonl")
    assert record["code"] == "error-record"
    assert "half \ufffd a character" in record["error"]


# ------------------------------------------------------------------ every input shows


def test_every_named_input_gives_a_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`[]`, error records only and an empty directory once gave no record at all, and exit 0."""
    (tmp_path / "empty.json").write_text("[]", encoding="utf-8")
    (tmp_path / "errors.jsonl").write_text('{"path": "x", "error": "e", "code": "c"}\n')
    (tmp_path / "nothing").mkdir()
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.md").write_text("#", encoding="utf-8")
    inputs = [tmp_path / name for name in ("empty.json", "errors.jsonl", "nothing", "notes")]
    out = tmp_path / "out.jsonl"
    assert main(["parse", "-q", *map(str, inputs), "--glob", "*.txt", "-o", str(out)]) == 1
    assert [(Path(r["path"]).name, r["code"]) for r in _read(out, "jsonl")] == [
        ("empty.json", "no-article"), ("errors.jsonl", "no-article"),
        ("nothing", "no-files"), ("notes", "no-files"),
    ]  # fmt: skip
    codes = [result.error.code for result in iter_results(inputs, glob="*.txt") if result.error]
    assert codes == ["no-article", "no-article", "no-files", "no-files"]


def test_one_path_or_many_the_same_way(tmp_path: Path) -> None:
    """iter_results("corpus") iterated the characters of the name; "/abs/file.txt" walked /."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_bytes(SEED.read_bytes())
    (folder / "b.md").write_bytes(OTHER.read_bytes())
    absolute = str((folder / "a.txt").resolve())
    assert [r.path for r in iter_results(absolute)] == [absolute]
    assert [Path(r.path).name for r in iter_results(str(folder))] == ["a.txt", "b.md"]
    assert [Path(r.path).name for r in iter_results(folder, glob="*.txt")] == ["a.txt"]
    assert [a.title for a in iter_articles(folder, glob="*.txt")] == [ARTICLE.title]
    assert len(list(iter_articles([folder, folder], glob="*.md"))) == 2


# ------------------------------------------------------------------ resume, at any cut

BLOBS = st.lists(st.sampled_from([SEED, OTHER]), min_size=1, max_size=6)


def _files(folder: Path, contents: list[Path]) -> list[Path]:
    """A file of each content, under names of their own (one file, one group of records)."""
    files = []
    for number, content in enumerate(contents):
        path = folder / f"{number}.txt"
        path.write_bytes(content.read_bytes())
        files.append(path)
    return files


def _blobs(encoder: Encoder, paths: list[Path]) -> list[Any]:
    return [
        _outcome(str(path), encoder=encoder, format=None, strict=False, registry=None).encoded
        for path in paths
    ]


@pytest.mark.parametrize("kind", ["jsonl", "json", "csv"])
@given(paths=BLOBS, cut=st.floats(0, 1))
def test_a_run_cut_anywhere_resumes_to_the_whole_output(
    tmp_path_factory: pytest.TempPathFactory, kind: str, paths: list[Path], cut: float
) -> None:
    """Whatever byte a kill or a full disk cut the temporary file at, a resume keeps whole
    files only, and what it then writes completes the output exactly."""
    folder = tmp_path_factory.mktemp(kind)
    encoder = ENCODERS[kind]
    paths = _files(folder, paths)
    blobs = _blobs(encoder, paths)
    whole = folder / f"whole.{kind}"
    out = open_file_output(str(whole), kind, resume=False)
    for blob in blobs:
        out.write(blob)
    out.finish()
    target = folder / f"cut.{kind}"
    out = open_file_output(str(target), kind, resume=False)
    for blob in blobs:
        out.write(blob)
    out.abandon()
    partial = Path(temporary_path(str(target)))
    data = partial.read_bytes()
    partial.write_bytes(data[: int(len(data) * cut)])
    out = open_file_output(str(target), kind, resume=True)
    assert len(out.kept) < len(blobs)
    assert [r.path for r in out.kept] == [encoder.stored(str(p)) for p in paths[: len(out.kept)]]
    for blob in blobs[len(out.kept) :]:
        out.write(blob)
    out.finish()
    assert target.read_bytes() == whole.read_bytes()


def test_a_parquet_run_resumes_to_the_whole_output(tmp_path: Path) -> None:
    paths = _files(tmp_path, [SEED, OTHER, SEED, OTHER, SEED])
    blobs = _blobs(ParquetRows(), paths)
    whole, cut = tmp_path / "whole.parquet", tmp_path / "cut.parquet"
    out = open_file_output(str(whole), "parquet", resume=False)
    for blob in blobs:
        out.write(blob)
    out.finish()
    out = open_file_output(str(cut), "parquet", resume=False)
    for blob in blobs[:3]:
        out.write(blob)
        # A part file per file, as a slow run writes them.
        out._flush()  # type: ignore[attr-defined]
    out.abandon()
    out = open_file_output(str(cut), "parquet", resume=True)
    assert [r.path for r in out.kept] == [str(paths[0]), str(paths[1])]  # the last is redone
    for blob in blobs[2:]:
        out.write(blob)
    out.finish()
    assert pq.read_table(cut).equals(pq.read_table(whole))
    assert not Path(temporary_path(str(cut))).exists()


def test_two_runs_cannot_write_one_output(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    first = open_file_output(str(target), "jsonl", resume=False)
    with pytest.raises(OutputError) as caught:
        open_file_output(str(target), "jsonl", resume=True)
    assert caught.value.code == "busy"
    first.abandon()
    second = open_file_output(str(target), "jsonl", resume=True)  # the lock went with the first
    second.finish()
    assert target.read_bytes() == b""


def test_pretty_output_is_read_by_a_json_stream_reader() -> None:
    blob = IndentedJson().article("a.txt", ARTICLE)
    text = (blob + blob).decode()
    decoder, end, found = json.JSONDecoder(), 0, []
    while end < len(text.rstrip()):
        value, end = decoder.raw_decode(text, end)
        found.append(value["title"])
        end += len(text[end:]) - len(text[end:].lstrip())
    assert found == [ARTICLE.title] * 2


def test_parquet_goes_to_a_pipe(tmp_path: Path) -> None:
    done = subprocess.run(
        command("parse", "-q", str(SEED), "--to", "parquet"), capture_output=True, check=True,
        timeout=120,
    )  # fmt: skip
    table = pq.read_table(io.BytesIO(done.stdout))
    assert table.column("title").to_pylist() == [ARTICLE.title]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_an_output_directory_that_cannot_be_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["parse", str(SEED), "-o", str(tmp_path / "missing" / "out.jsonl")])
    err = capsys.readouterr().err
    assert status == 74
    assert err.startswith("newsparse: error: ")
    assert "cannot create the output (No such file or directory)" in err
    assert "usage:" not in err
    assert "Errno" not in err


def test_records_are_flushed_regularly_not_only_by_the_mebibyte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A slow run (big or hostile files) must not hold its records in memory for long: once
    _FLUSH_SECONDS have passed, the next file's records reach the temporary file."""
    blob = _blobs(JsonLines(), [SEED])[0]
    target = tmp_path / "out.jsonl"
    partial = Path(temporary_path(str(target)))
    out = open_file_output(str(target), "jsonl", resume=False)
    out.write(blob)
    assert partial.read_bytes() == b""  # less than a mebibyte, and just started: held
    monkeypatch.setattr(outputs_module, "_FLUSH_SECONDS", 0.0)
    out.write(blob)
    assert partial.read_bytes() == blob + blob
    out.finish()


# ------------------------------------------------------------------ records as dicts


def test_a_datetime_as_published_is_unwritable_in_parquet_as_before() -> None:
    article = ARTICLE.evolve(published=datetime.datetime(2024, 1, 29, 10, 5))
    assert b'"published": "2024-01-29T10:05:00"' in JsonLines().article("a.txt", article)
    with pytest.raises(OutputError) as caught:
        ParquetRows().article("a.txt", article)
    assert caught.value.code == "unwritable"


def test_record_dicts_make_the_rows_the_articles_make() -> None:
    record = {"path": "a.txt", **ARTICLE.to_dict()}
    failed = {"path": "b.txt", "error": "boom", "code": "empty"}
    assert to_arrow_row(record) == article_row("a.txt", ARTICLE)
    assert csv_line(record) == CsvRows().article("a.txt", ARTICLE)
    error = OutputError("boom", code="empty", path="b.txt")
    assert csv_line({**failed, "error": str(error)}) == CsvRows().error("b.txt", error)
    table = arrow_table([record, failed])
    assert table.column("path").to_pylist() == ["a.txt", "b.txt"]
    assert table.column("code").to_pylist() == [None, "empty"]
