"""The data model: immutable, typed records of one parsed article.

Every class is an attrs ``frozen`` (and therefore slotted) class with
keyword-only fields; sequences are tuples, so a record can be hashed, shared
between threads and pickled across processes.  The ``line`` of a block or
diagnostic is provenance (the 1-based source line it came from): it is kept
for the user but takes no part in equality, so the same article parsed from a
differently laid-out file compares equal.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any, Literal, TypeAlias

import attrs
from attrs import field, frozen

from newsparse._errors import SchemaError
from newsparse._text.arabic import fold

__all__ = [
    "Article",
    "Block",
    "Diagnostic",
    "Heading",
    "Paragraph",
    "ReadAlso",
    "RelatedArticle",
    "Source",
]


DEFAULT_FORMAT = "aggregator-text"


def str_tuple(values: Iterable[str]) -> tuple[str, ...]:
    """The attrs converter of string fields: any iterable of strings becomes a tuple."""
    return tuple(values)


def _provenance() -> Any:
    return field(default=None, eq=False, repr=False)


@frozen(kw_only=True)
class Paragraph:
    """A body paragraph (one line of the dump).

    .. versionadded:: 0.1
    """

    text: str
    """The paragraph as written, stripped of surrounding whitespace."""
    line: int | None = _provenance()
    """The 1-based line of the input it came from (provenance: not part of equality)."""

    def to_dict(self) -> dict[str, Any]:
        """Return ``{"type": "paragraph", "text": ...}``."""
        return {"type": "paragraph", "text": self.text}


@frozen(kw_only=True)
class Heading:
    """A subheading inside a body: a short line with no final punctuation.

    .. versionadded:: 0.1
    """

    text: str
    """The subheading as written."""
    line: int | None = _provenance()
    """The 1-based line of the input it came from (provenance: not part of equality)."""

    def to_dict(self) -> dict[str, Any]:
        """Return ``{"type": "heading", "text": ...}``."""
        return {"type": "heading", "text": self.text}


@frozen(kw_only=True)
class ReadAlso:
    """An inline "read also" box: the headlines of related articles it links to.

    .. versionadded:: 0.1
    """

    titles: tuple[str, ...] = field(converter=str_tuple)
    """The linked headlines, in order (adjacent boxes are merged into one)."""
    line: int | None = _provenance()
    """The 1-based line of the input it came from (provenance: not part of equality)."""

    def to_dict(self) -> dict[str, Any]:
        """Return ``{"type": "read_also", "titles": [...]}``."""
        return {"type": "read_also", "titles": list(self.titles)}


Block: TypeAlias = Paragraph | Heading | ReadAlso
"""One element of an article body, in document order."""

BlockType = Literal["paragraph", "heading", "read_also"]


def _block_tuple(values: Iterable[Block]) -> tuple[Block, ...]:
    return tuple(values)


@frozen(kw_only=True)
class Source:
    """The outlet an article is credited to.

    ``name`` is the text after the last ``المصدر:`` of the source line;
    ``credit`` is the outlet's own credit that stood before it, or ``None``.

    .. versionadded:: 0.1
    """

    name: str
    """The outlet's name (``الخليج الجديد``)."""
    credit: str | None = None
    """The credit that stood before ``المصدر:`` (``فرانس24/ رويترز``), or ``None``."""
    line: int | None = _provenance()
    """The 1-based line of the input it came from (provenance: not part of equality)."""

    def to_dict(self) -> dict[str, Any]:
        """Return ``{"name": ..., "credit": ...}``."""
        return {"name": self.name, "credit": self.credit}


@frozen(kw_only=True)
class RelatedArticle:
    """A related article from the trailer: its headline and its own body.

    .. versionadded:: 0.1
    """

    title: str
    """The related article's headline."""
    body: tuple[Block, ...] = field(default=(), converter=_block_tuple)
    """Its own body, in document order."""
    line: int | None = _provenance()
    """The 1-based line of the input it came from (provenance: not part of equality)."""

    def to_dict(self) -> dict[str, Any]:
        """Return ``{"title": ..., "body": [...]}``."""
        return {"title": self.title, "body": [block.to_dict() for block in self.body]}


@frozen(kw_only=True)
class Diagnostic:
    """Something the parser noticed and worked around (lenient mode).

    ``code`` is stable (``"date"``, ``"read-also"``, ...); ``message`` says what
    was wrong and what the parser did; ``line`` is the 1-based source line.

    .. versionadded:: 0.1
    """

    code: str
    """Stable: ``date``, ``read-also``, ``trailer``, ``layout``, ``keywords``, ``encoding``...

    docs/format.md lists every code with what the parser did.
    """
    message: str
    """What was wrong and what the parser did about it."""
    line: int | None = _provenance()
    """The 1-based input line it concerns, or ``None`` (provenance: not part of equality)."""

    def to_dict(self) -> dict[str, Any]:
        """Return ``{"code": ..., "message": ..., "line": ...}``."""
        return {"code": self.code, "message": self.message, "line": self.line}


