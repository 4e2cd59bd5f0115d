"""Where ``newsparse parse`` writes its records: standard output, JSON Lines, JSON or CSV.

Every writer streams: a record is written as soon as it is made (to the
file's buffer, which the OS gets in large writes), so memory stays flat
however large the corpus, and a run stopped with Ctrl-C leaves a valid file:
:meth:`close` writes out the buffer and finishes the JSON array.

Writing is split in two so that parallel runs scale: ``prepare`` (a plain
function, so it pickles) turns a record into what the writer stores (a JSON
line, a flat CSV row, an Arrow row) and runs in the worker process that
parsed the file; ``write_prepared`` only stores it, in the main process.

.. versionadded:: 0.3
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
from collections.abc import Callable
from typing import IO, Any, Final

from newsparse._arrow import arrow_schema, arrow_table_of_rows, to_arrow_row

__all__ = [
    "CSV_COLUMNS",
    "SUFFIXES",
    "Prepare",
    "RecordWriter",
    "csv_line",
    "flat_record",
    "indented_json",
    "json_line",
    "open_writer",
    "stdout_writer",
]

SUFFIXES: Final = (".jsonl", ".json", ".csv", ".parquet")
_ROW_GROUP = 1000  # records per Parquet row group: bounded memory, few enough groups
# A file output is written a mebibyte at a time: with the default 8 KiB buffer nearly every
# record (about 5 KB of JSON) was its own write(2), and the main process of a --jobs 2 run
# spent a quarter of its CPU there (0.63 s of CPU against 0.47 s over 20,000 files).
_BUFFER = 1 << 20

CSV_COLUMNS: Final = (
    "path", "error", "code", "format", "title", "published", "authors", "source_name",
    "source_credit", "keywords", "keywords_raw", "paragraph_count", "text", "headings",
    "read_also", "related_titles", "url", "retrieved", "encoding", "diagnostics",
)  # fmt: skip
"""The CSV columns, in order; lists are joined with `` | ``, the text with blank lines."""
_HEADER = list(CSV_COLUMNS)

_JOIN = " | "


Prepare = Callable[[dict[str, Any]], Any]
"""Turns a record into what a writer stores; a module-level function, so it pickles."""


class RecordWriter:
    """Writes records (``{"path", **Article.to_dict()}`` or an error record)."""

    prepare: Prepare

    def write(self, record: dict[str, Any]) -> None:
        """Write one record."""
        self.write_prepared(self.prepare(record))

    def write_prepared(self, prepared: Any) -> None:
        """Write what :attr:`prepare` made of a record."""
        raise NotImplementedError  # pragma: no cover

    def close(self) -> None:
        """Finish the output (valid even after an interruption)."""
        raise NotImplementedError  # pragma: no cover


def json_line(record: dict[str, Any]) -> bytes:
    """*record* as one line of UTF-8 JSON, Arabic kept as it is (not ``\\u`` escapes)."""
    return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")


def indented_json(record: dict[str, Any]) -> bytes:
    """*record* as indented UTF-8 JSON and a newline, for a reader at a terminal."""
    return (json.dumps(record, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def csv_line(record: dict[str, Any]) -> bytes:
    """*record* as one UTF-8 CSV row of :data:`CSV_COLUMNS` (see :func:`flat_record`)."""
    row = flat_record(record)
    return _csv_bytes([row.get(column, "") for column in CSV_COLUMNS])


def _csv_bytes(values: list[str]) -> bytes:
    line = io.StringIO()
    csv.writer(line).writerow(values)
    return line.getvalue().encode("utf-8")


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


class _Lines(RecordWriter):
    """A binary file that gets each prepared record's bytes, after an optional head."""

    def __init__(self, out: IO[bytes], prepare: Prepare, *, head: bytes = b"") -> None:
        self.out = out
        self.prepare = prepare
        out.write(head)

    def write_prepared(self, prepared: bytes) -> None:
        self.out.write(prepared)

    def close(self) -> None:
        self.out.close()


class _JsonArray(_Lines):
    """A JSON array, one record a line: a separator goes before every record but the first."""

    def __init__(self, out: IO[bytes]) -> None:
        super().__init__(out, json_line, head=b"[")
        self.count = 0

    def write_prepared(self, prepared: bytes) -> None:
        self.out.write((b",\n" if self.count else b"\n") + prepared.rstrip(b"\n"))
        self.count += 1

    def close(self) -> None:
        self.out.write(b"\n]\n")
        self.out.close()


class _Parquet(RecordWriter):
    """Parquet in :func:`~newsparse._arrow.arrow_schema`, one row group per 1000 records."""

    prepare = staticmethod(to_arrow_row)

    def __init__(self, path: str) -> None:
        self.schema = arrow_schema()  # first: it says what to install when pyarrow is missing
        import pyarrow.parquet as pq  # noqa: PLC0415 -- optional extra

        self.out = pq.ParquetWriter(path, self.schema)
        self.rows: list[dict[str, Any]] = []

    def write_prepared(self, prepared: dict[str, Any]) -> None:
        self.rows.append(prepared)
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
        return _Lines(open(name, "wb", buffering=_BUFFER), json_line)
    if suffix == ".json":
        return _JsonArray(open(name, "wb", buffering=_BUFFER))
    if suffix == ".csv":
        return _Lines(
            open(name, "wb", buffering=_BUFFER),
            csv_line,
            head=codecs.BOM_UTF8 + _csv_bytes(_HEADER),
        )
    if suffix == ".parquet":
        return _Parquet(name)
    raise ValueError(f"cannot write {name!r}: the output must end in {', '.join(SUFFIXES)}")


class _Stdout(RecordWriter):
    """Standard output as UTF-8 whatever the locale, flushed per record (it may be a pipe)."""

    def __init__(self, out: IO[bytes], prepare: Prepare) -> None:
        self.out = out
        self.prepare = prepare

    def write_prepared(self, prepared: bytes) -> None:
        self.out.write(prepared)
        self.out.flush()

    def close(self) -> None:
        self.out.flush()


def stdout_writer(out: IO[bytes], *, jsonl: bool) -> RecordWriter:
    """A writer to standard output: indented JSON objects, or JSON Lines with *jsonl*."""
    return _Stdout(out, json_line if jsonl else indented_json)
