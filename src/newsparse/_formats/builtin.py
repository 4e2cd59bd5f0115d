"""The registry of the built-in formats, with or without the installed plugins."""

from __future__ import annotations

import functools

from newsparse._formats.aggregator.format import AggregatorText
from newsparse._formats.contract import Format, FormatRegistry
from newsparse._formats.json_formats import NewsparseJsonl, SaudiNewsNet
from newsparse._formats.profiles import ProfileRegistry, builtin_profiles, default_profiles

__all__ = ["builtin_registry", "default_registry"]


@functools.cache
def default_registry() -> FormatRegistry:
    """Return the registry of the built-in formats and the installed plugins.

    The same object every time; plugins (formats, and the outlet profiles its
    built-in formats apply) are loaded on its first use, unless the
    environment variable ``NEWSPARSE_NO_PLUGINS`` is set.

    >>> default_registry().get("saudinewsnet").suffixes
    ('.json',)
    """
    return FormatRegistry(_builtin_formats(default_profiles()), plugins=True)


@functools.cache
def builtin_registry() -> FormatRegistry:
    """The built-in formats with the built-in profiles, and no plugin (``--no-plugins``)."""
    return FormatRegistry(_builtin_formats(builtin_profiles()))


def _builtin_formats(profiles: ProfileRegistry) -> tuple[Format, ...]:
    return (AggregatorText(profiles=profiles), NewsparseJsonl(), SaudiNewsNet(profiles=profiles))
