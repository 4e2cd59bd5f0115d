"""Lone surrogates: half a UTF-16 pair, which no UTF-8 text can hold."""

from __future__ import annotations

import re

__all__ = ["LONE_SURROGATE", "REPLACEMENT"]

LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
"""Half a UTF-16 pair (a cut emoji in scraped JSON), which no UTF-8 text can hold."""
REPLACEMENT = "\ufffd"
"""What stands for a character that cannot be kept."""
