"""Paths and messages as records store them: valid UTF-8, lossless, readable.

A file name is bytes; Python shows the bytes that are not UTF-8 as lone
surrogates (U+DC80-U+DCFF, PEP 383), which no UTF-8 output can hold and
which strict JSON readers refuse.  Records store such a name with each of
those bytes as ``%XX`` (``'\\udcff.txt'`` becomes ``'%FF.txt'``), as a URL
does; a ``%`` that is followed by two hex digits in the name itself becomes
``%25``, so that :func:`path_from_stored` (``urllib.parse.unquote_to_bytes``)
always gives the exact name back.  Every other name is stored as it is.
"""

from __future__ import annotations

import os
import re
import urllib.parse

from newsparse._text.surrogates import LONE_SURROGATE, REPLACEMENT

__all__ = ["path_from_stored", "storable_text", "stored_path"]

_ESCAPED_BYTE = re.compile(r"[\udc80-\udcff]")
_PERCENT_ESCAPE = re.compile(r"%(?=[0-9A-Fa-f]{2})")


def stored_path(path: str) -> str:
    """Return *path* as records store it (see the module); most paths come back unchanged.

    >>> stored_path("corpus/\\udcff.txt"), stored_path("50%.txt"), stored_path("a%41.txt")
    ('corpus/%FF.txt', '50%.txt', 'a%2541.txt')
    """
    if "%" in path:
        path = _PERCENT_ESCAPE.sub("%25", path)
    if path.isascii():
        return path
    return _ESCAPED_BYTE.sub(_percent, path)


def path_from_stored(stored: str) -> str:
    """Return the path a record names (the inverse of :func:`stored_path`), for ``open()``.

    >>> path_from_stored("corpus/%FF.txt") == "corpus/\\udcff.txt"
    True
    """
    return os.fsdecode(urllib.parse.unquote_to_bytes(stored))


def storable_text(text: str) -> str:
    """Return *text* (an error message) with the bytes of a name that are not UTF-8 as
    ``%XX`` and any other lone surrogate as U+FFFD, so that every output can hold it."""
    if text.isascii():
        return text
    return LONE_SURROGATE.sub(REPLACEMENT, _ESCAPED_BYTE.sub(_percent, text))


def _percent(match: re.Match[str]) -> str:
    return f"%{ord(match[0]) - 0xDC00:02X}"
