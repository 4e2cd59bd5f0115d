"""Corpus-scale benchmark: the floor, the parser, the CLI with 1 and 2 jobs, memory, dates.

    python benchmarks/corpus.py [--files 2000] [--memory 2000,10000] [--keep DIR]

Builds a realistic corpus from the seeds, the damaged copies and the
hand-written cases (light variations of each), then prints on the same
files, in one run:

- the floor: read + decode + split lines, MB/s;
- ``parse_file`` files/s and MB/s, ``parse_bytes`` MB/s and articles/s, and
  their cost as a multiple of the floor;
- the CLI end to end (``newsparse parse DIR -q -o out.jsonl``) with
  ``--jobs 1`` and ``--jobs 2``, and the speed-up;
- the peak memory (max RSS) of CLI runs over corpora of the ``--memory``
  sizes;
- the date-line parser against ``dateparser.parse`` on the same strings
  (when dateparser is installed: ``pip install dateparser``).

A measurement, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from newsparse import parse_bytes, parse_file
from newsparse._dates import parse_date

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"


_KEYWORDS_LABEL = "كلمات دلالية:"


def _decoded(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1256")


def _keyword_lines() -> list[str]:
    """The 48 real keywords lines of the keyword gold set, to vary the tags across files."""
    rows = (DATA / "keywords_gold.jsonl").read_text(encoding="utf-8").splitlines()
    return [f"{_KEYWORDS_LABEL} {json.loads(row)['raw']}" for row in rows if row.strip()]


def build_corpus(directory: Path, count: int, seed: int = 0, damaged: float = 0.1) -> int:
    """Write *count* article files into *directory*; return their total size in bytes.

    A file is one of the two real seeds with its
    headline numbered, its body cut at a random point and its keywords line
    drawn from the 48 real ones; a share *damaged* of the files are the damaged
    copies of the seeds (mojibake, windows-1256, BOM and CRLF) instead.
    """
    rng = random.Random(seed)  # noqa: S311 -- reproducible data, not secrets
    clean = [_decoded(path) for path in sorted(DATA.glob("00[01]_*.txt"))]
    broken = [_decoded(path) for path in sorted((DATA / "damaged").glob("*.txt"))]
    keywords = _keyword_lines()
    total = 0
    for i in range(count):
        if rng.random() < damaged:
            lines = rng.choice(broken).splitlines()
        else:
            lines = [
                rng.choice(keywords) if line.startswith(_KEYWORDS_LABEL) else line
                for line in rng.choice(clean).splitlines()
            ]
        head, body = lines[:3], lines[3:]
        cut = rng.randint(max(1, len(body) // 2), max(1, len(body)))
        text = "\n".join([f"{head[0]} ({i})", *head[1:], *body[:cut]]) + "\n"
        data = text.encode("utf-8")
        (directory / f"{i:07d}.txt").write_bytes(data)
        total += len(data)
    return total


def _timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


_MEASURED_RUN = """
import resource, sys
from newsparse._cli import main
status = main(sys.argv[1:])
sys.stderr.write(f"peak-rss-kib {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n")
"""


def _cli(directory: Path, jobs: int, out: Path) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB, of the main process) of one CLI run in a child process."""
    command = [sys.executable, "-c", _MEASURED_RUN, "parse", str(directory), "-q",
               "--jobs", str(jobs), "-o", str(out)]  # fmt: skip
    start = time.perf_counter()
    done = subprocess.run(command, check=False, capture_output=True, text=True)  # noqa: S603
    seconds = time.perf_counter() - start
    peak = int(done.stderr.rsplit("peak-rss-kib ", 1)[1])
    return seconds, peak


def _dates(out: list[str]) -> None:
    days = ((1, "st"), (22, "nd"), (3, "rd"), (28, "th"))
    months = ("January", "February", "March", "October")
    strings = [f"{d}{s}, {m} 20{y:02d} GMT" for d, s in days for m in months for y in range(10, 25)]
    ours = _timed(lambda: [parse_date(s) for s in strings]) / len(strings)
    try:
        import dateparser  # noqa: PLC0415 -- a benchmark-only comparison
    except ImportError:
        out.append(f"date line: newsparse {ours * 1e6:.1f} µs/date (dateparser not installed)")
        return
    theirs = _timed(lambda: [dateparser.parse(s) for s in strings]) / len(strings)
    out.append(
        f"date line: newsparse {ours * 1e6:.1f} µs/date, dateparser {theirs * 1e3:.2f} ms/date, "
        f"{theirs / ours:.0f}x faster"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--memory", default="2000,10000", help="corpus sizes for peak memory")
    parser.add_argument("--keep", type=Path, help="build the corpus here and keep it")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="newsparse-bench-"))
    corpus = work / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    size = build_corpus(corpus, args.files)
    files = sorted(corpus.iterdir())
    mb = size / 1e6
    out = [f"corpus: {len(files)} files, {mb:.1f} MB, Python {sys.version.split()[0]}"]

    floor = _timed(lambda: [p.read_bytes().decode("utf-8").splitlines() for p in files])
    out.append(f"floor (read + decode + split): {mb / floor:.1f} MB/s")
    seconds = _timed(lambda: [parse_file(p) for p in files])
    out.append(f"parse_file: {len(files) / seconds:.0f} files/s, {mb / seconds:.1f} MB/s, "
               f"{seconds / floor:.1f}x the floor")  # fmt: skip
    blobs = [p.read_bytes() for p in files]
    seconds = _timed(lambda: [parse_bytes(b) for b in blobs])
    out.append(f"parse_bytes: {mb / seconds:.1f} MB/s, {len(blobs) / seconds:.0f} articles/s")

    one, _ = _cli(corpus, 1, work / "one.jsonl")
    two, _ = _cli(corpus, 2, work / "two.jsonl")
    same = (work / "one.jsonl").read_bytes() == (work / "two.jsonl").read_bytes()
    out.append(f"CLI --jobs 1: {one:.1f} s ({len(files) / one:.0f} files/s); --jobs 2: {two:.1f} s "
               f"({len(files) / two:.0f} files/s); speed-up {one / two:.2f}x; "
               f"same output: {same}")  # fmt: skip

    for count in (int(n) for n in args.memory.split(",")):
        sized = work / f"memory-{count}"
        sized.mkdir(exist_ok=True)
        build_corpus(sized, count, seed=count)
        _, peak = _cli(sized, 1, work / f"memory-{count}.jsonl")
        out.append(f"peak memory of a CLI run over {count} articles: {peak / 1024:.0f} MiB")
    _dates(out)
    sys.stdout.write("\n".join(out) + "\n")
    if args.keep is None:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
