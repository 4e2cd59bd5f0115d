"""The registry of the built-in formats, with or without the installed plugins."""

from __future__ import annotations

import functools

from newsparse._formats.aggregator.format import AggregatorText
from newsparse._formats.contract import Format, FormatRegistry
from newsparse._formats.jsonl import NewsparseJsonl
from newsparse._formats.profiles import ProfileRegistry, builtin_profiles, default_profiles
from newsparse._formats.saudinewsnet import SaudiNewsNet
from newsparse._model.corpus_profile import CorpusProfile
from newsparse._text.lexicon import Lexicon

__all__ = ["builtin_registry", "default_registry", "tuned_registry"]


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


@functools.lru_cache(maxsize=16)
def tuned_registry(
    lexicon: Lexicon | None = None,
    profile: CorpusProfile | None = None,
    *,
    plugins: bool = True,
) -> FormatRegistry:
    """The registry of :func:`default_registry` (*plugins*) or :func:`builtin_registry`
    whose built-in formats split keywords with *lexicon* and apply what the corpus
    *profile* learned; plugins' formats are their own."""
    if (lexicon is None or lexicon == Lexicon.builtin()) and profile is None:
        return default_registry() if plugins else builtin_registry()
    profiles = default_profiles() if plugins else builtin_profiles()
    return FormatRegistry(_builtin_formats(profiles, lexicon, profile), plugins=plugins)


def _builtin_formats(
    profiles: ProfileRegistry, lexicon: Lexicon | None = None, profile: CorpusProfile | None = None
) -> tuple[Format, ...]:
    return (
        AggregatorText(profiles=profiles, lexicon=lexicon, corpus_profile=profile),
        NewsparseJsonl(),
        SaudiNewsNet(profiles=profiles, lexicon=lexicon, corpus_profile=profile),
    )
