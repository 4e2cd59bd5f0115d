"""A Parquet dataset output (``-o DIR/``): part files of bounded size that read as one table."""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsparse._cli.main import _outcome, main
from newsparse._corpus import outputs as outputs_module
from newsparse._corpus.arrow import arrow_schema
from newsparse._corpus.outputs import open_file_output, temporary_path
from newsparse._corpus.writers import ParquetRows
from tests.helpers import DATA
from tests.processes import command, ended, feed, start, wait_until

INPUTS = sorted(DATA.glob("*.txt"))  # articles, and files that fail: error rows too
BLOBS = [
    _outcome(str(path), encoder=ParquetRows(), format=None, strict=False, registry=None).encoded
    for path in INPUTS
]


def _parts(directory: Path) -> list[Path]:
    return sorted(directory.iterdir())


def _snapshot(directory: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in _parts(directory)}


@settings(max_examples=25)
@given(
    chosen=st.lists(st.integers(0, len(INPUTS) - 1), max_size=40),
    row_group=st.integers(1, 30),
    part_bytes=st.integers(1, 150_000),
)
def test_a_dataset_holds_the_single_files_rows_in_parts_that_end_at_files(
    tmp_path_factory: pytest.TempPathFactory, chosen: list[int], row_group: int, part_bytes: int
) -> None:
    """The same rows as the single file, in order; a file's rows in one part; every part
    but the last at least part_bytes long (a part ends only once it reached the bound)."""
    folder = tmp_path_factory.mktemp("dataset")
    blobs = [
        [{**row, "path": f"{n}:{row['path']}"} for row in BLOBS[i]] for n, i in enumerate(chosen)
    ]
    with mock.patch.object(outputs_module, "_ROW_GROUP", row_group):
        single = open_file_output(str(folder / "one.parquet"), "parquet", resume=False)
        dataset = open_file_output(
            str(folder / "ds"), "parquet", resume=False, dataset=True, part_bytes=part_bytes
        )
        for blob in blobs:
            single.write(blob)
            dataset.write(blob)
        single.finish()
        dataset.finish()
    parts = _parts(folder / "ds")
    assert [part.name for part in parts] == [f"part-{n:05d}.parquet" for n in range(len(parts))]
    assert pq.read_table(folder / "ds").equals(pq.read_table(folder / "one.parquet"))
    seen: set[str] = set()
    for part in parts:
        paths = set(pq.read_table(part, columns=["path"]).column("path").to_pylist())
        assert not paths & seen
        seen |= paths
    assert all(part.stat().st_size >= part_bytes for part in parts[:-1])
    assert not Path(temporary_path(str(folder / "ds"))).exists()


def test_a_dataset_of_no_rows_is_one_empty_part_with_the_schema(tmp_path: Path) -> None:
    out = open_file_output(str(tmp_path / "ds"), "parquet", resume=False, dataset=True)
    out.finish()
    assert [part.name for part in _parts(tmp_path / "ds")] == ["part-00000.parquet"]
    table = pq.read_table(tmp_path / "ds")
    assert table.num_rows == 0
    assert table.schema.equals(arrow_schema())


def test_a_dataset_run_resumes_to_the_whole_output(tmp_path: Path) -> None:
    whole = tmp_path / "whole"
    out = open_file_output(str(whole), "parquet", resume=False, dataset=True)
    for blob in BLOBS:
        out.write(blob)
    out.finish()
    cut = tmp_path / "cut"
    out = open_file_output(str(cut), "parquet", resume=False, dataset=True)
    for blob in BLOBS[:5]:
        out.write(blob)
        out._flush()  # type: ignore[attr-defined]  # a part file per file, as a slow run
    out.abandon()
    assert not cut.exists()
    out = open_file_output(str(cut), "parquet", resume=True, dataset=True)
    assert len(out.kept) == 4  # the last file's rows are redone
    for blob in BLOBS[4:]:
        out.write(blob)
    out.finish()
    assert pq.read_table(cut).equals(pq.read_table(whole))


# ------------------------------------------------------------------ the command


def _parse(*args: str) -> int:
    return main(["parse", "-q", *map(str, INPUTS), *args])


def _pyarrow_dataset(where: Path) -> list[dict[str, Any]]:
    import pyarrow.dataset as ds  # noqa: PLC0415

    rows: list[dict[str, Any]] = ds.dataset(where, format="parquet").to_table().to_pylist()
    return rows


