"""Which files a list of paths stands for."""

from __future__ import annotations

import fnmatch
import heapq
import os
from collections.abc import Iterable, Iterator

from newsparse._errors import InputError

__all__ = [
    "FileId",
    "PathsArgument",
    "as_many",
    "file_id",
    "list_files",
    "no_files",
]

PathsArgument = str | os.PathLike[str] | Iterable[str | os.PathLike[str]]
"""One path, or any iterable of paths (consumed lazily)."""

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
    paths: PathsArgument, *, glob: str | None = None, skip: frozenset[FileId] = frozenset()
) -> Iterator[str | InputError]:
    """Yield the files *paths* stand for, in order, and an error for a path that stands
    for none.

    A directory stands for its files (recursively, sorted: see ``_walk``) whose name
    matches *glob* (``"*.txt"``); one that holds no such file gives an
    ``InputError`` (``no-files``) in its place.  A path named explicitly is
    always yielded, so that a missing file gets its own error, but for a file
    in *skip* (the run's own output, which is never read): that gives an
    ``InputError`` (``is-the-output``) when named, and is passed over in a
    directory.
    """
    for item in as_many(paths):
        path = os.fspath(item)
        if not os.path.isdir(path):
            if skip and file_id(path) in skip:
                yield _is_the_output(path)
            else:
                yield path
            continue
        found = False
        for name in _walk(path, skip):
            if glob is None or fnmatch.fnmatch(os.path.basename(name), glob):
                found = True
                yield name
        if not found:
            yield no_files(path, glob)


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
