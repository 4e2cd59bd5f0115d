"""Many files: ordered results, in one process or several, with errors as values.

A corpus run must not stop at its first bad file, so :func:`iter_results`
yields one :class:`FileResult` per input file, in input order: the Articles
the file held, or the error that stopped it.  With ``jobs > 1`` the files
are parsed in a pool of worker processes (Articles and errors pickle) and
the results still come back in input order, as they are ready.

.. versionadded:: 0.3
"""

from __future__ import annotations

import collections
import fnmatch
import itertools
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from multiprocessing.context import BaseContext
from multiprocessing.pool import AsyncResult
from typing import Any, TypeVar

from attrs import field, frozen

from newsparse._api import DEFAULT_MAX_BYTES, iter_articles
from newsparse._errors import NewsparseError
from newsparse._model import Article
from newsparse._paths import expand_paths

__all__ = ["FileResult", "iter_results", "map_results"]

# Files go to the workers in chunks that double from 1 to this size: the first results come
# at once, and a long run pays the pool's per-task cost (pickling, pipes, its threads: about
# 1 ms) once per 256 files; sending 16-file chunks cost the main process 2.0 s of CPU over
# 20,000 files, 256-file ones 1.0 s.
_LARGEST_CHUNK = 256

T = TypeVar("T")


def _default_context() -> BaseContext:
    """How worker processes start, chosen when the pool starts.

    On Linux, ``fork`` when this process runs one thread: a fork copies only
    the calling thread, so it is safe where there is no other, and the
    kernel's count in ``/proc/self/task`` includes native threads (a Parquet
    writer's).  It spares the forkserver's own start, an interpreter that
    imports newsparse before the first worker exists: about 0.1 s of wall
    time a run (docs/performance.md).  Otherwise ``forkserver`` where the
    platform has it, which is safe beside threads, else ``spawn``: a spawned
    worker starts a fresh interpreter and imports newsparse itself, about
    0.17 s of CPU each.  macOS never forks: system libraries there are not
    safe in a forked child.
    """
    if sys.platform == "linux" and _threads() == 1:
        return multiprocessing.get_context("fork")
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    return multiprocessing.get_context(method)


def _threads() -> int:
    """This process's threads as the kernel counts them, or 0 if it cannot be read."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return 0


def _leave_interrupts_to_the_main_process() -> None:
    """Worker initializer: Ctrl-C reaches every process of the terminal's group, and a
    worker that took it would print a traceback of its own; the main process gets it,
    stops yielding, and the pool's exit terminates the workers."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _articles(values: Iterable[Article]) -> tuple[Article, ...]:
    return tuple(values)


@frozen(kw_only=True)
class FileResult:
    """What one input file gave: its Articles, or the error that stopped it.

    ``ok`` is true when there is no error.  A file whose format yields several
    articles before failing keeps those in ``articles``.

    .. versionadded:: 0.3
    """

    path: str
    """The input path, as given or as found under a directory."""
    articles: tuple[Article, ...] = field(default=(), converter=_articles)
    """The file's Articles, in order (those yielded before an error included)."""
    error: NewsparseError | None = None
    """The error that stopped the file (``error.code`` says which), or ``None``."""

    @property
    def ok(self) -> bool:
        """Whether the file parsed without an error."""
        return self.error is None

    def records(self) -> list[dict[str, Any]]:
        """The file's records as ``newsparse parse`` writes them.

        One ``{"path", **Article.to_dict()}`` per article, then, if the file
        failed, ``{"path", "error", "code"}``.
        """
        records: list[dict[str, Any]] = [
            {"path": self.path, **article.to_dict()} for article in self.articles
        ]
        if self.error is not None:
            records.append({"path": self.path, "error": str(self.error), "code": self.error.code})
        return records


def parse_one(
    path: str, *, format: str | None, strict: bool, max_bytes: int = DEFAULT_MAX_BYTES
) -> FileResult:
    """Parse one file into a :class:`FileResult`; never raises a NewsparseError."""
    articles: list[Article] = []
    try:
        articles.extend(iter_articles(path, format=format, strict=strict, max_bytes=max_bytes))
    except NewsparseError as error:
        return FileResult(path=path, articles=articles, error=error)
    return FileResult(path=path, articles=articles)


