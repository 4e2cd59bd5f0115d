"""Bytes to text: which encoding a dump is in, decided in a fixed order.

1. a byte-order mark: UTF-8, UTF-16 or UTF-32;
2. strict UTF-8;
3. windows-1256, when the bytes are not UTF-8 and the result reads as Arabic
   (the aggregator's own legacy encoding);
4. charset-normalizer, only as a last resort and only when installed
   (``pip install newsparse[detect]``).

NUL bytes or a text of mostly control characters are binary data, not an
article.  The name of the encoding used is returned with the text so that the
Article can record it.
"""

from __future__ import annotations

import codecs
from typing import NamedTuple

import regex

from newsparse._errors import EncodingError
from newsparse._text.arabic import ARABIC_LETTER

__all__ = ["Decoded", "decode"]

_BOMS = (  # longest first: the UTF-32-LE mark starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CONTROL_BYTES = bytes([*range(0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
# Encodings whose text has a control character exactly where the bytes have its byte.
_ASCII_COMPATIBLE = frozenset({"utf-8", "utf-8-sig", "windows-1256"})
_MOSTLY_CONTROL = 0.05  # a text with more control characters than this is binary
_ARABIC_SHARE = 0.5  # windows-1256 is kept when Arabic letters are this share of the text
# The bytes windows-1256 decodes to an Arabic-script letter: counted in the bytes, the share
# costs one copy of them, where listing the letters of the decoded text cost 40x its size.
_CP1256_LETTERS = bytes(
    byte for byte in range(256) if ARABIC_LETTER.fullmatch(bytes([byte]).decode("cp1256"))
)


class Decoded(NamedTuple):
    """Decoded text and the name of the encoding it was decoded from."""

    text: str
    encoding: str


def _text_position(text: str, index: int) -> tuple[int, int]:
    """The 1-based line and column of character *index* of *text*."""
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


def _position(data: bytes, index: int) -> tuple[int, int, str]:
    """The 1-based line and column of byte *index*, and that line (for messages)."""
    line = data.count(b"\n", 0, index) + 1
    start = data.rfind(b"\n", 0, index) + 1
    end = data.find(b"\n", index)
    raw = data[start : None if end == -1 else end]
    column = len(data[start:index].decode("utf-8", "replace")) + 1
    return line, column, raw.decode("utf-8", "replace").strip()


def _binary(
    data: bytes, index: int, path: str | None, why: str, *, at: tuple[int, int] | None = None
) -> EncodingError:
    """The ``binary`` error about byte *index* of *data* (or at line and column *at*)."""
    line, column = _position(data, index)[:2] if at is None else at
    return EncodingError(
        f"binary data, not a text dump ({why}); pass article text files only",
        code="binary", path=path, line=line, column=column,
    )  # fmt: skip


def _reads_as_arabic(data: bytes) -> bool:
    """Whether *data*, read as windows-1256, is at least half Arabic letters (of the
    characters that are not spaces or line ends)."""
    visible = len(data) - data.count(b" ") - data.count(b"\n") - data.count(b"\r")
    letters = len(data) - len(data.translate(None, _CP1256_LETTERS))
    return visible > 0 and letters >= _ARABIC_SHARE * visible


def _check_text(text: str, data: bytes, path: str | None, encoding: str) -> None:
    if encoding in _ASCII_COMPATIBLE:
        # One memchr per control byte; counting them costs 3x (docs/performance.md#kept-tricks).
        if not any(byte in data for byte in _CONTROL_BYTES):
            return
        controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    else:
        controls = len(_CONTROL.findall(text))
    if controls > _MOSTLY_CONTROL * max(len(text), 1):
        first = _CONTROL.search(text)
        index = data.find(first.group().encode("latin-1")) if first is not None else 0
        raise _binary(data, max(index, 0), path, f"{controls} control characters")


def _detect(data: bytes, path: str | None) -> Decoded:
    try:
        from charset_normalizer import from_bytes  # noqa: PLC0415 -- optional extra
    except ImportError:
        match = None
    else:
        match = from_bytes(data).best()
    if match is None or match.encoding is None:
        line, column, source_line = _position(data, _first_bad_utf8(data))
        raise EncodingError(
            "not UTF-8 nor windows-1256 Arabic, and no other encoding could be recognised; "
            "convert the file to UTF-8 (iconv -f ENCODING -t UTF-8), or install "
            "newsparse[detect] to let charset-normalizer guess",
            code="decode", path=path, line=line, column=column, source_line=source_line,
        )  # fmt: skip
    return Decoded(str(match), match.encoding)


def _first_bad_utf8(data: bytes) -> int:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start
    return 0


def decode(data: bytes, *, path: str | None = None) -> Decoded:
    """Return the text of *data* and the encoding it was decoded from.

    Raises :class:`~newsparse.EncodingError` (code ``binary``) for binary data
    and (code ``decode``) when no encoding fits.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)  # these codecs consume the mark themselves
            except UnicodeDecodeError as error:
                why = f"invalid {encoding} after its BOM"
                raise _binary(data, error.start, path, why) from None
            nul = text.find("\x00")
            if nul != -1:
                at = _text_position(text, nul)
                raise _binary(data, 0, path, "it holds NUL characters", at=at)
            _check_text(text, data, path, encoding)
            return Decoded(text, encoding)
    nul = data.find(b"\x00")
    if nul != -1:
        raise _binary(data, nul, path, "it holds NUL bytes")
    try:
        decoded = Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        if _reads_as_arabic(data):
            decoded = Decoded(data.decode("cp1256"), "windows-1256")
        else:
            decoded = _detect(data, path)
    _check_text(decoded.text, data, path, decoded.encoding)
    return decoded