def _related_tuple(values: Iterable[RelatedArticle]) -> tuple[RelatedArticle, ...]:
    return tuple(values)


def _diagnostic_tuple(values: Iterable[Diagnostic]) -> tuple[Diagnostic, ...]:
    return tuple(values)


@frozen(kw_only=True)
class Article:
    """One parsed article.

    Build one with :func:`newsparse.parse_file` (or ``parse_text`` /
    ``parse_bytes``); write it back out with :func:`newsparse.render`;
    serialise it with :meth:`to_dict` and load it with :meth:`from_dict`.

    .. versionadded:: 0.1
    """

    title: str
    """The headline; ``""`` when the page had none."""
    published: datetime.date | None = None
    """The publication date from the date line, or ``None`` (with a ``date`` diagnostic)."""
    authors: tuple[str, ...] = field(default=(), converter=str_tuple)
    """The byline's authors, without labels, desks and website UI words."""
    body: tuple[Block, ...] = field(default=(), converter=_block_tuple)
    """Paragraphs, headings and read-also boxes, in document order."""
    source: Source | None = None
    """The outlet from the source line, or ``None``."""
    keywords: tuple[str, ...] = field(default=(), converter=str_tuple)
    """The segmented tags, as written, de-duplicated in first-seen order."""
    keywords_raw: str | None = None
    """The keywords line after its label, exactly; ``None`` without one."""
    related: tuple[RelatedArticle, ...] = field(default=(), converter=_related_tuple)
    """The related articles of the trailer, in order."""
    diagnostics: tuple[Diagnostic, ...] = field(default=(), converter=_diagnostic_tuple)
    """What the parser noticed and worked around (lenient mode), in input order."""
    format: str = DEFAULT_FORMAT
    """The name of the format that read it (``aggregator-text``, ``saudinewsnet``, ...)."""
    url: str | None = None
    """The address of the article, when the format carries one (SaudiNewsNet does).

    .. versionadded:: 0.2
    """
    retrieved: datetime.datetime | None = None
    """When the article was scraped, when the format says (SaudiNewsNet's ``date_extracted``).

    .. versionadded:: 0.2
    """
    encoding: str | None = field(default=None, eq=False)
    """How the input bytes were decoded (``utf-8``, ``windows-1256``, ...); ``None`` for text.

    Provenance, like the ``line`` of a block: it takes no part in equality.

    .. versionadded:: 0.1
    """

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """The paragraphs of the main body, in order (headings and boxes left out)."""
        return tuple(block for block in self.body if isinstance(block, Paragraph))

    @property
    def headings(self) -> tuple[Heading, ...]:
        """The subheadings of the main body, in order."""
        return tuple(block for block in self.body if isinstance(block, Heading))

    @property
    def folded_keywords(self) -> tuple[str, ...]:
        """The keywords folded with :func:`~newsparse.fold`, de-duplicated in first-seen order.

        Tags the site repeats in Persian letters (``باکستان``) merge with their
        Arabic spelling; ``keywords`` itself keeps every tag as written.

        .. versionadded:: 0.2
        """
        return tuple(dict.fromkeys(fold(tag) for tag in self.keywords))

    @property
    def text(self) -> str:
        """The main body's paragraphs as plain text, separated by blank lines."""
        return "\n\n".join(paragraph.text for paragraph in self.paragraphs)

    def to_dict(self) -> dict[str, Any]:
        """Return the record as plain JSON-ready data.

        The keys are exactly those of the gold files (``title``, ``published``
        as ``YYYY-MM-DD`` or ``None``, ``authors``, ``body``, ``source`` or
        ``None``, ``keywords``, ``keywords_raw``, ``related``) plus ``format``,
        ``diagnostics``, ``url``, ``retrieved`` (ISO 8601 or ``None``) and
        ``encoding``.  :meth:`from_dict` is its inverse.
        """
        return {
            "title": self.title,
            "published": None if self.published is None else self.published.isoformat(),
            "authors": list(self.authors),
            "body": [block.to_dict() for block in self.body],
            "source": None if self.source is None else self.source.to_dict(),
            "keywords": list(self.keywords),
            "keywords_raw": self.keywords_raw,
            "related": [related.to_dict() for related in self.related],
            "format": self.format,
            "diagnostics": [diagnostic.to_dict() for diagnostic in self.diagnostics],
            "url": self.url,
            "retrieved": None if self.retrieved is None else self.retrieved.isoformat(),
            "encoding": self.encoding,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Article:
        """Build an Article from the output of :meth:`to_dict` (or a gold file).

        ``format``, ``diagnostics``, ``url``, ``retrieved`` and ``encoding``
        may be missing.  Raises
        :class:`~newsparse.SchemaError` naming the offending key when the data
        does not follow the schema.
        """
        reader = _Reader(data, "")
        published = reader.optional_text("published")
        retrieved = reader.optional_text("retrieved")
        source = reader.optional_mapping("source")
        return cls(
            title=reader.text("title"),
            published=None if published is None else _iso_date(published, "published"),
            authors=reader.texts("authors"),
            body=_blocks_from(reader.items("body"), "body"),
            source=None if source is None else _source_from(source),
            keywords=reader.texts("keywords"),
            keywords_raw=reader.optional_text("keywords_raw"),
            related=[
                _related_from(item, f"related[{i}]")
                for i, item in enumerate(reader.items("related"))
            ],
            diagnostics=[
                _diagnostic_from(item, f"diagnostics[{i}]")
                for i, item in enumerate(reader.items("diagnostics", default=[]))
            ],
            format=reader.text("format", default=DEFAULT_FORMAT),
            url=reader.optional_text("url"),
            retrieved=None if retrieved is None else _iso_datetime(retrieved, "retrieved"),
            encoding=reader.optional_text("encoding"),
        )

    def evolve(self, **changes: Any) -> Article:
        """Return a copy with the given fields replaced (``attrs.evolve``)."""
        return attrs.evolve(self, **changes)


_MISSING: Any = object()


class _Reader:
    """Typed access to one mapping of a record, with errors that name the key."""

    __slots__ = ("data", "prefix")

    def __init__(self, data: object, where: str) -> None:
        if not isinstance(data, Mapping):
            raise SchemaError(f"expected an object, got {type(data).__name__}", where=where or "$")
        self.data: Mapping[str, Any] = data
        self.prefix = where

    def _where(self, key: str) -> str:
        return f"{self.prefix}.{key}" if self.prefix else key

    def _get(self, key: str, default: Any) -> Any:
        if key in self.data:
            return self.data[key]
        if default is _MISSING:
            raise SchemaError(
                "missing key; records need every field of to_dict()", where=self._where(key)
            )
        return default

    def text(self, key: str, default: Any = _MISSING) -> str:
        value = self._get(key, default)
        if not isinstance(value, str):
            raise SchemaError(
                f"expected a string, got {type(value).__name__}", where=self._where(key)
            )
        return value

    def optional_text(self, key: str) -> str | None:
        value = self._get(key, None)
        if value is None:
            return None
        return self.text(key)

    def items(self, key: str, default: Any = _MISSING) -> list[Any]:
        value = self._get(key, default)
        if not isinstance(value, list | tuple):
            raise SchemaError(
                f"expected a list, got {type(value).__name__}", where=self._where(key)
            )
        return list(value)

    def texts(self, key: str) -> list[str]:
        values = self.items(key)
        for i, value in enumerate(values):
            if not isinstance(value, str):
                raise SchemaError(
                    f"expected a string, got {type(value).__name__}",
                    where=f"{self._where(key)}[{i}]",
                )
        return values

    def optional_mapping(self, key: str) -> Mapping[str, Any] | None:
        value = self._get(key, None)
        if value is None:
            return None
        if not isinstance(value, Mapping):
            raise SchemaError(
                f"expected an object or null, got {type(value).__name__}", where=self._where(key)
            )
        return value

    def optional_int(self, key: str) -> int | None:
        value = self._get(key, None)
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool):
            raise SchemaError(
                f"expected an integer or null, got {type(value).__name__}", where=self._where(key)
            )
        return value


