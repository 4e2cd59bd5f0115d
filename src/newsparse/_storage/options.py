"""Storage options: the keyword arguments an fsspec file system is made with.

They come from fsspec's own configuration (``~/.config/fsspec/*.json`` and
``FSSPEC_<PROTOCOL>_<KEY>`` variables, which fsspec applies itself) and from
the command line's ``--storage-option KEY=VALUE``, which win over it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["StorageOptions", "parse_storage_options"]

StorageOptions = Mapping[str, Any]
"""Keyword arguments for the file system of a URL (``{"anon": True}``)."""


def parse_storage_options(pairs: Iterable[str]) -> dict[str, Any]:
    """The options *pairs* (``KEY=VALUE``) stand for; ValueError names a pair that is not one.

    A value that reads as JSON is that JSON value (``anon=true``, ``retries=3``,
    ``client_kwargs={"region_name": "eu-west-1"}``), any other value a string.
    A dotted key sets a key of a nested mapping (``client_kwargs.endpoint_url=URL``).

    >>> parse_storage_options(["anon=true", "client_kwargs.endpoint_url=http://127.0.0.1:9000"])
    {'anon': True, 'client_kwargs': {'endpoint_url': 'http://127.0.0.1:9000'}}
    """
    options: dict[str, Any] = {}
    for pair in pairs:
        key, equals, text = pair.partition("=")
        if not equals or not key or any(not part for part in key.split(".")):
            raise ValueError(f"{pair!r} is not KEY=VALUE (for example anon=true)")
        *parents, last = key.split(".")
        target = options
        for parent in parents:
            nested = target.setdefault(parent, {})
            if not isinstance(nested, dict):
                raise ValueError(f"{pair!r}: {parent!r} was given a value that is not a mapping")
            target = nested
        target[last] = _value(text)
    return options


def _value(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return text
