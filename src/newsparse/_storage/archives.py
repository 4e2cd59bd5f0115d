"""Archives read member by member, streaming, never unpacked to disk.

A ``.zip``, ``.tar``, ``.tar.gz`` (``.tgz``), ``.tar.bz2`` (``.tbz2``),
``.tar.xz`` (``.txz``) or ``.tar.zst`` (``.tzst``) stands for its members, in
the order the archive holds them; directories, links and hidden names (a
part starting with ``.``, such as ``__MACOSX/._a.txt``) are passed over.

A member is named as fsspec chains it, ``zip://MEMBER::ARCHIVE`` or
``tar://MEMBER::ARCHIVE``, and that name opens it again (:func:`read_member`;
fsspec opens it too when the member's name is UTF-8).  A member's name is the
bytes its creator wrote, read as what they are (see :func:`member_text`):
UTF-8, else a Windows Arabic code page (windows-1256 or DOS 720) when they
read as Arabic in it, else zip's own code page 437, or for a tar the bytes
themselves (a byte that is not UTF-8 is stored as ``%XX``).  Each reading is
one to one, so the name always leads back to the same bytes.
"""

from __future__ import annotations

import re
import tarfile
import urllib.parse
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from functools import partial
from typing import IO, Final

from newsparse._errors import InputError
from newsparse._storage.fetched import Fetched
from newsparse._storage.local import too_large

__all__ = [
    "archive_kind",
    "iter_members",
    "member_text",
    "member_url",
    "split_member_url",
]

_KINDS: Final = (
    (".zip", "zip"),
    (".tar", "tar"),
    (".tar.gz", "tar"),
    (".tgz", "tar"),
    (".tar.bz2", "tar"),
    (".tbz2", "tar"),
    (".tar.xz", "tar"),
    (".txz", "tar"),
    (".tar.zst", "tar"),
    (".tzst", "tar"),
)
_ZSTD_SUFFIXES: Final = (".tar.zst", ".tzst")
_UTF8_FLAG: Final = 0x800  # zip's general purpose bit 11: the name is UTF-8
# The member is the shortest name before a "::" that no third ":" follows: a name may end in
# ":", and the archive may be a chained URL itself; a name holding "::" cannot be told apart.
_MEMBER_URL = re.compile(r"(zip|tar)://(.+?)::(?!:)(.+)", re.DOTALL)

# Letters, marks and digits of the Arabic script, and the spaces and marks an Arabic name holds.
_ARABIC = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
_READS_AS_ARABIC = re.compile(f"[\x00-\x7f\u00a0\u00ab\u00bb\u200c-\u200f{_ARABIC}]*")
_ARABIC_LETTER = re.compile(f"[{_ARABIC}]")
_NOT_ASCII = re.compile("[^\x00-\x7f]")


def archive_kind(path: str) -> str | None:
    """``"zip"`` or ``"tar"`` when *path*'s suffix names an archive, else None.

    >>> archive_kind("corpus.tar.gz"), archive_kind("corpus/A.ZIP"), archive_kind("a.txt")
    ('tar', 'zip', None)
    """
    lowered = path.lower()
    return next((kind for suffix, kind in _KINDS if lowered.endswith(suffix)), None)


def member_url(kind: str, member: str, archive: str) -> str:
    """The name of the member *member* of the *kind* archive at *archive*.

    >>> member_url("zip", "2024/a.txt", "s3://bucket/corpus.zip")
    'zip://2024/a.txt::s3://bucket/corpus.zip'
    """
    return f"{kind}://{member}::{archive}"


def split_member_url(name: str) -> tuple[str, str, str] | None:
    """The kind, member and archive a :func:`member_url` names, or None for any other name.

    >>> split_member_url("tar://a/b.txt::corpus.tar.gz")
    ('tar', 'a/b.txt', 'corpus.tar.gz')
    """
    found = _MEMBER_URL.fullmatch(name)
    return None if found is None else (found[1], found[2], found[3])


def member_text(raw: bytes, kind: str) -> str:
    """The name the bytes *raw* of a *kind* archive's member name stand for (see the module).

    >>> member_text("خبر.txt".encode("cp1256"), "zip"), member_text(b"caf\\x82.txt", "zip")
    ('خبر.txt', 'café.txt')
    """
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for code_page in ("cp1256", "cp720"):
        try:
            text = raw.decode(code_page)
        except UnicodeDecodeError:
            continue
        if _reads_as_arabic(text):
            return text
    if kind == "zip":
        return raw.decode("cp437")  # every byte has a character there: one to one
    return raw.decode("utf-8", "surrogateescape")


def _reads_as_arabic(text: str) -> bool:
    """Whether *text* is Arabic: only Arabic script beside ASCII, mostly its letters."""
    if not _READS_AS_ARABIC.fullmatch(text):
        return False
    letters = len(_ARABIC_LETTER.findall(text))
    return letters * 2 > len(_NOT_ASCII.findall(text))


def _unescaped(stored: str) -> str:
    """The name a record stores as *stored* (the inverse of ``_corpus/escape.stored_path``)."""
    raw = urllib.parse.unquote_to_bytes(stored.encode("utf-8", "surrogateescape"))
    return raw.decode("utf-8", "surrogateescape")


def _hidden(member: str) -> bool:
    return any(part.startswith(".") for part in member.split("/"))


