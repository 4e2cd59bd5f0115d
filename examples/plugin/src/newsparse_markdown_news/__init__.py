"""``markdown-news``: news articles written in Markdown, as a newsparse format plugin.

A worked example of extending newsparse (see ``docs/extending.md``).  The layout::

    # Headline
    *date: 2024-01-29 | by: سارة خالد، أحمد حسن*

    A paragraph, which may wrap
    over several lines.

    ## A subheading

    Another paragraph.

    المصدر: Outlet name

- ``# `` starts an article; a file may hold several, one after the other.
- The line right after the headline may be a metadata line, between ``*`` or
  after ``> ``: ``date: YYYY-MM-DD`` and ``by: NAME، NAME`` fields separated by
  ``|`` (``التاريخ`` and ``بقلم`` work too).
- ``## `` lines are subheadings; the other text, split at blank lines, paragraphs.
- A last line ``Source: NAME`` or ``المصدر: NAME`` names the outlet.

Installing the package registers the format through the ``newsparse.formats``
entry point (see ``pyproject.toml``); ``newsparse formats`` then lists it.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

from newsparse import Article, Block, Heading, Paragraph, ProfileRegistry, Source
from newsparse.kit import Confidence, Diagnostics, OutletRules, empty_input

__all__ = ["MarkdownNews"]

_SNIFF_CHARS = 4096
_FIELD = re.compile(r"(?P<key>date|by|التاريخ|بقلم)\s*:\s*(?P<value>.*)")
_SOURCE = re.compile(r"(?:Source|المصدر)\s*:\s*(?P<name>\S.*)")


class MarkdownNews:
    """The ``markdown-news`` format: one Article per ``# `` headline (see the module)."""

    name = "markdown-news"
    suffixes = (".md",)

    def __init__(self, *, profiles: ProfileRegistry | None = None) -> None:
        """Apply the outlet *profiles* given (default: newsparse's built-in ones)."""
        self.profiles = profiles

    def sniff(self, text: str) -> float:
        """``MARKED`` when the first non-blank line is a ``# `` headline, else ``NONE``."""
        first = next((line for line in _lines(text[:_SNIFF_CHARS]) if line), "")
        return Confidence.MARKED if first.startswith("# ") else Confidence.NONE

    def parse(
        self, text: str, *, path: str | None = None, strict: bool = False
    ) -> Iterator[Article]:
        """Yield one Article per ``# `` headline of *text*, in order.

        Raises :class:`~newsparse.ParseError`: code ``no-headline`` when text
        comes before the first headline, and, with *strict*, code ``date`` for a
        date that is not ``YYYY-MM-DD`` (lenient mode records a diagnostic).
        """
        lines = _lines(text)
        first = next((number for number, line in enumerate(lines) if line), len(lines))
        if first == len(lines):
            raise empty_input(path)
        if not lines[first].startswith("# "):
            raise Diagnostics(path=path).error(
                "a markdown-news article starts with a '# Headline' line",
                code="no-headline",
                line=first + 1,
                source_line=lines[first],
            )
        starts = [number for number, line in enumerate(lines) if line.startswith("# ")]
        for start, stop in zip(starts, [*starts[1:], len(lines)], strict=True):
            yield self._article(lines, start, stop, path=path, strict=strict)

    def _article(
        self, lines: list[str], start: int, stop: int, *, path: str | None, strict: bool
    ) -> Article:
        """Build the Article of ``lines[start:stop]``, whose first line is its headline."""
        published: datetime.date | None = None
        found = Diagnostics(strict=strict, path=path)  # defects: recorded, or raised if strict
        fields = _metadata(lines[start + 1]) if start + 1 < stop else {}
        body_start = start + 2 if fields else start + 1
        byline = fields.get("by", fields.get("بقلم"))
        value = fields.get("date", fields.get("التاريخ"))
        try:
            published = None if value is None else datetime.date.fromisoformat(value)
        except ValueError:
            found.defect(
                "date",
                f"cannot read the date {value!r}; write it as YYYY-MM-DD",
                line=start + 2,
                source_line=lines[start + 1],
            )
        source: Source | None = None
        last = max((n for n in range(body_start, stop) if lines[n]), default=None)
        if last is not None and (match := _SOURCE.fullmatch(lines[last])):
            source, stop = Source(name=match["name"], line=last + 1), last
        # The outlet profiles (newsparse's and installed plugins') clean the byline.
        rules = OutletRules.for_article(
            self.profiles, source=None if source is None else source.name, byline=byline
        )
        return Article(
            title=lines[start][2:].strip(),
            published=published,
            authors=() if byline is None else rules.authors(byline),
            body=_blocks(lines, body_start, stop),
            source=source,
            diagnostics=found.found,
            format=self.name,
        )


def _lines(text: str) -> list[str]:
    """The lines of *text*, stripped (a byte-order mark dropped first)."""
    return [line.strip() for line in text.removeprefix("\ufeff").splitlines()]


def _metadata(line: str) -> dict[str, str]:
    """The fields of a metadata line (``*date: ...*`` or ``> date: ...``); {} if it is not one."""
    if line.startswith(">"):
        line = line[1:]
    elif len(line) > 2 and line[0] == line[-1] == "*":
        line = line[1:-1]
    else:
        return {}
    matches = [_FIELD.fullmatch(part.strip()) for part in line.split("|")]
    return {match["key"]: match["value"].strip() for match in matches if match}


def _blocks(lines: list[str], start: int, stop: int) -> Iterator[Block]:
    """Headings and paragraphs of ``lines[start:stop]``, with their 1-based line numbers."""
    paragraph: list[tuple[int, str]] = []
    for number, line in [*enumerate(lines[start:stop], start + 1), (0, "")]:
        if paragraph and (not line or line.startswith("## ")):
            yield Paragraph(text=" ".join(text for _, text in paragraph), line=paragraph[0][0])
            paragraph = []
        if line.startswith("## "):
            yield Heading(text=line[3:].strip(), line=number)
        elif line:
            paragraph.append((number, line))
