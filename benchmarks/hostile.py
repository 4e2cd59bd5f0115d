"""Hostile-input benchmark: time and memory of parse_bytes at 1, 4 and 16 MB, and at the limit.

Each input is built to hurt a line parser: one endless line, thousands of
read-also markers, the source label and ``؟`` seams everywhere, megabytes of
lossy mojibake, a keywords line of megabytes, a byline of spaces.  Linear
behaviour shows as time and peak memory growing as the input does: the last
two columns give the growth from the smallest to the largest input, which is
16 for 1 MB to 16 MB; a quadratic path would show 256.  That table measures
the parser's own scaling, so the dump's line limit (100,000) is lifted there:
several of these inputs have millions of lines.

The second table is the peak memory (VmHWM) of a fresh process that does
what a ``--jobs`` worker does for one file (``newsparse._cli.main._outcome``: read,
decode, parse, encode each record as JSON Lines) on an input of each kind
just under the default size limit, the inputs above and more (windows-1256,
long lines under the line limit, JSON of half a million tiny articles).

    python benchmarks/hostile.py [--sizes 1,4,16] [--repeat 5] [--limit-mib 49.9]

This is a measurement, not a test: nothing here asserts a time or a size.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from newsparse import NewsparseError, parse_bytes
from newsparse._formats.aggregator import parser as _dump_parser

MB = 1024 * 1024
HEAD = "عنوان الخبر عن المباحثات بين البلدين\nتاريخ النشر: 29th, January 2024 GMT\n"
SENTENCE = "وقال الوزير إن المباحثات بين البلدين مستمرة لتعزيز التعاون الأمني والاقتصادي. "


def _fill(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit.encode("utf-8")))


def endless_line(size: int) -> bytes:
    return (HEAD + _fill(SENTENCE, size)).encode("utf-8")


def markers(size: int) -> bytes:
    unit = "اقرأ أيضاً\nعنوان خبر ذي صلة بالموضوع\nاقرأ أيضاً: عنوان آخر\nإقرأ أيضاً:\n"
    return (HEAD + _fill(unit, size)).encode("utf-8")


def source_and_seams(size: int) -> bytes:
    unit = 'المصدر: وكالة المصدر: "نص" ؟وقال ما السبب؟وقال المصدر\nاقرأ أيضاً\nهل؟لماذا؟كيف؟متى\n'
    return (HEAD + _fill(unit, size) + "المصدر: وكالات\n").encode("utf-8")


def lossy_mojibake(size: int) -> bytes:
    line = SENTENCE.encode("utf-8").decode("cp1256").replace("\u00ad", "") + "\n"
    return (HEAD + _fill(line, size)).encode("utf-8")


def keywords_line(size: int) -> bytes:
    tags = "إيران باكستان مكافحة الإرهاب قصف متبادل عبد اللهيان الحرس الثوري الإيراني 2024 "
    return (HEAD + SENTENCE + "\nالمصدر: وكالات\nكلمات دلالية: " + _fill(tags, size)).encode()


def spaces(size: int) -> bytes:
    return (HEAD + "كتب: " + " " * size + "و\n" + SENTENCE).encode("utf-8")


INPUTS: dict[str, Callable[[int], bytes]] = {
    "one endless line": endless_line,
    "thousands of markers": markers,
    "المصدر and ؟ everywhere": source_and_seams,
    "lossy mojibake": lossy_mojibake,
    "a huge keywords line": keywords_line,
    "a byline of spaces": spaces,
}


def _long_lines(line: str, size: int) -> str:
    """*line* repeated into lines long enough that *size* bytes stay under the line limit."""
    unit = line * -(-max(len(line.encode()), size // 99_000) // len(line.encode())) + "\n"
    return unit * (size // len(unit.encode()))


def _windows_1256(size: int) -> bytes:
    """Long lines in windows-1256, one byte a letter: nearly twice the letters in *size*."""
    data = (HEAD + _long_lines(SENTENCE, 2 * size)).encode("cp1256")
    return data[: data.rfind(b"\n", 0, size) + 1]


def _tiny_objects(size: int) -> bytes:
    one = json.dumps(
        {"source": "s", "url": "", "date_extracted": "2015-07-21 10:00:00", "title": "t",
         "author": "", "content": "ب"}
    )  # fmt: skip
    return ("[" + ",".join([one] * (size // (len(one) + 1))) + "]").encode()


def _tiny_records(size: int) -> bytes:
    line = json.dumps(
        {
            "path": "x",
            "title": "t",
            "published": None,
            "authors": [],
            "body": [],
            "source": None,
            "keywords": [],
            "keywords_raw": None,
            "related": [],
        }
    )
    return (line + "\n").encode() * (size // (len(line) + 1))  # fmt: skip


AT_THE_LIMIT: dict[str, tuple[str, Callable[[int], bytes]]] = {
    **{name: ("aggregator-text", build) for name, build in INPUTS.items()},
    "lines of 500 bytes, 99,000 of them": (
        "aggregator-text", lambda size: (HEAD + _long_lines(SENTENCE, size)).encode()
    ),
    "the same, windows-1256": ("aggregator-text", _windows_1256),
    "the same, mojibake": (
        "aggregator-text",
        lambda size: (HEAD + _long_lines(SENTENCE.encode().decode("cp1256"), size)).encode(),
    ),
    "a SaudiNewsNet array of tiny articles": ("saudinewsnet", _tiny_objects),
    "JSON Lines of tiny records": ("newsparse-jsonl", _tiny_records),
}  # fmt: skip

_WORKER = """
import sys, time
from newsparse._cli.main import _outcome
from newsparse._corpus.writers import JsonLines
start = time.perf_counter()
done = _outcome(sys.argv[1], encoder=JsonLines(), format=sys.argv[2], strict=False, registry=None)
seconds = time.perf_counter() - start
with open("/proc/self/status") as status:
    peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
