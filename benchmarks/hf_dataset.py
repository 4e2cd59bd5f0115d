"""``newsparse.hf.to_dataset`` against the command, on the same files and the same cores.

    python -m benchmarks.hf_dataset CORPUS [--jobs 2] [--repeat 3] [--glob "*.txt"]

Runs, alternated so that a slow spell of a shared machine hits them alike, best of
*repeat* each:

- ``newsparse parse CORPUS --jobs N -q -o out.parquet``: the whole process;
- ``to_dataset(CORPUS, jobs=N)`` in a fresh process: the call alone (the dataset in
  memory), and the whole process, which also imports ``datasets`` (a second or more);
  so that the call does not, ``datasets`` is imported before it;
- the same with ``cache_dir=`` (the Arrow file written, the dataset mapped from it).

It prints the wall times, their ratios to the command's (the target of issue 18 is 1.25x
for the call), the peak RSS of the process that made the dataset (which, with
``cache_dir=``, should not grow with the corpus: run it on two sizes) and the load average
before and after, and checks that the dataset's rows are the
Parquet file's.  Make a corpus with ``python -m benchmarks.devcorpus /tmp/hfc --files 5000``.
The exit status is 1 when the call takes more than 1.25x the command or the rows differ.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TARGET = 1.25
_OFFLINE = {"HF_DATASETS_OFFLINE": "1", "HF_HUB_OFFLINE": "1"}


def _child(corpus: str, jobs: int, glob: str | None, cache_dir: str | None, check: str) -> int:
    """Time the import and the call here, in a process of its own; print them as JSON."""
    start = time.perf_counter()
    import datasets  # noqa: F401, PLC0415 -- its import is measured, apart from the call

    from newsparse.hf import to_dataset  # noqa: PLC0415

    imported = time.perf_counter()
    dataset = to_dataset(corpus, glob=glob, jobs=jobs, cache_dir=cache_dir)
    built = time.perf_counter()
    same = None
    if check:
        import pyarrow.parquet as pq  # noqa: PLC0415

        same = dataset.to_list() == pq.read_table(check).to_pylist()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    report = {"import": imported - start, "call": built - imported, "rows": len(dataset)}
    report["peak"] = peak
    sys.stdout.write(json.dumps({**report, "same": same}) + "\n")
    return 0


def _environment() -> dict[str, str]:
    return {**os.environ, **_OFFLINE}


def _command(corpus: Path, jobs: int, glob: str | None, out: Path) -> float:
    """Wall seconds of one ``newsparse parse`` run (its process, from start to exit)."""
    arguments = ["parse", str(corpus), "--jobs", str(jobs), "-q", "-o", str(out)]
    if glob is not None:
        arguments += ["--glob", glob]
    start = time.perf_counter()
    code = "import sys; from newsparse._cli.command import main; sys.exit(main())"
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code, *arguments], env=_environment(), check=False
    )
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):  # 1: some file failed, as a corpus may have
        raise SystemExit(f"newsparse parse exited with {done.returncode}")
    return seconds


def _dataset(
    corpus: Path, jobs: int, glob: str | None, cache_dir: str | None, check: str = ""
) -> dict[str, Any]:
    """One to_dataset run in a fresh process: its import, call and whole-process seconds."""
    arguments = ["--child", str(corpus), "--jobs", str(jobs), "--check", check]
    if glob is not None:
        arguments += ["--glob", glob]
    if cache_dir is not None:
        arguments += ["--cache-dir", cache_dir]
    start = time.perf_counter()
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "benchmarks.hf_dataset", *arguments],
        env=_environment(), check=True, capture_output=True, text=True,
    )  # fmt: skip
    report: dict[str, Any] = json.loads(done.stdout)
    report["process"] = time.perf_counter() - start
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--glob", default=None)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--cache-dir", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--check", default="", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return _child(args.corpus, args.jobs, args.glob, args.cache_dir, args.check)
    corpus = Path(args.corpus)
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="newsparse-hf-bench-") as work:
        out = Path(work, "out.parquet")
        commands: list[float] = []
        in_memory: list[dict[str, Any]] = []
        in_cache: list[dict[str, Any]] = []
        for _ in range(args.repeat):
            # Each run of the command replaces out.parquet, which is whole at every step.
            commands.append(_command(corpus, args.jobs, args.glob, out))
            in_memory.append(_dataset(corpus, args.jobs, args.glob, None))
            in_cache.append(_dataset(corpus, args.jobs, args.glob, tempfile.mkdtemp(dir=work)))
        checked = _dataset(corpus, args.jobs, args.glob, None, check=str(out))
    load_after = os.getloadavg()
    command = min(commands)
    memory = min(in_memory, key=lambda run: run["call"])
    mapped = min(in_cache, key=lambda run: run["call"])
    ratio = memory["call"] / command
    lines = [
        f"{memory['rows']} records, --jobs {args.jobs}, best of {args.repeat}, "
        f"load average {load_before[0]:.1f} before, {load_after[0]:.1f} after "
        f"({os.cpu_count()} cores)",
        f"newsparse parse -o out.parquet: {command:.2f} s (the whole process)",
        f"to_dataset: {memory['call']:.2f} s the call ({ratio:.2f}x the command), "
        f"{memory['process']:.2f} s the process ({memory['process'] / command:.2f}x; "
        f"importing datasets and newsparse.hf {memory['import']:.2f} s); "
        f"peak RSS {memory['peak']:.0f} MiB",
        f"to_dataset(cache_dir=): {mapped['call']:.2f} s the call "
        f"({mapped['call'] / command:.2f}x), {mapped['process']:.2f} s the process; "
        f"peak RSS {mapped['peak']:.0f} MiB",
        f"the rows are the Parquet file's: {checked['same']}",
    ]
    sys.stdout.write("\n".join(lines) + "\n")
    return 0 if ratio <= TARGET and checked["same"] else 1


if __name__ == "__main__":
    sys.exit(main())
