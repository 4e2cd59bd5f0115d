"""The built-in ``saudinewsnet`` format: the SaudiNewsNet corpus, a JSON array of articles.

Each ``content`` runs through the dump's body grammar (:func:`~newsparse.kit.parse_body`).
It gives ``ParseError`` for text that is not JSON (code ``json``, with the
decoder's line and column) or not the expected objects (code ``schema``),
and yields its Articles one at a time.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterator

from newsparse._errors import ParseError
from newsparse._formats.aggregator.byline import authors_from_byline
from newsparse._formats.aggregator.outlet_rules import OutletRules
from newsparse._formats.aggregator.parser import parse_body
from newsparse._formats.confidence import Confidence
from newsparse._formats.diagnostics import Diagnostics
from newsparse._formats.json_shared import SURROGATE_MESSAGE, json_reason
from newsparse._formats.profiles import ProfileRegistry
from newsparse._model.corpus_profile import CorpusProfile
from newsparse._model.records import Article, Source
from newsparse._text.lexicon import Lexicon
from newsparse._text.mojibake import repair_mojibake
from newsparse._text.surrogates import LONE_SURROGATE, REPLACEMENT

__all__ = ["SaudiNewsNet"]

_JSON_WS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def _skip(text: str, pos: int) -> int:
    """The offset of the first character at or after *pos* that is not JSON whitespace."""
    match = _JSON_WS.match(text, pos)
    return pos if match is None else match.end()


_SAUDI_KEYS = ("source", "url", "date_extracted", "title", "author", "content")
_SAUDI_KEY = re.compile(
    r"""
    [{,] [ \t\n\r]*                   # the object's "{" or a ",", then JSON whitespace
    "("""
    + "|".join(_SAUDI_KEYS)
    + r""")"    # one of the keys, as group 1
    [ \t\n\r]* : [ \t\n\r]*           # its colon: the value starts where the match ends
    """,
    re.VERBOSE,
)
_SAUDI_HINT = re.compile(r'"(?:date_extracted|content)"\s*:')
_DATE_EXTRACTED = "%Y-%m-%d %H:%M:%S"
_QUOTES = '«»"“” '