print(done.error or f"{done.articles} article" + "s" * (done.articles != 1), seconds, peak)
"""


def at_the_limit(size: int) -> list[str]:
    """The rows of the second table: peak memory of one worker on each kind of input."""
    rows = ["| input | size MiB | outcome | s | peak MiB |", "|---|---|---|---|---|"]
    with tempfile.TemporaryDirectory() as folder:
        for name, (format_name, build) in AT_THE_LIMIT.items():
            path = Path(folder, "input")
            path.write_bytes(build(size))
            done = subprocess.run(  # noqa: S603 -- our own interpreter and script
                [sys.executable, "-c", _WORKER, str(path), format_name],
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            outcome, seconds, peak = done.stdout.rsplit(maxsplit=2)
            mib, peak_mib = os.path.getsize(path) / MB, int(peak) / 1024
            rows.append(
                f"| {name} | {mib:.1f} | {outcome} | {float(seconds):.1f} | {peak_mib:.0f} |"
            )
    return rows


def measure(data: bytes, repeat: int) -> tuple[float, int]:
    """Best wall time over *repeat* runs, and the peak traced memory of one run (the line
    limit lifted: this is the parser's scaling)."""
    limit, _dump_parser.MAX_LINES = _dump_parser.MAX_LINES, sys.maxsize
    try:
        return _measure(data, repeat)
    finally:
        _dump_parser.MAX_LINES = limit


def _measure(data: bytes, repeat: int) -> tuple[float, int]:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        with contextlib.suppress(NewsparseError):
            parse_bytes(data, max_bytes=len(data))
        best = min(best, time.perf_counter() - start)
    tracemalloc.start()
    with contextlib.suppress(NewsparseError):
        parse_bytes(data, max_bytes=len(data))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return best, peak


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,4,16", help="input sizes in MB")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--limit-mib", type=float, default=49.9, help="inputs of the second table")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    out = sys.stdout
    header = " | ".join(f"{size} MB s | {size} MB peak MiB" for size in sizes)
    span = f"x{sizes[-1] // sizes[0]}"
    out.write(f"| input | {header} | time {span} | memory {span} |\n")
    out.write("|---" * (2 + 2 * len(sizes) + 1) + "|\n")
    for name, build in INPUTS.items():
        cells, times, peaks = [], [], []
        for size in sizes:
            seconds, peak = measure(build(size * MB), args.repeat)
            times.append(seconds)
            peaks.append(peak)
            cells.append(f"{seconds:.3f} | {peak / MB:.1f}")
        out.write(
            f"| {name} | {' | '.join(cells)} | {times[-1] / times[0]:.1f} "
            f"| {peaks[-1] / peaks[0]:.1f} |\n"
        )
        out.flush()
    out.write(f"\npeak memory of one worker on one file of {args.limit_mib} MiB:\n")
    out.write("\n".join(at_the_limit(int(args.limit_mib * MB))) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
