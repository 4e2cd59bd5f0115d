"""Which files a list of paths stands for: local files and directories, URLs, archives."""

from __future__ import annotations

import fnmatch
import glob as globbing
import heapq
import os
from collections.abc import Callable, Iterable, Iterator
from functools import partial

from newsparse._api import DEFAULT_MAX_BYTES
from newsparse._errors import InputError
from newsparse._storage.archives import archive_kind, iter_members, split_member_url
from newsparse._storage.fetched import Fetched
from newsparse._storage.options import StorageOptions
from newsparse._storage.reading import fetch_many, is_remote, open_stream
from newsparse._storage.remote import MISSING_EXTRA, filesystem, remote_files

__all__ = [
    "FileId",
    "Listed",
    "PathsArgument",
    "as_many",
    "file_id",
    "list_files",
    "list_on_driver",
    "no_files",
]

PathsArgument = str | os.PathLike[str] | Iterable[str | os.PathLike[str]]
"""One path, or any iterable of paths (consumed lazily)."""

Listed = str | Fetched | InputError
"""What listing the inputs gives: a file's path or URL, an archive's member (read), or the
error of a path that names none."""

FileId = tuple[int, int]
"""A file's device and inode: the same file under any name, hard links included."""


def as_many(paths: PathsArgument) -> Iterable[str | os.PathLike[str]]:
    """*paths* as an iterable of paths: one path (a ``str`` or a path object) is one, not
    the characters of its name."""
    return [paths] if isinstance(paths, str | os.PathLike) else paths


def file_id(path: str | os.PathLike[str]) -> FileId | None:
    """The :data:`FileId` of *path* (symbolic links followed), or None if it cannot be read."""
    try:
        found = os.stat(path)
    except (OSError, ValueError):
        return None
    return found.st_dev, found.st_ino


def list_files(
    paths: PathsArgument,
    *,
    glob: str | None = None,
    skip: frozenset[FileId] = frozenset(),
    max_bytes: int = DEFAULT_MAX_BYTES,
    storage_options: StorageOptions | None = None,
    read_members: bool = True,
    read_ahead: bool = True,
) -> Iterator[Listed]:
    """Yield the files *paths* stand for, in order, and an error for a path that stands
    for none.

    A directory stands for its files (recursively, sorted: see ``_walk``) whose name
    matches *glob* (``"*.txt"``); one that holds no such file gives an
    ``InputError`` (``no-files``) in its place.  A URL (``s3://bucket/prefix/``)
    stands for the files under it in the same order, listed with
    *storage_options*.  An archive, named or found in a directory, stands for
    its members whose name matches *glob*, read here, one at a time, as
    :class:`~newsparse._storage.archives.Fetched` (:mod:`newsparse._storage.archives`).
    A path named explicitly is always yielded, so that a missing file gets its
    own error, but for a file in *skip* (the run's own output, which is never
    read): that gives an ``InputError`` (``is-the-output``) when named, and is
    passed over in a directory.  Small remote files are fetched here too, many
    at once, and yielded as :class:`~newsparse._storage.fetched.Fetched`, unless
    *read_ahead* is false (then the workers read them).  With *read_members*
    false, archives' members are yielded as their names, their data not read.
    """
    options = storage_options or {}
    expand = partial(_members, glob=glob, max_bytes=max_bytes, options=options, read=read_members)
    for item in as_many(paths):
        path = os.fspath(item)
        if split_member_url(path) is not None:
            yield path
        elif is_remote(path):
            yield from _remote(path, glob, expand, options, max_bytes, read_ahead)
        elif not os.path.isdir(path):
            if skip and file_id(path) in skip:
                yield _is_the_output(path)
            elif archive_kind(path):
                yield from expand(path)
            else:
                yield path
        else:
            yield from _in_directory(path, _walk(path, skip), glob, expand)


_WILDCARDS = frozenset("*?[")