def _read_table(where: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = pq.read_table(where).to_pylist()
    return rows


def _polars(where: Path) -> list[dict[str, Any]]:
    pl = pytest.importorskip("polars")
    pattern = f"{where}/*.parquet" if where.is_dir() else str(where)
    rows: list[dict[str, Any]] = pl.scan_parquet(pattern).collect().to_dicts()
    return rows


def _duckdb(where: Path) -> list[dict[str, Any]]:
    duckdb = pytest.importorskip("duckdb")
    pattern = f"{where}/*.parquet" if where.is_dir() else str(where)
    with duckdb.connect() as connection:
        relation = connection.execute("SELECT * FROM read_parquet(?)", [pattern])
        columns = [column[0] for column in relation.description]
        return [dict(zip(columns, row, strict=True)) for row in relation.fetchall()]


READERS: dict[str, Callable[[Path], list[dict[str, Any]]]] = {
    "pyarrow.dataset": _pyarrow_dataset,
    "pq.read_table": _read_table,
    "polars": _polars,
    "duckdb": _duckdb,
}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The single file and the dataset (parts of a few rows) of one set of inputs."""
    folder = tmp_path_factory.mktemp("outputs")
    with (
        mock.patch.object(outputs_module, "_ROW_GROUP", 7),
        mock.patch.object(outputs_module, "DATASET_PART_BYTES", 4_000),
    ):
        assert _parse("-o", str(folder / "one.parquet")) == 1  # some inputs fail
        assert _parse("-o", f"{folder / 'ds'}/") == 1
    return folder / "one.parquet", folder / "ds"


@pytest.mark.parametrize("reader", list(READERS))
def test_every_reader_reads_the_dataset_as_the_single_file(
    outputs: tuple[Path, Path], reader: str
) -> None:
    one, dataset = outputs
    assert len(_parts(dataset)) > 2
    rows = READERS[reader](dataset)
    assert len(rows) == pq.read_metadata(one).num_rows
    for got, expected in zip(rows, READERS[reader](one), strict=True):
        assert got == expected


@pytest.mark.parametrize("exchange", [True, False], ids=["swapped at once", "two renames"])
def test_a_second_run_replaces_the_dataset_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exchange: bool
) -> None:
    if not exchange:  # a system without renameat2, or a file system that cannot swap
        monkeypatch.setattr(outputs_module, "_exchange", lambda _first, _second: False)
    dataset = tmp_path / "ds"
    with mock.patch.object(outputs_module, "DATASET_PART_BYTES", 1):
        with mock.patch.object(outputs_module, "_ROW_GROUP", 1):
            _parse("-o", f"{dataset}/")
        many = len(_parts(dataset))
        # An existing directory is a dataset without the slash too.
        assert main(["parse", "-q", str(INPUTS[0]), "-o", str(dataset)]) == 0
    assert many > 1
    assert [part.name for part in _parts(dataset)] == ["part-00000.parquet"]
    assert pq.read_table(dataset).column("path").to_pylist() == [str(INPUTS[0])]
    assert not Path(temporary_path(str(dataset))).exists()  # nor the previous parts in it


@pytest.mark.parametrize("stranger", ["notes.txt", "part-1.parquet", "part-00000.parquet/"])
def test_a_directory_holding_other_files_is_not_replaced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], stranger: str
) -> None:
    dataset = tmp_path / "ds"
    dataset.mkdir()
    if stranger.endswith("/"):
        (dataset / stranger).mkdir()
    else:
        (dataset / stranger).write_text("mine")
    before = sorted(os.listdir(dataset))
    assert _parse("-o", str(dataset)) == 2
    assert "not write" in capsys.readouterr().err
    assert sorted(os.listdir(dataset)) == before
    assert not Path(temporary_path(str(dataset))).exists()


@pytest.mark.parametrize("option", [["--to", "jsonl"], ["--jsonl"], ["--to", "csv"]])
def test_a_dataset_is_parquet(tmp_path: Path, option: list[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        _parse("-o", f"{tmp_path}/ds/", *option)
    assert stop.value.code == 2
    assert not (tmp_path / "ds").exists()


def test_a_file_where_the_dataset_goes_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / "ds").write_text("mine")
    assert _parse("-o", f"{tmp_path}/ds/") == 2
    assert (tmp_path / "ds").read_text() == "mine"


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="watches /proc")
def test_a_stopped_dataset_run_leaves_the_previous_dataset_and_resumes(tmp_path: Path) -> None:
    """SIGINT while files are parsed: the previous DIR is byte for byte as it was, and
    --resume makes the dataset a whole run makes."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    files = []
    for number in range(1500):  # more than a row group: a part is staged before the end
        path = corpus / f"{number:04d}.txt"
        path.write_bytes(INPUTS[number % 2].read_bytes())
        files.append(path)
    dataset = tmp_path / "ds"
    subprocess.run(command("parse", "-q", str(files[0]), "-o", f"{dataset}/"), check=True)
    previous = _snapshot(dataset)
    run = start("parse", "-", "-o", f"{dataset}/")
    feed(run, files)
    staged = Path(temporary_path(str(dataset)))
    wait_until((staged / "part-000000.parquet").exists, "a first staged part")
    os.killpg(run.pid, signal.SIGINT)
    code, err = ended(run)
    assert code == 130, err
    assert f"{staged}: run the same command with --resume" in err
    assert _snapshot(dataset) == previous
    listing = "".join(f"{path}\n" for path in files).encode()
    resumed = subprocess.run(
        command("parse", "-", "-q", "--resume", "-o", f"{dataset}/"), input=listing, check=False
    )
    assert resumed.returncode == 0
    whole = tmp_path / "whole.parquet"
    subprocess.run(command("parse", "-", "-q", "-o", str(whole)), input=listing, check=True)
    assert pq.read_table(dataset).equals(pq.read_table(whole))
    assert not staged.exists()
