"""Many files: ordered results, in one process or several, with errors as values.

A corpus run must not stop at its first bad file, so :func:`iter_results`
yields one :class:`FileResult` per input file, in input order: the Articles
the file held, or the error that stopped it.  Every path named gives at least
one: a file with no article gives ``no-article``, a directory with no file
``no-files``.  With ``jobs > 1`` the files are parsed in a pool of worker
processes (Articles and errors pickle); the results still come back in input
order, as they are ready, and a worker that dies costs only the file that
killed it (``worker-died``, see :mod:`newsparse._corpus.pool`).

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import os
from collections.abc import Callable, Generator, Iterable, Iterator
from functools import partial
from multiprocessing.context import BaseContext
from typing import Any, Final, SupportsIndex, TypeVar

from attrs import field, frozen

from newsparse._api import (
    DEFAULT_MAX_BYTES,
    FormatChoice,
    chosen_registry,
    file_articles,
    named_bytes_articles,
)
from newsparse._corpus.escape import storable_text, stored_path
from newsparse._corpus.paths import Listed, PathsArgument, list_files
from newsparse._corpus.pool import ordered_map
from newsparse._errors import FormatError, InputError, NewsparseError, WorkerError
from newsparse._formats.contract import FormatRegistry
from newsparse._model.corpus_profile import CorpusProfile
from newsparse._model.records import Article
from newsparse._storage.fetched import Fetched
from newsparse._storage.options import StorageOptions
from newsparse._text.lexicon import Lexicon

__all__ = [
    "FileResult",
    "Listed",
    "articles_of",
    "iter_results",
    "map_listed",
    "map_results",
    "parse_one",
    "path_of",
    "worker_died",
]

T = TypeVar("T")


def _articles(values: Iterable[Article]) -> tuple[Article, ...]:
    return tuple(values)


@frozen(kw_only=True)
class FileResult:
    """What one input file gave: its Articles, or the error that stopped it.

    ``ok`` is true when there is no error.  A file whose format yields several
    articles before failing keeps those in ``articles``.

    .. versionadded:: 0.2.0
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

    def __reduce_ex__(self, protocol: SupportsIndex) -> str | tuple[Any, ...]:
        # Rebuilt without __init__, as an Article is: docs/performance.md#kept-tricks
        if type(self) is not FileResult:
            return object.__reduce_ex__(self, protocol)
        return _unpacked_result, (self.path, self.articles, self.error)

    def records(self) -> list[dict[str, Any]]:
        """The file's records as ``newsparse parse`` writes them.

        One ``{"path", **Article.to_dict()}`` per article, then, if the file
        failed, ``{"path", "error", "code"}``.  The path is stored as every
        output stores it: a name that is not UTF-8 has its bytes as ``%XX``
        (docs/robustness.md).
        """
        path = stored_path(self.path)
        records: list[dict[str, Any]] = [
            {"path": path, **article.to_dict()} for article in self.articles
        ]
        if self.error is not None:
            records.append(error_record(path, self.error))
        return records


_RESULT_SETTERS: Final = tuple(
    getattr(FileResult, name).__set__ for name in ("path", "articles", "error")
)


def _unpacked_result(path: str, articles: tuple[Article, ...], error: Any) -> FileResult:
    """The FileResult of FileResult.__reduce_ex__'s values (what unpickling calls)."""
    result: FileResult = object.__new__(FileResult)
    for set_field, value in zip(_RESULT_SETTERS, (path, articles, error), strict=True):
        set_field(result, value)
    return result


def error_record(path: str, error: NewsparseError) -> dict[str, Any]:
    """The ``{"path", "error", "code"}`` record of a file that failed (*path* as stored)."""
    return {"path": path, "error": storable_text(str(error)), "code": error.code}


def path_of(item: Listed) -> str:
    """The path a listed input stands for (an error's, a member's name, or the path itself)."""
    if isinstance(item, InputError):
        return item.path
    return item.name if isinstance(item, Fetched) else item


def articles_of(
    item: Listed,
    *,
    format: FormatChoice = None,
    strict: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    registry: FormatRegistry | None = None,
    storage_options: StorageOptions | None = None,
) -> Iterator[Article]:
    """Yield the Articles of one listed input, lazily; raise the NewsparseError that stops it.

    A file that holds no article (a JSON array ``[]``, JSON Lines of error
    records only) raises :class:`~newsparse.FormatError` (``no-article``): a
    named input never vanishes from a run.
    """
    if isinstance(item, InputError):
        raise item
    if isinstance(item, Fetched):
        articles = named_bytes_articles(
            item.data, path=item.name, format=format, strict=strict, max_bytes=max_bytes,
            registry=registry,
        )  # fmt: skip
    else:
        articles = file_articles(
            item, format=format, strict=strict, max_bytes=max_bytes, registry=registry,
            storage_options=storage_options,
        )  # fmt: skip
    count = 0
    for count, article in enumerate(articles, start=1):  # noqa: B007 -- read after the loop
        yield article
    if count == 0:
        raise FormatError(
            "holds no article (an empty list, or error records only); check the file",
            code="no-article",
            path=path_of(item),
        )