def _iso_date(value: str, where: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise SchemaError(f"expected a YYYY-MM-DD date, got {value!r}", where=where) from None


def _iso_datetime(value: str, where: str) -> datetime.datetime:
    try:
        return datetime.datetime.fromisoformat(value)
    except ValueError:
        raise SchemaError(f"expected an ISO 8601 date-time, got {value!r}", where=where) from None


def _blocks_from(items: list[Any], where: str) -> list[Block]:
    blocks: list[Block] = []
    for i, item in enumerate(items):
        reader = _Reader(item, f"{where}[{i}]")
        kind = reader.text("type")
        if kind == "paragraph":
            blocks.append(Paragraph(text=reader.text("text")))
        elif kind == "heading":
            blocks.append(Heading(text=reader.text("text")))
        elif kind == "read_also":
            blocks.append(ReadAlso(titles=reader.texts("titles")))
        else:
            raise SchemaError(
                f"unknown block type {kind!r}; expected paragraph, heading or read_also",
                where=f"{where}[{i}].type",
            )
    return blocks


def _source_from(data: Mapping[str, Any]) -> Source:
    reader = _Reader(data, "source")
    return Source(name=reader.text("name"), credit=reader.optional_text("credit"))


def _related_from(data: object, where: str) -> RelatedArticle:
    reader = _Reader(data, where)
    return RelatedArticle(
        title=reader.text("title"), body=_blocks_from(reader.items("body"), f"{where}.body")
    )


def _diagnostic_from(data: object, where: str) -> Diagnostic:
    reader = _Reader(data, where)
    return Diagnostic(
        code=reader.text("code"), message=reader.text("message"), line=reader.optional_int("line")
    )
