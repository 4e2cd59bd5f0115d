"""Read back the records an interrupted run left in its temporary file.

A run writes its records in input order, each file's records one after the
other, so what it left is the records of its first files.  :func:`groups`
turns them into one :class:`Recorded` per file (consecutive records with the
same path) with the offset where the file's records end; a ``--resume`` keeps
all but the last (which may have been cut short) and parses the rest of the
inputs.  The readers stop at the first record that is not whole: a kill in
the middle of a write leaves at most one such record, at the end.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any, NamedTuple

from newsparse._corpus.writers import CSV_COLUMNS

__all__ = ["Recorded", "Summary", "csv_summaries", "groups", "json_summaries", "summary_of"]

_PATH, _ERROR, _CODE, _DIAGNOSTICS = map(
    CSV_COLUMNS.index, ("path", "error", "code", "diagnostics")
)


class Summary(NamedTuple):
    """What the tally needs of one record, and the offset of the byte after it."""

    end: int  # for Parquet, the number of the part file that holds the record
    path: str  # as the output stores it (Encoder.stored)
    code: str | None  # an error record's code; None for an article
    diagnostics: tuple[str, ...]


class Recorded(NamedTuple):
    """The records one file left: where they end, how many articles, its error's code."""

    path: str
    end: int
    articles: int
    code: str | None
    diagnostics: tuple[str, ...]


def summary_of(record: dict[str, Any], end: int) -> Summary:
    """The :class:`Summary` of a record read back as JSON."""
    if "error" in record:
        return Summary(end, record["path"], record["code"], ())
    return Summary(end, record["path"], None, tuple(d["code"] for d in record["diagnostics"]))


def json_summaries(handle: IO[bytes], *, separated: bool) -> Iterator[Summary]:
    """The records of JSON Lines (or, *separated*, of the JSON array a run writes: a record
    a line, each but the last followed by a comma), from the handle's position.

    A last line without its line end is a record if it reads as one (the last of a JSON
    array has none); it is the last file's, which a resume drops whatever it holds.
    """
    offset = handle.tell()
    for line in handle:
        text = line[:-1] if line.endswith(b"\n") else line
        if separated and text.endswith(b","):
            text = text[:-1]
        try:
            record = json.loads(text)
        except ValueError:
            return
        if not isinstance(record, dict):
            return
        yield summary_of(record, offset + len(text) + (0 if separated else 1))
        offset += len(line)


def csv_summaries(handle: IO[bytes]) -> Iterator[Summary]:
    """The rows of a CSV output after its header, from the handle's position."""
    offset = handle.tell()

    def lines() -> Iterator[str]:
        nonlocal offset
        for line in handle:
            if not line.endswith(b"\n"):
                return
            offset += len(line)
            yield line.decode("utf-8")

    try:
        for row in csv.reader(lines()):
            if len(row) != len(CSV_COLUMNS) or not row[_PATH]:
                return
            path, error, code = row[_PATH], row[_ERROR], row[_CODE]
            diagnostics = row[_DIAGNOSTICS]
            codes = tuple(diagnostics.split(" | ")) if diagnostics else ()
            yield Summary(offset, path, code if error else None, codes)
    except (csv.Error, UnicodeDecodeError):
        return


def groups(summaries: Iterable[Summary]) -> list[Recorded]:
    """The records of each file, in order (a file's records are consecutive, one path)."""
    found: list[Recorded] = []
    for summary in summaries:
        if found and found[-1].path == summary.path:
            last = found[-1]
            found[-1] = Recorded(
                last.path,
                summary.end,
                last.articles + (summary.code is None),
                summary.code or last.code,
                last.diagnostics + summary.diagnostics,
            )
        else:
            found.append(
                Recorded(
                    summary.path, summary.end, int(summary.code is None), summary.code,
                    summary.diagnostics,
                )
            )  # fmt: skip
    return found
