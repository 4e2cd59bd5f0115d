"""The built-in ``newsparse-jsonl`` format: the JSON Lines ``newsparse parse --jsonl`` writes.

It gives ``ParseError`` for a line that is not JSON (code ``json``, with the
decoder's column) or not a record (code ``schema``), and yields its
Articles one at a time.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

from newsparse._errors import ParseError, SchemaError
from newsparse._formats.confidence import Confidence
from newsparse._formats.diagnostics import Diagnostics
from newsparse._formats.json_shared import SURROGATE_MESSAGE, json_reason
from newsparse._model.records import Article
from newsparse._text.surrogates import LONE_SURROGATE, REPLACEMENT

__all__ = ["NewsparseJsonl"]

# A lone surrogate, raw or as a JSON escape (``"\ud83d"``: half an emoji, common in scraped text).
_SURROGATE_HINT = re.compile(r"[\ud800-\udfff]|\\u[dD][89a-fA-F]")


def _without_surrogates(value: Any) -> Any:
    """*value* (decoded JSON) with every lone surrogate replaced by U+FFFD."""
    if isinstance(value, str):
        return LONE_SURROGATE.sub(REPLACEMENT, value)
    if isinstance(value, list):
        return [_without_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {_without_surrogates(k): _without_surrogates(v) for k, v in value.items()}
    return value


_JSONL_HEAD = re.compile(r'\{\s*"(?:path|title)"\s*:')
_LEADING_SPACE = re.compile(r"\ufeff?\s*")
_FIELD_PATH = re.compile(r"[.\[]")


def _is_error_record(record: Mapping[str, Any]) -> bool:
    return "error" in record and "title" not in record


class NewsparseJsonl:
    """The JSON Lines that ``newsparse parse --jsonl`` writes: one record per line.

    Each line is :meth:`Article.to_dict` plus ``path``; it gives back the
    Article :meth:`Article.from_dict` builds (``path`` is ignored, and
    ``format`` keeps the format the record was first parsed from, so a read
    back Article equals the original).  Blank lines are ignored.

    A diagnostic's ``line`` is re-based to the JSONL line of its record
    (provenance points into the input being read, like ``encoding``); the
    record itself still holds the line of the original file.

    Error records (``{"path", "error", "code"}``, written for files that
    failed) are skipped in lenient mode and raise :class:`ParseError`
    (code ``error-record``) in strict mode.  A line that is not JSON raises
    ``ParseError`` code ``json``; one that is not a record, code ``schema``.

    ``sniff`` (:class:`~newsparse.kit.Confidence`) is ``MARKED`` when the first
    line is a record or an error record (judged from its start when the sample
    cuts it off), ``WEAK`` for another JSON object, ``NONE`` otherwise.
    """

    name = "newsparse-jsonl"
    suffixes = (".jsonl",)

    def sniff(self, text: str) -> float:
        """Return how sure we are that *text* is newsparse JSON Lines (see the class)."""
        leading = _LEADING_SPACE.match(text)  # a BOM and blank lines before the first record
        start = leading.end() if leading else 0
        if not text.startswith("{", start):
            return Confidence.NONE
        end = text.find("\n", start)
        first = text[start : None if end == -1 else end].strip()
        try:
            record = json.loads(first)
        except (ValueError, RecursionError):
            # Cut off by the sample, or broken: judge by how it starts.
            return Confidence.MARKED if _JSONL_HEAD.match(first) else Confidence.WEAK
        is_record = "title" in record and "body" in record  # a "{" line decodes to a dict
        return Confidence.MARKED if is_record or _is_error_record(record) else Confidence.WEAK

    def parse(
        self, text: str, *, path: str | None = None, strict: bool = False
    ) -> Iterator[Article]:
        """Yield the Article of every record line of *text*, in order.

        Raises :class:`ParseError`: ``json`` for a line that is not JSON,
        ``schema`` for one that is not a record, ``error-record`` for an
        error record in strict mode.
        """
        text = text.removeprefix("\ufeff")
        start = 0
        number = 0
        while start <= len(text):
            end = text.find("\n", start)
            if end < 0:
                end = len(text)
            line = text[start:end]
            start = end + 1
            number += 1
            if not line.strip():
                continue
            article = self._record(line, number, path=path, strict=strict)
            if article is not None:
                yield article

    def _record(self, line: str, number: int, *, path: str | None, strict: bool) -> Article | None:
        shown = line.rstrip("\r")
        indent = len(line) - len(line.lstrip(" \t\r"))

        def error(message: str, code: str, column: int = indent + 1) -> ParseError:
            return ParseError(
                message, code=code, path=path, line=number, column=column, source_line=shown
            )

        try:
            record = json.loads(line)
        except (ValueError, RecursionError) as problem:
            raise error(
                f"{json_reason(problem)}; every line must be one whole JSON record as "
                "`newsparse parse --jsonl` writes them (not the indented output of "
                "`newsparse parse`): fix or delete the line",
                "json",
                problem.colno if isinstance(problem, json.JSONDecodeError) else 1,
            ) from None
        if not isinstance(record, dict):
            raise error(
                f"a JSON {type(record).__name__}, not a record; every line must be one "
                "JSON object as `newsparse parse --jsonl` writes them: fix or delete the line",
                "schema",
            )
        if _is_error_record(record):
            if strict:
                raise error(
                    f"an error record, not an article: {record.get('path')!r} failed with "
                    f"{record.get('code')!r} ({record['error']}); fix that file and parse it "
                    "again, or read without strict=True to skip error records",
                    "error-record",
                )
            return None
        try:
            article = Article.from_dict(record)
        except SchemaError as problem:
            key = line.find(f'"{_FIELD_PATH.split(problem.where, maxsplit=1)[0]}"')
            raise error(
                f"not an article record: {problem}; every line must be a record "
                "written by `newsparse parse --jsonl`: fix or delete the line",
                "schema",
                (indent if key < 0 else key) + 1,
            ) from None
        found = Diagnostics(strict=strict, path=path)
        for diagnostic in article.diagnostics:  # provenance: the line being read
            found.note(diagnostic.code, diagnostic.message, line=number)
        if _SURROGATE_HINT.search(line) is not None:
            # Only the record's own strings matter, and to_dict() nests them a few levels deep.
            data = article.to_dict()
            cleaned = _without_surrogates(data)
            if cleaned != data:
                found.defect(
                    "surrogate",
                    SURROGATE_MESSAGE,
                    line=number,
                    column=indent + 1,
                    source_line=shown,
                    strict_message="lone UTF-16 surrogates (half a character, such as a cut "
                    "emoji), which cannot be written as UTF-8: read without strict=True to "
                    "replace them",
                )
                article = Article.from_dict(cleaned)
        return article.evolve(diagnostics=found.found) if found.found else article
