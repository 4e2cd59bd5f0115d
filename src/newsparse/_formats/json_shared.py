"""What the JSON formats share: why the decoder refused a value, and lone surrogates."""

from __future__ import annotations

import json

__all__ = ["SURROGATE_MESSAGE", "json_reason"]


def json_reason(error: ValueError | RecursionError) -> str:
    """Why the JSON decoder refused a value, as ``not valid JSON (...)``."""
    if isinstance(error, json.JSONDecodeError):
        reason = error.msg
    elif isinstance(error, RecursionError):
        reason = "nested too deeply"
    else:
        reason = str(error)
    return f"not valid JSON ({reason})"


SURROGATE_MESSAGE = (
    "lone UTF-16 surrogates (half a character, such as a cut emoji) replaced with U+FFFD"
)