class _Text:
    """Line and column of offsets in a text, counted from the last offset asked about.

    Offsets are asked about in nearly increasing order (objects one after the
    other, keys inside each), so the counting stays linear in the text, even
    for a corpus file that is one long line.
    """

    __slots__ = ("line", "pos", "start", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0  # the last offset asked about,
        self.line = 1  # its line
        self.start = 0  # and the offset where that line starts

    def locate(self, pos: int) -> tuple[int, int]:
        """The 1-based line and column of *pos*."""
        text = self.text
        if pos >= self.pos:
            crossed = text.count("\n", self.pos, pos)
            if crossed:
                self.line += crossed
                self.start = text.rfind("\n", self.pos, pos) + 1
        else:
            crossed = text.count("\n", pos, self.pos)
            if crossed:
                self.line -= crossed
                self.start = text.rfind("\n", 0, pos) + 1
        self.pos = pos
        return self.line, pos - self.start + 1

    def place(self, pos: int) -> tuple[int, int, str]:
        """The line and column of *pos*, and the text of its line."""
        line, column = self.locate(pos)
        end = self.text.find("\n", pos)
        return line, column, self.text[self.start : len(self.text) if end < 0 else end].rstrip("\r")

    def error(self, message: str, pos: int, *, code: str, path: str | None) -> ParseError:
        """A ParseError at *pos*, showing its line."""
        line, column, shown = self.place(pos)
        return ParseError(
            message, code=code, path=path, line=line, column=column, source_line=shown
        )


class SaudiNewsNet:
    """The SaudiNewsNet corpus: a JSON array of scraped articles.

    Each object has ``source`` (the outlet id, such as ``aawsat``), ``url``,
    ``date_extracted`` (``YYYY-MM-DD hh:mm:ss``), ``title``, ``author`` and
    ``content``, all strings.  It becomes an Article with that ``title``,
    ``url`` (``None`` when empty), ``retrieved`` (from ``date_extracted``),
    ``authors`` (the ``author`` byline cleaned as a dump byline is),
    ``source`` named after the outlet, and the body, keywords and related
    articles that the dump's body grammar finds in ``content``.

    ``published`` is always ``None``: the corpus records when a page was
    scraped, not when it was published.  When the content ends with its own
    source line (``المصدر: واس``), the outlet stays ``source.name`` and the
    content's source becomes ``source.credit``.  Mojibake in the title, the
    author and the content is repaired (a ``mojibake`` diagnostic says so).

    Provenance: every line (of a diagnostic, block or related article) is
    the line of the JSON file where the value it comes from stands; a
    diagnostic about the content names the content's own line in its
    message.

    Raises :class:`ParseError`: ``json`` for text that is not JSON,
    ``schema`` for an object with a missing or mistyped key (naming its
    index and the key); a ``date_extracted`` that cannot be read is a
    ``date`` diagnostic (``retrieved`` is left empty), or a ``ParseError``
    with ``strict=True``.

    ``sniff`` (:class:`~newsparse.kit.Confidence`) is ``MARKED`` for a JSON
    array whose sample shows a ``date_extracted`` or ``content`` key,
    ``UNLIKELY`` for another JSON array, ``NONE`` otherwise.
    """

    name = "saudinewsnet"
    suffixes = (".json",)

    def __init__(
        self,
        *,
        profiles: ProfileRegistry | None = None,
        lexicon: Lexicon | None = None,
        corpus_profile: CorpusProfile | None = None,
    ) -> None:
        """Use the outlet *profiles* given; by default the built-in ones, without plugins
        (``default_registry()`` gives its own the installed plugins); split keywords with
        the word lists of *lexicon* (default: the built-in ones); apply what
        *corpus_profile* learned (``newsparse learn``)."""
        self.profiles = profiles
        self.lexicon = lexicon
        self.corpus_profile = corpus_profile

    def sniff(self, text: str) -> float:
        """Return how sure we are that *text* is a SaudiNewsNet file (see the class)."""
        if not text.removeprefix("\ufeff").lstrip().startswith("["):
            return Confidence.NONE
        return Confidence.MARKED if _SAUDI_HINT.search(text) else Confidence.UNLIKELY

    def parse(
        self, text: str, *, path: str | None = None, strict: bool = False
    ) -> Iterator[Article]:
        """Yield the Article of every object of the array *text*, in order (see the class)."""
        text = text.removeprefix("\ufeff")
        where = _Text(text)
        pos = _skip(text, 0)
        if not text.startswith("[", pos):
            found = repr(text[pos]) if pos < len(text) else "the end of the input"
            raise where.error(
                f"expected a JSON array of articles ('['), found {found}; "
                "a SaudiNewsNet file is one array of article objects",
                pos,
                code="schema" if text.startswith(("{", '"'), pos) else "json",
                path=path,
            )
        pos = _skip(text, pos + 1)
        index = 0
        if text.startswith("]", pos):
            pos += 1
        else:
            while True:
                try:
                    value, end = _DECODER.raw_decode(text, pos)
                except (ValueError, RecursionError) as error:
                    at = error.pos if isinstance(error, json.JSONDecodeError) else pos
                    raise where.error(
                        f"{json_reason(error)}; object {index} of the array cannot be read: "
                        "fix the file",
                        at,
                        code="json",
                        path=path,
                    ) from None
                yield _Saudi(self, where, value, index, pos, end, path=path, strict=strict).run()
                index += 1
                pos = _skip(text, end)
                if text.startswith(",", pos):
                    pos = _skip(text, pos + 1)
                    continue
                if text.startswith("]", pos):
                    pos += 1
                    break
                raise where.error(
                    f"not valid JSON (expected ',' or ']' after object {index - 1}); fix the file",
                    pos,
                    code="json",
                    path=path,
                )
        pos = _skip(text, pos)
        if pos < len(text):
            raise where.error(
                "not valid JSON (text after the closing ']' of the array); "
                "a SaudiNewsNet file is exactly one array",
                pos,
                code="json",
                path=path,
            )


class _Saudi:
    """The making of one SaudiNewsNet Article (holds its diagnostics and locations)."""

    __slots__ = ("fields", "fmt", "found", "index", "path", "positions", "start", "where")

    def __init__(
        self,
        fmt: SaudiNewsNet,
        where: _Text,
        value: object,
        index: int,
        start: int,
        end: int,
        *,
        path: str | None,
        strict: bool,
    ) -> None:
        self.fmt = fmt
        self.where = where
        self.index = index
        self.start = start
        self.path = path
        self.found = Diagnostics(strict=strict, path=path, label=f"object {index}")
        if not isinstance(value, dict):
            raise where.error(
                f"object {index} is a JSON {type(value).__name__}, not an article object; "
                "a SaudiNewsNet file is an array of objects",
                start,
                code="schema",
                path=path,
            )
        self.positions: dict[str, int] = {}
        for match in _SAUDI_KEY.finditer(where.text, start, end):
            self.positions.setdefault(match[1], match.end())
        self.fields: dict[str, str] = {}
        for key in _SAUDI_KEYS:
            if key not in value:
                raise where.error(
                    f"object {index} has no {key!r} key; every SaudiNewsNet object needs "
                    f"{', '.join(_SAUDI_KEYS)}: fix the object",
                    start,
                    code="schema",
                    path=path,
                )
            if not isinstance(value[key], str):
                raise where.error(
                    f"object {index}: {key!r} should be a string, got "
                    f"{type(value[key]).__name__}: fix the object",
                    self._at(key),
                    code="schema",
                    path=path,
                )
            self.fields[key] = value[key]

    def _at(self, key: str) -> int:
        """Where the value of *key* starts (the object's start when it cannot be found)."""
        return self.positions.get(key, self.start)

    def _line(self, key: str) -> int:
        return self.where.locate(self._at(key))[0]

    def _diagnose(self, code: str, message: str, key: str) -> None:
        line, column, shown = self.where.place(self._at(key))
        self.found.defect(code, message, line=line, column=column, source_line=shown)

    def _clean(self, key: str) -> str:
        """The field *key*, without lone surrogates, and (title, author) mojibake repaired."""
        value = self.fields[key]
        if LONE_SURROGATE.search(value):
            self._diagnose("surrogate", f"{key}: {SURROGATE_MESSAGE}", key)
            value = LONE_SURROGATE.sub(REPLACEMENT, value)
        if key in {"title", "author"}:  # parse_content repairs the content, and says so
            repaired = repair_mojibake(value)
            if repaired != value:
                self.found.note(
                    "mojibake",
                    f"repaired the {key}: UTF-8 read as windows-1256",
                    line=self._line(key),
                )
                value = repaired
        return value

    def run(self) -> Article:
        title = self._clean("title")
        author = self._clean("author")
        outlet = self._clean("source")
        url = self._clean("url")
        retrieved = self._retrieved()
        content = self._clean("content")
        body = parse_body(
            content,
            diagnostics=self.found,
            title=title,
            outlet=outlet or None,
            byline=author,
            profiles=self.fmt.profiles,
            first_line=self._line("content"),
            one_line=True,  # a JSON string: its line breaks are escapes
            lexicon=self.fmt.lexicon,
            profile=self.fmt.corpus_profile,
        )
        source = body.source
        if outlet:
            source = Source(
                name=outlet,
                credit=None if source is None else source.name,
                line=self._line("source"),
            )
        return Article(
            title=title,
            authors=self._authors(author, body.rules),
            body=body.blocks,
            source=source,
            keywords=body.keywords,
            keywords_raw=body.keywords_raw,
            related=body.related,
            diagnostics=self.found.found,
            format=SaudiNewsNet.name,
            url=url or None,
            retrieved=retrieved,
        )

    def _authors(self, author: str, rules: OutletRules) -> tuple[str, ...]:
        """The authors of ``author``, without junk and site chrome (recorded, as a dump's)."""
        names, cut = rules.authors_and_cut(_byline(author))
        if cut:
            shown = ", ".join(repr(label) for label in cut)
            self.found.note(
                "boilerplate",
                f"cut the site labels {shown} out of the author",
                line=self._line("author"),
            )
        stripped = (name.strip(_QUOTES) for name in names)
        return tuple(name for name in stripped if name)

    def _retrieved(self) -> datetime.datetime | None:
        value = self.fields["date_extracted"]
        try:
            return datetime.datetime.strptime(value.strip(), _DATE_EXTRACTED)
        except ValueError:
            self._diagnose(
                "date",
                f"cannot read date_extracted {value!r} (expected YYYY-MM-DD hh:mm:ss); "
                "retrieved is left empty",
                "date_extracted",
            )
            return None


def _byline(author: str) -> str:
    """The dump byline in a SaudiNewsNet ``author``: after an optional dateline.

    ``الرياض: فهد الذيابي`` gives ``فهد الذيابي``; ``لندن: «الشرق الأوسط»``
    gives ``«الشرق الأوسط»`` (the authors lose the quotes).
    """
    head, colon, rest = author.partition(":")
    return rest if colon and not authors_from_byline(head) else author
