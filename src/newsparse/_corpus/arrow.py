"""The Arrow schema of a record, for Parquet output and Dask DataFrames.

The schema follows ``Article.to_dict()`` plus the ``path`` of the input
file, with the ``source`` object flattened into two columns and an error
record's ``error`` and ``code`` as columns of their own (null for articles).
It is part of the public contract: columns are only ever added.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

__all__ = [
    "arrow_schema",
    "arrow_table",
    "arrow_table_of_rows",
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
    block = pa.struct(
        [("type", pa.string()), ("text", pa.string()), ("titles", pa.list_(pa.string()))]
    )
    body = pa.list_(block)
    return pa.schema(
        [
            ("path", pa.string()),
            ("error", pa.string()),
            ("code", pa.string()),
            ("format", pa.string()),
            ("title", pa.string()),
            ("published", pa.date32()),
            ("authors", pa.list_(pa.string())),
            ("body", body),
            ("source_name", pa.string()),
            ("source_credit", pa.string()),
            ("keywords", pa.list_(pa.string())),
            ("keywords_raw", pa.string()),
            ("related", pa.list_(pa.struct([("title", pa.string()), ("body", body)]))),
            ("url", pa.string()),
            ("retrieved", pa.timestamp("us")),
            ("retrieved_utc_offset", pa.duration("us")),
            ("encoding", pa.string()),
            (
                "diagnostics",
                pa.list_(
                    pa.struct(
                        [("code", pa.string()), ("message", pa.string()), ("line", pa.int32())]
                    )
                ),
            ),
        ]
    )


def _blocks(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"type": b["type"], "text": b.get("text"), "titles": b.get("titles")} for b in blocks]


def to_arrow_row(record: dict[str, Any]) -> dict[str, Any]:
    """Return a record (``{"path", **to_dict()}`` or an error record) as one row of the schema."""
    if "error" in record:
        return {"path": record["path"], "error": record["error"], "code": record["code"]}
    source = record["source"] or {}
    published = record["published"]
    return {
        "path": record["path"],
        "format": record["format"],
        "title": record["title"],
        "published": None if published is None else datetime.date.fromisoformat(published),
        "authors": record["authors"],
        "body": _blocks(record["body"]),
        "source_name": source.get("name"),
        "source_credit": source.get("credit"),
        "keywords": record["keywords"],
        "keywords_raw": record["keywords_raw"],
        "related": [{"title": r["title"], "body": _blocks(r["body"])} for r in record["related"]],
        "url": record["url"],
        **_wall_clock(record["retrieved"]),
        "encoding": record["encoding"],
        "diagnostics": record["diagnostics"],
    }


def _wall_clock(iso: str | None) -> dict[str, Any]:
    """``retrieved`` and ``retrieved_utc_offset`` of an ISO 8601 date-time.

    Arrow's timestamps without a zone take a zone-aware time as UTC and drop
    the offset, and turn 9999-12-31T23:00-05:00 into a year 10000 no reader
    can load: the time is stored as written, its offset beside it.
    """
    if iso is None:
        return {"retrieved": None, "retrieved_utc_offset": None}
    moment = datetime.datetime.fromisoformat(iso)
    return {"retrieved": moment.replace(tzinfo=None), "retrieved_utc_offset": moment.utcoffset()}


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
