"""What a record becomes in each output kind: a JSON line, a CSV row, an Arrow row...

An :class:`Encoder` turns one file's Articles (or its error) into what its
output stores, and runs where the file was parsed (a worker process with
``--jobs``), so that the main process only writes; it is a frozen attrs
object, so it pickles.  :mod:`newsparse._corpus.outputs` writes what encoders make.

Every encoder makes output that any reader of its kind can read back:
paths and error messages are stored as :mod:`newsparse._corpus.escape` says; JSON
escapes the three characters that Python's ``str.splitlines`` (and so many
line readers) take for line ends although JSON Lines does not (U+0085,
U+2028, U+2029); a CSV cell that a spreadsheet would run as a formula gets a
``'`` in front unless asked not to.  A value that cannot be stored at all (a
lone surrogate, from a plugin) gives the file's ``unwritable`` error record.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from typing import Any, ClassVar, Final

from attrs import frozen

from newsparse._corpus.arrow import article_row, to_arrow_row
from newsparse._corpus.batch import error_record
from newsparse._corpus.escape import stored_path
from newsparse._errors import NewsparseError, OutputError
from newsparse._model.records import Article
from newsparse._model.schema import csv_columns

__all__ = [
    "CSV_COLUMNS",
    "CSV_HEAD",
    "ENCODERS",
    "CsvRows",
    "Encoder",
    "IndentedJson",
    "JsonArray",
    "JsonLines",
    "ParquetRows",
    "article_cells",
    "csv_line",
    "flat_record",
    "indented_json",
    "json_line",
    "unwritable",
]

_CSV: Final = csv_columns()
CSV_COLUMNS: Final = tuple(column.name for column in _CSV)
"""The CSV columns, in order (the schema table's); lists are joined with `` | ``, the text
with blank lines."""
_ARTICLE_CELLS: Final = tuple(column.get for column in _CSV if column.get is not None)


# What JSON leaves raw but str.splitlines() breaks a line at, and its escape.  Looked for
# in the str: a 1-character search there is a memchr-like scan, where a 2- or 3-byte
# search in the UTF-8 bytes cost 16 µs a record (docs/performance.md).
_LINE_BREAKS = (("\x85", "\\u0085"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))
# A cell starting with one of these is a formula to a spreadsheet (OWASP, "CSV Injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _escaped(text: str) -> bytes:
    for raw, escape in _LINE_BREAKS:
        if raw in text:
            text = text.replace(raw, escape)
    return text.encode("utf-8")


def json_line(record: dict[str, Any]) -> bytes:
    """*record* as one line of UTF-8 JSON, Arabic kept as it is (not ``\\u`` escapes).

    Raises UnicodeEncodeError for a lone surrogate, which UTF-8 cannot hold.
    """
    return _escaped(json.dumps(record, ensure_ascii=False)) + b"\n"


def indented_json(record: dict[str, Any]) -> bytes:
    """*record* as indented UTF-8 JSON and a newline, for a reader at a terminal."""
    return _escaped(json.dumps(record, ensure_ascii=False, indent=2)) + b"\n"


def article_cells(path: str, article: Article) -> list[str]:
    """The cells of the CSV row of *article*, read from the file at *path* (stored form)."""
    return [path, "", "", *(cell(article) for cell in _ARTICLE_CELLS)]


def _error_cells(record: dict[str, Any]) -> list[str]:
    return [record["path"], record["error"], record["code"], *[""] * len(_ARTICLE_CELLS)]


def flat_record(record: dict[str, Any]) -> dict[str, str]:
    """Return a record (``{"path", **Article.to_dict()}`` or an error record) as one flat
    CSV row (see :data:`CSV_COLUMNS`): the encoders make theirs from the Article itself."""
    if "error" in record:
        return {"path": record["path"], "error": record["error"], "code": record["code"]}
    cells = article_cells(record["path"], Article.from_dict(record))
    row = dict(zip(CSV_COLUMNS, cells, strict=True))
    del row["error"], row["code"]
    return row


def _defused(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def _csv_bytes(cells: list[str]) -> bytes:
    line = io.StringIO()
    csv.writer(line).writerow(cells)
    return line.getvalue().encode("utf-8")


CSV_HEAD: Final = codecs.BOM_UTF8 + _csv_bytes(list(CSV_COLUMNS))
"""A CSV output's first bytes: a UTF-8 BOM (spreadsheets then read Arabic right), the header."""


def _csv_row(cells: list[str], keep_formulas: bool) -> bytes:
    if not keep_formulas:
        cells = [_defused(cell) for cell in cells]
    return _csv_bytes(cells)


def csv_line(record: dict[str, Any], *, keep_formulas: bool = False) -> bytes:
    """*record* as one UTF-8 CSV row of :data:`CSV_COLUMNS` (see :func:`flat_record`).

    A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
    return gets a ``'`` in front, so that a spreadsheet shows it as text
    instead of running it as a formula; *keep_formulas* writes it as it is.
    """
    row = flat_record(record)
    return _csv_row([row.get(column, "") for column in CSV_COLUMNS], keep_formulas)


def unwritable(path: str, kind: str, problem: Exception) -> OutputError:
    """The ``unwritable`` error of a file whose record the *kind* output cannot store."""
    return OutputError(
        f"its record holds a value that {kind} output cannot store ({problem}); "
        "the file's format (a plugin?) made it: write JSON Lines to see it, or fix the format",
        code="unwritable",
        path=path,
    )


@frozen(kw_only=True)
class Encoder:
    """Turns the records of one file into what an output kind stores, in a worker process.

    :meth:`article` and :meth:`error` make one record's piece; :meth:`joined`
    makes the file's pieces into what :mod:`newsparse._corpus.outputs` writes at once.
    """

    kind: ClassVar[str] = "JSON Lines"
    """The output kind, as messages name it."""

    def stored(self, path: str) -> str:
        """*path* as its records' ``path`` field holds it (what ``--resume`` compares)."""
        return stored_path(path)

    def article(self, path: str, article: Article) -> Any:
        """The piece of one article of the file at *path* (stored form); raises
        :class:`~newsparse.OutputError` (``unwritable``) when it cannot be stored."""
        try:
            return self._article(path, article)
        except (ValueError, TypeError, OverflowError) as problem:
            raise unwritable(path, self.kind, problem) from None

    def _article(self, path: str, article: Article) -> Any:
        return self._piece({"path": path, **article.to_dict()})

    def error(self, path: str, error: NewsparseError) -> Any:
        """The piece of the error record of the file at *path*."""
        return self._piece(error_record(path, error))

    def _piece(self, record: dict[str, Any]) -> Any:
        return json_line(record)

    def joined(self, pieces: list[Any]) -> Any:
        """The pieces of one file, as the output writes them."""
        return b"".join(pieces)


@frozen(kw_only=True)
class JsonLines(Encoder):
    """One compact JSON object a line."""


@frozen(kw_only=True)
class JsonArray(Encoder):
    """One JSON array, a record a line: pieces without their newline, joined with commas."""

    kind: ClassVar[str] = "JSON"

    def _piece(self, record: dict[str, Any]) -> Any:
        return json_line(record)[:-1]

    def joined(self, pieces: list[Any]) -> Any:
        return b",\n".join(pieces)


@frozen(kw_only=True)
class IndentedJson(Encoder):
    """Indented JSON objects one after another (``--pretty``: for people; jq reads them)."""

    kind: ClassVar[str] = "JSON"

    def _piece(self, record: dict[str, Any]) -> Any:
        return indented_json(record)


@frozen(kw_only=True)
class CsvRows(Encoder):
    """CSV rows of :data:`CSV_COLUMNS` (with *keep_formulas*, formula cells as they are)."""

    kind: ClassVar[str] = "CSV"
    keep_formulas: bool = False
    """Write cells that start like a formula as they are, without the ``'`` in front."""

    def stored(self, path: str) -> str:
        stored = stored_path(path)
        return stored if self.keep_formulas else _defused(stored)

    def _article(self, path: str, article: Article) -> Any:
        return _csv_row(article_cells(path, article), self.keep_formulas)

    def _piece(self, record: dict[str, Any]) -> Any:
        return _csv_row(_error_cells(record), self.keep_formulas)


@frozen(kw_only=True)
class ParquetRows(Encoder):
    """Rows of the Arrow schema (:func:`~newsparse._corpus.arrow.to_arrow_row`), a list per file.

    Building Arrow data costs 300 µs for a one-row batch and 12 µs a row for
    a batch of 256 (docs/performance.md), so the output builds the batches,
    a row group at a time, and finds a file whose rows it cannot store then.
    """

    kind: ClassVar[str] = "Parquet"

    def _article(self, path: str, article: Article) -> Any:
        return article_row(path, article)

    def _piece(self, record: dict[str, Any]) -> Any:
        return to_arrow_row(record)

    def joined(self, pieces: list[Any]) -> Any:
        return pieces


ENCODERS: Final[dict[str, type[Encoder]]] = {
    "jsonl": JsonLines,
    "json": JsonArray,
    "csv": CsvRows,
    "parquet": ParquetRows,
}
"""The output kinds of ``--to``, by name (``--pretty`` is :class:`IndentedJson`)."""
