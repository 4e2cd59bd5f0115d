"""Write an Article back out as a canonical aggregator dump.

The canonical dump is what :func:`newsparse.parse_text` reads back into an
equal Article: one line per headline, date, byline, block, source, keywords
and related article; the site's own spellings (``اقرأ أيضاً`` inside the body,
``إقرأ أيضاً:`` before the trailer); a box of several titles written as
consecutive boxes, which the parser merges again.
"""

from __future__ import annotations

import datetime

from newsparse._formats.aggregator.dates import ENGLISH_MONTHS
from newsparse._model.records import Article, Block, Heading, Paragraph, ReadAlso

__all__ = ["render", "render_date"]

_INLINE_MARKER = "اقرأ أيضاً"
_TRAILER_MARKER = "إقرأ أيضاً:"


def _ordinal(day: int) -> str:
    if 11 <= day % 100 <= 13:
        return f"{day}th"
    return f"{day}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th') }"


def render_date(date: datetime.date) -> str:
    """Return *date* the way the aggregator writes it: ``29th, January 2024 GMT``."""
    return f"{_ordinal(date.day)}, {ENGLISH_MONTHS[date.month - 1]} {date.year:04d} GMT"


def _blocks(blocks: tuple[Block, ...], out: list[str]) -> None:
    for block in blocks:
        if isinstance(block, Paragraph | Heading):
            out.append(block.text)
        elif isinstance(block, ReadAlso):
            for title in block.titles:
                out.extend((_INLINE_MARKER, title))


def render(article: Article) -> str:
    """Return *article* as the text of a canonical aggregator dump.

    ``parse_text(render(a)) == a`` for every article in canonical shape
    (docs/format.md says which): a way to store, diff or hand-edit records in
    the format they came from.  Never raises.

    >>> from newsparse import Article, Paragraph
    >>> import datetime
    >>> print(render(Article(title="عنوان", published=datetime.date(2024, 1, 29),
    ...                      body=[Paragraph(text="نص الخبر.")])))
    عنوان
    تاريخ النشر: 29th, January 2024 GMT
    نص الخبر.
    <BLANKLINE>
    """
    out: list[str] = []
    if article.title:
        out.append(article.title)
    if article.published is not None:
        out.append(f"تاريخ النشر: {render_date(article.published)}")
    if article.authors:
        out.append("إعداد: " + " و ".join(article.authors))
    _blocks(article.body, out)
    if article.source is not None:
        out.append(f"{article.source.credit or ''}المصدر: {article.source.name}")
    if article.keywords_raw is not None:
        out.append(f"كلمات دلالية: {article.keywords_raw}")
    if article.related:
        out.append(_TRAILER_MARKER)
        for related in article.related:
            out.append(related.title)
            _blocks(related.body, out)
    return "\n".join(out) + "\n"
