"""Corpus-scale benchmark: the floors, the parser, the CLI with 1 and 2 jobs, memory, dates.

    python benchmarks/corpus.py [--files 20000] [--memory 10000,100000] [--repeat 5]
                                [--cli-repeat 5] [--keep DIR] [--update-baseline]

``make bench`` runs it on the compiled build (``NEWSPARSE_COMPILE=1``, the
wheel unpacked first on ``PYTHONPATH``); the pure-Python parser is then timed
on the same files too, in a child process without that path.

Builds a corpus from the two real seeds (keyword lines composed from the gold
tags, bodies cut at random), 5% windows-1256 files and 5% other damaged files
(mojibake, lossy mojibake, BOM and CRLF), each written in its own encoding,
then prints, on the same files in one run:

- which build runs (pure Python, or compiled with mypyc);
- two floors: read + decode + split lines (what ``parse_file`` also does) and
  decode + split of bytes already in memory (what ``parse_bytes`` also does);
- ``parse_file`` against the first and ``parse_bytes`` against the second:
  like with like (and the pure-Python build's beside the compiled one);
  ``parse_bytes`` again on damaged files only, and with the keyword-token
  memo emptied before every file (the worst case for the memo);
- the CLI end to end with ``--jobs 1`` and ``--jobs 2``, runs alternated;
- a CLI run to JSONL, CSV and Parquet, each checked record by record;
- the peak memory of the whole process tree of ``--jobs 2`` CLI runs over
  corpora of the ``--memory`` sizes;
- the date-line parser against ``dateparser.parse`` on the same strings;
- each target of the corpus-scale issue, met or not.

Then it is a guard: the ratios to the floors, the ``--jobs 2`` speed-up and the
peak memory are compared with ``benchmarks/baseline.json``, and the exit
status is 1 when one is more than 10% worse.  ``--update-baseline`` writes
this run's figures there instead (docs/performance.md, the guard).
Timings are the best of several runs: a shared VM only ever adds time.
"""

from __future__ import annotations

import argparse
import codecs
import csv
import datetime
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from newsparse import parse_bytes, parse_file
from newsparse._cli.options import build_kind as _build
from newsparse._formats.aggregator.dates import parse_date
from newsparse._formats.aggregator.keywords import _analyse

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
BASELINE = Path(__file__).resolve().parent / "baseline.json"
TOLERANCE = 0.10  # a guarded figure may be this much worse than the baseline


_KEYWORDS_LABEL = "كلمات دلالية:"
T = TypeVar("T")


def _keyword_tags() -> list[str]:
    """The distinct gold tags of the keyword gold set, the parts keyword lines are made of."""
    rows = (DATA / "keywords_gold.jsonl").read_text(encoding="utf-8").splitlines()
    tags = (tag for row in rows if row.strip() for tag in json.loads(row)["tags"])
    return sorted(set(tags))


class _Kind:
    """A seed file: its lines, and how its bytes are written (encoding, BOM, line end)."""

    def __init__(self, path: Path) -> None:
        raw = path.read_bytes()
        self.bom = raw.startswith(codecs.BOM_UTF8)
        self.encoding = "cp1256" if path.name.endswith(".cp1256.txt") else "utf-8"
        text = raw.decode("utf-8-sig" if self.encoding == "utf-8" else self.encoding)
        self.end = "\r\n" if "\r\n" in text else "\n"
        self.lines = text.splitlines()

    def write(self, lines: list[str]) -> bytes:
        data = (self.end.join(lines) + self.end).encode(self.encoding)
        return codecs.BOM_UTF8 + data if self.bom else data


