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
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from typing import Any, NamedTuple

from newsparse._cli.learn import run_learn
from newsparse._cli.options import command_line
from newsparse._cli.progress import Counted, Tally, progress
from newsparse._cli.show import Summaries, formats_table
from newsparse._corpus.batch import Listed, articles_of, map_listed, path_of, worker_died
from newsparse._corpus.escape import stored_path
from newsparse._corpus.outputs import (
    SUFFIXES,
    Output,
    is_dataset_target,
    open_file_output,
    open_stream_output,
    temporary_path,
)
from newsparse._corpus.paths import FileId, count_files, countable, file_id, list_files
from newsparse._corpus.remote_outputs import open_remote_output, staging_target
from newsparse._corpus.resume import Recorded
from newsparse._corpus.signals import Interrupted, check_stopped, stop_on_signals
from newsparse._corpus.writers import ENCODERS, CsvRows, Encoder, IndentedJson
from newsparse._errors import InputError, LexiconError, NewsparseError, OutputError, ProfileError
from newsparse._formats.builtin import builtin_registry, default_registry, tuned_registry
from newsparse._formats.contract import FormatRegistry
from newsparse._model.corpus_profile import CorpusProfile
from newsparse._storage.options import StorageOptions, parse_storage_options
from newsparse._storage.remote import is_url
from newsparse._text.lexicon import Lexicon

__all__ = ["main"]

USAGE, OUTPUT_FAILED, PIPE_CLOSED = 2, 74, 141
"""Exit statuses: a usage error; the output could not be written (sysexits' EX_IOERR);
standard output closed by its reader (128 + SIGPIPE, as a process killed by it)."""


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
    storage_options: StorageOptions | None = None,
) -> _Outcome:
    """Parse one file and encode its records as they come (a worker process with --jobs):
    only one of its Articles is held at a time, however many it has."""
    path = stored_path(path_of(item))
    pieces: list[Any] = []
    articles = 0
    codes: list[str] = []
    failure: NewsparseError | None = None
    try:
        parsed = articles_of(
            item, format=format, strict=strict, registry=registry, storage_options=storage_options
        )
        for article in parsed:
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
        kind = _file_kind(args)
    if args.csv_keep_formulas and kind != "csv":
        raise _UsageError("--csv-keep-formulas is for CSV output only")
    return kind


def _file_kind(args: argparse.Namespace) -> str:
    """The kind of the file output -o names: a directory (``DIR/``, or one that exists) is a
    Parquet dataset, a file is of its suffix's kind or --to's."""
    if is_dataset_target(args.output):
        if args.to not in {None, "parquet"} or args.jsonl:
            contradiction = "--jsonl" if args.jsonl else f"--to {args.to}"
            raise _UsageError(
                f"{args.output!r} is a directory, written as a Parquet dataset: it contradicts "
                f"{contradiction}; name a file for another kind"
            )
        return "parquet"
    suffix = os.path.splitext(args.output)[1].lower()
    by_suffix = SUFFIXES.get(suffix)
    if args.to is not None and by_suffix is not None and args.to != by_suffix:
        raise _UsageError(f"--to {args.to} contradicts the suffix of {args.output!r} ({suffix})")
    if args.jsonl and by_suffix not in {None, "jsonl"}:
        raise _UsageError(f"--jsonl contradicts the suffix of {args.output!r} ({suffix})")
    kind: str = args.to or by_suffix or ("jsonl" if args.jsonl else "")
    if not kind:
        raise _UsageError(
            f"cannot write {args.output!r}: the output must end in {', '.join(SUFFIXES)} "
            "(or give --to KIND), or in / for a Parquet dataset"
        )
    return kind


def _plan(args: argparse.Namespace) -> tuple[str | None, Encoder | None]:
    """The output kind and its encoder; ``(None, None)`` for ``check``, which writes none."""
    if args.command == "show":
        return "pretty", Summaries()
    if args.command != "parse":
        return None, None
    kind = _output_kind(args)
    if kind == "pretty":
        return kind, IndentedJson()
    if kind == "csv":
        return kind, CsvRows(keep_formulas=args.csv_keep_formulas)
    return kind, ENCODERS[kind]()


