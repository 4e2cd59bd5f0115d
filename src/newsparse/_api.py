"""The entry points: text, bytes, a file or many files in; Articles out."""

from __future__ import annotations

import itertools
import os
import stat
from collections.abc import Iterator

import attrs

from newsparse._errors import FormatError, InputError
from newsparse._formats.builtin import default_registry, tuned_registry
from newsparse._formats.contract import Format, FormatRegistry
from newsparse._formats.diagnostics import empty_input
from newsparse._model.corpus_profile import CorpusProfile
from newsparse._model.records import Article, Diagnostic
from newsparse._text.decoding import decode
from newsparse._text.lexicon import Lexicon

__all__ = [
    "DEFAULT_MAX_BYTES",
    "bytes_articles",
    "chosen_registry",
    "file_articles",
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


def _too_large(size: int, limit: int, path: str) -> InputError:
    return InputError(
        f"{size} bytes is over the limit of {limit} bytes; no article file is that long "
        "(is it a concatenation of many?); raise max_bytes if it really is one",
        code="too-large",
        path=path,
    )


def _decode_bytes(data: bytes, path: str | None, max_bytes: int) -> tuple[str, str]:
    if len(data) > max_bytes:
        raise _too_large(len(data), max_bytes, path or "<bytes>")
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


def _check_listable(directory: str) -> None:
    """Raise the ``unreadable`` error of a directory that cannot be listed."""
    try:
        with os.scandir(directory):
            pass
    except OSError as error:
        raise InputError(
            f"cannot list the directory ({error.strerror}); check its permissions",
            code="unreadable",
            path=directory,
        ) from None


def _read(path: str, max_bytes: int) -> bytes:
    """The bytes of the regular file at *path*: anything else is refused before it is opened
    (a FIFO or a terminal would block the read, a device could be endless)."""
    try:
        kind = os.stat(path).st_mode
        if stat.S_ISDIR(kind):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(kind):
            raise _not_a_file(path, kind)
        # O_NONBLOCK: if the path became a FIFO since the stat, opening it does not wait
        # for a writer, and the fstat below turns it away.
        descriptor = os.open(path, os.O_RDONLY | _NONBLOCK)
        try:
            found = os.fstat(descriptor)
            if not stat.S_ISREG(found.st_mode):
                raise _not_a_file(path, found.st_mode)
            if found.st_size > max_bytes:
                raise _too_large(found.st_size, max_bytes, path)
            return _read_all(descriptor, found.st_size, max_bytes)
        finally:
            os.close(descriptor)
    except FileNotFoundError:
        raise InputError("no such file; check the path", code="not-found", path=path) from None
    except IsADirectoryError:
        _check_listable(path)
        raise InputError(
            "is a directory; pass the article files in it (for example dir/*.txt), "
            "or use newsparse.iter_articles(dir)",
            code="is-a-directory",
            path=path,
        ) from None
    except ValueError:  # a NUL character in the name: no file can have it
        raise InputError(
            "no file can have this name (it holds a NUL character); check the path",
            code="not-found",
            path=path,
        ) from None
    except OSError as error:
        raise InputError(
            f"cannot read the file ({error.strerror}); check its permissions",
            code="unreadable",
            path=path,
        ) from None


_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def _read_all(descriptor: int, size: int, limit: int) -> bytes:
    """The bytes of an open file that says it has *size*, at most *limit* plus one (one more
    than the limit tells a file over it).

    It asks for the size plus one first, and only when the file holds more
    (it grew, or /proc says 0) for the rest of the limit: asking for the limit
    at once would allocate it.
    """
    chunks: list[bytes] = []
    got = 0
    for wanted in (size + 1, limit + 1):
        while got < wanted and (chunk := os.read(descriptor, wanted - got)):
            chunks.append(chunk)
            got += len(chunk)
        if got <= size:  # the end came where the size said
            break
    return b"".join(chunks)


_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def _not_a_file(path: str, mode: int) -> InputError:
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    return InputError(
        f"is {kind}: only regular files are read, so it was not opened (a pipe could "
        "block the run forever, a device never end); pass article files only",
        code="not-a-file",
        path=path,
    )


def file_articles(
    path: str,
    *,
    format: FormatChoice,
    strict: bool,
    max_bytes: int,
    registry: FormatRegistry | None,
) -> Iterator[Article]:
    """The Articles of the one file at *path*: it is read and decoded now, parsed lazily."""
    return bytes_articles(
        _read(path, max_bytes), path, format=format, strict=strict, max_bytes=max_bytes,
        registry=registry,
    )  # fmt: skip


def bytes_articles(
    data: bytes,
    path: str,
    *,
    format: FormatChoice,
    strict: bool,
    max_bytes: int,
    registry: FormatRegistry | None,
) -> Iterator[Article]:
    """The Articles of *data*, the bytes of the file named *path* read elsewhere (a file
    system of fsspec's, a pipeline's reader): decoded now, parsed lazily, detected and
    named by *path* as :func:`file_articles` does."""
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
) -> Article:
    """Parse the one article stored in the file at *path*.

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
    )
    return _one(articles, name)
