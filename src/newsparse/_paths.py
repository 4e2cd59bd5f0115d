"""Which files a list of paths stands for."""

from __future__ import annotations

import heapq
import os
from collections.abc import Iterable, Iterator

__all__ = ["expand_paths"]

# A directory's file names are sorted this many at a time and each run is packed into one
# string (about a byte a character), then the runs are merged: a directory of a million
# files costs megabytes instead of the ~80 bytes a name a list of str would hold.
_RUN = 4096


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[str]:
    """Yield *paths* in order, each directory replaced by its files (recursively, sorted).

    A directory's own files come first, sorted by name, then its
    subdirectories' in name order.  Hidden files and directories (a name
    starting with ``.``) inside a directory are skipped, and so are symbolic
    links to directories.  A path that does not exist, and a directory that
    cannot be listed, is yielded as it is so that it gets its own error.
    """
    for item in paths:
        path = os.fspath(item)
        if os.path.isdir(path):
            yield from _walk(path)
        else:
            yield path


def _walk(top: str) -> Iterator[str]:
    stack = [top]  # not recursion: a deep tree must not hit the recursion limit
    while stack:
        directory = stack.pop()
        try:
            files, subdirectories = _listing(directory)
        except OSError:
            yield directory  # reading it says why it cannot be listed
            continue
        for name in files:
            yield os.path.join(directory, name)
        stack.extend(os.path.join(directory, name) for name in reversed(subdirectories))


def _listing(directory: str) -> tuple[Iterator[str], list[str]]:
    """The names of *directory*'s files (lazily, sorted) and of its subdirectories (sorted)."""
    runs: list[str] = []
    names: list[str] = []
    subdirectories: list[str] = []
    with os.scandir(directory) as entries:
        for entry in entries:
            if entry.name.startswith("."):
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
