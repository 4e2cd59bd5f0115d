"""The ``newsparse`` command (also ``python -m newsparse``)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from typing import IO, Any

from newsparse._api import parse_file
from newsparse._errors import NewsparseError
from newsparse._model import Article, ReadAlso
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
        help="parse article files and print one JSON record per file",
        description="Parse article files and print one JSON record per file, in order. "
        'A file that fails gives {"path", "error", "code"} and the run goes on; '
        "the exit status is 1 when any file failed.",
    )
    parse.add_argument(
        "files", nargs="+", metavar="PATH",
        help="article dump files, or directories to read every file of (recursively)",
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


def expand_paths(paths: Sequence[str]) -> Iterator[str]:
    """Yield *paths* in order, each directory replaced by its files (recursively, sorted).

    Hidden files and directories (a name starting with ``.``) inside a
    directory are skipped; a path that does not exist is yielded as it is so
    that it gets its own error record.
    """
    for path in paths:
        if not os.path.isdir(path):
            yield path
            continue
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(name for name in dirs if not name.startswith("."))
            for name in sorted(files):
                if not name.startswith("."):
                    yield os.path.join(root, name)


def _record(path: str, *, strict: bool) -> tuple[dict[str, Any], bool]:
    try:
        article = parse_file(path, strict=strict)
    except NewsparseError as error:
        return {"path": path, "error": str(error), "code": error.code}, False
    return {"path": path, **article.to_dict()}, True


def _write(out: IO[bytes], record: dict[str, Any], *, jsonl: bool) -> None:
    text = json.dumps(record, ensure_ascii=False, indent=None if jsonl else 2)
    out.write(text.encode("utf-8") + b"\n")
    out.flush()


def _show(out: IO[bytes], path: str) -> bool:
    try:
        text = f"{path}\n{summary(parse_file(path))}\n"
        ok = True
    except NewsparseError as error:
        text, ok = f"{path}\n  error       {error}\n", False
    out.write(text.encode("utf-8") + b"\n")
    out.flush()
    return ok


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default ``sys.argv[1:]``); return the exit status.

    0: every file parsed; 1: at least one file failed (its record says why);
    2: the command line itself was wrong.
    """
    args = _parser().parse_args(argv)
    out = sys.stdout.buffer
    failed = False
    try:
        for path in expand_paths(args.files):
            if args.command == "show":
                failed |= not _show(out, path)
                continue
            record, ok = _record(path, strict=args.strict)
            failed |= not ok
            _write(out, record, jsonl=args.jsonl)
    except BrokenPipeError:  # `newsparse parse ... | head`: the reader has all it wants
        sys.stderr.close()
        return 1 if failed else 0
    return 1 if failed else 0