def parse_one(
    item: Listed,
    *,
    format: FormatChoice = None,
    strict: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    registry: FormatRegistry | None = None,
    storage_options: StorageOptions | None = None,
) -> FileResult:
    """Parse one listed input into a :class:`FileResult`; never raises a NewsparseError."""
    articles: list[Article] = []
    try:
        parsed = articles_of(
            item, format=format, strict=strict, max_bytes=max_bytes, registry=registry,
            storage_options=storage_options,
        )  # fmt: skip
        articles.extend(parsed)
    except NewsparseError as error:
        return FileResult(path=path_of(item), articles=articles, error=error)
    return FileResult(path=path_of(item), articles=articles)


def worker_died(path: str) -> WorkerError:
    """The error of a file whose worker process died twice, once beside others, once alone."""
    return WorkerError(
        "the worker process parsing this file died twice, the second time parsing it alone "
        "(killed, out of memory, or a crash in C code); it was not parsed: parse it on its "
        "own (newsparse parse FILE) to see what happens",
        code="worker-died",
        path=path,
    )


def _size(item: Listed) -> int:
    """A listed file's size in bytes (0 when it cannot be read: reading it will say why)."""
    if isinstance(item, InputError):
        return 0
    if isinstance(item, Fetched):
        return len(item.data)
    try:
        return os.stat(item).st_size
    except (OSError, ValueError):
        return 0


def map_listed(
    items: Iterable[Listed],
    work: Callable[[Listed], T],
    *,
    died: Callable[[str], T],
    jobs: int = 1,
    mp_context: BaseContext | None = None,
) -> Generator[T, None, None]:
    """Yield ``work(item)`` for every listed input (:func:`~newsparse._corpus.paths.list_files`),
    in input order.

    *work* runs where the file is parsed: in a worker process when *jobs* >
    1, so it must pickle.  ``died(path)`` stands for a file whose worker died
    twice; it runs here.
    """
    return ordered_map(
        work,
        items,
        jobs=jobs,
        died=lambda item: died(path_of(item)),
        weight=_size,
        mp_context=mp_context,
    )


def iter_results(
    paths: PathsArgument,
    *,
    format: str | None = None,
    strict: bool = False,
    jobs: int = 1,
    glob: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    registry: FormatRegistry | None = None,
    mp_context: BaseContext | None = None,
    lexicon: Lexicon | None = None,
    profile: CorpusProfile | None = None,
    storage_options: StorageOptions | None = None,
) -> Iterator[FileResult]:
    """Yield one :class:`FileResult` per input file, in input order, never raising for a file.

    *paths* is one path or many (any iterable: it is consumed lazily, so a
    generator over millions of paths keeps memory flat); directories stand
    for their files (recursively, sorted, filtered by *glob*).  *format* is a
    registered format name or ``None`` to detect each file's format, in
    *registry* (default :func:`~newsparse.default_registry`; it must pickle
    when *jobs* > 1).  With *jobs* > 1 the files are parsed in that many
    processes, started by *mp_context* (a :mod:`multiprocessing` context; by
    default ``fork`` on Linux when the calling process runs one thread, else
    ``forkserver`` where the platform has it, else ``spawn``).  A file whose
    worker process dies is retried alone, then gets ``worker-died``.  *lexicon*
    and *profile* are as in :func:`~newsparse.parse_text` (they cross to the
    workers).  A path may be an fsspec URL (``s3://bucket/corpus/``, listed and
    read with *storage_options*) or an archive (``corpus.zip``, read member by
    member here; its members' data cross to the workers): docs/storage.md.

    >>> [(r.path, len(r.articles), r.ok) for r in iter_results("examples/articles.jsonl")]
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
        registry=chosen_registry(registry, lexicon, profile),
        mp_context=mp_context,
        storage_options=storage_options,
    )


def _same(result: FileResult) -> FileResult:
    return result


def _parse_then(
    item: Listed,
    then: Callable[[FileResult], T],
    *,
    format: str | None,
    strict: bool,
    max_bytes: int,
    registry: FormatRegistry | None,
    storage_options: StorageOptions | None,
) -> T:
    result = parse_one(
        item, format=format, strict=strict, max_bytes=max_bytes, registry=registry,
        storage_options=storage_options,
    )  # fmt: skip
    return then(result)


def _died_then(path: str, then: Callable[[FileResult], T]) -> T:
    return then(FileResult(path=path, error=worker_died(path)))


def map_results(
    paths: PathsArgument,
    then: Callable[[FileResult], T],
    *,
    format: str | None = None,
    strict: bool = False,
    jobs: int = 1,
    glob: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    registry: FormatRegistry | None = None,
    mp_context: BaseContext | None = None,
    storage_options: StorageOptions | None = None,
) -> Iterator[T]:
    """Yield ``then(result)`` for each file's :class:`FileResult`, in input order.

    *then* runs where the file was parsed: in the worker process when *jobs*
    > 1 (so it must pickle: a module-level function or a ``functools.partial``
    of one).  Turning results into what is kept (serialised lines, table rows,
    counts) there leaves the main process little to do, which is what lets a
    parallel run scale.  The other arguments are those of :func:`iter_results`.
    """
    work = partial(
        _parse_then, then=then, format=format, strict=strict, max_bytes=max_bytes,
        registry=registry, storage_options=storage_options,
    )  # fmt: skip
    listed = list_files(paths, glob=glob, max_bytes=max_bytes, storage_options=storage_options)
    return map_listed(
        listed, work, died=partial(_died_then, then=then), jobs=jobs, mp_context=mp_context
    )
