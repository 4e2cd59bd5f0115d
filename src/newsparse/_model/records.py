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
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final, Literal, SupportsIndex, TypeAlias, TypeVar

import attrs
from attrs import field, frozen

from newsparse._errors import SchemaError
from newsparse._model import schema
from newsparse._model.schema import (
    ARTICLE,
    BLOCK,
    DIAGNOSTIC,
    LEGACY_FORMAT,
    RELATED,
    REQUIRED,
    SOURCE,
    Field,
    ListOf,
    OneOf,
    Shape,
    to_dict_source,
)
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


def str_tuple(values: Iterable[str]) -> tuple[str, ...]:
    """The attrs converter of string fields: any iterable of strings becomes a tuple."""
    return tuple(values)


def _provenance() -> Any:
    return field(default=None, eq=False, repr=False)


@frozen(kw_only=True)
class Paragraph:
    """A body paragraph (one line of the dump).

    .. versionadded:: 0.1.0
    """

    text: str
    """The paragraph as written, stripped of surrounding whitespace."""
    line: int | None = _provenance()
    """The 1-based line of the input it came from (provenance: not part of equality)."""

    def to_dict(self) -> dict[str, Any]:
        """Return ``{"type": "paragraph", "text": ...}``."""
        return _to_dict["Paragraph"](self)


@frozen(kw_only=True)
class Heading:
    """A subheading inside a body: a short line with no final punctuation.

    .. versionadded:: 0.1.0
    """

    text: str
    """The subheading as written."""
    line: int | None = _provenance()
    """The 1-based line of the input it came from (provenance: not part of equality)."""

    def to_dict(self) -> dict[str, Any]:
        """Return ``{"type": "heading", "text": ...}``."""
        return _to_dict["Heading"](self)


@frozen(kw_only=True)
class ReadAlso:
    """An inline "read also" box: the headlines of related articles it links to.

    .. versionadded:: 0.1.0
    """

    titles: tuple[str, ...] = field(converter=str_tuple)
    """The linked headlines, in order (adjacent boxes are merged into one)."""
    line: int | None = _provenance()
    """The 1-based line of the input it came from (provenance: not part of equality)."""

    def to_dict(self) -> dict[str, Any]:
        """Return ``{"type": "read_also", "titles": [...]}``."""
        return _to_dict["ReadAlso"](self)


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

    .. versionadded:: 0.1.0
    """

    name: str
    """The outlet's name (``الخليج الجديد``)."""
    credit: str | None = None
    """The credit that stood before ``المصدر:`` (``فرانس24/ رويترز``), or ``None``."""
    line: int | None = _provenance()
    """The 1-based line of the input it came from (provenance: not part of equality)."""

    def to_dict(self) -> dict[str, Any]:
        """Return ``{"name": ..., "credit": ...}``."""
        return _to_dict["Source"](self)


@frozen(kw_only=True)
class RelatedArticle:
    """A related article from the trailer: its headline and its own body.

    .. versionadded:: 0.1.0
    """

    title: str
    """The related article's headline."""
    body: tuple[Block, ...] = field(default=(), converter=_block_tuple)
    """Its own body, in document order."""
    line: int | None = _provenance()
    """The 1-based line of the input it came from (provenance: not part of equality)."""

    def to_dict(self) -> dict[str, Any]:
        """Return ``{"title": ..., "body": [...]}``."""
        return _to_dict["RelatedArticle"](self)


