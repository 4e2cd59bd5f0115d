"""The ``newsparse`` command (also ``python -m newsparse``): ``main(argv) -> int``.

What a run promises (docs/cli.md, "What a run promises"): every named input
shows in the output, in input order; a file that fails gets its error record
and the run goes on; a worker that dies costs only the file that killed it;
a file output replaces its target only when the run is complete, so a stopped
run leaves it untouched and ``--resume`` continues; SIGINT and SIGTERM stop a
run at once and cleanly.  Exit statuses: 0 every file parsed, 1 a file
failed, 2 a usage error, 74 the output could not be written, 130 and 143
stopped by SIGINT and SIGTERM, 141 standard output closed (``| head``).
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import os
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from typing import Any, ClassVar, NamedTuple

from attrs import frozen

from newsparse._corpus.batch import Listed, articles_of, map_listed, path_of, worker_died
from newsparse._corpus.escape import storable_text, stored_path
from newsparse._corpus.outputs import (
    SUFFIXES,
    Output,
    open_file_output,
    open_stream_output,
    temporary_path,
)
from newsparse._corpus.paths import FileId, file_id, list_files
from newsparse._corpus.resume import Recorded
from newsparse._corpus.signals import Interrupted, check_stopped, stop_on_signals
from newsparse._corpus.writers import ENCODERS, CsvRows, Encoder, IndentedJson
from newsparse._errors import InputError, LexiconError, NewsparseError, OutputError
from newsparse._formats.aggregator import parser as _dump_parser
from newsparse._formats.builtin import builtin_registry, default_registry, lexicon_registry
from newsparse._formats.contract import FormatRegistry
from newsparse._model.records import Article, ReadAlso
from newsparse._text.lexicon import Lexicon
from newsparse._version import __version__

__all__ = ["main"]

_EXAMPLES = 3  # example files per code in `newsparse check`
USAGE, OUTPUT_FAILED, PIPE_CLOSED = 2, 74, 141
"""Exit statuses: a usage error; the output could not be written (sysexits' EX_IOERR);
standard output closed by its reader (128 + SIGPIPE, as a process killed by it)."""


def _add_inputs(command: argparse.ArgumentParser) -> None:
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
    command.add_argument(
        "--lexicon", action="append", metavar="FILE",
        help="add the entries of a lexicon file to the keyword segmenter's word lists "
        "(repeatable; docs/keywords.md)",
    )  # fmt: skip
    _add_no_plugins(command)


def _add_no_plugins(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--no-plugins", action="store_true",
        help="use the built-in formats and profiles only (as NEWSPARSE_NO_PLUGINS=1 does)",
    )  # fmt: skip


# What `show` and `check` have of parse's output options: none.
_NO_OUTPUT: dict[str, Any] = {"output": None, "resume": False, "strict": False}


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
        help="parse article files and write one record per article",
        description="Parse article files and write one record per article, in input order, "
        'as it is made. A file that fails gives {"path", "error", "code"} and the run goes '
        "on; a summary line goes to stderr; the exit status is 1 when any file failed.",
    )
    _add_inputs(parse)
    parse.add_argument(
        "-o", "--output", metavar="OUT",
        help="write to the file OUT, replaced only once the run is complete "
        f"(its kind by its suffix: {', '.join(SUFFIXES)}); default: standard output",
    )  # fmt: skip
    parse.add_argument(
        "--to", choices=list(ENCODERS), metavar="KIND",
        help=f"the output kind ({', '.join(ENCODERS)}), for standard output or an OUT "
        "with another suffix; default: OUT's suffix, else JSON Lines",
    )  # fmt: skip
    parse.add_argument(
        "--jsonl", action="store_true", help="JSON Lines, one record a line (the default)"
    )
    parse.add_argument(
        "--pretty", action="store_true",
        help="on standard output, indented JSON objects one after another, for people",
    )  # fmt: skip
    parse.add_argument(
        "--resume", action="store_true",
        help="continue the interrupted run that wrote OUT.partial: the files it recorded are "
        "kept and not parsed again",
    )  # fmt: skip
    parse.add_argument(
        "--csv-keep-formulas", action="store_true",
        help="write CSV cells that start with = + - @ as they are (a spreadsheet runs them "
        "as formulas); by default they get a ' in front",
    )  # fmt: skip
    parse.add_argument("--strict", action="store_true", help="treat every diagnostic as an error")
    show = commands.add_parser(
        "show",
        help="print a short readable summary of each article",
        description="Print title, date, authors, source, paragraph count and keywords "
        "of each article; the exit status is 1 when any file failed.",
    )
    _add_inputs(show)
    show.set_defaults(**_NO_OUTPUT)
    check = commands.add_parser(
        "check",
        help="parse without writing, then print diagnostics and errors by code",
        description="Parse every file without writing records and print a table of "
        "errors and diagnostics by code, with example files; exit status 1 when any failed.",
    )
    _add_inputs(check)
    check.add_argument("--strict", action="store_true", help="treat every diagnostic as an error")
    check.set_defaults(**_NO_OUTPUT)
    formats = commands.add_parser(
        "formats",
        help="list the formats newsparse can read",
        description="List every registered format: name, file suffixes, origin "
        "(built-in or the plugin package that adds it).",
    )
    _add_no_plugins(formats)
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


@frozen(kw_only=True)
class _Summaries(Encoder):
    """``newsparse show``: the path, then :func:`summary`, of each article."""

    kind: ClassVar[str] = "text"

    def article(self, path: str, article: Article) -> Any:
        return f"{path}\n{summary(article)}\n\n".encode()

    def error(self, path: str, error: NewsparseError) -> Any:
        return f"{path}\n  error       {storable_text(str(error))}\n\n".encode()


def _formats_table(registry: FormatRegistry) -> str:
    rows = [("name", "suffixes", "origin")] + [
        (entry.item.name, " ".join(entry.item.suffixes) or "-", entry.origin)
        for entry in registry.entries()
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(2)]
    return "\n".join(f"{a:<{widths[0]}}  {b:<{widths[1]}}  {c}".rstrip() for a, b, c in rows)


def _paths(arguments: list[str]) -> Iterator[str]:
    """The paths given, with ``-`` standing for one path per line of standard input."""
    for argument in arguments:
        if argument != "-":
            yield argument
            continue
        for line in _stdin_lines():
            path = line.rstrip("\r\n")
            if path.strip():
                yield path


def _stdin_lines() -> Iterator[str]:
    """The lines of standard input, read from its descriptor as bytes: names that are not
    UTF-8 come through as they are, and the thread that lists a run's inputs, which may
    wait here when the run stops, holds no lock of ``sys.stdin`` (Python aborts at exit on
    a buffered reader that a thread still reads)."""
    try:
        descriptor = sys.stdin.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (a test's StringIO)
        yield from sys.stdin
        return
    pending = bytearray()
    while chunk := os.read(descriptor, 1 << 16):
        pending += chunk
        start = 0
        while (end := pending.find(b"\n", start)) != -1:
            yield os.fsdecode(bytes(pending[start : end + 1]))
            start = end + 1
        del pending[:start]
    if pending:
        yield os.fsdecode(bytes(pending))


class _Outcome(NamedTuple):
    """What the main process needs of one file: counts for the tally, output ready to write."""

    path: str  # as records store it
    articles: int
    error: str | None  # the error's code
    codes: tuple[str, ...]  # the codes of the articles' diagnostics
    encoded: Any  # the file's records as its encoder joined them, or None


def _outcome(
    item: Listed,
    *,
    encoder: Encoder | None,
    format: str | None,
    strict: bool,
    registry: FormatRegistry | None,
) -> _Outcome:
    """Parse one file and encode its records as they come (a worker process with --jobs):
    only one of its Articles is held at a time, however many it has."""
    path = stored_path(path_of(item))
    pieces: list[Any] = []
    articles = 0
    codes: list[str] = []
    failure: NewsparseError | None = None
    try:
        for article in articles_of(item, format=format, strict=strict, registry=registry):
            if encoder is not None:
                pieces.append(encoder.article(path, article))
            articles += 1
            codes.extend(d.code for d in article.diagnostics)
    except NewsparseError as error:
        failure = error
        if encoder is not None:
            pieces.append(encoder.error(path, error))
    return _Outcome(
        path=path,
        articles=articles,
        error=None if failure is None else failure.code,
        codes=tuple(codes),
        encoded=None if encoder is None else encoder.joined(pieces),
    )


def _died(path: str, *, encoder: Encoder | None) -> _Outcome:
    error = worker_died(path)
    stored = stored_path(path)
    encoded = None if encoder is None else encoder.joined([encoder.error(stored, error)])
    return _Outcome(path=stored, articles=0, error=error.code, codes=(), encoded=encoded)


class _Tally:
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
            if len(examples) < _EXAMPLES:
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


class _Counted:
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


class _Progress:
    """A tqdm bar on standard error, with a total and an ETA once the inputs are counted.

    The inputs named on the command line are counted by a thread of their own
    while the run goes on; paths from standard input, when the listing ends.
    """

    def __init__(self, bar: Any, counted: _Counted, initial: int) -> None:
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


def _progress(
    args: argparse.Namespace, counted: _Counted, *, initial: int, records_to_stdout: bool
) -> _Progress | None:
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
    return _Progress(bar, counted, initial)


class _UsageError(Exception):
    """A usage error found after parsing the command line: exit 2 with this message."""


def _output_kind(args: argparse.Namespace) -> str:
    """The kind of output ``parse`` writes, from -o, --to, --jsonl and --pretty; raises
    _UsageError for options that contradict each other."""
    if args.jsonl and args.pretty:
        raise _UsageError("--jsonl and --pretty contradict each other: choose one")
    if args.jsonl and args.to not in {None, "jsonl"}:
        raise _UsageError(f"--jsonl contradicts --to {args.to}: choose one")
    if args.output is None:
        if args.resume:
            raise _UsageError("--resume continues a file output: give -o OUT")
        if args.pretty and args.to is not None:
            raise _UsageError(f"--pretty writes indented JSON: it contradicts --to {args.to}")
        kind: str = "pretty" if args.pretty else args.to or "jsonl"
        if kind == "parquet" and sys.stdout.isatty():
            raise _UsageError(
                "Parquet is binary: write it to a file (-o OUT) or a pipe, not a terminal"
            )
    else:
        if args.pretty:
            raise _UsageError(
                "--pretty is for standard output; a file output is --to KIND or its suffix"
            )
        suffix = os.path.splitext(args.output)[1].lower()
        by_suffix = SUFFIXES.get(suffix)
        if args.to is not None and by_suffix is not None and args.to != by_suffix:
            raise _UsageError(
                f"--to {args.to} contradicts the suffix of {args.output!r} ({suffix})"
            )
        if args.jsonl and by_suffix not in {None, "jsonl"}:
            raise _UsageError(f"--jsonl contradicts the suffix of {args.output!r} ({suffix})")
        kind = args.to or by_suffix or ("jsonl" if args.jsonl else "")
        if not kind:
            raise _UsageError(
                f"cannot write {args.output!r}: the output must end in {', '.join(SUFFIXES)} "
                "(or give --to KIND)"
            )
    if args.csv_keep_formulas and kind != "csv":
        raise _UsageError("--csv-keep-formulas is for CSV output only")
    return kind


def _plan(args: argparse.Namespace) -> tuple[str | None, Encoder | None]:
    """The output kind and its encoder; ``(None, None)`` for ``check``, which writes none."""
    if args.command == "show":
        return "pretty", _Summaries()
    if args.command != "parse":
        return None, None
    kind = _output_kind(args)
    if kind == "pretty":
        return kind, IndentedJson()
    if kind == "csv":
        return kind, CsvRows(keep_formulas=args.csv_keep_formulas)
    return kind, ENCODERS[kind]()


def _open_output(args: argparse.Namespace, kind: str) -> Output:
    """The run's output: standard output, or a file (see _outputs) after its checks."""
    if args.output is None:
        return open_stream_output(sys.stdout.buffer, kind)
    skip = _output_ids(args.output)
    _check_inputs(args, skip)
    if not args.resume and os.path.lexists(temporary_path(args.output)):
        raise _UsageError(
            f"{temporary_path(args.output)} holds the records of an interrupted run: add "
            "--resume to continue it, or delete it to start over"
        )
    return open_file_output(args.output, kind, resume=args.resume)


def _check_inputs(args: argparse.Namespace, skip: frozenset[FileId]) -> None:
    """Refuse an output that is also an input named on the command line."""
    for name in args.files:
        if name != "-" and file_id(name) in skip:
            raise _UsageError(
                f"the output {args.output!r} is also an input ({name!r}): write it elsewhere"
            )


def _output_ids(target: str) -> frozenset[FileId]:
    return frozenset(found for path in (target, temporary_path(target)) if (found := file_id(path)))


def _kept_inputs(
    items: Iterator[Listed], kept: list[Recorded], stored: Callable[[str], str]
) -> Iterator[Listed]:
    """The inputs after those whose records an interrupted run left (*kept*, in order).

    Raises _UsageError when the inputs do not start with those files: they changed.
    """
    following = next(items, None)
    for recorded in kept:
        listed = None if following is None else stored(path_of(following))
        if listed != recorded.path:
            raise _UsageError(
                f"cannot resume: the temporary output holds the records of {recorded.path!r} "
                f"where the inputs now list {'nothing more' if listed is None else repr(listed)}; "
                "the inputs changed since that run: give the same inputs, or delete the "
                "temporary output to start over"
            )
        # The same path again right after: its records are in the same group.
        while following is not None and stored(path_of(following)) == recorded.path:
            following = next(items, None)
    if following is not None:
        yield following
    yield from items


def _run(args: argparse.Namespace, registry: FormatRegistry | None) -> int:
    check_stopped()  # one that came while the modules were imported, its exception lost
    kind, encoder = _plan(args)
    output = None if kind is None else _open_output(args, kind)
    try:
        return _parse_all(args, registry, encoder, output)
    finally:  # a usage error found on the way, a bug: what is whole stays, for --resume
        _abandon(output)


def _parse_all(
    args: argparse.Namespace,
    registry: FormatRegistry | None,
    encoder: Encoder | None,
    output: Output | None,
) -> int:
    """Parse every input into *output* (None: nothing is written, for ``check``)."""
    # Never an input: the output file and its temporary file (which exists now).
    skip = frozenset() if args.output is None else _output_ids(args.output)
    tally = _Tally()
    listing: Iterable[Listed] = list_files(_paths(args.files), glob=args.glob, skip=skip)
    if output is not None and encoder is not None and output.kept:
        listing = _kept_inputs(iter(listing), output.kept, encoder.stored)
        for recorded in output.kept:
            tally.keep(recorded)
    counted = _Counted(listing)
    progress = _progress(
        args, counted, initial=tally.files, records_to_stdout=output is not None and not args.output
    )
    if progress is not None and "-" not in args.files:
        progress.count_in_background(lambda: list_files(args.files, glob=args.glob, skip=skip))
    work = partial(
        _outcome, encoder=encoder, format=args.format, strict=args.strict, registry=registry,
    )  # fmt: skip
    outcomes = map_listed(counted, work, died=partial(_died, encoder=encoder), jobs=args.jobs)
    try:
        with contextlib.closing(outcomes):
            for outcome in outcomes:
                check_stopped()
                tally.add(outcome.path, outcome.articles, outcome.error, outcome.codes)
                if output is not None:
                    output.write(outcome.encoded)
                    for failure in output.take_failures():
                        tally.fail(*failure)
                if progress is not None:
                    progress.step()
        if args.output is not None and _read_nothing(tally) and os.path.lexists(args.output):
            return _keep_previous(args, tally, output)
        check_stopped()
        if output is not None:
            output.finish()
            for failure in output.take_failures():
                tally.fail(*failure)
    except KeyboardInterrupt as stop:  # Interrupted (SIGINT, SIGTERM), or Python's own Ctrl-C
        _abandon(output)
        name = str(stop) if isinstance(stop, Interrupted) else "SIGINT"
        _stopped(args, tally, output, f"interrupted ({name}) after ")
        return stop.status if isinstance(stop, Interrupted) else 130
    except OutputError as error:
        _abandon(output)
        sys.stderr.write(f"newsparse: error: {error}\n")
        if not args.quiet:
            _stopped(args, tally, None, "stopped after ")
        return OUTPUT_FAILED
    finally:
        if progress is not None:
            progress.close()
    if args.command == "check":
        sys.stdout.buffer.write(tally.table().encode() + b"\n")
        sys.stdout.buffer.flush()
    if args.command != "show" and not args.quiet:
        sys.stderr.write(tally.line() + "\n")
    return 1 if tally.failures else 0


_NOTHING_THERE = frozenset({"not-found", "no-files"})


def _read_nothing(tally: _Tally) -> bool:
    """Whether no input of the run existed: every one was missing (a mistyped path)."""
    missing = sum(count for code, count in tally.failures.items() if code in _NOTHING_THERE)
    return tally.kept == 0 and tally.files == missing


def _keep_previous(args: argparse.Namespace, tally: _Tally, output: Output | None) -> int:
    """A run that read nothing does not replace the output of an earlier one."""
    if output is not None:
        output.discard()
    missing = ", ".join(path for code in _NOTHING_THERE for path in tally.examples.get(code, []))
    what = f"no input exists ({missing})" if missing else "no input was named (stdin held none)"
    sys.stderr.write(f"newsparse: error: {what}; {args.output} is left as it was\n")
    return USAGE


def _abandon(output: Output | None) -> None:
    """Write out what is whole; an error doing so is reported, not raised over the first."""
    if output is None or output.closed:
        return
    try:
        output.abandon()
    except OutputError as error:
        sys.stderr.write(f"newsparse: error: {error}\n")


def _stopped(args: argparse.Namespace, tally: _Tally, output: Output | None, how: str) -> None:
    sys.stderr.write(tally.line(stopped=how) + "\n")
    if output is not None and args.output is not None:
        sys.stderr.write(
            f"newsparse: {args.output} is untouched; the records so far are in "
            f"{temporary_path(args.output)}: run the same command with --resume to finish\n"
        )


def _lexicon(paths: list[str] | None) -> Lexicon | None:
    """The built-in lexicon plus the files of ``--lexicon``; a bad file is a usage error."""
    if not paths:
        return None
    try:
        return Lexicon.read(*paths)
    except (InputError, LexiconError) as error:
        raise _UsageError(f"--lexicon: {error}") from None


def _preload_workers() -> None:
    """Have the forkserver import newsparse once, so that every worker forks with it loaded.

    It preloads the program's ``__main__`` by default, which holds nothing when
    newsparse runs from ``python -c`` or an embedding program; the command is
    the program here, so it may set this process-wide option.
    """
    if "forkserver" in multiprocessing.get_all_start_methods():
        multiprocessing.set_forkserver_preload(["__main__", "newsparse._cli.main"])


def _quiet_pipe() -> int:
    """Standard output was closed by its reader (``newsparse parse ... | head``): end
    quietly, and keep Python from complaining when it flushes stdout at exit."""
    with contextlib.suppress(OSError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return PIPE_CLOSED


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default ``sys.argv[1:]``); return the exit status.

    0: every file parsed; 1: at least one file failed (its record says why);
    2: the command line itself was wrong; 74: the output could not be
    written; 130 and 143: stopped by SIGINT (Ctrl-C) and SIGTERM, the output
    untouched and the records so far kept for ``--resume``; 141: standard
    output was closed by its reader.
    """
    parser = _parser()
    args = parser.parse_args(argv)
    with stop_on_signals():
        try:
            registry = builtin_registry() if args.no_plugins else None
            if lexicon := _lexicon(getattr(args, "lexicon", None)):
                registry = lexicon_registry(lexicon, plugins=not args.no_plugins)
            formats = registry or default_registry()
            if args.command == "formats":
                sys.stdout.buffer.write(_formats_table(formats).encode() + b"\n")
                sys.stdout.buffer.flush()
                return 0
            if args.format is not None and args.format not in formats:
                known = ", ".join(formats.names())
                parser.error(f"unknown format {args.format!r}; known: {known}")
            if args.jobs < 1:
                parser.error("--jobs must be at least 1")
            if args.jobs > 1:
                _preload_workers()
            return _run(args, registry)
        except _UsageError as usage:
            parser.error(str(usage))
        except OutputError as error:
            status = USAGE if error.code == "cannot-resume" else OUTPUT_FAILED
            sys.stderr.write(f"newsparse: error: {error}\n")
            return status
        except ImportError as missing:  # pyarrow, for Parquet
            parser.error(str(missing))
        except BrokenPipeError:
            return _quiet_pipe()
        except Interrupted as stop:  # before the run started, or after it ended
            return stop.status
