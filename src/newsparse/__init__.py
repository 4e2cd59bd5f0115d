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
        iter_articles,
        parse_bytes,
        parse_file,
        parse_text,
    )
    from newsparse._arabic import fold
    from newsparse._batch import (
        FileResult,
        iter_results,
    )
    from newsparse._dump_format import AggregatorText
    from newsparse._dump_render import render
    from newsparse._errors import (
        EncodingError,
        FormatError,
        InputError,
        NewsparseError,
        OutputError,
        ParseError,
        SchemaError,
        WorkerError,
    )
    from newsparse._formats import (
        Format,
        FormatRegistry,
        default_registry,
    )
    from newsparse._model import (
        Article,
        Block,
        Diagnostic,
        Heading,
        Paragraph,
        ReadAlso,
        RelatedArticle,
        Source,
    )
    from newsparse._mojibake import repair_mojibake
    from newsparse._profiles import (
        OutletProfile,
        ProfileRegistry,
        default_profiles,
    )
    from newsparse._registry import (
        Entry,
        PluginWarning,
    )

# Each public name, and the private module that defines it.  They are imported on first use
# (PEP 562), so that `import newsparse` costs nothing until a name is used: the command sets
# its signal handlers before the parser's modules load (newsparse._command).
_EXPORTS = {
    "iter_articles": "_api",
    "parse_bytes": "_api",
    "parse_file": "_api",
    "parse_text": "_api",
    "fold": "_arabic",
    "FileResult": "_batch",
    "iter_results": "_batch",
    "AggregatorText": "_dump_format",
    "render": "_dump_render",
    "EncodingError": "_errors",
    "FormatError": "_errors",
    "InputError": "_errors",
    "NewsparseError": "_errors",
    "OutputError": "_errors",
    "ParseError": "_errors",
    "SchemaError": "_errors",
    "WorkerError": "_errors",
    "Format": "_formats",
    "FormatRegistry": "_formats",
    "default_registry": "_formats",
    "Article": "_model",
    "Block": "_model",
    "Diagnostic": "_model",
    "Heading": "_model",
    "Paragraph": "_model",
    "ReadAlso": "_model",
    "RelatedArticle": "_model",
    "Source": "_model",
    "repair_mojibake": "_mojibake",
    "OutletProfile": "_profiles",
    "ProfileRegistry": "_profiles",
    "default_profiles": "_profiles",
    "Entry": "_registry",
    "PluginWarning": "_registry",
}

__all__ = [
    "AggregatorText",
    "Article",
    "Block",
    "Diagnostic",
    "EncodingError",
    "Entry",
    "FileResult",
    "Format",
    "FormatError",
    "FormatRegistry",
    "Heading",
    "InputError",
    "NewsparseError",
    "OutletProfile",
    "OutputError",
    "Paragraph",
    "ParseError",
    "PluginWarning",
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
