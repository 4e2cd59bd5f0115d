"""newsparse: scraped Arabic news text dumps in, clean immutable records out.

>>> import newsparse
>>> article = newsparse.parse_file("examples/000_737a97d3fc3c0077.txt")
>>> article.published
datetime.date(2024, 1, 29)
"""

from __future__ import annotations

import importlib
import typing

from newsparse._version import __version__

if typing.TYPE_CHECKING:  # what type checkers and the docs see; at run time, __getattr__
    from newsparse._api import (
        parse_bytes,
        parse_file,
        parse_text,
    )
    from newsparse._corpus.articles import iter_articles
    from newsparse._corpus.batch import (
        FileResult,
        iter_results,
    )
    from newsparse._corpus.learn import learn
    from newsparse._errors import (
        EncodingError,
        FormatError,
        InputError,
        LexiconError,
        NewsparseError,
        OutputError,
        ParseError,
        ProfileError,
        SchemaError,
        WorkerError,
    )
    from newsparse._formats.aggregator.format import AggregatorText
    from newsparse._formats.aggregator.render import render
    from newsparse._formats.builtin import default_registry
    from newsparse._formats.contract import Format, FormatRegistry
    from newsparse._formats.profiles import (
        OutletProfile,
        ProfileRegistry,
        default_profiles,
    )
    from newsparse._formats.registry import (
        Entry,
        PluginWarning,
    )
    from newsparse._learn.learner import merge_profiles
    from newsparse._model.corpus_profile import CorpusProfile, LearnSettings, OutletChrome
    from newsparse._model.records import (
        Article,
        Block,
        Diagnostic,
        Heading,
        Paragraph,
        ReadAlso,
        RelatedArticle,
        Source,
    )
    from newsparse._text.arabic import fold
    from newsparse._text.lexicon import Lexicon
    from newsparse._text.mojibake import repair_mojibake

# Each public name, and the private module that defines it.  They are imported on first use
# (PEP 562), so that `import newsparse` costs nothing until a name is used: the command sets
# its signal handlers before the parser's modules load (newsparse._cli.command).
_EXPORTS = {
    "iter_articles": "_corpus.articles",
    "parse_bytes": "_api",
    "parse_file": "_api",
    "parse_text": "_api",
    "fold": "_text.arabic",
    "FileResult": "_corpus.batch",
    "iter_results": "_corpus.batch",
    "learn": "_corpus.learn",
    "merge_profiles": "_learn.learner",
    "CorpusProfile": "_model.corpus_profile",
    "LearnSettings": "_model.corpus_profile",
    "OutletChrome": "_model.corpus_profile",
    "ProfileError": "_errors",
    "AggregatorText": "_formats.aggregator.format",
    "render": "_formats.aggregator.render",
    "EncodingError": "_errors",
    "FormatError": "_errors",
    "InputError": "_errors",
    "LexiconError": "_errors",
    "NewsparseError": "_errors",
    "OutputError": "_errors",
    "ParseError": "_errors",
    "SchemaError": "_errors",
    "WorkerError": "_errors",
    "Format": "_formats.contract",
    "FormatRegistry": "_formats.contract",
    "default_registry": "_formats.builtin",
    "Article": "_model.records",
    "Block": "_model.records",
    "Diagnostic": "_model.records",
    "Heading": "_model.records",
    "Paragraph": "_model.records",
    "ReadAlso": "_model.records",
    "RelatedArticle": "_model.records",
    "Source": "_model.records",
    "repair_mojibake": "_text.mojibake",
    "Lexicon": "_text.lexicon",
    "OutletProfile": "_formats.profiles",
    "ProfileRegistry": "_formats.profiles",
    "default_profiles": "_formats.profiles",
    "Entry": "_formats.registry",
    "PluginWarning": "_formats.registry",
}

__all__ = [
    "AggregatorText",
    "Article",
    "Block",
    "CorpusProfile",
    "Diagnostic",
    "EncodingError",
    "Entry",
    "FileResult",
    "Format",
    "FormatError",
    "FormatRegistry",
    "Heading",
    "InputError",
    "LearnSettings",
    "Lexicon",
    "LexiconError",
    "NewsparseError",
    "OutletChrome",
    "OutletProfile",
    "OutputError",
    "Paragraph",
    "ParseError",
    "PluginWarning",
    "ProfileError",
    "ProfileRegistry",
    "ReadAlso",
    "RelatedArticle",
    "SchemaError",
    "Source",
    "WorkerError",
    "__version__",
    "default_profiles",
    "default_registry",
    "fold",
    "iter_articles",
    "iter_results",
    "learn",
    "merge_profiles",
    "parse_bytes",
    "parse_file",
    "parse_text",
    "render",
    "repair_mojibake",
]


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'newsparse' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"newsparse.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return list(__all__)
