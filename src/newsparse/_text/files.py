"""Reading a file a user names (a lexicon, a corpus profile): its bytes, or an InputError."""

from __future__ import annotations

from newsparse._errors import InputError

__all__ = ["read_named_file"]


def read_named_file(path: str, what: str) -> bytes:
    """The bytes of the *what* (``"lexicon file"``) at *path*; :class:`~newsparse.InputError`
    (``not-found``, ``is-a-directory``, ``unreadable``) naming it when it cannot be read."""
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
