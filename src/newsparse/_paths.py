"""Which files a list of paths stands for."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

__all__ = ["expand_paths"]


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[str]:
    """Yield *paths* in order, each directory replaced by its files (recursively, sorted).

    Hidden files and directories (a name starting with ``.``) inside a
    directory are skipped; a path that does not exist is yielded as it is so
    that it gets its own error.
    """
    for item in paths:
        path = os.fspath(item)
        if not os.path.isdir(path):
            yield path
            continue
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(name for name in dirs if not name.startswith("."))
            for name in sorted(files):
                if not name.startswith("."):
                    yield os.path.join(root, name)
