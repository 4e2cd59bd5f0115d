"""Each pipeline path against the command, on the same files and the same cores.

    python -m benchmarks.pipelines [--files 6000 | --corpus DIR] [--repeat 3]
                                   [--partition-size N] [--sweep 64,128,256]
                                   [--only NAME,...] [--no-pickle]

Generates a development corpus (``python -m benchmarks.devcorpus``; its gold
file is left out of the corpus) or takes *DIR*, then times, in rounds, each
round every path once in a fresh child process, in an order that turns from
round to round:

- the command, ``newsparse parse DIR -j 2 -o x.parquet`` and ``-o x.jsonl``;
- ``iter_results(DIR, jobs=2)`` with the caller taking every FileResult (and
  ``jobs=1``, for the speed-up), set against the command to JSON Lines: both
  hand every record to the main process, in order;
- on a ``distributed.LocalCluster(n_workers=2, threads_per_worker=1,
  processes=True)``: ``results_bag(DIR).compute()`` and
  ``records_bag(DIR).compute()`` against the command to JSON Lines, and
  ``to_dataframe(DIR).to_parquet(out, schema=arrow_schema())`` against the
  command to Parquet;
- where they import (guarded: the script runs without them):
  ``newsparse.hf.to_dataset(DIR, jobs=2)`` against Parquet (a dataset is an
  Arrow table), ``newsparse.datatrove.NewsparseReader(DIR)`` with a
  ``JsonlWriter`` in a ``LocalPipelineExecutor(tasks=2, workers=2)`` against
  JSON Lines, and ``newsparse.spark.to_spark_dataframe(spark, DIR)
  .write.parquet(out)`` in ``local[2]`` against Parquet.

A child times the work only: from the call to its end, after its imports and
after its cluster, executor or Spark session is up (a user's cluster is
already running); the command is timed the same way, around
``newsparse._cli.main.main`` in its own child.  Each child also counts what the
path gave (records, rows, results), and a path whose count is not the
command's fails.  The best of the rounds counts (a shared machine only ever
adds time), and the load average is printed with every round.

Then it is a guard: the exit status is 1 when a measured path takes more than
``TARGET`` (1.25) times the command's time, or fails (docs/scaling.md,
"Measured").  ``--sweep`` times the Dask paths at each partition size instead
(how the default was chosen), and the pickling of a FileResult is measured
first, attrs' own against newsparse's (docs/performance.md).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from benchmarks.corpus import process_stats

ROOT = Path(__file__).resolve().parent.parent
TARGET = 1.25  # a path may take this many times the command's time

_CLUSTER = {"n_workers": 2, "threads_per_worker": 1, "processes": True}


class Pipeline(NamedTuple):
    """A measured path: its name, the command run it is set against, and its child."""

    name: str
    reference: str | None  # None: a reference itself, or shown only
    run: Callable[[str, Path, int], Measured]


class Measured(NamedTuple):
    """What a child measured: the seconds of the work, and what it counted."""

    seconds: float
    counted: int


_POLL = 0.05  # seconds between two looks at the CPU time of a child's process tree
_TICK = os.sysconf("SC_CLK_TCK")
_STARTED, _STOPPED = "@@started", "@@stopped"  # a child's lines around the timed work


def tree_cpu(root: int) -> dict[int, float]:
    """CPU seconds of *root* and every process below it (one scan of /proc), by pid."""
    parents: dict[int, int] = {}
    spent: dict[int, float] = {}
    for pid, fields in process_stats():
        parents[pid] = int(fields[1])
        spent[pid] = (int(fields[11]) + int(fields[12])) / _TICK  # utime + stime
    below: dict[int, float] = {}
    for pid, seconds in spent.items():
        ancestor = pid
        while ancestor > 1 and ancestor != root:
            ancestor = parents.get(ancestor, 0)
        if ancestor == root:
            below[pid] = seconds
    return below


def _clocked(work: Callable[[], int]) -> Measured:
    """*work* timed here; the parent, told when it starts and stops, takes its CPU time."""
    _say(_STARTED)
    wall = time.perf_counter()
    count = work()
    seconds = time.perf_counter() - wall
    _say(_STOPPED)
    return Measured(seconds, count)


# The children, one a path.


def _command(kind: str, corpus: str, out: Path, _size: int) -> Measured:
    from newsparse._cli.main import main  # noqa: PLC0415

    target = out / f"x.{kind}"
    measured = _clocked(
        lambda: main(["parse", corpus, "--jobs", "2", "-o", str(target), "--quiet"])
    )
    if kind == "jsonl":
        with target.open("rb") as lines:
            return measured._replace(counted=sum(1 for _ in lines))
    import pyarrow.parquet as pq  # noqa: PLC0415

    return measured._replace(counted=int(pq.ParquetFile(target).metadata.num_rows))


def _iter_results(jobs: int, corpus: str, _out: Path, _size: int) -> Measured:
    from newsparse import iter_results  # noqa: PLC0415

    def work() -> int:
        records = 0
        for result in iter_results(corpus, jobs=jobs):
            records += len(result.articles) + (result.error is not None)
        return records

    return _clocked(work)


def _on_a_cluster(work: Callable[[], int]) -> Measured:
    from distributed import Client, LocalCluster  # noqa: PLC0415

    with (
        LocalCluster(**_CLUSTER, dashboard_address=None) as cluster,  # type: ignore[no-untyped-call]
        Client(cluster) as client,  # type: ignore[no-untyped-call]
    ):
        # The workers import what the tasks need before the clock starts.
        client.run(exec, "import newsparse.dask, pandas, pyarrow, dask.dataframe")
        return _clocked(work)


def _dask_results(corpus: str, _out: Path, size: int) -> Measured:
    from newsparse.dask import results_bag  # noqa: PLC0415

    def work() -> int:
        results = results_bag(corpus, partition_size=size).compute()  # type: ignore[no-untyped-call]
        return sum(len(r.articles) + (r.error is not None) for r in results)

    return _on_a_cluster(work)


def _dask_records(corpus: str, _out: Path, size: int) -> Measured:
    from newsparse.dask import records_bag  # noqa: PLC0415

    def work() -> int:
        return len(records_bag(corpus, partition_size=size).compute())  # type: ignore[no-untyped-call]

    return _on_a_cluster(work)


def _dask_parquet(corpus: str, out: Path, size: int) -> Measured:
    from newsparse.dask import arrow_schema, to_dataframe  # noqa: PLC0415

    def work() -> int:
        frame = to_dataframe(corpus, partition_size=size)
        frame.to_parquet(out / "frame", schema=arrow_schema(), write_index=False)
        return 0

    return _on_a_cluster(work)._replace(counted=_rows(out / "frame"))


def _rows(directory: Path) -> int:
    import pyarrow.parquet as pq  # noqa: PLC0415

    return sum(int(pq.ParquetFile(part).metadata.num_rows) for part in directory.rglob("*.parquet"))


def _hf(corpus: str, _out: Path, _size: int) -> Measured:
    from newsparse.hf import to_dataset  # noqa: PLC0415

    return _clocked(lambda: len(to_dataset(corpus, jobs=2)))


def _jsonl_writer(folder: Path) -> Any:
    """DataTrove's JsonlWriter, uncompressed (it writes with orjson, which the extra brings)."""
    from datatrove.pipeline.writers import JsonlWriter  # noqa: PLC0415

    return JsonlWriter(str(folder), compression=None)


