"""fsspec, the optional extra every URL is read and written through (``newsparse[remote]``)."""

from __future__ import annotations

import re
from typing import Any

from newsparse._storage.options import StorageOptions

__all__ = ["MISSING_EXTRA", "MISSING_OUTPUT_EXTRA", "filesystem", "is_url", "remote_files"]

# A scheme (RFC 3986: a letter, then letters, digits, "+", "-", ".") and "://", or an fsspec
# chain ("simplecache::s3://..."). One letter is a Windows drive ("C://" is not written).
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+://|[A-Za-z][A-Za-z0-9+.-]*::")

MISSING_EXTRA = (
    "is a URL, and URLs are read and written through fsspec, which is not installed: "
    "pip install 'newsparse[remote]' (fsspec and s3fs; gcsfs or adlfs for gs:// and az://)"
)

MISSING_OUTPUT_EXTRA = (
    "is a URL, and an output at a URL is uploaded through fsspec, which is not installed: "
    "pip install 'newsparse[remote]' (fsspec and s3fs; gcsfs or adlfs for gs:// and az://), "
    "or write a local file"
)


def is_url(path: str) -> bool:
    """Whether *path* is an fsspec URL (``s3://b/k``, ``file:///x``, ``simplecache::s3://b/k``)
    rather than a local path.

    >>> is_url("s3://bucket/corpus/"), is_url("corpus/a.txt"), is_url("C:\\\\corpus")
    (True, False, False)
    """
    return _URL.match(path) is not None


def filesystem(url: str, options: StorageOptions) -> tuple[Any, str]:
    """The fsspec file system *url* lives on, made with *options* over fsspec's configuration,
    and the path on it; ImportError when fsspec is missing (callers say :data:`MISSING_EXTRA`).
    """
    from fsspec.core import url_to_fs  # noqa: PLC0415 -- optional extra

    fs, path = url_to_fs(url, **options)
    return fs, path


def remote_files(url: str, options: StorageOptions) -> list[tuple[str, int]] | None:
    """The URLs and sizes of the files under the directory (or prefix) *url*, in the order a
    local directory's files are read (``_corpus/paths.py``), hidden names skipped; None when
    *url* names no directory.  ImportError when fsspec is missing."""
    fs, path = filesystem(url, options)
    if not fs.isdir(path):
        return None
    root = path.rstrip("/")
    chain = url.rpartition("::")[0] + "::" if "::" in url else ""
    found: list[tuple[tuple[tuple[int, str], ...], str, int]] = []
    for name, info in fs.find(root, detail=True).items():
        parts = name[len(root) :].strip("/").split("/")
        if any(part.startswith(".") for part in parts):
            continue
        # A directory's own files first, by name, then its subdirectories in name order.
        key = (*((1, part) for part in parts[:-1]), (0, parts[-1]))
        found.append((key, chain + fs.unstrip_protocol(name), int(info.get("size") or 0)))
    found.sort()
    return [(name, size) for _, name, size in found]
