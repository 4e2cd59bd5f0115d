"""An input read where it is listed, ahead of its parsing."""

from __future__ import annotations

from attrs import frozen

__all__ = ["Fetched"]


@frozen(kw_only=True)
class Fetched:
    """An input's name and bytes, read where the inputs are listed: an archive's member
    (an archive is read once, from start to end), or a small remote file fetched together
    with others.  The name opens it again."""

    name: str
    data: bytes
