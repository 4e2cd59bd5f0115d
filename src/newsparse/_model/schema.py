"""The record schema: one table of fields, from which every form of a record comes.

Each :class:`Field` row says what a record field is (its name, logical type,
whether it may be null, what :meth:`Article.from_dict` takes when a record
lacks it, its description) and how it appears in each output: its CSV
columns and its Arrow columns, with their places there.  From this table
come ``to_dict()`` of every model class (:func:`to_dict_source`),
``Article.from_dict``, the CSV columns (``newsparse._corpus.writers``), the
Arrow schema and rows (``newsparse._corpus.arrow``, which maps the logical
types to pyarrow's) and ``docs/article.schema.json`` (:func:`json_schema_text`,
written by ``scripts/make_schema.py``; a test checks the file is what the
table gives).

Logical types: ``"string"``, ``"integer"``, ``"date"`` (JSON: ``YYYY-MM-DD``),
``"datetime"`` (JSON: ISO 8601; Arrow: the wall clock), ``"duration"`` (Arrow
only), a :class:`ListOf`, a :class:`Shape` (a nested object: one model class)
and a :class:`OneOf` (blocks: shapes told apart by their ``type`` key).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias

from attrs import field, frozen

if TYPE_CHECKING:
    from newsparse._model.records import Article

__all__ = [
    "ARTICLE",
    "BLOCK",
    "DIAGNOSTIC",
    "ENVELOPE",
    "LEGACY_FORMAT",
    "REQUIRED",
    "SOURCE",
    "Column",
    "Field",
    "ListOf",
    "OneOf",
    "Shape",
    "arrow_columns",
    "csv_columns",
    "json_schema",
    "json_schema_text",
    "to_dict_source",
]

Scalar: TypeAlias = Literal["string", "integer", "date", "datetime", "duration"]


class _Required:
    def __repr__(self) -> str:
        return "REQUIRED"


REQUIRED: Final[Any] = _Required()
"""``Field.missing`` of a field every record must have."""

LEGACY_FORMAT: Final = "aggregator-text"
"""The format of a record, or an Article, that names none: records from before 0.2, when
the aggregator dump was the only format, have no ``format`` key.  The schema keeps this
one name for them; the formats themselves name their own."""


@frozen(kw_only=True)
class ListOf:
    """A list (a tuple in the model) of *item*; *item_json* constrains each item in JSON."""

    item: LogicalType
    item_json: Mapping[str, Any] = field(factory=dict)


@frozen(kw_only=True)
class Shape:
    """A nested object, one model class (*name*); *tag* is a block's ``type`` value."""

    name: str
    fields: tuple[Field, ...]
    tag: str | None = None


@frozen(kw_only=True)
class OneOf:
    """Shapes told apart by their ``type`` key (the blocks of a body)."""

    variants: tuple[Shape, ...]

    def tags(self) -> str:
        """The variants' tags as a message lists them (``a, b or c``)."""
        tags = [str(variant.tag) for variant in self.variants]
        return f"{', '.join(tags[:-1])} or {tags[-1]}"


LogicalType: TypeAlias = Scalar | ListOf | Shape | OneOf


@frozen(kw_only=True)
class Column:
    """A column of a tabular output (CSV, Arrow): its name, its place, its value.

    *get* takes the Article and gives the cell (CSV: a ``str``) or the Arrow
    value; ``None`` stands for the field's own value in its own type.
    """

    name: str
    at: int
    type: LogicalType = "string"
    get: Callable[[Article], Any] | None = None


@frozen(kw_only=True)
class Field:
    """One field of a record, and how it appears in each output."""

    name: str
    type: LogicalType
    doc: str
    nullable: bool = False
    missing: Any = REQUIRED
    """What ``from_dict`` takes for a record without the key; REQUIRED: an error."""
    json: Mapping[str, Any] = field(factory=dict)
    """JSON Schema keywords beyond the type (``pattern``, ``minLength``...)."""
    csv: tuple[Column, ...] = ()
    arrow: tuple[Column, ...] | None = None
    """Its Arrow columns; ``None``: one column of its own name and type."""
    arrow_at: int = -1
    """Where its own column goes when *arrow* is ``None``."""


