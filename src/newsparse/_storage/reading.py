"""The bytes of one input, wherever it is: a local file, a URL, or an archive's member."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

from newsparse._errors import InputError
from newsparse._storage.archives import iter_members, split_member_url
from newsparse._storage.fetched import Fetched
from newsparse._storage.local import read_local, too_large
from newsparse._storage.options import StorageOptions
from newsparse._storage.remote import MISSING_EXTRA, filesystem, is_url

__all__ = ["fetch_many", "is_remote", "open_stream", "read_bytes"]

# Bytes asked of a remote file at once: whole small files in one request, big archives in
# few (a request to an object store costs milliseconds whatever its size).
_BLOCK = 8 << 20
# Requests in flight at once when many small files are fetched together: on loopback, moto's
# server answered 512 files in 13.7 s one at a time and in 4.0 s sixteen at a time.
_CONCURRENT = 16


def is_remote(location: str) -> bool:
    """Whether *location* is read through fsspec: a URL that is not a local file's name."""
    return is_url(location) and not os.path.lexists(location)


def read_bytes(location: str, *, max_bytes: int, options: StorageOptions | None = None) -> bytes:
    """The bytes of the input *location* names, at most *max_bytes* (else ``too-large``).

    *location* is a local path, an fsspec URL (read with *options*), or an
    archive member's name (``zip://MEMBER::ARCHIVE``).  Raises
    :class:`~newsparse.InputError` naming *location* when it cannot be read.
    """
    member = split_member_url(location)
    if member is not None:
        return _read_member(location, member, max_bytes, options or {})
    if is_remote(location):
        data = _read_remote(location, max_bytes, options or {})
        if len(data) > max_bytes:
            raise too_large(len(data), max_bytes, location)
        return data
    return read_local(location, max_bytes)


def _read_member(
    location: str, member: tuple[str, str, str], max_bytes: int, options: StorageOptions
) -> bytes:
    _, wanted, archive = member
    with open_stream(archive, options) as stream:
        for found in iter_members(stream, archive, max_bytes=max_bytes, wanted=wanted):
            if isinstance(found, Fetched):
                return found.data
            raise found
    raise InputError(
        "the archive holds no member of this name; check the name (it is as records "
        "write it, with %XX for a byte that is not UTF-8)",
        code="not-found",
        path=location,
    )


@contextmanager
def open_stream(location: str, options: StorageOptions) -> Iterator[IO[bytes]]:
    """*location* (a local path or a URL) open for reading, as a binary stream.

    Raises :class:`~newsparse.InputError`: ``missing-extra`` for a URL without
    fsspec, ``not-found``, ``is-a-directory``, ``unreadable``.
    """
    with _as_input_errors(location):
        if is_remote(location):
            fs, path = filesystem(location, options)
            handle = fs.open(path, "rb", block_size=_BLOCK)
        else:
            handle = open(location, "rb")  # noqa: SIM115 -- closed below, after the yield
    with handle:
        yield handle


def _read_remote(location: str, max_bytes: int, options: StorageOptions) -> bytes:
    """At most *max_bytes* + 1 bytes of the remote file: one ranged request, no size asked
    first (an object store answers each request in milliseconds)."""
    with _as_input_errors(location):
        fs, path = filesystem(location, options)
        data: bytes = fs.cat_file(path, start=0, end=max_bytes + 1)
    return data


@contextmanager
def _as_input_errors(location: str) -> Iterator[None]:
    """Raise what opening or reading *location* raises as the InputError that says it."""
    try:
        yield
    except ImportError as error:
        message = f"{MISSING_EXTRA} ({error})"
        raise InputError(message, code="missing-extra", path=location) from None
    except FileNotFoundError:
        raise _not_found(location) from None
    except IsADirectoryError:
        raise _is_a_directory(location) from None
    except Exception as error:  # a file system raises what its client raises
        raise _unreadable(location, error) from error


def fetch_many(
    urls: list[str], options: StorageOptions, max_bytes: int
) -> list[Fetched | InputError]:
    """The remote files *urls* (of one file system), fetched at once: concurrently where the
    file system is asynchronous (s3fs, gcsfs), which is what makes many small objects fast;
    each one's bytes, or its InputError, in order."""
    try:
        fs, _ = filesystem(urls[0], options)
        paths = [filesystem(url, options)[1] for url in urls]
        # Ranged requests of the paths as they are (``cat`` would look each one up first).
        got = fs.cat_ranges(
            paths, [0] * len(paths), [max_bytes + 1] * len(paths), on_error="return",
            batch_size=_CONCURRENT,
        )  # fmt: skip
    except Exception:  # noqa: BLE001 -- the batch as a whole failed: each file says why alone
        return [_fetched_alone(url, max_bytes, options) for url in urls]
    fetched: list[Fetched | InputError] = []
    for url, data in zip(urls, got, strict=True):
        if isinstance(data, bytes) and len(data) <= max_bytes:
            fetched.append(Fetched(name=url, data=data))
        else:  # an error, or too large: reading it alone says which, in the usual words
            fetched.append(_fetched_alone(url, max_bytes, options))
    return fetched


def _fetched_alone(url: str, max_bytes: int, options: StorageOptions) -> Fetched | InputError:
    try:
        return Fetched(name=url, data=read_bytes(url, max_bytes=max_bytes, options=options))
    except InputError as error:
        return error


def _not_found(location: str) -> InputError:
    return InputError("no such file; check the path", code="not-found", path=location)


def _is_a_directory(location: str) -> InputError:
    return InputError(
        "is a directory; pass the article files in it, or use newsparse.iter_articles(dir)",
        code="is-a-directory",
        path=location,
    )


def _unreadable(location: str, error: BaseException) -> InputError:
    reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
    return InputError(
        f"cannot read it ({reason}); check the URL, the storage options and your access",
        code="unreadable",
        path=location,
    )