def select_paths(
    paths: Iterable[str | os.PathLike[str]], *, glob: str | None = None
) -> Iterator[str]:
    """Yield the files *paths* stand for (directories expanded), keeping only
    files inside directories whose name matches *glob* (``"*.txt"``).

    A path named explicitly is always kept, so that a missing file gets its
    own error instead of vanishing.
    """
    for item in paths:
        path = os.fspath(item)
        for found in expand_paths([path]):
            if glob is None or found == path or fnmatch.fnmatch(os.path.basename(found), glob):
                yield found


def iter_results(
    paths: Iterable[str | os.PathLike[str]],
    *,
    format: str | None = None,
    strict: bool = False,
    jobs: int = 1,
    glob: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    mp_context: BaseContext | None = None,
) -> Iterator[FileResult]:
    """Yield one :class:`FileResult` per input file, in input order, never raising for a file.

    *paths* may be any iterable (it is consumed lazily, so a generator over
    millions of paths keeps memory flat); directories stand for their files
    (recursively, sorted, filtered by *glob*).  *format* is a registered
    format name or ``None`` to detect each file's format; with *jobs* > 1
    the files are parsed in that many processes, started by *mp_context*
    (a :mod:`multiprocessing` context; by default ``fork`` on Linux when
    the calling process runs one thread, else ``forkserver`` where the
    platform has it, else ``spawn``).

    >>> [(r.path, len(r.articles), r.ok) for r in iter_results(["examples/articles.jsonl"])]
    [('examples/articles.jsonl', 2, True)]
    """
    return map_results(
        paths,
        _same,
        format=format,
        strict=strict,
        jobs=jobs,
        glob=glob,
        max_bytes=max_bytes,
        mp_context=mp_context,
    )


def _same(result: FileResult) -> FileResult:
    return result


def _parse_then(
    paths: list[str],
    then: Callable[[FileResult], T],
    *,
    format: str | None,
    strict: bool,
    max_bytes: int,
) -> list[T]:
    return [
        then(parse_one(path, format=format, strict=strict, max_bytes=max_bytes)) for path in paths
    ]


def _chunks(items: Iterable[str]) -> Iterator[list[str]]:
    """*items* in lists of 1, 2, 4, ... up to _LARGEST_CHUNK, consumed lazily."""
    rest, size = iter(items), 1
    while chunk := list(itertools.islice(rest, size)):
        yield chunk
        size = min(2 * size, _LARGEST_CHUNK)


def map_results(
    paths: Iterable[str | os.PathLike[str]],
    then: Callable[[FileResult], T],
    *,
    format: str | None = None,
    strict: bool = False,
    jobs: int = 1,
    glob: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    mp_context: BaseContext | None = None,
) -> Iterator[T]:
    """Yield ``then(result)`` for each file's :class:`FileResult`, in input order.

    *then* runs where the file was parsed: in the worker process when *jobs*
    > 1 (so it must pickle: a module-level function or a ``functools.partial``
    of one).  Turning results into what is kept (serialised lines, table rows,
    counts) there leaves the main process little to do, which is what lets a
    parallel run scale.  The other arguments are those of :func:`iter_results`.
    """
    files = select_paths(paths, glob=glob)
    work = partial(_parse_then, then=then, format=format, strict=strict, max_bytes=max_bytes)
    if jobs <= 1:
        for path in files:  # one at a time: each result is out before the next file is read
            yield from work([path])
        return
    # Pool.imap would list every path and queue every result as fast as it can: a window
    # of chunks in flight keeps memory flat however many files and however slow the reader.
    window = 2 * jobs + 2
    pending: collections.deque[AsyncResult[list[T]]] = collections.deque()
    context = mp_context or _default_context()
    with context.Pool(jobs, initializer=_leave_interrupts_to_the_main_process) as pool:
        for chunk in _chunks(files):
            pending.append(pool.apply_async(work, (chunk,)))
            if len(pending) >= window:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