def list_on_driver(
    paths: PathsArgument,
    *,
    glob: str | None = None,
    storage_options: StorageOptions | None = None,
) -> list[Listed]:
    """The files *paths* stand for, listed whole for a cluster (Dask's client, Spark's driver):
    a glob pattern (``"corpus/**/*.txt"``, ``"s3://bucket/**/*.txt"``) stands for the files it
    matches, sorted (``no-files`` when none), anything else is as :func:`list_files` lists it.
    Archives' members are read here; remote files are left to the workers."""
    if isinstance(paths, str) and _WILDCARDS & set(paths) and not split_member_url(paths):
        matched = _matching(paths, storage_options or {})
        if not matched:
            return [no_files(paths)]
        paths = matched
    return list(list_files(paths, glob=glob, storage_options=storage_options, read_ahead=False))


def _matching(pattern: str, storage_options: StorageOptions) -> list[str]:
    if not is_remote(pattern):
        return sorted(globbing.glob(pattern, recursive=True))
    fs, path = filesystem(pattern, storage_options)
    return sorted(fs.unstrip_protocol(name) for name in fs.glob(path))


def countable(paths: list[str]) -> bool:
    """Whether the files *paths* stand for are counted ahead of the run (for a progress
    bar's total): not for standard input's (``-``) or a URL's, which would be listed twice."""
    return not any(path == "-" or is_remote(path) for path in paths)


def count_files(
    paths: PathsArgument, *, glob: str | None, skip: frozenset[FileId]
) -> Iterator[Listed]:
    """What :func:`list_files` gives for the local *paths*, to be counted: archives'
    members without their data."""
    return list_files(paths, glob=glob, skip=skip, read_members=False)


def _in_directory(
    directory: str,
    names: Iterable[str],
    glob: str | None,
    expand: Callable[[str], Iterator[Listed]],
) -> Iterator[Listed]:
    """The files *names* of *directory* that *glob* matches, archives expanded (their
    members are matched instead); ``no-files`` when there is none."""
    found = False
    for name in names:
        if archive_kind(name):
            found = True
            yield from expand(name)
        elif glob is None or fnmatch.fnmatch(name.rpartition("/")[2], glob):
            found = True
            yield name
    if not found:
        yield no_files(directory, glob)


def _remote(
    url: str,
    glob: str | None,
    expand: Callable[[str], Iterator[Listed]],
    options: StorageOptions,
    max_bytes: int,
    read_ahead: bool,
) -> Iterator[Listed]:
    try:
        files = remote_files(url, options)
    except ImportError as error:
        yield InputError(f"{MISSING_EXTRA} ({error})", code="missing-extra", path=url)
        return
    except Exception as error:  # noqa: BLE001 -- a file system raises what its client raises
        reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
        yield InputError(
            f"cannot list it ({reason}); check the URL, the storage options and your access",
            code="unreadable",
            path=url,
        )
        return
    if files is None:
        yield from (expand(url) if archive_kind(url) else [url])
        return
    listed = _in_directory(url, (name for name, _ in files), glob, expand)
    if not read_ahead:
        yield from listed
        return
    small = {name for name, size in files if size <= _READ_AHEAD_BYTES}
    yield from _read_ahead(listed, small, options, max_bytes)


# Remote files up to this size are fetched by the lister, many at once (a file system that
# is asynchronous sends the requests together), and cross to the workers with their bytes;
# bigger ones are read by the worker that parses them.
_READ_AHEAD_BYTES = 1 << 20
_READ_AHEAD_FILES = 64


def _read_ahead(
    listed: Iterator[Listed], small: set[str], options: StorageOptions, max_bytes: int
) -> Iterator[Listed]:
    """*listed*, the small remote files among it fetched :data:`_READ_AHEAD_FILES` at a time."""
    waiting: list[str] = []
    for item in listed:
        if isinstance(item, str) and item in small:
            waiting.append(item)
            if len(waiting) < _READ_AHEAD_FILES:
                continue
        if waiting:
            yield from fetch_many(waiting, options, max_bytes)
            waiting = []
        if not (isinstance(item, str) and item in small):
            yield item
    if waiting:
        yield from fetch_many(waiting, options, max_bytes)


