"""Where ``newsparse parse`` writes its records: standard output, JSON Lines, JSON or CSV.

Every writer streams: a record is written (and flushed) as soon as it is
made, so memory stays flat however large the corpus, and a run stopped with
Ctrl-C leaves a valid file: :meth:`close` finishes the JSON array.

.. versionadded:: 0.3
"""

from __future__ import annotations

import csv
import json
import os
from typing import IO, Any, Final, Protocol

from newsparse._arrow import arrow_schema, arrow_table_of_rows, to_arrow_row

__all__ = [
    "CSV_COLUMNS",
    "SUFFIXES",
    "RecordWriter",
    "flat_record",
    "open_writer",
    "stdout_writer",
]

SUFFIXES: Final = (".jsonl", ".json", ".csv", ".parquet")
_ROW_GROUP = 1000  # records per Parquet row group: bounded memory, few enough groups

CSV_COLUMNS: Final = (
    "path", "error", "code", "format", "title", "published", "authors", "source_name",
    "source_credit", "keywords", "keywords_raw", "paragraph_count", "text", "headings",
    "read_also", "related_titles", "url", "retrieved", "encoding", "diagnostics",
)  # fmt: skip
"""The CSV columns, in order; lists are joined with `` | ``, the text with blank lines."""

_JOIN = " | "


class RecordWriter(Protocol):
    """Writes records (``{"path", **Article.to_dict()}`` or an error record)."""

    def write(self, record: dict[str, Any]) -> None:
        """Write one record and flush it."""
        ...  # pragma: no cover

    def close(self) -> None:
        """Finish the output (valid even after an interruption)."""
        ...  # pragma: no cover


def _texts(blocks: list[dict[str, Any]], kind: str) -> list[str]:
    return [block["text"] for block in blocks if block["type"] == kind]


def flat_record(record: dict[str, Any]) -> dict[str, str]:
    """Return *record* as one flat CSV row (see :data:`CSV_COLUMNS`)."""
    if "error" in record:
        return {"path": record["path"], "error": record["error"], "code": record["code"]}
    body = record["body"]
    source = record["source"] or {}
    return {
        "path": record["path"],
        "format": record["format"],
        "title": record["title"],
        "published": record["published"] or "",
        "authors": _JOIN.join(record["authors"]),
        "source_name": source.get("name") or "",
        "source_credit": source.get("credit") or "",
        "keywords": _JOIN.join(record["keywords"]),
        "keywords_raw": record["keywords_raw"] or "",
        "paragraph_count": str(len(_texts(body, "paragraph"))),
        "text": "\n\n".join(_texts(body, "paragraph")),
        "headings": _JOIN.join(_texts(body, "heading")),
        "read_also": _JOIN.join(t for b in body if b["type"] == "read_also" for t in b["titles"]),
        "related_titles": _JOIN.join(related["title"] for related in record["related"]),
        "url": record["url"] or "",
        "retrieved": record["retrieved"] or "",
        "encoding": record["encoding"] or "",
        "diagnostics": _JOIN.join(d["code"] for d in record["diagnostics"]),
    }


class _JsonLines:
    def __init__(self, out: IO[str]) -> None:
        self.out = out

    def write(self, record: dict[str, Any]) -> None:
        self.out.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.out.flush()

    def close(self) -> None:
        self.out.close()


class _JsonArray:
    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self.count = 0
        out.write("[")

    def write(self, record: dict[str, Any]) -> None:
        separator = ",\n" if self.count else "\n"
        self.out.write(separator + json.dumps(record, ensure_ascii=False))
        self.out.flush()
        self.count += 1

    def close(self) -> None:
        self.out.write("\n]\n")
        self.out.close()


class _Csv:
    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self.rows = csv.DictWriter(out, fieldnames=CSV_COLUMNS, restval="")
        self.rows.writeheader()

    def write(self, record: dict[str, Any]) -> None:
        self.rows.writerow(flat_record(record))
        self.out.flush()

    def close(self) -> None:
        self.out.close()


class _Parquet:
    """Parquet in :func:`~newsparse._arrow.arrow_schema`, one row group per 1000 records."""

    def __init__(self, path: str) -> None:
        self.schema = arrow_schema()  # first: it says what to install when pyarrow is missing
        import pyarrow.parquet as pq  # noqa: PLC0415 -- optional extra

        self.out = pq.ParquetWriter(path, self.schema)
        self.rows: list[dict[str, Any]] = []

    def write(self, record: dict[str, Any]) -> None:
        self.rows.append(to_arrow_row(record))
        if len(self.rows) >= _ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        if self.rows:
            self.out.write_table(arrow_table_of_rows(self.rows, self.schema))
            self.rows = []

    def close(self) -> None:
        self._flush()
        self.out.close()


def open_writer(path: str | os.PathLike[str]) -> RecordWriter:
    """Open a writer for *path* by its suffix: ``.jsonl``, ``.json`` (one array), ``.csv``
    or ``.parquet`` (needs ``newsparse[parquet]``).

    CSV is written as UTF-8 with a BOM so that spreadsheets read Arabic right.
    Raises ValueError for another suffix, ImportError when pyarrow is missing.
    """
    name = os.fspath(path)
    suffix = os.path.splitext(name)[1].lower()
    if suffix == ".jsonl":
        return _JsonLines(open(name, "w", encoding="utf-8"))
    if suffix == ".json":
        return _JsonArray(open(name, "w", encoding="utf-8"))
    if suffix == ".csv":
        return _Csv(open(name, "w", encoding="utf-8-sig", newline=""))
    if suffix == ".parquet":
        return _Parquet(name)
    raise ValueError(f"cannot write {name!r}: the output must end in {', '.join(SUFFIXES)}")


class _Stdout:
    """Standard output as UTF-8 whatever the locale; indented objects or JSON Lines."""

    def __init__(self, out: IO[bytes], *, indent: int | None) -> None:
        self.out = out
        self.indent = indent

    def write(self, record: dict[str, Any]) -> None:
        text = json.dumps(record, ensure_ascii=False, indent=self.indent)
        self.out.write(text.encode("utf-8") + b"\n")
        self.out.flush()

    def close(self) -> None:
        self.out.flush()


def stdout_writer(out: IO[bytes], *, jsonl: bool) -> RecordWriter:
    """A writer to standard output: indented JSON objects, or JSON Lines with *jsonl*."""
    return _Stdout(out, indent=None if jsonl else 2)
