"""The ``newsparse`` command (also ``python -m newsparse``)."""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from functools import partial
from typing import IO, Any, NamedTuple, TypeVar

from newsparse import _dump_parser
from newsparse._batch import FileResult, map_results
from newsparse._formats import default_registry
from newsparse._model import Article, ReadAlso
from newsparse._version import __version__
from newsparse._writers import SUFFIXES, Prepare, RecordWriter, open_writer, stdout_writer

__all__ = ["main"]

_EXAMPLES = 3  # example files per code in `newsparse check`
T = TypeVar("T")


def _add_inputs(command: argparse.ArgumentParser, *, jobs: bool = True) -> None:
    command.add_argument(
        "files", nargs="+", metavar="PATH",
        help="article files; directories are read recursively; - reads paths from stdin",
    )  # fmt: skip
    command.add_argument(
        "--format", metavar="NAME",
        help="the input format (default: detected per file; `newsparse formats` lists them)",
    )  # fmt: skip
    command.add_argument(
        "--glob", metavar="PATTERN", help='only files in directories matching it, e.g. "*.txt"'
    )
    command.add_argument(
        "--jobs", "-j", type=int, default=1, metavar="N",
        help="parse in N processes; results keep the input order (default 1)",
    )  # fmt: skip
    command.add_argument(
        "--quiet", "-q", action="store_true", help="no progress bar and no summary line"
    )


