"""The Arrow schema of a record, for Parquet output and Dask DataFrames.

The schema follows ``Article.to_dict()`` plus the ``path`` of the input
file, with the ``source`` object flattened into two columns and an error
record's ``error`` and ``code`` as columns of their own (null for articles).
It is part of the public contract: columns are only ever added.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any, Final

from newsparse._model.records import Article
from newsparse._model.schema import (
    ENVELOPE,
    Column,
    ListOf,
    LogicalType,
    OneOf,
    Shape,
    arrow_columns,
)

__all__ = [
    "arrow_schema",
    "arrow_table",
    "arrow_table_of_rows",
    "article_row",
    "from_arrow_row",
    "to_arrow_row",
]


def _pyarrow() -> Any:
    try:
        import pyarrow  # noqa: PLC0415 -- optional extra
    except ImportError:
        raise ImportError(
            "Parquet and Arrow output need pyarrow: pip install 'newsparse[parquet]'"
        ) from None
    return pyarrow


def arrow_schema() -> Any:
    """Return the ``pyarrow.Schema`` of newsparse records (needs ``newsparse[parquet]``).

    Its columns are the schema table's (``newsparse._model.schema``), each of
    the pyarrow type its logical type maps to:

    ========================  ===============================================
    column                    type
    ========================  ===============================================
    path                      string
    error, code               string (set only on a file that failed)
    format                    string
    title                     string
    published                 date32
    authors                   list<string>
    body                      list<struct<type, text, titles: list<string>>>
    source_name               string
    source_credit             string
    keywords                  list<string>
    keywords_raw              string
    related                   list<struct<title, body: (as body)>>
    url                       string
    retrieved                 timestamp[us]: the time as written (its wall clock)
    retrieved_utc_offset      duration[us]: its UTC offset (null: a time without zone)
    encoding                  string
    diagnostics               list<struct<code, message, line: int32>>
    ========================  ===============================================
    """
    pa = _pyarrow()
    return pa.schema([(column.name, _arrow_type(pa, column.type)) for column in _COLUMNS])


_SCALARS: Final[dict[str, Callable[[Any], Any]]] = {
    "string": lambda pa: pa.string(),
    "integer": lambda pa: pa.int32(),
    "date": lambda pa: pa.date32(),
    "datetime": lambda pa: pa.timestamp("us"),
    "duration": lambda pa: pa.duration("us"),
}


def _arrow_type(pa: Any, kind: LogicalType) -> Any:
    """The pyarrow type of the logical type *kind*; a union of blocks is the struct of
    every variant's fields (null where a variant has none)."""
    if isinstance(kind, str):
        return _SCALARS[kind](pa)
    if isinstance(kind, ListOf):
        return pa.list_(_arrow_type(pa, kind.item))
    if isinstance(kind, Shape):
        return pa.struct([(row.name, _arrow_type(pa, row.type)) for row in kind.fields])
    members = {"type": pa.string()}
    for variant in kind.variants:
        members.update((row.name, _arrow_type(pa, row.type)) for row in variant.fields)
    return pa.struct(list(members.items()))


def _has_time(kind: LogicalType) -> bool:
    """Whether values of *kind* hold a date or a time (which JSON writes as text)."""
    if isinstance(kind, str):
        return kind in ("date", "datetime")
    if isinstance(kind, ListOf):
        return _has_time(kind.item)
    shapes = kind.variants if isinstance(kind, OneOf) else (kind,)
    return any(_has_time(row.type) for shape in shapes for row in shape.fields)


def _date(name: str, article: Article) -> Any:
    value = getattr(article, name)
    if value is None or type(value) is datetime.date:
        return value
    return datetime.date.fromisoformat(value.isoformat())  # a datetime: as JSON has it


def _getter(column: Column) -> Callable[[Article], Any]:
    if column.get is not None:
        return column.get
    if column.type == "date":
        return partial(_date, column.name)
    raise TypeError(f"the Arrow column {column.name} of {column.type!r} needs a getter")


_COLUMNS: Final = arrow_columns()
_ENVELOPE_NAMES: Final = frozenset(row.name for row in ENVELOPE)
# Arrow takes lists and structs in the form to_dict() gives them (a struct field that a
# dict lacks, such as a paragraph's titles, is null), so most columns are to_dict()'s
# values as they are; a column with a date or time in it needs the value itself.
_AS_RECORD: Final = tuple(
    column.name
    for column in _COLUMNS
    if column.get is None and column.name not in _ENVELOPE_NAMES and not _has_time(column.type)
)
_FROM_ARTICLE: Final = tuple(
    (column.name, _getter(column))
    for column in _COLUMNS
    if column.name not in _ENVELOPE_NAMES and column.name not in _AS_RECORD
)


def article_row(path: str, article: Article) -> dict[str, Any]:
    """Return *article*, read from the file at *path* (stored form), as one row of the schema."""
    record = article.to_dict()
    row = {"path": path}
    for name in _AS_RECORD:
        row[name] = record[name]
    for name, get in _FROM_ARTICLE:
        row[name] = get(article)
    return row


def to_arrow_row(record: dict[str, Any]) -> dict[str, Any]:
    """Return a record (``{"path", **to_dict()}`` or an error record) as one row of the schema."""
    if "error" in record:
        return {"path": record["path"], "error": record["error"], "code": record["code"]}
    return article_row(record["path"], Article.from_dict(record))


def _clean_blocks(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for block in blocks:
        if block["type"] == "read_also":
            out.append({"type": "read_also", "titles": list(block["titles"])})
        else:
            out.append({"type": block["type"], "text": block["text"]})
    return out


def from_arrow_row(row: dict[str, Any]) -> dict[str, Any]:
    """Return a row of the schema as a record again (the inverse of :func:`to_arrow_row`).

    The result of an article row is ready for :meth:`Article.from_dict`.
    """
    if row.get("error") is not None:
        return {"path": row["path"], "error": row["error"], "code": row["code"]}
    published, retrieved = row["published"], row["retrieved"]
    source = None
    if row["source_name"] is not None:
        source = {"name": row["source_name"], "credit": row["source_credit"]}
    return {
        "path": row["path"],
        "title": row["title"],
        "published": None if published is None else published.isoformat(),
        "authors": list(row["authors"]),
        "body": _clean_blocks(row["body"]),
        "source": source,
        "keywords": list(row["keywords"]),
        "keywords_raw": row["keywords_raw"],
        "related": [
            {"title": r["title"], "body": _clean_blocks(r["body"])} for r in row["related"]
        ],
        "format": row["format"],
        "diagnostics": [dict(d) for d in row["diagnostics"]],
        "url": row["url"],
        "retrieved": None if retrieved is None else _zoned(retrieved, row).isoformat(),
        "encoding": row["encoding"],
    }


def _zoned(retrieved: datetime.datetime, row: dict[str, Any]) -> datetime.datetime:
    offset = row.get("retrieved_utc_offset")
    return retrieved if offset is None else retrieved.replace(tzinfo=datetime.timezone(offset))


def arrow_table_of_rows(rows: list[dict[str, Any]], schema: Any) -> Any:
    """Return rows made by :func:`to_arrow_row` as a ``pyarrow.Table`` of *schema*."""
    return _pyarrow().Table.from_pylist(rows, schema=schema)


def arrow_table(records: Iterable[dict[str, Any]]) -> Any:
    """Return *records* as a ``pyarrow.Table`` of :func:`arrow_schema`."""
    return arrow_table_of_rows([to_arrow_row(r) for r in records], arrow_schema())
