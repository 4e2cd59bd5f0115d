"""The entry points: text, bytes or a file in; an Article out."""

from __future__ import annotations

import os

from newsparse._dump_parser import parse_dump
from newsparse._errors import InputError, ParseError
from newsparse._model import Article

__all__ = ["parse_bytes", "parse_file", "parse_text"]


def parse_text(text: str, *, strict: bool = False) -> Article:
    """Parse one article dump given as text.

    Lenient by default: defects become ``article.diagnostics``; with
    ``strict=True`` the first one raises :class:`~newsparse.ParseError`.
    Text that is not an article (empty, or a headline and nothing else)
    raises :class:`~newsparse.ParseError` either way.

    >>> parse_text("عنوان الخبر\\nتاريخ النشر: 29th, January 2024 GMT\\nنص الخبر.").published
    datetime.date(2024, 1, 29)
    """
    return parse_dump(text, strict=strict)


def _decode(data: bytes, path: str | None) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        line_start = data.rfind(b"\n", 0, error.start) + 1
        line_end = data.find(b"\n", error.start)
        raw = data[line_start : None if line_end == -1 else line_end]
        column = len(data[line_start : error.start].decode("utf-8", "replace")) + 1
        raise ParseError(
            f"not UTF-8: byte 0x{data[error.start]:02X} cannot start or continue a character; "
            "convert the file to UTF-8 (for example with iconv -f WINDOWS-1256 -t UTF-8)",
            code="decode",
            path=path,
            line=line,
            column=column,
            source_line=raw.decode("utf-8", "replace").strip(),
        ) from None


def parse_bytes(data: bytes, *, strict: bool = False) -> Article:
    """Parse one article dump given as UTF-8 bytes (a BOM is allowed).

    Raises :class:`~newsparse.ParseError` with code ``decode`` at the first
    byte that is not UTF-8, and otherwise behaves as :func:`parse_text`.
    """
    return parse_dump(_decode(data, None), strict=strict)


def parse_file(path: str | os.PathLike[str], *, strict: bool = False) -> Article:
    """Parse the article dump stored in the file at *path*.

    Raises :class:`~newsparse.InputError` when the file cannot be read (missing,
    a directory, no permission) and :class:`~newsparse.ParseError` when its
    content is not an article; both name the file.

    >>> parse_file("examples/000_737a97d3fc3c0077.txt").source.name
    'الخليج الجديد'
    """
    name = os.fspath(path)
    try:
        with open(name, "rb") as handle:
            data = handle.read()
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
    return parse_dump(_decode(data, name), path=name, strict=strict)
