"""The entry points: text, bytes, a file or many files in; Articles out."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator

import attrs

from newsparse._errors import FormatError
from newsparse._formats.builtin import default_registry, tuned_registry
from newsparse._formats.contract import Format, FormatRegistry
from newsparse._formats.diagnostics import empty_input
from newsparse._model.corpus_profile import CorpusProfile
from newsparse._model.records import Article, Diagnostic
from newsparse._storage.local import too_large
from newsparse._storage.options import StorageOptions
from newsparse._storage.reading import read_bytes
from newsparse._text.decoding import decode
from newsparse._text.lexicon import Lexicon

__all__ = [
    "DEFAULT_MAX_BYTES",
    "chosen_registry",
    "file_articles",
    "named_bytes_articles",
    "parse_bytes",
    "parse_file",
    "parse_text",
]

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
"""Inputs larger than this (50 MiB) are refused: no article file is that long."""

_PLAIN_ENCODINGS = frozenset({"utf-8", "utf-8-sig"})

FormatChoice = str | Format | None
"""A format name, a Format object, or None to detect the format."""


def chosen_registry(
    registry: FormatRegistry | None,
    lexicon: Lexicon | None,
    profile: CorpusProfile | None = None,
) -> FormatRegistry | None:
    """The registry an entry point given *registry*, *lexicon* and *profile* uses
    (``None``: the default).

    *lexicon* and *profile* select the default registry's formats with their
    keywords split by the lexicon and what the corpus profile learned applied
    (plugins' formats are their own); with a *registry* of your own, give them
    to its formats instead (``AggregatorText(lexicon=..., corpus_profile=...)``).
    """
    if lexicon is None and profile is None:
        return registry
    if registry is not None:
        raise TypeError(
            "pass registry=, or lexicon= and profile=, not both: give them to the formats "
            "of your registry instead (AggregatorText(lexicon=..., corpus_profile=...))"
        )
    return tuned_registry(lexicon, profile)


def _articles(
    text: str,
    *,
    format: FormatChoice,
    strict: bool,
    registry: FormatRegistry | None,
    path: str | None,
    encoding: str | None = None,
) -> Iterator[Article]:
    if not text or text.isspace():  # as `not text.strip()`, without copying the text
        raise empty_input(path)
    chosen = (registry or default_registry()).resolve(format, text, path=path)
    for article in chosen.parse(text, path=path, strict=strict):
        yield _with_encoding(article, encoding)


def _with_encoding(article: Article, encoding: str | None) -> Article:
    if encoding is None:
        return article
    if encoding in _PLAIN_ENCODINGS:
        return attrs.evolve(article, encoding=encoding)
    note = Diagnostic(code="encoding", message=f"decoded from {encoding}", line=None)
    return attrs.evolve(article, encoding=encoding, diagnostics=(note, *article.diagnostics))


def _one(articles: Iterator[Article], path: str | None) -> Article:
    first_two = list(itertools.islice(articles, 2))
    if len(first_two) == 1:
        return first_two[0]
    if not first_two:
        raise FormatError("holds no article", code="no-article", path=path)
    where = f"newsparse.iter_articles({path!r})" if path else "newsparse.iter_articles"
    raise FormatError(
        f"holds several articles; parse_* returns exactly one: use {where} to get them all",
        code="several-articles",
        path=path,
    )


def parse_text(
    text: str,
    *,
    format: FormatChoice = None,
    strict: bool = False,
    registry: FormatRegistry | None = None,
    lexicon: Lexicon | None = None,
    profile: CorpusProfile | None = None,
) -> Article:
    """Parse one article given as text.

    *format* is a format name (``"aggregator-text"``), a Format object, or
    ``None`` to detect it (see :meth:`FormatRegistry.detect`); *registry*
    defaults to :func:`~newsparse.default_registry`.  *lexicon* (a
    :class:`~newsparse.Lexicon`) selects the default registry with the keywords
    of its built-in formats split by those word lists (plugins' formats are
    their own; with a *registry* of yours, give the lexicon to its formats:
    ``AggregatorText(lexicon=...)``).  *profile* (a
    :class:`~newsparse.CorpusProfile` from :func:`~newsparse.learn`) drops the
    chrome learned for the article's outlet and splits its keywords by the
    learned tags; without it nothing changes.  Lenient by default:
    defects become ``article.diagnostics``; with ``strict=True`` the first one
    raises :class:`~newsparse.ParseError`.  Text that is not an article raises
    :class:`~newsparse.ParseError` either way; text holding several raises
    :class:`~newsparse.FormatError` (``several-articles``).

    >>> parse_text("عنوان الخبر\\nتاريخ النشر: 29th, January 2024 GMT\\nنص الخبر.").published
    datetime.date(2024, 1, 29)
    """
    registry = chosen_registry(registry, lexicon, profile)
    return _one(_articles(text, format=format, strict=strict, registry=registry, path=None), None)


def _decode_bytes(data: bytes, path: str | None, max_bytes: int) -> tuple[str, str]:
    if len(data) > max_bytes:
        raise too_large(len(data), max_bytes, path or "<bytes>")
    return decode(data, path=path)


def parse_bytes(
    data: bytes,
    *,
    format: FormatChoice = None,
    strict: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    registry: FormatRegistry | None = None,
    lexicon: Lexicon | None = None,
    profile: CorpusProfile | None = None,
) -> Article:
    """Parse one article given as bytes.

    The encoding is found in this order: a byte-order mark, UTF-8,
    windows-1256 when the text reads as Arabic, then charset-normalizer when
    installed (``newsparse[detect]``); ``article.encoding`` says which, and an
    ``encoding`` diagnostic is recorded when it was not UTF-8.

    Raises :class:`~newsparse.InputError` (``too-large``) over *max_bytes*,
    :class:`~newsparse.EncodingError` (``binary``, ``decode``) for bytes that are
    not text, and otherwise behaves as :func:`parse_text`.
    """
    registry = chosen_registry(registry, lexicon, profile)
    text, encoding = _decode_bytes(data, None, max_bytes)
    articles = _articles(
        text, format=format, strict=strict, registry=registry, path=None, encoding=encoding
    )
    return _one(articles, None)


def file_articles(
    path: str,
    *,
    format: FormatChoice,
    strict: bool,
    max_bytes: int,
    registry: FormatRegistry | None,
    storage_options: StorageOptions | None = None,
) -> Iterator[Article]:
    """The Articles of the one file at *path* (a local path, a URL or an archive member's
    name): it is read and decoded now, parsed lazily."""
    data = read_bytes(path, max_bytes=max_bytes, options=storage_options)
    return named_bytes_articles(
        data, path=path, format=format, strict=strict, max_bytes=max_bytes, registry=registry
    )


def named_bytes_articles(
    data: bytes,
    *,
    path: str,
    format: FormatChoice,
    strict: bool,
    max_bytes: int,
    registry: FormatRegistry | None,
) -> Iterator[Article]:
    """The Articles of the bytes *data* of the file named *path*: decoded now, parsed lazily."""
    text, encoding = _decode_bytes(data, path, max_bytes)
    return _articles(
        text, format=format, strict=strict, registry=registry, path=path, encoding=encoding
    )


def parse_file(
    path: str | os.PathLike[str],
    *,
    format: FormatChoice = None,
    strict: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    registry: FormatRegistry | None = None,
    lexicon: Lexicon | None = None,
    profile: CorpusProfile | None = None,
    storage_options: StorageOptions | None = None,
) -> Article:
    """Parse the one article stored in the file at *path*.

    *path* is a local path, an fsspec URL (``s3://bucket/a.txt``, read with
    *storage_options* over fsspec's configuration; ``pip install
    'newsparse[remote]'``) or an archive member as records name it
    (``zip://a.txt::corpus.zip``; docs/storage.md).

    The format is detected unless given (the file's suffix breaks ties).
    Raises :class:`~newsparse.InputError` when the file cannot be read (codes
    ``not-found``, ``is-a-directory``, ``unreadable``, ``too-large``),
    :class:`~newsparse.EncodingError` when it is not text,
    :class:`~newsparse.ParseError` when it is not an article and
    :class:`~newsparse.FormatError` (``several-articles``) when it holds many:
    use :func:`iter_articles` for those.  Every error names the file.
    *lexicon* and *profile* are as in :func:`parse_text`.

    >>> parse_file("examples/000_737a97d3fc3c0077.txt").source.name
    'الخليج الجديد'
    """
    name = os.fspath(path)
    articles = file_articles(
        name,
        format=format,
        strict=strict,
        max_bytes=max_bytes,
        registry=chosen_registry(registry, lexicon, profile),
        storage_options=storage_options,
    )
    return _one(articles, name)
