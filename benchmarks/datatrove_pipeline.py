"""The DataTrove pipeline against the command, on the same files and the same cores.

    python -m benchmarks.devcorpus /tmp/dtc --files 5000
    python -m benchmarks.datatrove_pipeline /tmp/dtc [--repeat 3] [--tasks 2] [--workers 2]
                                            [--start-method forkserver] [--keep-body]

Times two runs over the ``*.txt`` files of CORPUS, each end to end in a fresh
process (interpreter start, imports and listing included), alternated, best
of ``--repeat`` (a shared machine only ever adds time):

- the command: ``newsparse parse CORPUS --glob '*.txt' -j 2 -q -o cli.jsonl``;
- the pipeline: ``[NewsparseReader(CORPUS, glob_pattern="**/*.txt"),
  JsonlWriter(out, compression=None)]`` on a ``LocalPipelineExecutor`` with
  ``--tasks`` tasks on ``--workers`` workers.

Then it checks the pipeline's documents against the command's records, record
by record (id against path, text against the body's paragraphs, metadata
against the rest), and prints both times, their ratio (the issue's target is
1.25 at most), the split of the pipeline's time between its steps (from
DataTrove's stats) and the load average, since other work on the machine adds
to both runs.

DataTrove's ``JsonlWriter`` needs ``orjson``; without it a writer with the same
output through the standard ``json`` module stands in (and the report says so).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def has_orjson() -> bool:
    """Whether orjson, which DataTrove's JsonlWriter needs, is installed."""
    return importlib.util.find_spec("orjson") is not None


def jsonl_writer(folder: str) -> Any:
    """DataTrove's JsonlWriter, uncompressed; the stand-in when orjson is missing."""
    if not has_orjson():
        return _stdlib_writer(folder)
    from datatrove.pipeline.writers import JsonlWriter  # noqa: PLC0415

    return JsonlWriter(folder, compression=None)


def _stdlib_writer(folder: str) -> Any:
    from datatrove.pipeline.writers.disk_base import DiskWriter  # noqa: PLC0415

    class StdlibJsonlWriter(DiskWriter):  # type: ignore[misc]  # DataTrove has no type hints
        default_output_filename = "${rank}.jsonl"
        name = "Jsonl (json)"

        def _write(self, document: dict[str, Any], file: Any, _filename: str) -> None:
            file.write((json.dumps(document, ensure_ascii=False) + "\n").encode())

    return StdlibJsonlWriter(folder, compression=None, mode="wb")


def run_pipeline(
    corpus: str, out: str, logs: str, *, tasks: int, workers: int, start_method: str,
    keep_body: bool,
) -> None:  # fmt: skip
    """Run the pipeline once (in this process: the one the benchmark times)."""
    from datatrove.executor import LocalPipelineExecutor  # noqa: PLC0415

    from newsparse.datatrove import NewsparseReader  # noqa: PLC0415

    reader = NewsparseReader(corpus, glob_pattern="**/*.txt", keep_body=keep_body)
    LocalPipelineExecutor(
        [reader, jsonl_writer(out)],
        tasks=tasks,
        workers=workers,
        logging_dir=logs,
        start_method=start_method,
    ).run()


def expected_documents(
    records: list[dict[str, Any]], *, keep_body: bool = False
) -> dict[str, dict[str, Any]]:
    """The documents the reader's docstring promises for the command's *records*, by id."""
    per_path: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        if "error" not in record:
            per_path.setdefault(record["path"], []).append(record)
    documents = {}
    for path, articles in per_path.items():
        for number, record in enumerate(articles, start=1):
            identifier = path if len(articles) == 1 else f"{path}#{number}"
            paragraphs = [block["text"] for block in record["body"] if block["type"] == "paragraph"]
            metadata = {key: value for key, value in record.items() if key != "path"}
            if not keep_body:
                del metadata["body"]
            documents[identifier] = {"text": "\n\n".join(paragraphs), "metadata": metadata}
    return documents


