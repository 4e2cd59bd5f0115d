"""Corpus runs: ordered results with errors as values, parallel jobs, writers, summary, check."""

from __future__ import annotations

import csv
import io
import itertools
import json
import multiprocessing
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from newsparse import iter_articles
from newsparse._cli import main as cli
from newsparse._cli import options, progress
from newsparse._cli.main import main
from newsparse._corpus import pool
from newsparse._corpus.arrow import from_arrow_row
from newsparse._corpus.batch import FileResult, iter_results, map_listed, map_results
from newsparse._corpus.outputs import open_file_output
from newsparse._corpus.paths import list_files
from newsparse._corpus.writers import CSV_COLUMNS, ParquetRows, flat_record

SEED = Path("tests/data/000_737a97d3fc3c0077.txt")
OTHER = Path("tests/data/001_52f26a06847bab49.txt")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A directory of good and bad files, with a nested directory and a non-.txt file."""
    root = tmp_path / "corpus"
    (root / "b").mkdir(parents=True)
    (root / "a.txt").write_bytes(SEED.read_bytes())
    (root / "b" / "c.txt").write_bytes(OTHER.read_bytes())
    (root / "b" / "d.txt").write_text("   \n", encoding="utf-8")
    (root / "e.jsonl").write_bytes(Path("examples/articles.jsonl").read_bytes())
    (root / "notes.md").write_text("# not an article dump\n", encoding="utf-8")
    return root


def _summary(result: FileResult) -> tuple[str, int, str | None]:
    code = None if result.error is None else result.error.code
    return Path(result.path).name, len(result.articles), code


def test_results_come_in_order_with_errors_as_values(corpus: Path) -> None:
    results = list(iter_results([corpus, corpus / "missing.txt"]))
    assert [_summary(r) for r in results] == [  # a directory's files, then its subdirectories
        ("a.txt", 1, None),
        ("e.jsonl", 2, None),
        ("notes.md", 0, "not-an-article"),
        ("c.txt", 1, None),
        ("d.txt", 0, "empty"),
        ("missing.txt", 0, "not-found"),
    ]


def test_two_jobs_give_the_same_results_in_the_same_order(corpus: Path) -> None:
    paths = [corpus] * 3
    one = list(iter_results(paths))
    two = list(iter_results(paths, jobs=2))
    assert [r.path for r in two] == [r.path for r in one]
    assert [r.articles for r in two] == [r.articles for r in one]
    assert [str(r.error) for r in two] == [str(r.error) for r in one]


def test_glob_filters_directories_but_never_an_explicit_path(corpus: Path) -> None:
    found = [Path(str(p)).name for p in list_files([corpus, corpus / "notes.md"], glob="*.txt")]
    assert found == ["a.txt", "c.txt", "d.txt", "notes.md"]  # notes.md: named explicitly


def test_a_failing_file_keeps_the_articles_it_gave(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    good = Path("examples/articles.jsonl").read_text(encoding="utf-8").splitlines()[0]
    path.write_text(f"{good}\nnot json\n", encoding="utf-8")
    (result,) = iter_results([path])
    assert len(result.articles) == 1
    assert result.error is not None
    assert result.error.code == "json"


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(argv)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_summary_line(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _run(["parse", "--jsonl", str(corpus)], capsys)
    assert status == 1
    assert len(out.splitlines()) == 6  # 4 articles, 2 error records
    assert err.startswith(
        "newsparse: 5 files, 4 articles, 2 failed (not-an-article: 1, empty: 1), "
    )
    assert err.rstrip().endswith("files/s")
    assert _run(["parse", "-q", "--jsonl", str(SEED)], capsys)[2] == ""


@pytest.mark.parametrize("suffix", [".jsonl", ".json", ".csv", ".parquet"])
def test_output_files(
    suffix: str, corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / f"out{suffix}"
    status, stdout, _ = _run(
        ["parse", "-q", "--glob", "*.txt", str(corpus), "-o", str(out)], capsys
    )
    assert (status, stdout) == (1, "")
    if suffix == ".parquet":
        records: list[dict[str, Any]] = [
            from_arrow_row(row) for row in pq.read_table(out).to_pylist()
        ]
    else:
        text = out.read_text(encoding="utf-8-sig")
    if suffix == ".parquet":
        pass
    elif suffix == ".jsonl":
        records = [json.loads(line) for line in text.splitlines()]
    elif suffix == ".json":
        records = json.loads(text)
    else:
        records = list(csv.DictReader(io.StringIO(text)))
        assert list(records[0]) == list(CSV_COLUMNS)
    assert [Path(r["path"]).name for r in records] == ["a.txt", "c.txt", "d.txt"]
    assert records[2]["code"] == "empty"
    assert records[0]["title"] == next(iter_articles(SEED)).title


def test_csv_row_is_flat() -> None:
    article = next(iter_articles(SEED))
    row = flat_record({"path": "a.txt", **article.to_dict()})
    assert row["source_name"] == "الخليج الجديد"
    assert row["keywords"].split(" | ")[:2] == ["إيران", "باكستان"]
    assert row["paragraph_count"] == "8"
    assert row["text"].count("\n\n") == 7
    assert row["read_also"].count(" | ") == 1


def test_unknown_output_suffix_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["parse", str(SEED), "-o", "out.xlsx"])
    assert caught.value.code == 2
    assert (
        "must end in .jsonl, .json, .csv, .parquet (or give --to KIND)" in capsys.readouterr().err
    )
    with pytest.raises(SystemExit):
        main(["parse", str(SEED), "--jobs", "0"])


def test_paths_from_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(f"{SEED}\n\n{OTHER}\r\n"))
    status, out, _ = _run(["parse", "-q", "--jsonl", "-"], capsys)
    assert status == 0
    assert [json.loads(line)["path"] for line in out.splitlines()] == [str(SEED), str(OTHER)]


def test_jobs_in_the_cli(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    one = _run(["parse", "-q", "--jsonl", str(corpus)], capsys)[1]
    two = _run(["parse", "-q", "--jsonl", "-j", "2", str(corpus)], capsys)[1]
    assert two == one


def test_check_prints_codes_with_examples(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _run(["check", "-q", str(corpus)], capsys)
    assert status == 1
    lines = out.splitlines()
    assert lines[0].split() == ["code", "kind", "count", "examples"]
    assert lines[1].split()[:3] == ["not-an-article", "error", "1"]
    assert lines[1].endswith("notes.md")
    assert lines[2].split()[:3] == ["empty", "error", "1"]
    assert err == ""
    assert _run(["check", "-q", str(SEED)], capsys)[:2] == (0, "no errors and no diagnostics\n")


def test_ctrl_c_leaves_the_output_untouched_and_whole_records_for_resume(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The output was opened with "wb" before any work: Ctrl-C left a short file in its place."""
    real = map_listed

    def interrupted(items: Any, work: Callable[[Any], Any], **kwargs: Any) -> Iterator[Any]:
        outcomes = real(items, work, **kwargs)
        yield next(outcomes)
        yield next(outcomes)
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "map_listed", interrupted)
    out = tmp_path / "out.json"
    out.write_text("[]\n", encoding="utf-8")
    inputs = [str(SEED), str(OTHER), str(SEED)]
    status, _, err = _run(["parse", *inputs, "-o", str(out)], capsys)
    assert status == 130
    assert err.startswith("newsparse: interrupted (SIGINT) after 2 files, 2 articles")
    assert "run the same command with --resume" in err
    assert out.read_text(encoding="utf-8") == "[]\n"
    partial = tmp_path / "out.json.partial"
    assert partial.read_bytes().startswith(b'[\n{"path": ')
    monkeypatch.setattr(cli, "map_listed", real)
    status, _, err = _run(["parse", *inputs, "-o", str(out), "--resume"], capsys)
    assert status == 0
    assert "3 files (1 kept from the interrupted run)" in err  # the last one is always redone
    assert [r["path"] for r in json.loads(out.read_text(encoding="utf-8"))] == inputs
    assert not partial.exists()