def _datatrove(corpus: str, out: Path, _size: int) -> Measured:
    from datatrove.executor import LocalPipelineExecutor  # noqa: PLC0415

    from newsparse.datatrove import NewsparseReader  # noqa: PLC0415

    executor = LocalPipelineExecutor(
        pipeline=[NewsparseReader(corpus), _jsonl_writer(out / "dt")],
        tasks=2,
        workers=2,
        logging_dir=str(out / "logs"),
    )

    def work() -> int:
        executor.run()
        return 0

    measured = _clocked(work)
    count = 0
    for part in (out / "dt").rglob("*"):
        if part.is_file():
            opened = gzip.open if part.suffix == ".gz" else open
            with opened(part, "rb") as lines:
                count += sum(1 for _ in lines)
    return measured._replace(counted=count)


def _spark(corpus: str, out: Path, _size: int) -> Measured:
    from pyspark.sql import SparkSession  # noqa: PLC0415

    from newsparse.spark import to_spark_dataframe  # noqa: PLC0415

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers with this one's packages
    spark = (
        SparkSession.builder.master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    try:
        spark.sparkContext.parallelize(range(4), 2).map(lambda x: x).count()  # Python workers up

        def work() -> int:
            to_spark_dataframe(spark, corpus).write.parquet(str(out / "spark"))
            return 0

        measured = _clocked(work)
    finally:
        spark.stop()
    return measured._replace(counted=_rows(out / "spark"))


def _optional(module: str) -> str | None:
    """Why the path of *module* cannot run here, or None when it can."""
    import importlib.util  # noqa: PLC0415

    for name in (module, *_NEEDS.get(module, ())):
        try:
            if importlib.util.find_spec(name) is None:
                return f"{name} is not importable"
        except ImportError:
            return f"{name} is not importable"
    return None


_NEEDS = {
    "newsparse.hf": ("datasets",),
    "newsparse.datatrove": ("datatrove",),
    "newsparse.spark": ("pyspark",),
    "newsparse.dask": ("distributed", "pandas"),
}


def _paths() -> list[Pipeline]:
    """Every path, references first; (module, path) pairs say what each needs."""
    from functools import partial  # noqa: PLC0415

    return [
        Pipeline("command -o x.parquet", None, partial(_command, "parquet")),
        Pipeline("command -o x.jsonl", None, partial(_command, "jsonl")),
        Pipeline("iter_results(jobs=2)", "command -o x.jsonl", partial(_iter_results, 2)),
        Pipeline("iter_results(jobs=1)", None, partial(_iter_results, 1)),
        Pipeline("dask results_bag", "command -o x.jsonl", _dask_results),
        Pipeline("dask records_bag", "command -o x.jsonl", _dask_records),
        Pipeline("dask to_dataframe.to_parquet", "command -o x.parquet", _dask_parquet),
        Pipeline("hf to_dataset(jobs=2)", "command -o x.parquet", _hf),
        Pipeline("datatrove NewsparseReader", "command -o x.jsonl", _datatrove),
        Pipeline("spark to_spark_dataframe.write", "command -o x.parquet", _spark),
    ]


_MODULES = {
    "dask results_bag": "newsparse.dask",
    "dask records_bag": "newsparse.dask",
    "dask to_dataframe.to_parquet": "newsparse.dask",
    "hf to_dataset(jobs=2)": "newsparse.hf",
    "datatrove NewsparseReader": "newsparse.datatrove",
    "spark to_spark_dataframe.write": "newsparse.spark",
}


def _child(name: str, corpus: str, out: Path, size: int) -> int:
    """Run one path here and print what it measured as one JSON line."""
    (path,) = (path for path in _paths() if path.name == name)
    try:
        measured = path.run(corpus, out, size)
    except Exception as error:  # noqa: BLE001 -- reported, and the parent fails the path
        _say(json.dumps({"error": f"{type(error).__name__}: {error}"}))
        return 1
    _say(json.dumps(measured._asdict()))
    return 0


def _measure(name: str, corpus: str, size: int) -> dict[str, Any]:
    """Run one path in a fresh child process; its JSON line (with "error" when it failed)
    and the CPU seconds of the child's whole process tree while the work ran ("cpu").

    The tree is read from /proc every _POLL seconds from outside, so a child runs as it
    would alone (a thread of its own would make the command's pool use the forkserver), and
    a worker that ends loses at most its last _POLL of CPU time.
    """
    out = Path(tempfile.mkdtemp(prefix="newsparse-pipelines-"))
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(part for part in (env.get("PYTHONPATH"), str(ROOT)) if part)
    command = [sys.executable, "-m", "benchmarks.pipelines", "--child", name, corpus]
    command += ["--out", str(out), "--partition-size", str(size)]
    lines: list[str] = []
    first: dict[int, float] = {}
    last: dict[int, float] = {}
    done = threading.Event()

    def poll(root: int) -> None:
        while not done.wait(_POLL):
            last.update(tree_cpu(root))

    # Standard error goes to a file: a pipe read only at the end fills with the logging of
    # DataTrove's workers, which then wait on it for ever.
    log = tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace")  # noqa: SIM115
    try:
        with subprocess.Popen(  # noqa: S603 -- this interpreter, this script
            command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=log, text=True
        ) as child:
            assert child.stdout is not None  # noqa: S101 -- a pipe was asked for
            poller = threading.Thread(target=poll, args=(child.pid,), daemon=True)
            for line in child.stdout:
                if line.strip() == _STARTED:
                    first = tree_cpu(child.pid)
                    last = dict(first)
                    poller.start()
                elif line.strip() == _STOPPED:
                    done.set()
                    poller.join()
                    last.update(tree_cpu(child.pid))
                else:
                    lines.append(line)
            log.seek(0)
            errors = log.read()
    finally:
        done.set()
        log.close()
        shutil.rmtree(out, ignore_errors=True)
    try:
        measured: dict[str, Any] = json.loads(lines[-1])
    except (IndexError, ValueError):
        return {"error": f"exit {child.returncode}: {errors.strip()[-400:]}"}
    if last:
        measured["cpu"] = sum(spent - first.get(pid, 0.0) for pid, spent in last.items())
    return measured


def over_target(
    best: dict[str, float],
    references: dict[str, str],
    failed: dict[str, str],
    limit: float = TARGET,
) -> list[str]:
    """What fails the guard: each path more than *limit* times its reference, or failed."""
    failures = [f"{name}: failed: {why}" for name, why in failed.items()]
    for name, reference in references.items():
        if name in best and reference in best:
            ratio = best[name] / best[reference]
            if ratio > limit:
                failures.append(f"{name}: {ratio:.2f}x {reference}, over {limit}x")
    return failures


def _say(text: str, stream: Any = None) -> None:
    (stream or sys.stdout).write(text + "\n")
    (stream or sys.stdout).flush()


def _load() -> str:
    return " ".join(f"{load:.2f}" for load in os.getloadavg())


def pickle_costs(corpus: str, files: int = 2048, repeat: int = 5) -> dict[str, float]:
    """Microseconds to pickle and unpickle one FileResult in chunks of 256 (as the pool
    sends them), attrs' own pickling against newsparse's, alternated, best of *repeat*."""
    from newsparse import Article, FileResult, iter_results  # noqa: PLC0415

    results = []
    for result in iter_results(corpus):
        results.append(result)
        if len(results) == files:
            break
    chunks = [results[i : i + 256] for i in range(0, len(results), 256)]
    packed = (Article.__dict__["__reduce_ex__"], FileResult.__dict__["__reduce_ex__"])
    best: dict[str, float] = {}
    try:
        for _ in range(repeat):
            for kind in ("attrs", "newsparse"):
                if kind == "attrs":
                    del Article.__reduce_ex__, FileResult.__reduce_ex__
                else:
                    Article.__reduce_ex__, FileResult.__reduce_ex__ = packed  # type: ignore[method-assign]
                start = time.perf_counter()
                blobs = [pickle.dumps(chunk, pickle.HIGHEST_PROTOCOL) for chunk in chunks]
                dumped = time.perf_counter()
                back = [pickle.loads(blob) for blob in blobs]  # noqa: S301 -- our own bytes
                loaded = time.perf_counter()
                if [r for chunk in back for r in chunk] != results:
                    raise AssertionError(f"{kind} pickling changed a FileResult")
                for key, value in (("dumps", dumped - start), ("loads", loaded - dumped)):
                    figure = f"{kind}_{key}_us"
                    best[figure] = min(best.get(figure, 1e9), value / len(results) * 1e6)
                best[f"{kind}_bytes"] = sum(map(len, blobs)) / len(results)
    finally:
        Article.__reduce_ex__, FileResult.__reduce_ex__ = packed  # type: ignore[method-assign]
    return best


def _corpus(args: argparse.Namespace, scratch: Path) -> str:
    if args.corpus is not None:
        return str(args.corpus)
    from benchmarks.devcorpus import generate  # noqa: PLC0415

    corpus = scratch / "corpus"
    generate(corpus, args.files)
    (corpus / "gold.jsonl").rename(scratch / "gold.jsonl")  # not an input of the corpus
    return str(corpus)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, nargs="?", help="(with --child) the corpus")
    parser.add_argument("--corpus", dest="corpus_dir", type=Path, help="a corpus to take")
    parser.add_argument("--files", type=int, default=6000, help="files of the generated corpus")
    parser.add_argument("--repeat", type=int, default=3, help="rounds; the best counts")
    parser.add_argument("--partition-size", type=int, default=None, help="Dask's (default: its)")
    parser.add_argument("--sweep", help="partition sizes to time the Dask paths at, 64,128,...")
    parser.add_argument("--only", help="the paths to time (comma-separated names)")
    parser.add_argument("--no-pickle", action="store_true", help="skip the pickling figures")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        return _child(args.child, str(args.corpus), args.out, args.partition_size)
    args.corpus = args.corpus_dir
    with tempfile.TemporaryDirectory(prefix="newsparse-bench-") as scratch:
        return _run(args, _corpus(args, Path(scratch)))