def read_jsonl(paths: list[Path]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for path in paths:
        with path.open(encoding="utf-8") as lines:
            rows.extend(json.loads(line) for line in lines)
    return rows


def compare(cli_out: Path, pipeline_out: Path, *, keep_body: bool) -> int:
    """Check the documents against the records; return how many were compared."""
    expected = expected_documents(read_jsonl([cli_out]), keep_body=keep_body)
    documents = read_jsonl(sorted(pipeline_out.glob("*.jsonl")))
    got = {d["id"]: {"text": d.get("text", ""), "metadata": d["metadata"]} for d in documents}
    if len(got) != len(documents):
        raise SystemExit("the pipeline gave two documents the same id")
    if got.keys() != expected.keys():
        missing, extra = expected.keys() - got.keys(), got.keys() - expected.keys()
        raise SystemExit(f"ids differ: {len(missing)} missing, {len(extra)} extra")
    for identifier, document in expected.items():
        if got[identifier] != document:
            raise SystemExit(f"{identifier}: the document differs from the record")
    return len(expected)


def step_times(logs: Path) -> dict[str, float]:
    """Seconds per step, summed over the tasks (DataTrove's stats.json)."""
    stats = json.loads((logs / "stats.json").read_text(encoding="utf-8"))
    return {step["name"]: step["time_stats"]["total"] for step in stats}


def _children_cpu() -> float:
    """User + system seconds of the waited-for child processes so far (theirs included)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_runs(
    corpus: Path, work: Path, args: argparse.Namespace
) -> tuple[dict[str, list[float]], dict[str, list[float]], list[float]]:
    """The elapsed and the CPU seconds of the command and of the pipeline on *corpus*,
    alternated, and the load averages after each run; their outputs are left in *work*.

    The CPU time of a run is its process tree's, which the load inflates less than the
    elapsed time; a forkserver's workers are not children of the run, so it is only whole
    with ``--start-method fork``.
    """
    search = [str(ROOT / "src"), str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(search)}
    cli_out, out, logs = work / "cli.jsonl", work / "out", work / "logs"
    command = [
        sys.executable, "-m", "newsparse", "parse", str(corpus), "--glob", "*.txt",
        "-j", "2", "-q", "-o", str(cli_out),
    ]  # fmt: skip
    pipeline = [
        sys.executable, "-m", "benchmarks.datatrove_pipeline", str(corpus),
        "--tasks", str(args.tasks), "--workers", str(args.workers),
        "--start-method", args.start_method, "--pipeline", str(out), str(logs),
        *(["--keep-body"] if args.keep_body else []),
    ]  # fmt: skip
    times: dict[str, list[float]] = {"command": [], "pipeline": []}
    cpus: dict[str, list[float]] = {"command": [], "pipeline": []}
    loads = []
    for _ in range(args.repeat):
        for name, argv in (("command", command), ("pipeline", pipeline)):
            shutil.rmtree(out, ignore_errors=True)
            shutil.rmtree(logs, ignore_errors=True)
            cpu, start = _children_cpu(), time.perf_counter()
            subprocess.run(  # noqa: S603 -- our own interpreter and arguments
                argv, env=environment, check=name == "pipeline", stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL, cwd=ROOT,
            )  # fmt: skip
            times[name].append(time.perf_counter() - start)
            cpus[name].append(_children_cpu() - cpu)
            loads.append(os.getloadavg()[0])
    return times, cpus, loads


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--tasks", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--start-method", default="forkserver")
    parser.add_argument("--keep-body", action="store_true")
    parser.add_argument("--pipeline", nargs=2, metavar=("OUT", "LOGS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.pipeline:
        run_pipeline(
            str(args.corpus), *args.pipeline, tasks=args.tasks, workers=args.workers,
            start_method=args.start_method, keep_body=args.keep_body,
        )  # fmt: skip
        return
    work = Path(tempfile.mkdtemp(prefix="newsparse-datatrove-"))
    try:
        times, cpus, loads = time_runs(args.corpus, work, args)
        compared = compare(work / "cli.jsonl", work / "out", keep_body=args.keep_body)
        steps = step_times(work / "logs")
        # The same runs on two of the files: what starting costs, whatever the corpus.
        two = work / "two"
        for source in sorted(args.corpus.glob("*/*.txt"))[:2]:
            (two / source.parent.name).mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, two / source.parent.name / source.name)
        start_times, _, start_loads = time_runs(two, work, args)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    best = {name: min(values) for name, values in times.items()}
    start = {name: min(values) for name, values in start_times.items()}
    writer = "JsonlWriter (orjson)" if has_orjson() else "the json stand-in (no orjson)"
    out = [
        f"files: {args.corpus} ({compared} documents, each equal to its record)",
        f"writer: {writer}; tasks={args.tasks} workers={args.workers} {args.start_method}",
    ]
    for name, values in times.items():
        shown = ", ".join(f"{value:.2f}" for value in values)
        out.append(
            f"{name:>9}: best {best[name]:.2f} s ({shown}); on two files {start[name]:.2f} s"
        )
    marginal = (best["pipeline"] - start["pipeline"]) / (best["command"] - start["command"])
    out += [
        f"    ratio: {best['pipeline'] / best['command']:.2f} (target <= 1.25)",
        f"           {marginal:.2f} without the time each takes on two files (starting)",
    ]
    if args.start_method == "fork":
        cpu = {name: min(values) for name, values in cpus.items()}
        out.append(
            f"      cpu: command {cpu['command']:.2f} s, pipeline {cpu['pipeline']:.2f} s"
            f" (ratio {cpu['pipeline'] / cpu['command']:.2f})"
        )
    every = loads + start_loads
    out += [
        "    steps: " + ", ".join(f"{name} {total:.2f} s" for name, total in steps.items()),
        f"     load: {min(every):.1f}-{max(every):.1f} (1-minute average, {os.cpu_count()} cores)",
    ]
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
