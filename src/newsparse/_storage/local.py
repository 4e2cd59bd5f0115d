"""Reading a local file whole, refusing what is not a regular file before it is opened."""

from __future__ import annotations

import os
import stat

from newsparse._errors import InputError

__all__ = ["read_local", "too_large"]


def too_large(size: int, limit: int, path: str) -> InputError:
    """The ``too-large`` error of an input of *size* bytes over *limit*."""
    return InputError(
        f"{size} bytes is over the limit of {limit} bytes; no article file is that long "
        "(is it a concatenation of many?); raise max_bytes if it really is one",
        code="too-large",
        path=path,
    )


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


def read_local(path: str, max_bytes: int) -> bytes:
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
                raise too_large(found.st_size, max_bytes, path)
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