def _default_partition_size() -> int:
    import inspect  # noqa: PLC0415

    from newsparse.dask import results_bag  # noqa: PLC0415

    default: int = inspect.signature(results_bag).parameters["partition_size"].default
    return default


def _run(args: argparse.Namespace, corpus: str) -> int:
    files = sum(1 for _ in Path(corpus).rglob("*") if _.is_file())
    _say(f"corpus: {corpus}, {files} files; load average {_load()}")
    if not args.no_pickle:
        costs = pickle_costs(corpus)
        _say(
            "pickling a FileResult (chunks of 256): "
            f"attrs {costs['attrs_dumps_us']:.1f} us + {costs['attrs_loads_us']:.1f} us, "
            f"newsparse {costs['newsparse_dumps_us']:.1f} us + "
            f"{costs['newsparse_loads_us']:.1f} us (dumps + loads); "
            f"{costs['attrs_bytes']:.0f} and {costs['newsparse_bytes']:.0f} bytes a file"
        )
    paths = {path.name: path for path in _paths()}
    wanted = list(paths) if args.only is None else args.only.split(",")
    sizes = [args.partition_size or _default_partition_size()]
    if args.sweep:
        sizes = [int(size) for size in args.sweep.split(",")]
        wanted = [name for name in wanted if name in _MODULES and "dask" in name]
        wanted = ["command -o x.parquet", "command -o x.jsonl", *wanted]
    runs: list[tuple[str, str, int]] = []  # (label, path name, partition size)
    skipped: dict[str, str] = {}
    for name in wanted:
        why = _optional(_MODULES[name]) if name in _MODULES else None
        if why is not None:
            skipped[name] = why
            continue
        dask = name.startswith("dask")
        for size in sizes if dask else sizes[:1]:
            label = f"{name} (partition_size={size})" if dask else name
            runs.append((label, name, size))
    best: dict[str, float] = {}
    counts: dict[str, int] = {}
    failed: dict[str, str] = {}
    cpu: dict[str, float] = {}  # CPU seconds of the process tree, best of the rounds
    for round_ in range(args.repeat):
        turned = runs[round_ % len(runs) :] + runs[: round_ % len(runs)]
        _say(f"round {round_ + 1}: load average {_load()}")
        for label, name, size in turned:
            if label in failed:
                continue
            measured = _measure(name, corpus, size)
            if "error" in measured:
                failed[label] = measured["error"]
                _say(f"  {label}: failed: {measured['error']}")
                continue
            best[label] = min(best.get(label, float("inf")), measured["seconds"])
            if measured.get("cpu") is not None:
                cpu[label] = min(cpu.get(label, float("inf")), measured["cpu"])
            counts[label] = measured["counted"]
            spent = "" if measured.get("cpu") is None else f" ({measured['cpu']:.2f} s of CPU)"
            _say(f"  {label}: {measured['seconds']:.2f} s{spent}, {measured['counted']} counted")
    _say(f"load average after: {_load()}")
    references = {label: paths[name].reference for label, name, _ in runs}
    expected = counts.get("command -o x.jsonl", counts.get("command -o x.parquet"))
    for label, count in counts.items():
        if expected is not None and count != expected:
            failed[label] = f"counted {count}, the command {expected}"
    _say(f"\n| path | time (best of {args.repeat}) | CPU | against | ratio | CPU ratio | target |")
    _say("|---|---|---|---|---|---|---|")
    for label, _, _ in runs:
        reference = references[label]
        if label not in best:
            continue
        ratio, cpu_ratio, verdict = "–", "–", "–"
        if reference is not None and reference in best:
            value = best[label] / best[reference]
            ratio, verdict = f"{value:.2f}x", "met" if value <= TARGET else "**not met**"
            if label in cpu and reference in cpu:
                cpu_ratio = f"{cpu[label] / cpu[reference]:.2f}x"
        spent = f"{cpu[label]:.2f} s" if label in cpu else "–"
        _say(
            f"| {label} | {best[label]:.2f} s | {spent} | {reference or '–'} | {ratio} "
            f"| {cpu_ratio} | {verdict} |"
        )
    if "iter_results(jobs=1)" in best and "iter_results(jobs=2)" in best:
        speed_up = best["iter_results(jobs=1)"] / best["iter_results(jobs=2)"]
        _say(f"\niter_results jobs=2 over jobs=1: {speed_up:.2f}x")
    for name, why in skipped.items():
        _say(f"skipped {name}: {why}")
    guarded = {label: ref for label, ref in references.items() if ref is not None}
    failures = over_target(best, guarded, failed)
    for failure in failures:
        _say(f"FAIL {failure}", sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