class _Names:
    """Fetched names as :func:`member_text` reads them, one to one within the archive: a
    name read twice (two byte strings that read alike) is its bytes the second time."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.seen: set[str] = set()

    def name(self, raw: bytes) -> str:
        text = member_text(raw, self.kind)
        if text in self.seen:
            text = raw.decode("utf-8", "surrogateescape")
        self.seen.add(text)
        return text


def _zip_raw(info: zipfile.ZipInfo) -> bytes:
    if info.flag_bits & _UTF8_FLAG:
        return info.orig_filename.encode("utf-8", "surrogateescape")
    return info.orig_filename.encode("cp437")  # zipfile read it as code page 437


def _tar_raw(info: tarfile.TarInfo) -> bytes:
    return info.name.encode("utf-8", "surrogateescape")


def _damaged(archive: str, error: BaseException, read: int) -> InputError:
    return InputError(
        f"the archive is damaged or not a {'zip' if archive_kind(archive) == 'zip' else 'tar'} "
        f"archive ({error}); {read} member(s) were read before it: check or re-create the "
        "archive",
        code="bad-archive",
        path=archive,
    )


_DAMAGE = (zipfile.BadZipFile, tarfile.TarError, EOFError, zlib.error, OSError, ValueError)


def iter_members(
    stream: IO[bytes],
    archive: str,
    *,
    max_bytes: int,
    wanted: str | None = None,
    accept: Callable[[str], bool] | None = None,
    read: bool = True,
) -> Iterator[Fetched | InputError]:
    """Yield the members of the archive *archive* open as *stream*, read, in archive order.

    A member over *max_bytes* or that cannot be read gives its InputError in its
    place; damage that ends the archive gives a ``bad-archive`` error, after the
    members before it.  With *wanted*, only the member of that name is read (the name
    as records store it, ``%XX`` for a byte that is not UTF-8, is the name too).
    *accept* (a callable taking the member's base name) filters members by name.
    With *read* false, members come with no data (``b""``), only their names.
    """
    kind = archive_kind(archive) or "tar"
    names_wanted = {wanted, _unescaped(wanted)} if wanted is not None else set()
    count = 0
    try:
        entries = _zip_entries(stream) if kind == "zip" else _tar_entries(stream, archive)
        names = _Names(kind)
        for raw, size, opener in entries:
            member = names.name(raw)
            if _hidden(member) or (wanted is not None and member not in names_wanted):
                continue
            if accept is not None and not accept(member.rpartition("/")[2]):
                continue
            name = member_url(kind, member, archive)
            if split_member_url(name) != (kind, member, archive):
                yield _unnamable(name)
                continue
            if size > max_bytes:
                yield too_large(size, max_bytes, name)
                continue
            if not read:
                count += 1
                yield Fetched(name=name, data=b"")
                continue
            try:
                # Never more than the size checked above: zipfile stops at the declared size
                # (a member that inflates past it fails its CRC), tarfile's sizes are exact.
                with opener() as handle:
                    data = handle.read()
            except (zipfile.BadZipFile, NotImplementedError, RuntimeError, zlib.error) as error:
                yield _unreadable_member(name, error)
                continue
            count += 1
            yield Fetched(name=name, data=data)
    except _DAMAGE as error:
        yield _damaged(archive, error, count)


def _unnamable(name: str) -> InputError:
    return InputError(
        "this member's name holds '::', which also separates it from the archive in its "
        "name, so it could not be opened again; it was not read: rename it in the archive",
        code="unreadable",
        path=name,
    )


def _unreadable_member(name: str, error: BaseException) -> InputError:
    return InputError(
        f"cannot read this member of the archive ({error}: damaged, encrypted or compressed "
        "in a way Python's zipfile does not read); extract it with another tool",
        code="unreadable",
        path=name,
    )


_Entries = Iterator[tuple[bytes, int, Callable[[], IO[bytes]]]]
"""A member's name as bytes, its size as the archive says, and how to open it."""


def _zip_entries(stream: IO[bytes]) -> _Entries:
    with zipfile.ZipFile(stream) as archive:
        for info in archive.infolist():
            if not info.is_dir():
                yield _zip_raw(info), info.file_size, partial(archive.open, info)


def _tar_entries(stream: IO[bytes], archive: str) -> _Entries:
    with ExitStack() as closing:
        if archive.lower().endswith(_ZSTD_SUFFIXES):
            stream = closing.enter_context(_zstd_reader(stream, archive))
        # "r|*": a stream, read once from start to end, its compression found from its bytes.
        tar = closing.enter_context(
            tarfile.open(fileobj=stream, mode="r|*", encoding="utf-8", errors="surrogateescape")
        )
        for info in tar:
            if info.isfile():
                yield _tar_raw(info), info.size, partial(_tar_member, tar, info)


def _tar_member(tar: tarfile.TarFile, info: tarfile.TarInfo) -> IO[bytes]:
    handle = tar.extractfile(info)
    assert handle is not None  # noqa: S101 -- a regular file always has its data
    return handle


def _zstd_reader(stream: IO[bytes], archive: str) -> IO[bytes]:
    try:
        import zstandard  # noqa: PLC0415 -- optional extra
    except ImportError:
        raise InputError(
            "is a zstandard-compressed tar, and reading one needs zstandard: "
            "pip install 'newsparse[zstd]'",
            code="missing-extra",
            path=archive,
        ) from None
    reader: IO[bytes] = zstandard.ZstdDecompressor().stream_reader(stream)
    return reader