@frozen(kw_only=True)
class Diagnostic:
    """Something the parser noticed and worked around (lenient mode).

    ``code`` is stable (``"date"``, ``"read-also"``, ...); ``message`` says what
    was wrong and what the parser did; ``line`` is the 1-based source line.

    .. versionadded:: 0.1.0
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
        return _to_dict["Diagnostic"](self)


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

    .. versionadded:: 0.1.0
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
    format: str = LEGACY_FORMAT
    """The name of the format that read it (``aggregator-text``, ``saudinewsnet``, ...).

    A format sets it; without one it is ``aggregator-text``, as for a record
    from before 0.2, when that was the only format (the schema table says).
    """
    url: str | None = None
    """The address of the article, when the format carries one (SaudiNewsNet does).

    .. versionadded:: 0.2.0
    """
    retrieved: datetime.datetime | None = None
    """When the article was scraped, when the format says (SaudiNewsNet's ``date_extracted``).

    .. versionadded:: 0.2.0
    """
    encoding: str | None = field(default=None, eq=False)
    """How the input bytes were decoded (``utf-8``, ``windows-1256``, ...); ``None`` for text.

    Provenance, like the ``line`` of a block: it takes no part in equality.

    .. versionadded:: 0.1.0
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

        .. versionadded:: 0.2.0
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
        return _to_dict["Article"](self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Article:
        """Build an Article from the output of :meth:`to_dict` (or a gold file).

        Only ``title``, ``authors``, ``body``, ``keywords`` and ``related``
        must be there: a missing ``format`` is ``aggregator-text`` (a record
        from before 0.2), a missing ``diagnostics`` empty, any other missing
        key ``None`` (the schema table, ``newsparse._model.schema``, says).  Raises
        :class:`~newsparse.SchemaError` naming the offending key when the data
        does not follow the schema.
        """
        return cls(**_values(ARTICLE, _Reader(data, "")))

    def evolve(self, **changes: Any) -> Article:
        """Return a copy with the given fields replaced (``attrs.evolve``)."""
        return attrs.evolve(self, **changes)

    def __reduce_ex__(self, protocol: SupportsIndex) -> str | tuple[Any, ...]:
        # Pickled as plain tuples, rebuilt without __init__: docs/performance.md#kept-tricks
        if type(self) is not Article:
            return object.__reduce_ex__(self, protocol)
        return _unpacked_article, _packed_article(self)


_MISSING: Any = object()


class _Reader:
    """Typed access to one mapping of a record, with errors that name the key."""

    __slots__ = ("data", "prefix")

    def __init__(self, data: object, where: str) -> None:
        if not isinstance(data, Mapping):
            raise SchemaError(f"expected an object, got {type(data).__name__}", where=where or "$")
        self.data: Mapping[str, Any] = data
        self.prefix = where

    def where(self, key: str) -> str:
        """The JSON path of *key* in this mapping."""
        return f"{self.prefix}.{key}" if self.prefix else key

    def _get(self, key: str, default: Any) -> Any:
        if key in self.data:
            return self.data[key]
        if default is _MISSING:
            raise SchemaError(
                "missing key; records need every field of to_dict()", where=self.where(key)
            )
        return default

    def text(self, key: str, default: Any = _MISSING) -> str:
        value = self._get(key, default)
        if not isinstance(value, str):
            raise SchemaError(
                f"expected a string, got {type(value).__name__}", where=self.where(key)
            )
        return value

    def optional_text(self, key: str, default: Any = None) -> str | None:
        value = self._get(key, default)
        if value is None:
            return None
        return self.text(key)

    def items(self, key: str, default: Any = _MISSING) -> list[Any]:
        value = self._get(key, default)
        if not isinstance(value, list | tuple):
            raise SchemaError(f"expected a list, got {type(value).__name__}", where=self.where(key))
        return list(value)

    def texts(self, key: str, default: Any = _MISSING) -> list[str]:
        values = self.items(key, default)
        for i, value in enumerate(values):
            if not isinstance(value, str):
                raise SchemaError(
                    f"expected a string, got {type(value).__name__}",
                    where=f"{self.where(key)}[{i}]",
                )
        return values

    def optional_mapping(self, key: str) -> Mapping[str, Any] | None:
        value = self._get(key, None)
        if value is None:
            return None
        if not isinstance(value, Mapping):
            raise SchemaError(
                f"expected an object or null, got {type(value).__name__}", where=self.where(key)
            )
        return value

    def optional_int(self, key: str) -> int | None:
        value = self._get(key, None)
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool):
            raise SchemaError(
                f"expected an integer or null, got {type(value).__name__}", where=self.where(key)
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


def _values(shape: Shape, reader: _Reader) -> dict[str, Any]:
    """The fields of the *shape* object that the mapping of *reader* holds."""
    return {row.name: _value(reader, row) for row in shape.fields}


def _build(shape: Shape, reader: _Reader) -> Any:
    """The model object of *shape* that the mapping of *reader* holds."""
    return _CLASSES[shape.name](**_values(shape, reader))


def _value(reader: _Reader, row: Field) -> Any:
    """The model value of field *row* in the mapping of *reader*."""
    key, kind = row.name, row.type
    missing = _MISSING if row.missing is REQUIRED else row.missing
    where = reader.where(key)
    if isinstance(kind, ListOf):
        if isinstance(kind.item, str):
            return reader.texts(key, missing)
        items = reader.items(key, missing)
        if isinstance(kind.item, OneOf):
            return _blocks_from(kind.item, items, where)
        shape = kind.item
        if not isinstance(shape, Shape):
            raise TypeError(f"the schema has no reader for lists of {shape!r}")
        return [_build(shape, _Reader(item, f"{where}[{i}]")) for i, item in enumerate(items)]
    if isinstance(kind, Shape):
        data = reader.optional_mapping(key)
        return None if data is None else _build(kind, _Reader(data, where))
    if kind == "integer":
        return reader.optional_int(key)
    text = reader.optional_text(key, missing) if row.nullable else reader.text(key, missing)
    if text is None or kind == "string":
        return text
    return _iso_date(text, where) if kind == "date" else _iso_datetime(text, where)


def _blocks_from(blocks: OneOf, items: list[Any], where: str) -> list[Block]:
    found: list[Block] = []
    for i, item in enumerate(items):
        reader = _Reader(item, f"{where}[{i}]")
        tag = reader.text("type")
        for variant in blocks.variants:
            if variant.tag == tag:
                found.append(_build(variant, reader))
                break
        else:
            raise SchemaError(
                f"unknown block type {tag!r}; expected {blocks.tags()}",
                where=f"{where}[{i}].type",
            )
    return found


_CLASSES: Final[dict[str, type[Any]]] = {
    cls.__name__: cls
    for cls in (Article, Source, RelatedArticle, Diagnostic, Paragraph, Heading, ReadAlso)
}

# The to_dict() functions the table gives (see newsparse._model.schema), by class name.
_generated: dict[str, Any] = dict(_CLASSES)
exec(  # noqa: S102 -- source made from the schema table, not from input
    compile(
        to_dict_source((ARTICLE, SOURCE, RELATED, DIAGNOSTIC, *BLOCK.variants)),
        schema.__file__,
        "exec",
    ),
    _generated,
)
_to_dict: Final[dict[str, Callable[[Any], dict[str, Any]]]] = {
    name: _generated[f"to_dict_{name}"] for name in _CLASSES
}


# Pickling (Article.__reduce_ex__).  attrs pickles a slotted class as a dict of its fields,
# object by object, each through Python calls, and rebuilds each with one setattr a field:
# an Article of twenty blocks is some forty objects.  Here an Article crosses as one tuple of
# plain values (a body as three: its blocks' kinds, texts or titles, and lines), and is
# rebuilt with the slots' own setters, without __init__: the values were converted and
# checked when the Article was made.
# An instance of a subclass (which may have fields of its own) pickles as attrs pickles it.
_T = TypeVar("_T")
_new: Final[Callable[[type[Any]], Any]] = object.__new__


def _setters(cls: type[Any]) -> tuple[Callable[[Any, Any], None], ...]:
    return tuple(getattr(cls, row.name).__set__ for row in attrs.fields(cls))


_BLOCK_MAKERS: Final[dict[str, tuple[Any, ...]]] = {
    kind: (cls, *_setters(cls)) for kind, cls in (("p", Paragraph), ("h", Heading), ("r", ReadAlso))
}
_ARTICLE_SETTERS: Final = _setters(Article)
_SOURCE_SETTERS: Final = _setters(Source)
_RELATED_SETTERS: Final = _setters(RelatedArticle)
_DIAGNOSTIC_SETTERS: Final = _setters(Diagnostic)


def _packed_blocks(body: tuple[Block, ...]) -> tuple[str, tuple[Any, ...], tuple[Any, ...]]:
    """The blocks as three sequences: their kinds (a letter each), texts (titles), lines."""
    kinds: list[str] = []
    values: list[Any] = []
    for block in body:
        kind = type(block)
        if kind is Paragraph:
            kinds.append("p")
            values.append(block.text)  # type: ignore[union-attr]
        elif kind is Heading:
            kinds.append("h")
            values.append(block.text)  # type: ignore[union-attr]
        elif kind is ReadAlso:
            kinds.append("r")
            values.append(block.titles)  # type: ignore[union-attr]
        else:
            kinds.append("o")
            values.append(block)
    return "".join(kinds), tuple(values), tuple([block.line for block in body])


def _unpacked_blocks(packed: tuple[str, tuple[Any, ...], tuple[Any, ...]]) -> tuple[Block, ...]:
    kinds, values, lines = packed
    body: list[Block] = []
    for kind, value, line in zip(kinds, values, lines, strict=True):
        if kind == "o":
            body.append(value)
            continue
        cls, set_value, set_line = _BLOCK_MAKERS[kind]
        block = _new(cls)
        set_value(block, value)
        set_line(block, line)
        body.append(block)
    return tuple(body)


def _made(cls: type[_T], setters: tuple[Callable[[Any, Any], None], ...], values: Any) -> _T:
    made: _T = _new(cls)
    for set_field, value in zip(setters, values, strict=True):
        set_field(made, value)
    return made


def _packed_article(article: Article) -> tuple[Any, ...]:
    source: Any = article.source
    if type(source) is Source:
        source = (source.name, source.credit, source.line)
    return (
        article.title,
        article.published,
        article.authors,
        _packed_blocks(article.body),
        source,
        article.keywords,
        article.keywords_raw,
        tuple(
            (item.title, _packed_blocks(item.body), item.line)
            if type(item) is RelatedArticle
            else item
            for item in article.related
        ),
        tuple(
            (item.code, item.message, item.line) if type(item) is Diagnostic else item
            for item in article.diagnostics
        ),
        article.format,
        article.url,
        article.retrieved,
        article.encoding,
    )


def _unpacked_related(packed: RelatedArticle | tuple[Any, ...]) -> RelatedArticle:
    if isinstance(packed, RelatedArticle):
        return packed
    title, body, line = packed
    return _made(RelatedArticle, _RELATED_SETTERS, (title, _unpacked_blocks(body), line))


def _unpacked_article(*values: Any) -> Article:
    """The Article of the values _packed_article gave (what unpickling calls)."""
    fields = list(values)
    if isinstance(fields[4], tuple):
        fields[4] = _made(Source, _SOURCE_SETTERS, fields[4])
    fields[3] = _unpacked_blocks(fields[3])
    fields[7] = tuple(map(_unpacked_related, fields[7]))
    fields[8] = tuple(
        _made(Diagnostic, _DIAGNOSTIC_SETTERS, item) if isinstance(item, tuple) else item
        for item in fields[8]
    )
    return _made(Article, _ARTICLE_SETTERS, fields)