_JOIN = " | "


def _iso(value: Any) -> str:
    return "" if value is None else str(value.isoformat())


def _text(value: str | None) -> str:
    return value or ""


_TEXT = Field(name="text", type="string", doc="The text as written.")
PARAGRAPH: Final = Shape(name="Paragraph", tag="paragraph", fields=(_TEXT,))
HEADING: Final = Shape(name="Heading", tag="heading", fields=(_TEXT,))
READ_ALSO: Final = Shape(
    name="ReadAlso",
    tag="read_also",
    fields=(
        Field(
            name="titles",
            type=ListOf(item="string"),
            doc="The linked headlines, in order.",
            json={"minItems": 1},
        ),
    ),
)
BLOCK: Final = OneOf(variants=(PARAGRAPH, HEADING, READ_ALSO))
"""One element of a body."""

SOURCE: Final = Shape(
    name="Source",
    fields=(
        Field(name="name", type="string", doc="The outlet's name.", json={"minLength": 1}),
        Field(
            name="credit",
            type="string",
            nullable=True,
            missing=None,
            doc="The credit that stood before المصدر:, or null.",
        ),
    ),
)
RELATED: Final = Shape(
    name="RelatedArticle",
    fields=(
        Field(name="title", type="string", doc="The related article's headline."),
        Field(name="body", type=ListOf(item=BLOCK), doc="Its own body, in document order."),
    ),
)
DIAGNOSTIC: Final = Shape(
    name="Diagnostic",
    fields=(
        Field(name="code", type="string", doc="Stable: date, read-also, trailer, layout..."),
        Field(name="message", type="string", doc="What was wrong and what the parser did."),
        Field(
            name="line",
            type="integer",
            nullable=True,
            missing=None,
            doc="The 1-based input line it concerns, or null.",
            json={"minimum": 1},
        ),
    ),
)

ENVELOPE: Final = (
    Field(
        name="path",
        type="string",
        doc="The input file, as outputs store its path.",
        csv=(Column(name="path", at=0),),
        arrow_at=0,
    ),
    Field(
        name="error",
        type="string",
        nullable=True,
        doc="What stopped the file (its error record only).",
        csv=(Column(name="error", at=1),),
        arrow_at=1,
    ),
    Field(
        name="code",
        type="string",
        nullable=True,
        doc="The error's code (its error record only).",
        csv=(Column(name="code", at=2),),
        arrow_at=2,
    ),
)
"""The fields a written record has beside the Article's: ``path`` on every record,
``error`` and ``code`` on the record of a file that failed (and on no other)."""


def _read_also_titles(article: Article) -> str:
    return _JOIN.join(title for block in article.body for title in getattr(block, "titles", ()))


def _wall_clock(article: Article) -> Any:
    return None if article.retrieved is None else article.retrieved.replace(tzinfo=None)


