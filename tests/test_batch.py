"""Corpus runs: ordered results with errors as values, parallel jobs, writers, summary, check."""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from newsparse import Article, iter_articles
from newsparse import _cli as cli
from newsparse._arrow import from_arrow_row
from newsparse._batch import FileResult, iter_results, map_results, select_paths
from newsparse._cli import main
from newsparse._writers import CSV_COLUMNS, flat_record, open_writer

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
    found = [Path(p).name for p in select_paths([corpus, corpus / "notes.md"], glob="*.txt")]
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
    assert "must end in .jsonl, .json, .csv, .parquet" in capsys.readouterr().err
    with pytest.raises(ValueError, match="must end in"):
        open_writer("out.txt")
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


def test_ctrl_c_leaves_a_valid_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(
        _paths: Any, then: Callable[[FileResult], Any], **_kwargs: Any
    ) -> Iterator[Any]:
        yield then(FileResult(path=str(SEED), articles=list(iter_articles(SEED))))
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "map_results", interrupted)
    out = tmp_path / "partial.json"
    status, _, err = _run(["parse", str(SEED), str(OTHER), "-o", str(out)], capsys)
    assert status == 130
    assert err.startswith("newsparse: interrupted after 1 files, 1 articles, 0 failed")
    assert [record["path"] for record in json.loads(out.read_text(encoding="utf-8"))] == [str(SEED)]


def _ignores_sigint(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:  # gone already
        return False
    ignored = next(line for line in status.splitlines() if line.startswith("SigIgn:"))
    return bool(int(ignored.split()[1], 16) & (1 << (signal.SIGINT - 1)))


@pytest.mark.skipif(sys.platform != "linux", reason="reads a process's children from /proc")
def test_ctrl_c_during_a_parallel_run_stops_it_cleanly(tmp_path: Path) -> None:
    """A real SIGINT to the whole process group, as a terminal sends it: the workers
    leave it to the main process, so no worker prints a traceback, and the output
    holds whole records."""
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "newsparse", "parse", "-", "--jobs", "2", "-o", str(out)]
    run = subprocess.Popen(
        command, stdin=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    assert run.stdin is not None
    run.stdin.write(f"{SEED}\n" * 4)
    run.stdin.flush()  # the command now waits for more paths, its two workers started
    children = Path(f"/proc/{run.pid}/task/{run.pid}/children")
    deadline = time.monotonic() + 10  # until both workers are set up (or it is too late)
    while time.monotonic() < deadline:
        workers = children.read_text().split()
        if len(workers) == 2 and all(_ignores_sigint(int(pid)) for pid in workers):
            break
        time.sleep(0.05)
    os.killpg(run.pid, signal.SIGINT)
    _, err = run.communicate(timeout=60)
    assert run.returncode == 130
    assert "Traceback" not in err
    assert err.startswith("newsparse: interrupted after")
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert all(record["path"] == str(SEED) for record in records)


def test_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    results = iter([FileResult(path="x", articles=[Article(title="t")])])
    assert cli._progress(results, quiet=False) is results  # stderr is no terminal under pytest
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert cli._progress(results, quiet=True) is results
    wrapped = cli._progress(results, quiet=False)
    assert wrapped is not results
    assert [r.path for r in wrapped] == ["x"]


def test_progress_bar_starts_no_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """tqdm's monitor thread would make the --jobs workers' fork unsafe
    (_batch._default_context)."""
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    before = set(threading.enumerate())
    wrapped = cli._progress(iter([FileResult(path="x")]), quiet=False)
    assert set(threading.enumerate()) == before
    assert [r.path for r in wrapped] == ["x"]


@pytest.mark.skipif(sys.platform != "linux", reason="workers fork only on Linux")
def test_workers_fork_only_from_a_process_that_runs_one_thread() -> None:
    code = (
        "import threading\n"
        "from newsparse._batch import _default_context\n"
        "print(_default_context().get_start_method())\n"
        "stop = threading.Event()\n"
        "threading.Thread(target=stop.wait).start()\n"
        "print(_default_context().get_start_method())\n"
        "stop.set()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert done.stdout.splitlines() == ["fork", "forkserver"]


def _around_a_parallel_check(before: str, after: str) -> str:
    """The last line printed by a fresh interpreter that runs *before*, then
    ``newsparse check SEED --jobs 2``, then *after* (Python source)."""
    code = (
        f"{before}from newsparse._cli import main\n"
        f"main(['check', {str(SEED)!r}, '--jobs', '2', '-q'])\n{after}"
    )
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return done.stdout.splitlines()[-1]


@pytest.mark.skipif(sys.platform != "linux", reason="workers fork only on Linux")
def test_the_command_forks_its_workers_when_it_runs_one_thread() -> None:
    record_pools = (
        "import multiprocessing.context as context\n"
        "started = []\n"
        "def record(self, *args, **kwargs):\n"
        "    started.append(self.get_start_method())\n"
        "    return original(self, *args, **kwargs)\n"
        "original = context.BaseContext.Pool\n"
        "context.BaseContext.Pool = record\n"
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
    writer = open_writer(tmp_path / "many.parquet")
    for i in range(2500):
        writer.write({"path": f"{i}.txt", **article.to_dict()})
    writer.close()
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
    """With jobs > 1 the paths are consumed as results are taken, not all at once."""
    taken = 0

    def paths() -> Iterator[str]:
        nonlocal taken
        for _ in range(2000):
            taken += 1
            yield str(SEED)

    results = map_results(paths(), _path_and_process, jobs=2)
    assert next(results)[0] == str(SEED)
    # 2 x jobs + 2 = 6 chunks in flight, of 1, 2, 4, 8, 16 and 32 files
    assert taken == 63
    assert isinstance(results, Generator)
    results.close()  # stops the pool


@pytest.mark.skipif(
    "forkserver" not in multiprocessing.get_all_start_methods(), reason="no forkserver here"
)
def test_the_command_has_its_forkserver_preload_newsparse() -> None:
    """From `python -c` the default preload (__main__) holds nothing: workers would each
    import newsparse.  The command asks the forkserver for newsparse._cli itself."""
    report = (
        "import multiprocessing.forkserver as server\nprint(server._forkserver._preload_modules)\n"
    )
    assert _around_a_parallel_check("", report) == "['__main__', 'newsparse._cli']"
