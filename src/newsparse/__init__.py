"""newsparse: scraped Arabic news text dumps in, clean immutable records out.

>>> import newsparse
>>> article = newsparse.parse_file("examples/000_737a97d3fc3c0077.txt")
>>> article.published
datetime.date(2024, 1, 29)
"""

from __future__ import annotations

from newsparse._api import iter_articles, parse_bytes, parse_file, parse_text
from newsparse._arabic import fold
from newsparse._batch import FileResult, iter_results
from newsparse._dump_format import AggregatorText
from newsparse._dump_render import render
from newsparse._errors import (
    EncodingError,
    FormatError,
    InputError,
    NewsparseError,
    ParseError,
    SchemaError,
)
from newsparse._formats import Format, FormatRegistry, default_registry
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
from newsparse._profiles import OutletProfile, ProfileRegistry, default_profiles
from newsparse._registry import Entry, PluginWarning
from newsparse._version import __version__

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
    "Paragraph",
    "ParseError",
    "PluginWarning",
    "ProfileRegistry",
    "ReadAlso",
    "RelatedArticle",
    "SchemaError",
    "Source",
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


def __dir__() -> list[str]:
    return list(__all__)
