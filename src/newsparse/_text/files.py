"""Reading a file a user names (a lexicon, a corpus profile): its bytes, or an InputError."""

from __future__ import annotations

from newsparse._errors import InputError
from newsparse._storage.options import StorageOptions
from newsparse._storage.reading import is_remote, read_bytes

__all__ = ["read_named_file"]

_NAMED_LIMIT = 1 << 30  # a profile of a corpus of millions of files is a few megabytes


def read_named_file(path: str, what: str, storage_options: StorageOptions | None = None) -> bytes:
    """The bytes of the *what* (``"lexicon file"``) at *path* (a local path or a URL, read
    with *storage_options*); :class:`~newsparse.InputError` (``not-found``,
    ``is-a-directory``, ``unreadable``, ``missing-extra``) naming it when it cannot be read."""
    if is_remote(path):
        return read_bytes(path, max_bytes=_NAMED_LIMIT, options=storage_options)
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise InputError(f"no such {what}; check the path", code="not-found", path=path) from None
    except IsADirectoryError:
        raise InputError(
            f"is a directory; pass the {what}s in it one by one",
            code="is-a-directory",
            path=path,
        ) from None
    except OSError as error:
        raise InputError(
            f"cannot read the {what} ({error.strerror}); check its permissions",
            code="unreadable",
            path=path,
        ) from None
