"""Every article of many files, in order, the first error raised as it is."""

from __future__ import annotations

from collections.abc import Iterator

from newsparse._api import (
    DEFAULT_MAX_BYTES,
    FormatChoice,
    chosen_registry,
    file_articles,
    named_bytes_articles,
)
from newsparse._corpus.paths import PathsArgument, list_files
from newsparse._errors import InputError
from newsparse._formats.contract import FormatRegistry
from newsparse._model.corpus_profile import CorpusProfile
from newsparse._model.records import Article
from newsparse._storage.fetched import Fetched
from newsparse._storage.options import StorageOptions
from newsparse._text.lexicon import Lexicon

__all__ = ["iter_articles"]


def iter_articles(
    paths: PathsArgument,
    *,
    format: FormatChoice = None,
    strict: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    registry: FormatRegistry | None = None,
    glob: str | None = None,
    lexicon: Lexicon | None = None,
    profile: CorpusProfile | None = None,
    storage_options: StorageOptions | None = None,
) -> Iterator[Article]:
    """Yield every Article of every file, in order.

    *paths* is one path or many (any iterable, consumed lazily); a directory
    stands for every file under it whose name matches *glob* (``"*.txt"``;
    recursively, sorted, hidden names skipped).  A file may hold one article
    (a dump) or many (a JSON array, JSON Lines).  The first error is raised
    as it is, naming its file: a directory with no such file in it raises
    :class:`~newsparse.InputError` (``no-files``).  *lexicon* and *profile* are
    as in :func:`~newsparse.parse_text`.  URLs and archives are read as
    :func:`~newsparse.iter_results` reads them, with *storage_options*.

    >>> [article.title[:20] for article in iter_articles("examples/articles.jsonl")]
    ['بعد تبادلهما القصف..', 'باكستان وإيران تتفقا']
    """
    registry = chosen_registry(registry, lexicon, profile)
    listed = list_files(paths, glob=glob, max_bytes=max_bytes, storage_options=storage_options)
    for item in listed:
        if isinstance(item, InputError):
            raise item
        if isinstance(item, Fetched):
            yield from named_bytes_articles(
                item.data, path=item.name, format=format, strict=strict, max_bytes=max_bytes,
                registry=registry,
            )  # fmt: skip
        else:
            yield from file_articles(
                item, format=format, strict=strict, max_bytes=max_bytes, registry=registry,
                storage_options=storage_options,
            )  # fmt: skip
