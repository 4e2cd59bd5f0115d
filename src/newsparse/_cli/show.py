"""What ``newsparse show`` and ``newsparse formats`` print for people."""

from __future__ import annotations

from typing import Any, ClassVar

from attrs import frozen

from newsparse._corpus.escape import storable_text
from newsparse._corpus.writers import Encoder
from newsparse._errors import NewsparseError
from newsparse._formats.contract import FormatRegistry
from newsparse._model.records import Article, ReadAlso

__all__ = ["Summaries", "formats_table", "summary"]


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


@frozen(kw_only=True)
class Summaries(Encoder):
    """``newsparse show``: the path, then :func:`summary`, of each article."""

    kind: ClassVar[str] = "text"

    def article(self, path: str, article: Article) -> Any:
        return f"{path}\n{summary(article)}\n\n".encode()

    def error(self, path: str, error: NewsparseError) -> Any:
        return f"{path}\n  error       {storable_text(str(error))}\n\n".encode()


def formats_table(registry: FormatRegistry) -> str:
    rows = [("name", "suffixes", "origin")] + [
        (entry.item.name, " ".join(entry.item.suffixes) or "-", entry.origin)
        for entry in registry.entries()
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(2)]
    return "\n".join(f"{a:<{widths[0]}}  {b:<{widths[1]}}  {c}".rstrip() for a, b, c in rows)