def _members(
    archive: str, *, glob: str | None, max_bytes: int, options: StorageOptions, read: bool
) -> Iterator[Listed]:
    """The members of *archive* whose name matches *glob*, read; ``no-files`` for none."""
    accept = None if glob is None else partial(_matches, glob)
    found = False
    try:
        with open_stream(archive, options) as stream:
            members = iter_members(stream, archive, max_bytes=max_bytes, accept=accept, read=read)
            for member in members:
                found = True
                yield member if read or not isinstance(member, Fetched) else member.name
    except InputError as error:
        yield error
        return
    if not found:
        yield no_files(archive, glob)


def _matches(glob: str, name: str) -> bool:
    return fnmatch.fnmatch(name, glob)


def _is_the_output(path: str) -> InputError:
    return InputError(
        "is the output of this run (or its temporary file), which is never read as an input; "
        "write the output elsewhere, or leave it out of the inputs",
        code="is-the-output",
        path=path,
    )


def no_files(path: str, glob: str | None = None) -> InputError:
    """The ``no-files`` error of a directory (or a pattern) that stands for no file."""
    which = "" if glob is None else f" whose name matches {glob!r}"
    return InputError(
        f"stands for no file{which} (a directory with none in it, hidden names skipped, or a "
        "pattern that matches none); check the path" + ("" if glob is None else " and the glob"),
        code="no-files",
        path=path,
    )


# Names sorted in runs of this many, each packed into one str (docs/performance.md#kept-tricks).
_RUN = 4096


def _walk(top: str, skip: frozenset[FileId] = frozenset()) -> Iterator[str]:
    """The files under the directory *top*, recursively: a directory's own files first,
    sorted by name, then its subdirectories' in name order.

    Hidden files and directories (a name starting with ``.``) are skipped, and
    so are symbolic links to directories and what *skip* holds.  A directory
    that cannot be listed is yielded as it is, so that reading it says why.
    """
    stack = [top]  # not recursion: a deep tree must not hit the recursion limit
    while stack:
        directory = stack.pop()
        try:
            files, subdirectories = _listing(directory, skip)
        except OSError:
            yield directory  # reading it says why it cannot be listed
            continue
        for name in files:
            yield os.path.join(directory, name)
        stack.extend(os.path.join(directory, name) for name in reversed(subdirectories))


def _listing(directory: str, skip: frozenset[FileId]) -> tuple[Iterator[str], list[str]]:
    """The names of *directory*'s files (lazily, sorted) and of its subdirectories (sorted),
    but for those in *skip*."""
    runs: list[str] = []
    names: list[str] = []
    subdirectories: list[str] = []
    # An entry's inode comes with the listing; its device is the directory's (a mount point
    # is a directory, so only a subdirectory can differ, and then it is not the output).
    device = os.stat(directory).st_dev if skip else 0
    with os.scandir(directory) as entries:
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if skip and (device, entry.inode()) in skip:
                continue
            if _is_directory(entry):
                if not entry.is_symlink():
                    subdirectories.append(entry.name)
                continue
            names.append(entry.name)
            if len(names) == _RUN:
                runs.append(_pack(names))
                names = []
    if not runs:
        return iter(sorted(names)), sorted(subdirectories)
    runs.append(_pack(names))
    return heapq.merge(*map(_unpack, runs)), sorted(subdirectories)


def _is_directory(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # as os.walk does: listed as a file, whose reading reports the error
        return False


def _pack(names: list[str]) -> str:
    # "\0" cannot occur in a file name on any system Python runs on.
    return "\0".join(sorted(names))


def _unpack(run: str) -> Iterator[str]:
    start = 0
    while start < len(run):
        end = run.find("\0", start)
        if end < 0:
            end = len(run)
        yield run[start:end]
        start = end + 1
