"""The entry points: text, bytes or a file in; an Article out."""

from __future__ import annotations

import os

from newsparse._decoding import decode
from newsparse._dump_parser import parse_dump
from newsparse._errors import InputError
from newsparse._model import Article

__all__ = ["DEFAULT_MAX_BYTES", "parse_bytes", "parse_file", "parse_text"]

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
"""Inputs larger than this (50 MiB) are refused: no article is that long."""


def parse_text(text: str, *, strict: bool = False) -> Article:
    """Parse one article dump given as text.

    Lenient by default: defects become ``article.diagnostics``; with
    ``strict=True`` the first one raises :class:`~newsparse.ParseError`.
    Text that is not an article (empty, or a headline and nothing else)
    raises :class:`~newsparse.ParseError` either way.  Mojibake lines are
    repaired first (see :func:`~newsparse.repair_mojibake`).

    >>> parse_text("عنوان الخبر\\nتاريخ النشر: 29th, January 2024 GMT\\nنص الخبر.").published
    datetime.date(2024, 1, 29)
    """
    return parse_dump(text, strict=strict)


def _too_large(size: int, limit: int, path: str) -> InputError:
    return InputError(
        f"{size} bytes is over the limit of {limit} bytes; no article is that long "
        "(is it a concatenation of many?); raise max_bytes if it really is one",
        code="too-large",
        path=path,
    )


def parse_bytes(
    data: bytes, *, strict: bool = False, max_bytes: int = DEFAULT_MAX_BYTES
) -> Article:
    """Parse one article dump given as bytes.

    The encoding is found in this order: a byte-order mark, UTF-8,
    windows-1256 when the text reads as Arabic, then charset-normalizer when
    installed (``newsparse[detect]``); ``article.encoding`` says which, and an
    ``encoding`` diagnostic is recorded when it was not UTF-8.

    Raises :class:`~newsparse.InputError` (``too-large``) over *max_bytes*,
    :class:`~newsparse.EncodingError` (``binary``, ``decode``) for bytes that are
    not text, and otherwise behaves as :func:`parse_text`.
    """
    return _parse_bytes(data, path=None, strict=strict, max_bytes=max_bytes)


def _parse_bytes(data: bytes, *, path: str | None, strict: bool, max_bytes: int) -> Article:
    if len(data) > max_bytes:
        raise _too_large(len(data), max_bytes, path or "<bytes>")
    text, encoding = decode(data, path=path)
    return parse_dump(text, path=path, strict=strict, encoding=encoding)


def parse_file(
    path: str | os.PathLike[str], *, strict: bool = False, max_bytes: int = DEFAULT_MAX_BYTES
) -> Article:
    """Parse the article dump stored in the file at *path*.

    Raises :class:`~newsparse.InputError` when the file cannot be read (codes
    ``not-found``, ``is-a-directory``, ``unreadable``, ``too-large``),
    :class:`~newsparse.EncodingError` when it is not text, and
    :class:`~newsparse.ParseError` when it is not an article; every error names
    the file.

    >>> parse_file("examples/000_737a97d3fc3c0077.txt").source.name
    'الخليج الجديد'
    """
    name = os.fspath(path)
    try:
        with open(name, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:
                raise _too_large(size, max_bytes, name)
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError("no such file; check the path", code="not-found", path=name) from None
    except IsADirectoryError:
        raise InputError(
            "is a directory; pass the article files in it (for example dir/*.txt)",
            code="is-a-directory",
            path=name,
        ) from None
    except OSError as error:
        raise InputError(
            f"cannot read the file ({error.strerror}); check its permissions",
            code="unreadable",
            path=name,
        ) from None
    return _parse_bytes(data, path=name, strict=strict, max_bytes=max_bytes)