def _bar(monkeypatch: pytest.MonkeyPatch, argv: list[str], *, terminal_stdout: bool = False) -> Any:
    """The progress bar the command would show for *argv* with stderr on a terminal."""
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: terminal_stdout)
    args = options.command_line().parse_args(argv)
    return progress.progress(
        args, progress.Counted([]), initial=0, records_to_stdout=args.command != "check"
        and not getattr(args, "output", None),
    )  # fmt: skip


def test_progress_bar_only_on_a_terminal_and_never_over_records(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The bar drew into the records when both went to the same terminal."""
    assert (
        progress.progress(
            options.command_line().parse_args(["check", "x"]),
            progress.Counted([]),
            initial=0,
            records_to_stdout=False,
        )
        is None
    )  # fmt: skip  -- stderr is no terminal under pytest
    assert _bar(monkeypatch, ["parse", "-q", "x", "-o", "x.jsonl"]) is None
    assert _bar(monkeypatch, ["parse", "x"], terminal_stdout=True) is None
    assert _bar(monkeypatch, ["show", "x"], terminal_stdout=True) is None
    for argv in (["parse", "x", "-o", "x.jsonl"], ["parse", "x"], ["check", "x"]):
        bar = _bar(monkeypatch, argv)
        assert bar is not None
        bar.close()


def test_progress_bar_gets_its_total_once_the_inputs_are_counted(
    monkeypatch: pytest.MonkeyPatch, corpus: Path
) -> None:
    bar = _bar(monkeypatch, ["check", str(corpus)])
    bar.count_in_background(lambda: list_files([corpus]))
    for thread in threading.enumerate():
        if thread.name == "newsparse-count":
            thread.join(60)
    bar.step()
    assert (bar.bar.total, bar.bar.n) == (5, 1)
    bar.close()


def test_progress_bar_counts_paths_from_stdin_once_they_end(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bar = _bar(monkeypatch, ["check", "-"])
    bar.counted = counted = progress.Counted(["a", "b", "c"])
    taken = iter(counted)
    next(taken)
    bar.step()
    totals = [bar.bar.total]
    assert list(taken) == ["b", "c"]
    bar.step()
    totals.append(bar.bar.total)
    assert totals == [None, 3]
    bar.close()


def test_progress_bar_starts_no_monitor_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """tqdm's monitor thread would make the --jobs workers' fork unsafe
    (_pool.default_context)."""
    before = set(threading.enumerate())
    bar = _bar(monkeypatch, ["parse", "x", "-o", "x.jsonl"])
    assert set(threading.enumerate()) == before
    bar.close()


@pytest.mark.skipif(sys.platform != "linux", reason="workers fork only on Linux")
def test_workers_fork_only_from_a_process_that_runs_one_thread() -> None:
    code = (
        "import threading\n"
        "from newsparse._corpus.pool import default_context\n"
        "print(default_context().get_start_method())\n"
        "stop = threading.Event()\n"
        "threading.Thread(target=stop.wait).start()\n"
        "print(default_context().get_start_method())\n"
        "stop.set()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert done.stdout.splitlines() == ["fork", "forkserver"]


def _around_a_parallel_check(before: str, after: str) -> str:
    """The last line printed by a fresh interpreter that runs *before*, then
    ``newsparse check SEED --jobs 2``, then *after* (Python source)."""
    code = (
        f"{before}from newsparse._cli.main import main\n"
        f"main(['check', {str(SEED)!r}, '--jobs', '2', '-q'])\n{after}"
    )
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return done.stdout.splitlines()[-1]


@pytest.mark.skipif(sys.platform != "linux", reason="workers fork only on Linux")
def test_the_command_forks_its_workers_when_it_runs_one_thread() -> None:
    record_pools = (
        "import newsparse._corpus.pool as pool\n"
        "started = []\n"
        "class Recorded(pool.ProcessPoolExecutor):\n"
        "    def __init__(self, *args, mp_context, **kwargs):\n"
        "        started.append(mp_context.get_start_method())\n"
        "        super().__init__(*args, mp_context=mp_context, **kwargs)\n"
        "pool.ProcessPoolExecutor = Recorded\n"
    )
    assert _around_a_parallel_check(record_pools, "print(started)\n") == "['fork']"


def test_parquet_without_pyarrow_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(SystemExit) as caught:
        main(["parse", str(SEED), "-o", str(tmp_path / "out.parquet")])
    assert caught.value.code == 2
    assert "pip install 'newsparse[parquet]'" in capsys.readouterr().err


def test_parquet_row_groups_stream(tmp_path: Path) -> None:
    article = next(iter_articles(SEED))
    out = open_file_output(str(tmp_path / "many.parquet"), "parquet", resume=False)
    for i in range(2500):
        out.write(ParquetRows().joined([ParquetRows().article(f"{i}.txt", article)]))
    out.finish()
    metadata = pq.ParquetFile(tmp_path / "many.parquet").metadata
    assert (metadata.num_rows, metadata.num_row_groups) == (2500, 3)


def _path_and_process(result: FileResult) -> tuple[str, int]:
    return result.path, os.getpid()


def test_map_results_runs_then_where_the_file_was_parsed() -> None:
    paths = [str(SEED), str(OTHER), str(SEED)]
    assert [path for path, _ in map_results(paths, _path_and_process)] == paths
    parallel = list(map_results(paths, _path_and_process, jobs=2))
    assert [path for path, _ in parallel] == paths
    assert os.getpid() not in {pid for _, pid in parallel}


def test_parallel_runs_read_paths_only_a_window_ahead() -> None:
    """With jobs > 1 the paths are consumed as results are taken, a window ahead: an endless
    listing still gives results (listing it all first would never end)."""
    taken = 0

    def endless() -> Iterator[str]:
        nonlocal taken
        while True:
            taken += 1
            yield str(SEED)

    results = map_results(endless(), _path_and_process, jobs=2)
    assert [path for path, _ in itertools.islice(results, 50)] == [str(SEED)] * 50
    assert isinstance(results, Generator)
    results.close()  # stops the pool and the listing
    assert taken <= 50 + 7 * 256  # what was taken, and the window of 2 x jobs + 2 chunks


def test_results_come_while_the_listing_waits() -> None:
    """Paths read from a pipe that has no more yet: the results so far are not held back."""
    more = threading.Event()

    def slow() -> Iterator[str]:
        yield from [str(SEED)] * 20
        assert more.wait(60)  # the run must not need the 21st path to give the first 20
        yield str(OTHER)

    results = map_results(slow(), _path_and_process, jobs=2)
    assert [path for path, _ in itertools.islice(results, 20)] == [str(SEED)] * 20
    more.set()
    assert [path for path, _ in results] == [str(OTHER)]


@pytest.mark.skipif(
    "forkserver" not in multiprocessing.get_all_start_methods(), reason="no forkserver here"
)
def test_forkserver_workers_are_born_with_newsparse_loaded(tmp_path: Path) -> None:
    """From `python -c` the forkserver preloads only __main__, which holds nothing, and each
    worker would import newsparse itself: the command has it preload newsparse.  Seen from
    a worker's initializer, which runs before any work reaches it (a thread beside the
    command makes the pool use the forkserver)."""
    (tmp_path / "probe.py").write_text(
        "import sys\n"
        "def born(report, *args):\n"
        "    with open(report, 'a') as out:\n"
        "        out.write(f'{\"newsparse._cli.main\" in sys.modules}\\n')\n"
        "    from newsparse._corpus.signals import in_worker\n"
        "    in_worker(*args)\n",
        encoding="utf-8",
    )
    report = tmp_path / "workers.txt"
    probe_pools = (
        f"import sys, threading\nsys.path.insert(0, {str(tmp_path)!r})\n"
        "import probe\n"
        "import newsparse._corpus.pool as pool\n"
        "class Probed(pool.ProcessPoolExecutor):\n"
        "    def __init__(self, *args, mp_context, initializer, initargs, **kwargs):\n"
        "        assert mp_context.get_start_method() == 'forkserver'\n"
        "        super().__init__(*args, mp_context=mp_context, initializer=probe.born,\n"
        f"                         initargs=({str(report)!r}, *initargs), **kwargs)\n"
        "pool.ProcessPoolExecutor = Probed\n"
        "threading.Thread(target=threading.Event().wait, daemon=True).start()\n"
    )
    _around_a_parallel_check(probe_pools, "")
    born = report.read_text(encoding="utf-8").split()
    assert born  # a worker started
    assert set(born) == {"True"}


def test_chunks_double_up_to_256_files_and_end_at_16_mib(monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker holds a chunk's results until it is done: chunks were 256 files whatever their
    size, so a corpus of 50 MiB files gave a worker 256 of them at once."""
    run = pool._Run(str, 2, str, len, None)
    sent: list[int] = []

    def send() -> None:
        sent.append(len(run.chunk))
        run.chunk, run.chunk_bytes = [], 0

    monkeypatch.setattr(run, "_send", send)
    for number in range(1023):
        run._add(number, 1)
    assert sent == [1, 2, 4, 8, 16, 32, 64, 128, 256, 256, 256]
    sent.clear()
    run.chunk_size = 1
    for number in range(7):
        run._add(number, 10 << 20)  # files of 10 MiB: two make a chunk, whatever the count
    assert sent == [1, 2, 2, 2]