ARTICLE: Final = Shape(
    name="Article",
    fields=(
        Field(
            name="title",
            type="string",
            doc="The headline; empty when the page had none.",
            csv=(Column(name="title", at=4, get=lambda a: a.title),),
            arrow_at=4,
        ),
        Field(
            name="published",
            type="date",
            nullable=True,
            missing=None,
            doc="The publication date of the date line as YYYY-MM-DD, or null.",
            json={"pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
            csv=(Column(name="published", at=5, get=lambda a: _iso(a.published)),),
            arrow_at=5,
        ),
        Field(
            name="authors",
            type=ListOf(item="string", item_json={"minLength": 1}),
            doc="The byline's authors, without labels, desks and website UI words.",
            csv=(Column(name="authors", at=6, get=lambda a: _JOIN.join(a.authors)),),
            arrow_at=6,
        ),
        Field(
            name="body",
            type=ListOf(item=BLOCK),
            doc="Paragraphs, headings and read-also boxes, in document order.",
            csv=(
                Column(name="paragraph_count", at=11, get=lambda a: str(len(a.paragraphs))),
                Column(name="text", at=12, get=lambda a: a.text),
                Column(
                    name="headings",
                    at=13,
                    get=lambda a: _JOIN.join(heading.text for heading in a.headings),
                ),
                Column(name="read_also", at=14, get=_read_also_titles),
            ),
            arrow_at=7,
        ),
        Field(
            name="source",
            type=SOURCE,
            nullable=True,
            missing=None,
            doc="The outlet of the source line, or null.",
            csv=(
                Column(
                    name="source_name",
                    at=7,
                    get=lambda a: "" if a.source is None else _text(a.source.name),
                ),
                Column(
                    name="source_credit",
                    at=8,
                    get=lambda a: "" if a.source is None else _text(a.source.credit),
                ),
            ),
            arrow=(
                Column(
                    name="source_name",
                    at=8,
                    get=lambda a: None if a.source is None else a.source.name,
                ),
                Column(
                    name="source_credit",
                    at=9,
                    get=lambda a: None if a.source is None else a.source.credit,
                ),
            ),
        ),
        Field(
            name="keywords",
            type=ListOf(item="string", item_json={"minLength": 1}),
            doc="The segmented tags, as written, de-duplicated in first-seen order.",
            json={"uniqueItems": True},
            csv=(Column(name="keywords", at=9, get=lambda a: _JOIN.join(a.keywords)),),
            arrow_at=10,
        ),
        Field(
            name="keywords_raw",
            type="string",
            nullable=True,
            missing=None,
            doc="The keywords line after its label, exactly; null without one.",
            csv=(Column(name="keywords_raw", at=10, get=lambda a: _text(a.keywords_raw)),),
            arrow_at=11,
        ),
        Field(
            name="related",
            type=ListOf(item=RELATED),
            doc="The related articles of the trailer, in order.",
            csv=(
                Column(
                    name="related_titles",
                    at=15,
                    get=lambda a: _JOIN.join(related.title for related in a.related),
                ),
            ),
            arrow_at=12,
        ),
        Field(
            name="format",
            type="string",
            missing=LEGACY_FORMAT,
            doc="The name of the format that read the input. A record without it is "
            "from before 0.2, when aggregator-text was the only format.",
            csv=(Column(name="format", at=3, get=lambda a: a.format),),
            arrow_at=3,
        ),
        Field(
            name="diagnostics",
            type=ListOf(item=DIAGNOSTIC),
            missing=[],
            doc="What the parser noticed and worked around (lenient mode), in input order.",
            csv=(
                Column(
                    name="diagnostics",
                    at=19,
                    get=lambda a: _JOIN.join(diagnostic.code for diagnostic in a.diagnostics),
                ),
            ),
            arrow_at=17,
        ),
        Field(
            name="url",
            type="string",
            nullable=True,
            missing=None,
            doc="The article's address, when the format carries one.",
            csv=(Column(name="url", at=16, get=lambda a: _text(a.url)),),
            arrow_at=13,
        ),
        Field(
            name="retrieved",
            type="datetime",
            nullable=True,
            missing=None,
            doc="When the article was scraped (ISO 8601), when the format says.",
            csv=(Column(name="retrieved", at=17, get=lambda a: _iso(a.retrieved)),),
            # Arrow's timestamps without a zone take a zone-aware time as UTC and drop the
            # offset, and turn 9999-12-31T23:00-05:00 into a year 10000 no reader can
            # load: the time is stored as written, its offset beside it.
            arrow=(
                Column(name="retrieved", at=14, type="datetime", get=_wall_clock),
                Column(
                    name="retrieved_utc_offset",
                    at=15,
                    type="duration",
                    get=lambda a: None if a.retrieved is None else a.retrieved.utcoffset(),
                ),
            ),
        ),
        Field(
            name="encoding",
            type="string",
            nullable=True,
            missing=None,
            doc="How the input bytes were decoded (utf-8, utf-8-sig, utf-16, windows-1256, "
            "...); null for text.",
            csv=(Column(name="encoding", at=18, get=lambda a: _text(a.encoding)),),
            arrow_at=16,
        ),
    ),
)
"""The fields of ``Article.to_dict()``, in its order."""


def _placed(columns: list[Column]) -> tuple[Column, ...]:
    ordered = tuple(sorted(columns, key=lambda column: column.at))
    if [column.at for column in ordered] != list(range(len(ordered))):
        raise AssertionError(f"column places are not 0..n-1: {[c.at for c in ordered]}")
    return ordered


def csv_columns() -> tuple[Column, ...]:
    """Every CSV column, in order: the envelope's (no *get*), then the Article's."""
    return _placed([column for row in (*ENVELOPE, *ARTICLE.fields) for column in row.csv])


def arrow_columns() -> tuple[Column, ...]:
    """Every Arrow column, in order; a field's own column has its type and no *get*."""
    columns: list[Column] = []
    for row in (*ENVELOPE, *ARTICLE.fields):
        if row.arrow is None:
            columns.append(Column(name=row.name, at=row.arrow_at, type=row.type))
        else:
            columns.extend(row.arrow)
    return _placed(columns)


# to_dict() of each model class is generated from the table, as attrs generates __init__:
# one dict display per class, nested shapes and blocks inlined, so that it costs no more
# than the hand-written methods it replaced (JSON Lines output calls it for every article).


def _value_source(kind: LogicalType, value: str, depth: int) -> str:
    """The expression that makes *value* (an expression of logical type *kind*) JSON-ready."""
    if kind in ("date", "datetime"):
        return f"{value}.isoformat()"
    if isinstance(kind, ListOf):
        if isinstance(kind.item, str):
            return f"list({value})"
        item = f"_x{depth}"
        return f"[{_value_source(kind.item, item, depth + 1)} for {item} in {value}]"
    if isinstance(kind, Shape):
        return _shape_source(kind, value, depth)
    if isinstance(kind, OneOf):
        # Each known block inline, told by its exact class; a subclass keeps its own to_dict.
        branches = [
            f"{_shape_source(variant, value, depth)} if type({value}) is {variant.name} else "
            for variant in kind.variants
        ]
        return f"({''.join(branches)}{value}.to_dict())"
    return value


def _shape_source(shape: Shape, value: str, depth: int) -> str:
    items = [] if shape.tag is None else [f"'type': {shape.tag!r}"]
    for row in shape.fields:
        plain = f"{value}.{row.name}"
        item = _value_source(row.type, plain, depth)
        if row.nullable and item != plain:
            item = f"None if {plain} is None else {item}"
        items.append(f"{row.name!r}: {item}")
    return "{" + ", ".join(items) + "}"


def to_dict_source(shapes: tuple[Shape, ...]) -> str:
    """Python source of ``to_dict_NAME(self)`` for each of *shapes*.

    The source names the model classes of the blocks (its namespace must bind
    them): a block of one of them is written inline, any other (a subclass)
    by its own ``to_dict()``.
    """
    return "\n".join(
        f"def to_dict_{shape.name}(self):\n    return {_shape_source(shape, 'self', 0)}\n"
        for shape in shapes
    )


# The JSON Schema of Article.to_dict().

_JSON_TYPES: Final = {
    "string": "string",
    "integer": "integer",
    "date": "string",
    "datetime": "string",
}


def _json_type(kind: LogicalType, nullable: bool) -> dict[str, Any]:
    if isinstance(kind, str):
        name = _JSON_TYPES[kind]
        return {"type": [name, "null"] if nullable else name}
    if isinstance(kind, ListOf):
        return {"type": "array", "items": {**_json_type(kind.item, False), **kind.item_json}}
    if isinstance(kind, OneOf):
        return {"$ref": "#/$defs/block"}
    shape = _json_object(kind)
    return {"oneOf": [{"type": "null"}, shape]} if nullable else shape


def _json_object(shape: Shape) -> dict[str, Any]:
    properties: dict[str, Any] = {} if shape.tag is None else {"type": {"const": shape.tag}}
    for row in shape.fields:
        properties[row.name] = {
            **_json_type(row.type, row.nullable),
            **row.json,
            "description": row.doc,
        }
    return {
        "type": "object",
        "additionalProperties": False,
        "required": list(properties),
        "properties": properties,
    }


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``Article.to_dict()``."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://newsparse.invalid/schema/article-0.1.json",
        "title": "newsparse Article record (Article.to_dict())",
        **_json_object(ARTICLE),
        "$defs": {"block": {"oneOf": [_json_object(variant) for variant in BLOCK.variants]}},
    }


def json_schema_text() -> str:
    """:func:`json_schema` as ``docs/article.schema.json`` holds it."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
