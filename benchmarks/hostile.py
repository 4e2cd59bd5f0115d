"""Hostile-input benchmark: time and peak memory of parse_bytes at 1, 4 and 16 MB.

Each input is built to hurt a line parser: one endless line, thousands of
read-also markers, the source label and ``؟`` seams everywhere, megabytes of
lossy mojibake, a keywords line of megabytes, a byline of spaces.  Linear
behaviour shows as time and peak memory growing as the input does: the last
two columns give the growth from the smallest to the largest input, which is
16 for 1 MB to 16 MB; a quadratic path would show 256.

    python benchmarks/hostile.py [--sizes 1,4,16] [--repeat 5]

This is a measurement, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import sys
import time
import tracemalloc
from collections.abc import Callable

from newsparse import NewsparseError, parse_bytes

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


def measure(data: bytes, repeat: int) -> tuple[float, int]:
    """Best wall time over *repeat* runs, and the peak traced memory of one run."""
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