def _open_output(args: argparse.Namespace, kind: str) -> Output:
    """The run's output: standard output, or a file or URL (see _outputs) after its checks."""
    if args.output is None:
        return open_stream_output(sys.stdout.buffer, kind)
    remote = is_url(args.output)
    staged = staging_target(args.output) if remote else args.output
    if not remote:
        _check_inputs(args, _output_ids(args.output))
    if not args.resume and os.path.lexists(temporary_path(staged)):
        raise _UsageError(
            f"{temporary_path(staged)} holds the records of an interrupted run: add "
            "--resume to continue it, or delete it to start over"
        )
    dataset = is_dataset_target(args.output)
    if remote:
        return open_remote_output(
            args.output, kind, resume=args.resume, options=args.storage_options,
            dataset=dataset,
        )  # fmt: skip
    return open_file_output(args.output, kind, resume=args.resume, dataset=dataset)


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
    if args.command == "learn":
        return run_learn(args, registry, _paths(args.files))
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
    tally = Tally()
    options = args.storage_options
    listing: Iterable[Listed] = list_files(
        _paths(args.files), glob=args.glob, skip=skip, storage_options=options
    )
    if output is not None and encoder is not None and output.kept:
        listing = _kept_inputs(iter(listing), output.kept, encoder.stored)
        for recorded in output.kept:
            tally.keep(recorded)
    counted = Counted(listing)
    bar = progress(
        args, counted, initial=tally.files, records_to_stdout=output is not None and not args.output
    )
    if bar is not None and countable(args.files):
        bar.count_in_background(lambda: count_files(args.files, glob=args.glob, skip=skip))
    work = partial(
        _outcome, encoder=encoder, format=args.format, strict=args.strict, registry=registry,
        storage_options=options,
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
                if bar is not None:
                    bar.step()
        if output is not None and _read_nothing(tally) and output.target_exists():
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
        if bar is not None:
            bar.close()
    if args.command == "check":
        sys.stdout.buffer.write(tally.table().encode() + b"\n")
        sys.stdout.buffer.flush()
    if args.command != "show" and not args.quiet:
        sys.stderr.write(tally.line() + "\n")
    return 1 if tally.failures else 0


# Output errors that a change of the command line fixes, not of the disk or the network.
_USAGE_CODES = frozenset({"cannot-resume", "missing-extra", "bad-url", "not-a-dataset"})

_NOTHING_THERE = frozenset({"not-found", "no-files"})


def _read_nothing(tally: Tally) -> bool:
    """Whether no input of the run existed: every one was missing (a mistyped path)."""
    missing = sum(count for code, count in tally.failures.items() if code in _NOTHING_THERE)
    return tally.kept == 0 and tally.files == missing


def _keep_previous(args: argparse.Namespace, tally: Tally, output: Output | None) -> int:
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


def _stopped(args: argparse.Namespace, tally: Tally, output: Output | None, how: str) -> None:
    sys.stderr.write(tally.line(stopped=how) + "\n")
    if output is not None and output.temp is not None and output.placing:
        sys.stderr.write(
            f"newsparse: {output.name} was being replaced: it holds the previous output or "
            f"this one, whole; the records are in {output.temp}: run the same command with "
            "--resume to finish\n"
        )
    elif output is not None and output.temp is not None:
        sys.stderr.write(
            f"newsparse: {output.name} is untouched; the records so far are in "
            f"{output.temp}: run the same command with --resume to finish\n"
        )


def _lexicon(paths: list[str] | None, storage_options: StorageOptions) -> Lexicon | None:
    """The built-in lexicon plus the files of ``--lexicon``; a bad file is a usage error."""
    if not paths:
        return None
    try:
        return Lexicon.read(*paths, storage_options=storage_options)
    except (InputError, LexiconError) as error:
        raise _UsageError(f"--lexicon: {error}") from None


def _profile(path: str | None, storage_options: StorageOptions) -> CorpusProfile | None:
    """The corpus profile of ``--profile``; a file that is not one is a usage error."""
    if path is None:
        return None
    try:
        return CorpusProfile.read(path, storage_options=storage_options)
    except (InputError, ProfileError) as error:
        raise _UsageError(f"--profile: {error}") from None


def _storage_options(pairs: list[str]) -> dict[str, Any]:
    """The options of ``--storage-option``; a pair that is not KEY=VALUE is a usage error."""
    try:
        return parse_storage_options(pairs)
    except ValueError as error:
        raise _UsageError(f"--storage-option: {error}") from None


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
    parser = command_line()
    args = parser.parse_args(argv)
    with stop_on_signals():
        try:
            registry = builtin_registry() if args.no_plugins else None
            args.storage_options = _storage_options(getattr(args, "storage_option", []))
            lexicon = _lexicon(getattr(args, "lexicon", None), args.storage_options)
            profile = _profile(getattr(args, "profile", None), args.storage_options)
            if lexicon is not None or profile is not None:
                registry = tuned_registry(lexicon, profile, plugins=not args.no_plugins)
            formats = registry or default_registry()
            if args.command == "formats":
                sys.stdout.buffer.write(formats_table(formats).encode() + b"\n")
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
            status = USAGE if error.code in _USAGE_CODES else OUTPUT_FAILED
            sys.stderr.write(f"newsparse: error: {error}\n")
            return status
        except ImportError as missing:  # pyarrow, for Parquet
            parser.error(str(missing))
        except BrokenPipeError:
            return _quiet_pipe()
        except Interrupted as stop:  # before the run started, or after it ended
            return stop.status
