"""The ``newsparse`` command (also ``python -m newsparse``)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from typing import IO, Any

from newsparse._api import iter_articles
from newsparse._errors import NewsparseError
from newsparse._formats import default_registry
from newsparse._model import Article, ReadAlso
from newsparse._paths import expand_paths
from newsparse._version import __version__

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsparse",
        description="Turn scraped Arabic news text dumps into clean JSON records.",
    )
    parser.add_argument("--version", action="version", version=f"newsparse {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    parse = commands.add_parser(
        "parse",
        help="parse article files and print one JSON record per article",
        description="Parse article files and print one JSON record per article, in order. "
        'A file that fails gives {"path", "error", "code"} and the run goes on; '
        "the exit status is 1 when any file failed.",
    )
    parse.add_argument(
        "files", nargs="+", metavar="PATH",
        help="article dump files, or directories to read every file of (recursively)",
    )  # fmt: skip
    parse.add_argument(
        "--format", metavar="NAME",
        help="the input format (default: detected per file; `newsparse formats` lists them)",
    )  # fmt: skip
    parse.add_argument(
        "--jsonl", action="store_true", help="one compact JSON object per line (JSON Lines)"
    )
    parse.add_argument("--strict", action="store_true", help="treat every diagnostic as an error")
    show = commands.add_parser(
        "show",
        help="print a short readable summary of each article file",
        description="Print title, date, authors, source, paragraph count and keywords "
        "of each file; the exit status is 1 when any file failed.",
    )
    show.add_argument("files", nargs="+", metavar="PATH", help="article files or directories")
    show.add_argument("--format", metavar="NAME", help="the input format (default: detected)")
    commands.add_parser(
        "formats",
        help="list the formats newsparse can read",
        description="List every registered format: name, file suffixes, origin "
        "(built-in or the plugin package that adds it).",
    )
    return parser


def _count(number: int, noun: str, plural: str = "") -> str:
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def summary(article: Article) -> str:
    """Return a few human-readable lines about *article* (``newsparse show``)."""
    source = "-"
    if article.source is not None:
        source = article.source.name
        if article.source.credit:
            source += f" (credit: {article.source.credit})"
    boxes = sum(isinstance(block, ReadAlso) for block in article.body)
    rows = [
        ("title", article.title or "-"),
        ("published", "-" if article.published is None else article.published.isoformat()),
        ("authors", " / ".join(article.authors) or "-"),
        ("source", source),
        (
            "body",
            f"{_count(len(article.paragraphs), 'paragraph')}, "
            f"{_count(len(article.headings), 'heading')}, "
            f"{_count(boxes, 'read-also box', 'read-also boxes')}",
        ),
        ("keywords", " · ".join(article.keywords) or "-"),
        ("related", _count(len(article.related), "article")),
        (
            "diagnostics",
            "; ".join(f"{d.code} (line {d.line})" for d in article.diagnostics) or "none",
        ),
    ]
    return "\n".join(f"  {name:<12}{value}" for name, value in rows)


def _records(path: str, *, format: str | None, strict: bool) -> Iterator[dict[str, Any]]:
    """The records of every article in *path*, then an error record if it failed."""
    try:
        for article in iter_articles(path, format=format, strict=strict):
            yield {"path": path, **article.to_dict()}
    except NewsparseError as error:
        yield {"path": path, "error": str(error), "code": error.code}


def _show(record: dict[str, Any]) -> str:
    if "error" in record:
        return f"{record['path']}\n  error       {record['error']}\n"
    return f"{record['path']}\n{summary(Article.from_dict(record))}\n"


def _formats_table() -> str:
    rows = [("name", "suffixes", "origin")] + [
        (entry.item.name, " ".join(entry.item.suffixes) or "-", entry.origin)
        for entry in default_registry().entries()
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(2)]
    return "\n".join(f"{a:<{widths[0]}}  {b:<{widths[1]}}  {c}".rstrip() for a, b, c in rows)


def _write(out: IO[bytes], text: str) -> None:
    out.write(text.encode("utf-8") + b"\n")
    out.flush()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default ``sys.argv[1:]``); return the exit status.

    0: every file parsed; 1: at least one file failed (its record says why);
    2: the command line itself was wrong.
    """
    parser = _parser()
    args = parser.parse_args(argv)
    out = sys.stdout.buffer
    failed = False
    try:
        if args.command == "formats":
            _write(out, _formats_table())
            return 0
        if args.format is not None and args.format not in default_registry():
            known = ", ".join(default_registry().names())
            parser.error(f"unknown format {args.format!r}; known: {known}")
        strict = args.command == "parse" and args.strict
        indent = None if args.command == "show" or args.jsonl else 2
        for path in expand_paths(args.files):
            for record in _records(path, format=args.format, strict=strict):
                failed |= "error" in record
                if args.command == "show":
                    _write(out, _show(record))
                else:
                    _write(out, json.dumps(record, ensure_ascii=False, indent=indent))
    except BrokenPipeError:  # `newsparse parse ... | head`: the reader has all it wants
        sys.stderr.close()
    return 1 if failed else 0
