"""What a run counts: the closing summary line, ``newsparse check``'s table, the progress bar."""

from __future__ import annotations

import argparse
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from newsparse._corpus.batch import Listed
from newsparse._corpus.resume import Recorded

__all__ = ["EXAMPLES", "Counted", "Progress", "Tally", "progress"]

EXAMPLES = 3
"""Example files per code in ``newsparse check``."""


class Tally:
    """Counts for the closing summary line and for ``newsparse check``."""

    def __init__(self) -> None:
        self.files = 0
        self.kept = 0
        self.articles = 0
        self.failures: Counter[str] = Counter()
        self.diagnostics: Counter[str] = Counter()
        self.examples: dict[str, list[str]] = {}
        self.start = time.perf_counter()

    def add(self, path: str, articles: int, error: str | None, codes: Iterable[str]) -> None:
        self.files += 1
        self.articles += articles
        codes = list(codes)
        self.diagnostics.update(codes)
        if error is not None:
            self.failures[error] += 1
            codes.append(error)
        for code in dict.fromkeys(codes):
            examples = self.examples.setdefault(code, [])
            if len(examples) < EXAMPLES:
                examples.append(path)

    def keep(self, recorded: Recorded) -> None:
        """Count a file an interrupted run recorded, which this run keeps."""
        self.kept += 1
        self.add(recorded.path, recorded.articles, recorded.code, recorded.diagnostics)

    def fail(self, path: str, articles: int, code: str) -> None:
        """A file the output could not store after all: its articles became an error record."""
        self.articles -= articles
        self.failures[code] += 1
        self.examples.setdefault(code, []).append(path)

    def line(self, *, stopped: str = "") -> str:
        seconds = time.perf_counter() - self.start
        failed = sum(self.failures.values())
        by_code = ", ".join(f"{code}: {n}" for code, n in self.failures.most_common())
        rate = (self.files - self.kept) / seconds if seconds > 0 else 0.0
        kept = f" ({self.kept} kept from the interrupted run)" if self.kept else ""
        return (
            f"newsparse: {stopped}{self.files} files{kept}, "
            f"{self.articles} articles, {failed} failed{f' ({by_code})' if by_code else ''}, "
            f"{seconds:.1f} s, {rate:.0f} files/s"
        )

    def table(self) -> str:
        rows = [("code", "kind", "count", "examples")]
        for code, count in self.failures.most_common():
            rows.append((code, "error", str(count), ", ".join(self.examples[code])))
        for code, count in self.diagnostics.most_common():
            rows.append((code, "diagnostic", str(count), ", ".join(self.examples[code])))
        if len(rows) == 1:
            return "no errors and no diagnostics"
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        return "\n".join(
            f"{a:<{widths[0]}}  {b:<{widths[1]}}  {c:>{widths[2]}}  {d}".rstrip()
            for a, b, c, d in rows
        )


class Counted:
    """The listed inputs, counted as they are taken: the total once the listing ends."""

    def __init__(self, items: Iterable[Listed]) -> None:
        self.items = iter(items)
        self.taken = 0
        self.total: int | None = None

    def __iter__(self) -> Iterator[Listed]:
        for item in self.items:
            self.taken += 1
            yield item
        self.total = self.taken


class Progress:
    """A tqdm bar on standard error, with a total and an ETA once the inputs are counted.

    The inputs named on the command line are counted by a thread of their own
    while the run goes on; paths from standard input, when the listing ends.
    """

    def __init__(self, bar: Any, counted: Counted, initial: int) -> None:
        self.bar = bar
        self.counted = counted
        self.initial = initial
        self.all_counted: int | None = None  # by the background count, kept files included

    def count_in_background(self, items: Callable[[], Iterable[Listed]]) -> None:
        def count() -> None:
            self.all_counted = sum(1 for _ in items())

        threading.Thread(target=count, name="newsparse-count", daemon=True).start()

    def step(self) -> None:
        if self.bar.total is None:
            if self.all_counted is not None:
                self.bar.total = self.all_counted
            elif self.counted.total is not None:
                self.bar.total = self.counted.total + self.initial
            if self.bar.total is not None:
                self.bar.refresh()
        self.bar.update(1)

    def close(self) -> None:
        self.bar.close()


def progress(
    args: argparse.Namespace, counted: Counted, *, initial: int, records_to_stdout: bool
) -> Progress | None:
    """A progress bar, when standard error is a terminal, tqdm is installed and the records
    do not go to the same terminal (the bar would draw into them)."""
    if args.quiet or not sys.stderr.isatty() or (records_to_stdout and sys.stdout.isatty()):
        return None
    try:
        from tqdm import tqdm  # noqa: PLC0415 -- optional: newsparse[progress]
    except ImportError:
        return None

    # No monitor thread: --jobs workers fork only from a one-thread process
    # (_pool.default_context).
    class Bar(tqdm):  # type: ignore[type-arg]
        monitor_interval = 0

    bar = Bar(
        total=None, initial=initial, unit="file", file=sys.stderr, dynamic_ncols=True,
        leave=args.command != "check",
    )  # fmt: skip
    return Progress(bar, counted, initial)
