"""``newsparse learn``: one pass over the inputs, a corpus profile written at the end."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterable
from functools import partial
from typing import NamedTuple

from newsparse._cli.progress import Counted, Tally, progress
from newsparse._corpus.batch import Listed, map_listed, parse_one
from newsparse._corpus.escape import stored_path
from newsparse._corpus.learn import learn_results, observations
from newsparse._corpus.paths import count_files, countable, file_id, list_files
from newsparse._corpus.signals import Interrupted, check_stopped
from newsparse._errors import OutputError
from newsparse._formats.contract import FormatRegistry
from newsparse._learn.observe import Observation
from newsparse._storage.options import StorageOptions

__all__ = ["run_learn"]

USAGE = 2


class _Seen(NamedTuple):
    path: str  # as records store it
    articles: int
    error: str | None  # the error's code
    observations: tuple[Observation, ...] | None


def _seen(
    item: Listed,
    *,
    format: str | None,
    registry: FormatRegistry | None,
    storage_options: StorageOptions,
) -> _Seen:
    """Parse one file and take what the learner needs (a worker process with --jobs)."""
    result = parse_one(item, format=format, registry=registry, storage_options=storage_options)
    return _Seen(
        path=stored_path(result.path),
        articles=len(result.articles),
        error=None if result.error is None else result.error.code,
        observations=observations(result),
    )


def _died(path: str) -> _Seen:
    return _Seen(path=stored_path(path), articles=0, error="worker-died", observations=None)


def run_learn(
    args: argparse.Namespace, registry: FormatRegistry | None, paths: Iterable[str]
) -> int:
    """Learn from every input and write the profile to ``args.output``; the exit status."""
    check_stopped()
    target = args.output
    found = file_id(target)
    skip = frozenset() if found is None else frozenset({found})
    tally = Tally()
    options = args.storage_options
    counted = Counted(list_files(paths, glob=args.glob, skip=skip, storage_options=options))
    bar = progress(args, counted, initial=0, records_to_stdout=False)
    if bar is not None and countable(args.files):
        bar.count_in_background(lambda: count_files(args.files, glob=args.glob, skip=skip))
    work = partial(_seen, format=args.format, registry=registry, storage_options=options)
    seen = map_listed(counted, work, died=_died, jobs=args.jobs)

    def each(item: _Seen) -> tuple[Observation, ...] | None:
        check_stopped()
        tally.add(item.path, item.articles, item.error, ())
        if bar is not None:
            bar.step()
        return item.observations

    try:
        with contextlib.closing(seen):
            learner = learn_results(map(each, seen))
        check_stopped()
        if learner.files == 0 and os.path.lexists(target):
            sys.stderr.write(
                tally.line() + f"\nnewsparse: error: no input could be learned from; "
                f"{target} is left as it was\n"
            )
            return USAGE if tally.files == 0 else 1
        profile = learner.profile()
        try:
            profile.write(target, storage_options=options)
        except OSError as error:
            raise OutputError(
                f"cannot write the profile ({error.strerror or error})", code="write", path=target
            ) from None
    except KeyboardInterrupt as stop:  # Interrupted (SIGINT, SIGTERM), or Python's own Ctrl-C
        name = str(stop) if isinstance(stop, Interrupted) else "SIGINT"
        sys.stderr.write(
            tally.line(stopped=f"interrupted ({name}) after ")
            + f"\nnewsparse: {target} is untouched\n"
        )
        return stop.status if isinstance(stop, Interrupted) else 130
    finally:
        if bar is not None:
            bar.close()
    if not args.quiet:
        outlets = sum(
            1 for chrome in profile.outlets if chrome.lines or chrome.starts or chrome.ends
        )
        sys.stderr.write(
            tally.line() + f"\nnewsparse: wrote {target}: chrome of {outlets} outlets, "
            f"{len(profile.vocabulary.tags)} tags\n"
        )
    return 1 if tally.failures else 0