def _build() -> str:
    """How the parser runs: as extension modules compiled by mypyc, or as Python source."""
    return "pure Python" if _dump_parser.__file__.endswith(".py") else "compiled with mypyc"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsparse",
        description="Turn scraped Arabic news text dumps into clean JSON records.",
    )
    parser.add_argument(
        "--version", action="version", version=f"newsparse {__version__} ({_build()})"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    parse = commands.add_parser(
        "parse",
        help="parse article files and write one JSON record per article",
        description="Parse article files and write one record per article, in input order, "
        'as it is made. A file that fails gives {"path", "error", "code"} and the run goes '
        "on; a summary line goes to stderr; the exit status is 1 when any file failed.",
    )
    _add_inputs(parse)
    parse.add_argument(
        "-o", "--output", metavar="OUT",
        help=f"write to OUT ({', '.join(SUFFIXES)}, by its suffix) instead of stdout",
    )  # fmt: skip
    parse.add_argument(
        "--jsonl", action="store_true", help="on stdout, one compact JSON object per line"
    )
    parse.add_argument("--strict", action="store_true", help="treat every diagnostic as an error")
    show = commands.add_parser(
        "show",
        help="print a short readable summary of each article",
        description="Print title, date, authors, source, paragraph count and keywords "
        "of each article; the exit status is 1 when any file failed.",
    )
    _add_inputs(show)
    check = commands.add_parser(
        "check",
        help="parse without writing, then print diagnostics and errors by code",
        description="Parse every file without writing records and print a table of "
        "errors and diagnostics by code, with example files; exit status 1 when any failed.",
    )
    _add_inputs(check)
    check.add_argument("--strict", action="store_true", help="treat every diagnostic as an error")
    commands.add_parser(
        "formats",
        help="list the formats newsparse can read",
        description="List every registered format: name, file suffixes, origin "
        "(built-in or the plugin package that adds it).",
    )
    return parser


def _count(number: int, noun: str, plural: str = "") -> str:
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def summary(article: Article) -> str:
    """Return a few human-readable lines about *article* (``newsparse show``)."""
    source = "-"
    if article.source is not None:
        source = article.source.name
        if article.source.credit:
            source += f" (credit: {article.source.credit})"
    boxes = sum(isinstance(block, ReadAlso) for block in article.body)
    rows = [
        ("title", article.title or "-"),
        ("published", "-" if article.published is None else article.published.isoformat()),
        ("authors", " / ".join(article.authors) or "-"),
        ("source", source),
        (
            "body",
            f"{_count(len(article.paragraphs), 'paragraph')}, "
            f"{_count(len(article.headings), 'heading')}, "
            f"{_count(boxes, 'read-also box', 'read-also boxes')}",
        ),
        ("keywords", " · ".join(article.keywords) or "-"),
        ("related", _count(len(article.related), "article")),
        (
            "diagnostics",
            "; ".join(f"{d.code} (line {d.line})" for d in article.diagnostics) or "none",
        ),
    ]
    return "\n".join(f"  {name:<12}{value}" for name, value in rows)


def _show(record: dict[str, Any]) -> str:
    if "error" in record:
        return f"{record['path']}\n  error       {record['error']}\n"
    return f"{record['path']}\n{summary(Article.from_dict(record))}\n"


def _formats_table() -> str:
    rows = [("name", "suffixes", "origin")] + [
        (entry.item.name, " ".join(entry.item.suffixes) or "-", entry.origin)
        for entry in default_registry().entries()
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(2)]
    return "\n".join(f"{a:<{widths[0]}}  {b:<{widths[1]}}  {c}".rstrip() for a, b, c in rows)


def _write(out: IO[bytes], text: str) -> None:
    out.write(text.encode("utf-8") + b"\n")
    out.flush()


def _paths(arguments: list[str]) -> Iterator[str]:
    """The paths given, with ``-`` standing for one path per line of standard input."""
    for argument in arguments:
        if argument == "-":
            yield from (line.rstrip("\r\n") for line in sys.stdin if line.strip())
        else:
            yield argument


class _Outcome(NamedTuple):
    """What the main process needs of one file: counts for the tally, output ready to write."""

    path: str
    articles: int
    error: str | None  # the error's code
    codes: tuple[str, ...]  # the codes of the articles' diagnostics
    prepared: tuple[Any, ...]  # each record as the writer's prepare made it


def _outcome(result: FileResult, prepare: Prepare | None) -> _Outcome:
    """Runs where the file was parsed (a worker process with --jobs)."""
    return _Outcome(
        path=result.path,
        articles=len(result.articles),
        error=None if result.error is None else result.error.code,
        codes=tuple(d.code for article in result.articles for d in article.diagnostics),
        prepared=() if prepare is None else tuple(map(prepare, result.records())),
    )


class _Tally:
    """Counts for the closing summary line and for ``newsparse check``."""

    def __init__(self) -> None:
        self.files = 0
        self.articles = 0
        self.failures: Counter[str] = Counter()
        self.diagnostics: Counter[str] = Counter()
        self.examples: dict[str, list[str]] = {}
        self.start = time.perf_counter()

    def add(self, outcome: _Outcome) -> None:
        self.files += 1
        self.articles += outcome.articles
        codes = list(outcome.codes)
        self.diagnostics.update(codes)
        if outcome.error is not None:
            self.failures[outcome.error] += 1
            codes.append(outcome.error)
        for code in dict.fromkeys(codes):
            examples = self.examples.setdefault(code, [])
            if len(examples) < _EXAMPLES:
                examples.append(outcome.path)

    def line(self, *, interrupted: bool = False) -> str:
        seconds = time.perf_counter() - self.start
        failed = sum(self.failures.values())
        by_code = ", ".join(f"{code}: {n}" for code, n in self.failures.most_common())
        rate = self.files / seconds if seconds > 0 else 0.0
        return (
            f"newsparse: {'interrupted after ' if interrupted else ''}{self.files} files, "
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


def _progress(results: Iterator[T], *, quiet: bool) -> Iterator[T]:
    """Wrap *results* in a tqdm bar on standard error when it is a terminal and tqdm is there."""
    if quiet or not sys.stderr.isatty():
        return results
    try:
        from tqdm import tqdm  # noqa: PLC0415 -- optional: newsparse[progress]
    except ImportError:
        return results

    # No monitor thread: --jobs workers fork only from a one-thread process
    # (_batch._default_context), and the bar exists before they start.
    class Bar(tqdm):  # type: ignore[type-arg]
        monitor_interval = 0

    return iter(Bar(results, unit="file", file=sys.stderr, dynamic_ncols=True))


def _run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    writer: RecordWriter | None = None
    if args.command == "parse":
        try:
            writer = (
                open_writer(args.output)
                if args.output
                else stdout_writer(sys.stdout.buffer, jsonl=args.jsonl)
            )
        except (ValueError, OSError, ImportError) as error:
            parser.error(str(error))
    tally = _Tally()
    prepare = writer.prepare if writer is not None else _show if args.command == "show" else None
    outcomes = map_results(
        _paths(args.files),
        partial(_outcome, prepare=prepare),
        format=args.format,
        strict=getattr(args, "strict", False),
        jobs=args.jobs,
        glob=args.glob,
    )
    out = sys.stdout.buffer
    try:
        for outcome in _progress(outcomes, quiet=args.quiet or writer is None):
            tally.add(outcome)
            for prepared in outcome.prepared:
                if writer is not None:
                    writer.write_prepared(prepared)
                else:
                    _write(out, prepared)
    except KeyboardInterrupt:
        if writer is not None:
            writer.close()
        sys.stderr.write(tally.line(interrupted=True) + "\n")
        return 130
    if writer is not None:
        writer.close()
    if args.command == "check":
        _write(out, tally.table())
    if args.command != "show" and not args.quiet:
        sys.stderr.write(tally.line() + "\n")
    return 1 if tally.failures else 0


def _preload_workers() -> None:
    """Have the forkserver import newsparse once, so that every worker forks with it loaded.

    It preloads the program's ``__main__`` by default, which holds nothing when
    newsparse runs from ``python -c`` or an embedding program; the command is
    the program here, so it may set this process-wide option.
    """
    if "forkserver" in multiprocessing.get_all_start_methods():
        multiprocessing.set_forkserver_preload(["__main__", "newsparse._cli"])


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default ``sys.argv[1:]``); return the exit status.

    0: every file parsed; 1: at least one file failed (its record says why);
    2: the command line itself was wrong; 130: interrupted (Ctrl-C), with what
    was written so far complete.
    """
    parser = _parser()
    args = parser.parse_args(argv)
    if getattr(args, "jobs", 1) > 1:
        _preload_workers()
    try:
        if args.command == "formats":
            _write(sys.stdout.buffer, _formats_table())
            return 0
        if args.format is not None and args.format not in default_registry():
            known = ", ".join(default_registry().names())
            parser.error(f"unknown format {args.format!r}; known: {known}")
        if args.jobs < 1:
            parser.error("--jobs must be at least 1")
        return _run(args, parser)
    except BrokenPipeError:  # `newsparse parse ... | head`: the reader has all it wants
        sys.stderr.close()
        return 0