def build_corpus(
    directory: Path, count: int, seed: int = 0, cp1256: float = 0.05, damaged: float = 0.05
) -> int:
    """Write *count* article files into *directory*; return their total size in bytes.

    A file is one of the two real seeds with its headline numbered, its body
    cut at a random point and its keywords line composed of 2 to 12 gold tags
    drawn at random; a share *cp1256* of the files are the windows-1256 seed
    and a share *damaged* the other damaged seeds (mojibake, lossy mojibake,
    BOM and CRLF), written back in their own encoding and line ends.
    """
    rng = random.Random(seed)  # noqa: S311 -- reproducible data, not secrets
    clean = [_Kind(path) for path in sorted(DATA.glob("00[01]_*.txt"))]
    damaged_dir = DATA / "damaged"
    legacy = [_Kind(path) for path in sorted(damaged_dir.glob("*.cp1256.txt"))]
    broken = [_Kind(p) for p in sorted(damaged_dir.glob("*.txt")) if ".cp1256." not in p.name]
    tags = _keyword_tags()
    total = 0
    for i in range(count):
        draw = rng.random()
        kind = rng.choice(legacy if draw < cp1256 else broken if draw < cp1256 + damaged else clean)
        lines = kind.lines
        if kind in clean:
            line = f"{_KEYWORDS_LABEL} " + " ".join(rng.sample(tags, rng.randint(2, 12)))
            lines = [line if text.startswith(_KEYWORDS_LABEL) else text for text in lines]
        head, body = lines[:3], lines[3:]
        cut = rng.randint(max(1, len(body) // 2), max(1, len(body)))
        data = kind.write([f"{head[0]} ({i})", *head[1:], *body[:cut]])
        (directory / f"{i:07d}.txt").write_bytes(data)
        total += len(data)
    return total


def _timed(work: Callable[[], object], repeat: int = 1) -> float:
    """The fastest of *repeat* runs, in seconds: a shared VM only ever adds time."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


# The CLI process reports its own peak (VmHWM, the high-water mark of its memory map) as it
# ends: getrusage's ru_maxrss survives exec on Linux, so it would report this benchmark's size
# at the moment it started the child.
_MEASURED_RUN = """
import sys
from newsparse._cli.main import main
status = main(sys.argv[1:])
with open("/proc/self/status") as status_file:
    line = next(line for line in status_file if line.startswith("VmHWM:"))
sys.stderr.write(f"peak-rss-kib {line.split()[1]}\\n")
"""
_POLL = 0.02  # seconds between two looks at the process tree's memory


def process_stats() -> Iterator[tuple[int, list[bytes]]]:
    """Every process's pid and the fields of its ``/proc/PID/stat`` after its name (field 4
    on, so ``fields[1]`` is its parent's pid), one scan of /proc."""
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as stat:
                    # the command name, in parentheses, may hold spaces: split after it
                    yield int(entry.name), stat.read().rsplit(b")", 1)[1].split()
            except OSError:  # it ended meanwhile
                continue


def _children(parent: int) -> Iterator[int]:
    """The processes whose parent is *parent* (one scan of /proc)."""
    return (pid for pid, fields in process_stats() if int(fields[1]) == parent)


def _high_water(pid: int) -> int:
    """VmHWM of *pid* in KiB, 0 when it has ended."""
    try:
        with open(f"/proc/{pid}/status", "rb") as status:
            for line in status:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree_peak(process: subprocess.Popen[str], stdin: str | None) -> int:
    """The sum of the peaks of the processes under *process* (KiB), polled while it runs.

    Each descendant (the workers, the forkserver) counts at the highest VmHWM
    seen: the sum of each process's own peak, an upper bound on the tree's
    simultaneous peak that only a last-moment growth in a worker could miss.
    """
    feeder = None
    if stdin is not None and process.stdin is not None:
        pipe = process.stdin

        def feed() -> None:
            with pipe:
                pipe.write(stdin)

        feeder = threading.Thread(target=feed)
        feeder.start()
    peaks: dict[int, int] = {}
    while process.poll() is None:
        tree, todo = set(), [process.pid]
        while todo:
            found = list(_children(todo.pop()))
            tree.update(found)
            todo += found
        for pid in tree:
            peaks[pid] = max(peaks.get(pid, 0), _high_water(pid))
        time.sleep(_POLL)
    if feeder is not None:
        feeder.join()
    return sum(peaks.values())


def measured(
    arguments: list[str], *, stdin: str | None = None, tree: bool = False
) -> tuple[float, int, int, str]:
    """Wall seconds, the command's own peak RSS, that plus (with *tree*) the peaks of all its
    descendants (KiB, :func:`_tree_peak`), and the standard error of one run of
    ``newsparse ARGUMENTS``; *stdin* is written to its standard input."""
    command = [sys.executable, "-c", _MEASURED_RUN, *arguments]
    start = time.perf_counter()
    with subprocess.Popen(  # noqa: S603
        command,
        stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        if tree:
            descendants = _tree_peak(process, stdin)
            stderr = process.stderr.read() if process.stderr is not None else ""
        else:
            descendants = 0
            stderr = process.communicate(stdin)[1]
    seconds = time.perf_counter() - start
    said, peak = stderr.rsplit("peak-rss-kib ", 1)
    return seconds, int(peak), int(peak) + descendants, said.strip()


def _cli(
    directory: Path, jobs: int, out: Path, *, stdin: str | None = None, tree: bool = False
) -> tuple[float, int, str]:
    """Wall seconds, peak RSS (KiB) and summary line of one CLI run.

    The peak is the CLI process's own, plus with *tree* those of all its
    descendants (:func:`_tree_peak`).  With *stdin* (one path a line) the CLI
    reads its paths from there (``-``).
    """
    source = "-" if stdin is not None else str(directory)
    arguments = ["parse", source, "--jobs", str(jobs), "-o", str(out)]
    seconds, own, whole, summary = measured(arguments, stdin=stdin, tree=tree)
    return seconds, whole if tree else own, summary


def _jobs(corpus: Path, work: Path, count: int, repeat: int) -> tuple[str, float]:
    """The CLI with --jobs 1 and 2, runs alternated (a slow spell hits both), best of *repeat*."""
    one = two = float("inf")
    for _ in range(repeat):
        one = min(one, _cli(corpus, 1, work / "one.jsonl")[0])
        two = min(two, _cli(corpus, 2, work / "two.jsonl")[0])
    same = (work / "one.jsonl").read_bytes() == (work / "two.jsonl").read_bytes()
    line = (
        f"CLI --jobs 1: {one:.1f} s ({count / one:.0f} files/s); --jobs 2: {two:.1f} s "
        f"({count / two:.0f} files/s); speed-up {one / two:.2f}x; same output: {same}"
    )
    return line, one / two


def _outputs(corpus: Path, work: Path, count: int) -> str:
    """Run the CLI to JSONL, CSV and Parquet and check every file is whole and in order."""
    import pyarrow.parquet as pq  # noqa: PLC0415 -- the bench extra

    names = sorted(str(path) for path in corpus.iterdir())
    checks = {}
    for suffix in ("jsonl", "csv", "parquet"):
        out = work / f"all.{suffix}"
        _, _, summary = _cli(corpus, 2, out)
        if suffix == "jsonl":
            with out.open(encoding="utf-8") as lines:
                paths = [json.loads(line)["path"] for line in lines]
        elif suffix == "csv":
            with out.open(encoding="utf-8-sig", newline="") as rows:
                paths = [row["path"] for row in csv.DictReader(rows)]
        else:
            paths = pq.read_table(out, columns=["path"]).column("path").to_pylist()
        checks[suffix] = "valid" if paths == names else f"INVALID ({len(paths)} records)"
    expected = f"{count} files, {count} articles, 0 failed"
    said = "correct" if expected in summary else "WRONG"
    return (
        f"CLI outputs over {count} files: "
        + ", ".join(f"{suffix} {verdict}" for suffix, verdict in checks.items())
        + f"; summary {said}: {summary}"
    )


def _dates(out: list[str]) -> float | None:
    days = ((1, "st"), (22, "nd"), (3, "rd"), (28, "th"))
    months = ("January", "February", "March", "October")
    strings = [f"{d}{s}, {m} 20{y:02d} GMT" for d, s in days for m in months for y in range(10, 25)]
    ours = _timed(lambda: [parse_date(s) for s in strings], 5) / len(strings)
    try:
        import dateparser  # noqa: PLC0415 -- a benchmark-only comparison
    except ImportError:
        out.append(f"date line: newsparse {ours * 1e6:.1f} µs/date (dateparser not installed)")
        return None
    theirs = _timed(lambda: [dateparser.parse(s) for s in strings]) / len(strings)
    out.append(
        f"date line: newsparse {ours * 1e6:.1f} µs/date, dateparser {theirs * 1e3:.2f} ms/date, "
        f"{theirs / ours:.0f}x faster"
    )
    return theirs / ours


def _each(work: Callable[[T], object], items: list[T]) -> Callable[[], None]:
    """A run of *work* over *items* that drops each result, as a corpus run does."""

    def run() -> None:
        for item in items:
            work(item)

    return run


def _floor_text(data: bytes) -> list[str]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1256")
    return text.splitlines()


def _read_floor(path: Path) -> list[str]:
    return _floor_text(path.read_bytes())


_SLICE = 250  # files per slice in _throughput: tens of milliseconds of work


def _throughput(files: list[Path], blobs: list[bytes], repeat: int) -> tuple[float, ...]:
    """Seconds of the read floor, parse_file, the decode floor and parse_bytes over the corpus.

    The read floor reads, decodes and splits each file, as ``parse_file``
    must; the decode floor decodes and splits bytes already in memory, as
    ``parse_bytes`` must.  The corpus is cut into slices of 250 files, and
    each slice is timed with the four in turn, *repeat* times over; each
    slice counts at its best for each, and the totals are the sums.  The VM's
    slow spells last seconds, so they hit the four alike inside a slice.
    Each result is dropped as soon as it is made, as a corpus run does.
    """
    totals = [0.0] * 4
    for start in range(0, len(files), _SLICE):
        some_files, some_blobs = files[start : start + _SLICE], blobs[start : start + _SLICE]
        runs = [
            _each(_read_floor, some_files),
            _each(parse_file, some_files),
            _each(_floor_text, some_blobs),
            _each(parse_bytes, some_blobs),
        ]
        best = [float("inf")] * len(runs)
        for _ in range(repeat):
            best = [min(old, _timed(run)) for old, run in zip(best, runs, strict=True)]
        totals = [total + seconds for total, seconds in zip(totals, best, strict=True)]
    return tuple(totals)


def _pure_python(corpus: Path, repeat: int) -> tuple[float, ...]:
    """The four timings of :func:`_throughput`, pure Python, in a child process."""
    env = {name: value for name, value in os.environ.items() if name != "PYTHONPATH"}
    command = [sys.executable, __file__, "--throughput-of", str(corpus), "--repeat", str(repeat)]
    done = subprocess.run(command, env=env, check=True, capture_output=True, text=True)  # noqa: S603
    return tuple(float(seconds) for seconds in json.loads(done.stdout))


def _cold(blobs: list[bytes]) -> None:
    for blob in blobs:
        _analyse.cache_clear()
        parse_bytes(blob)


def _worst_cases(work: Path, repeat: int) -> str:
    """parse_bytes on damaged files only, and with the keyword-token memo emptied every file."""
    damaged = work / "damaged"
    damaged.mkdir(exist_ok=True)
    mb = build_corpus(damaged, 500, seed=1, cp1256=0.5, damaged=0.5) / 1e6
    blobs = [p.read_bytes() for p in sorted(damaged.iterdir())]
    seconds = _timed(_each(parse_bytes, blobs), repeat)
    clean = [p.read_bytes() for p in sorted((work / "corpus").iterdir())[:500]]
    clean_mb = sum(map(len, clean)) / 1e6
    cold = _timed(lambda: _cold(clean), repeat)
    return (
        f"parse_bytes, damaged files only: {mb / seconds:.1f} MB/s; "
        f"with no tag seen before (token memo emptied every file): {clean_mb / cold:.1f} MB/s"
    )


def _verdict(met: bool) -> str:
    return "met" if met else "NOT MET"


# The guarded figures: name -> whether a higher figure is better.  Ratios to the floors
# rather than seconds or MB/s: the VM slows the floors and the parser alike.
GUARDED = {
    "parse_file_x_read_floor": False,
    "parse_bytes_x_decode_floor": False,
    "pure_parse_file_x_read_floor": False,
    "pure_parse_bytes_x_decode_floor": False,
    "jobs2_speedup": True,
}


def _worse(name: str, figure: float, base: float, higher_better: bool) -> str | None:
    """Why *figure* fails the guard against *base*, or None when it passes."""
    change = figure / base - 1
    if (-change if higher_better else change) <= TOLERANCE:
        return None
    return f"{name}: {figure:.3f} against {base:.3f} in the baseline ({change:+.1%})"


def guard(figures: dict[str, float], baseline: dict[str, float]) -> list[str]:
    """The figures of *figures* more than TOLERANCE worse than the same in *baseline*."""
    failures = []
    for name, value in figures.items():
        base = baseline.get(name)
        if base is None:  # a figure the baseline does not have yet
            continue
        higher_better = GUARDED.get(name, False)  # peak_mib_*: lower is better
        failure = _worse(name, value, base, higher_better)
        if failure is not None:
            failures.append(failure)
    return failures


def _comparable(run: dict[str, object], baseline: dict[str, object]) -> str | None:
    """Why this run cannot be compared with *baseline*, or None when it can."""
    for key in ("build", "files", "memory"):
        if run[key] != baseline.get(key):
            return f"{key} is {run[key]!r} here, {baseline.get(key)!r} in the baseline"
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=20_000)
    parser.add_argument("--memory", default="10000,100000", help="corpus sizes for peak memory")
    parser.add_argument("--keep", type=Path, help="build the corpus here and keep it")
    parser.add_argument("--repeat", type=int, default=5, help="runs per timing; the best counts")
    parser.add_argument("--cli-repeat", type=int, default=5, help="CLI runs per --jobs value")
    parser.add_argument(
        "--update-baseline", action="store_true", help=f"write the figures to {BASELINE.name}"
    )
    parser.add_argument("--baseline", type=Path, default=BASELINE, help=argparse.SUPPRESS)
    parser.add_argument("--throughput-of", type=Path, help=argparse.SUPPRESS)  # _pure_python
    args = parser.parse_args(argv)
    if args.throughput_of is not None:
        files = sorted(args.throughput_of.iterdir())
        timings = _throughput(files, [path.read_bytes() for path in files], args.repeat)
        sys.stdout.write(json.dumps(timings) + "\n")
        return 0
    work = args.keep or Path(tempfile.mkdtemp(prefix="newsparse-bench-"))
    corpus = work / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    size = build_corpus(corpus, args.files)
    files = sorted(corpus.iterdir())
    mb = size / 1e6
    out = [f"corpus: {len(files)} files, {mb:.1f} MB, Python {sys.version.split()[0]}, "
           f"{os.cpu_count()} CPUs; times are the best of {args.repeat} runs; "
           f"newsparse {_build()}"]  # fmt: skip
    figures: dict[str, float] = {}

    repeat = args.repeat
    blobs = [p.read_bytes() for p in files]
    read_floor, by_file, decode_floor, seconds = _throughput(files, blobs, repeat)
    file_ratio, bytes_ratio = by_file / read_floor, seconds / decode_floor
    figures["parse_file_x_read_floor"] = file_ratio
    figures["parse_bytes_x_decode_floor"] = bytes_ratio
    out.append(f"read floor (read + decode + split): {mb / read_floor:.1f} MB/s, "
               f"{read_floor / len(files) * 1e6:.1f} µs a file")  # fmt: skip
    out.append(f"decode floor (decode + split, bytes in memory): {mb / decode_floor:.1f} MB/s, "
               f"{decode_floor / len(files) * 1e6:.1f} µs a file")  # fmt: skip
    out.append(f"parse_file: {len(files) / by_file:.0f} files/s, {mb / by_file:.1f} MB/s, "
               f"{file_ratio:.2f}x the read floor (the headline: like with like)")  # fmt: skip
    rate = mb / seconds
    out.append(f"parse_bytes: {rate:.1f} MB/s, {len(blobs) / seconds:.0f} articles/s, "
               f"{bytes_ratio:.1f}x the decode floor; {seconds / read_floor:.2f}x the read "
               "floor (the old headline, bytes against files)")  # fmt: skip
    compiled = _build() != "pure Python"
    if compiled:
        pure_read, pure_file, pure_decode, pure = _pure_python(corpus, repeat)
        figures["pure_parse_file_x_read_floor"] = pure_file / pure_read
        figures["pure_parse_bytes_x_decode_floor"] = pure / pure_decode
        out.append(
            f"pure Python (in a child process, read floor {mb / pure_read:.1f} MB/s there): "
            f"parse_file {mb / pure_file:.1f} MB/s, {pure_file / pure_read:.2f}x the read floor; "
            f"parse_bytes {mb / pure:.1f} MB/s, {pure / pure_decode:.1f}x the decode floor"
        )
    kept = _timed(lambda: [parse_bytes(b) for b in blobs], repeat)
    out.append(f"parse_bytes keeping all {len(blobs)} Articles in a list: {mb / kept:.1f} MB/s "
               "(the garbage collector walks every one kept)")  # fmt: skip
    out.append(_worst_cases(work, repeat))

    line, speedup = _jobs(corpus, work, len(files), args.cli_repeat)
    figures["jobs2_speedup"] = speedup
    out.append(line)
    out.append(_outputs(corpus, work, len(files)))

    peaks, streamed = [], []
    for count in (int(n) for n in args.memory.split(",")):
        sized = work / f"memory-{count}"
        sized.mkdir(exist_ok=True)
        build_corpus(sized, count, seed=count)
        _, peak, _ = _cli(sized, 2, work / f"memory-{count}.jsonl", tree=True)
        listing = "".join(f"{path}\n" for path in sorted(sized.iterdir()))
        _, fed, _ = _cli(sized, 2, work / f"memory-{count}.jsonl", stdin=listing, tree=True)
        shutil.rmtree(sized)
        peaks.append(peak)
        streamed.append(fed)
        figures[f"peak_mib_directory_{count}"] = peak / 1024
        figures[f"peak_mib_stdin_{count}"] = fed / 1024
        out.append(
            f"peak memory of a --jobs 2 CLI run over {count} articles, whole process tree: "
            f"{peak / 1024:.0f} MiB given the directory (its file names are listed and "
            f"sorted), {fed / 1024:.0f} MiB given the paths on stdin"
        )
    times_faster = _dates(out)

    growth = max(peaks) / min(peaks) - 1
    fed_growth = max(streamed) / min(streamed) - 1
    out += [
        "targets:",
        f"  at most 6x the floor, like with like (parse_file against the read floor): "
        f"{file_ratio:.2f}x, {_verdict(file_ratio <= 6)}"
        + (" (compiled build)" if compiled else ""),
        f"  one core at least 25 MB/s (parse_bytes): {rate:.1f} MB/s, {_verdict(rate >= 25)}",
        f"  --jobs 2 at least 1.7x --jobs 1: {speedup:.2f}x, {_verdict(speedup >= 1.7)}",
        f"  peak memory (--jobs 2 process tree) flat within 20%: {growth:+.0%} given the "
        f"directory, {_verdict(growth <= 0.2)}; {fed_growth:+.0%} given the paths, "
        f"{_verdict(fed_growth <= 0.2)}",
        "  date line at least 500x dateparser: "
        + ("dateparser not installed" if times_faster is None
           else f"{times_faster:.0f}x, {_verdict(times_faster >= 500)}"),
    ]  # fmt: skip
    run: dict[str, object] = {
        "build": _build(),
        "files": args.files,
        "memory": args.memory,
        "date": datetime.date.today().isoformat(),
        "machine": f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}",
        "load": " ".join(f"{load:.2f}" for load in os.getloadavg()),
        "figures": {name: round(value, 4) for name, value in figures.items()},
    }
    status = 0
    if args.update_baseline:
        args.baseline.write_text(json.dumps(run, indent=2) + "\n", encoding="utf-8")
        out.append(f"baseline written to {args.baseline}")
    elif not args.baseline.exists():
        out.append(f"guard: no baseline at {args.baseline}; --update-baseline writes one")
    else:
        baseline = json.loads(args.baseline.read_text(encoding="utf-8"))
        why = _comparable(run, baseline)
        failures = [] if why is not None else guard(figures, baseline["figures"])
        if why is not None:
            out.append(f"guard: not comparable with the baseline ({why}), skipped")
        elif failures:
            out.append(f"guard: FAILED, more than {TOLERANCE:.0%} worse than the baseline of "
                       f"{baseline['date']}:")  # fmt: skip
            out += [f"  {failure}" for failure in failures]
            status = 1
        else:
            out.append(f"guard: passed, every guarded figure within {TOLERANCE:.0%} of the "
                       f"baseline of {baseline['date']}")  # fmt: skip
    sys.stdout.write("\n".join(out) + "\n")
    if args.keep is None:
        shutil.rmtree(work)
    return status


if __name__ == "__main__":
    sys.exit(main())
