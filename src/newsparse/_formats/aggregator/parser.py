"""Parse the aggregator dump into an Article, in one pass over its lines.

The grammar, one rule per method below (docs/format.md has the prose)::

    dump     := header [byline] body [tail]
    header   := headline date-line | date-line | headline
    body     := (box | heading | paragraph)*
    box      := marker-line title-line [glued] | inline-marker [glued]
    tail     := (source-line | keywords-line)+ [trailer]
    trailer  := (marker-line | inline-marker) related*
    related  := title-line (box | heading | paragraph)*

Blank lines carry no meaning and every line is stripped first, so CRLF,
surrounding whitespace and a BOM change nothing.  The only look-ahead is one
line, to tell the source line from a body paragraph that quotes a source.
"""

from __future__ import annotations

import datetime
import itertools
from typing import NamedTuple

import regex
from attrs import field, frozen

from newsparse._errors import ParseError
from newsparse._formats.aggregator.byline import is_byline_line
from newsparse._formats.aggregator.chrome import MAX_LINE_CHARS, chrome_of
from newsparse._formats.aggregator.dates import DateError, parse_date
from newsparse._formats.aggregator.grammar import (
    BYLINE_LABEL,
    DATE,
    DATE_LINE,
    GLUE_SEAM,
    RAW,
    TITLE,
    is_bare_marker,
    is_colon_heading,
    is_heading,
    is_headline,
    is_plain,
    keywords_line,
    last_source_label,
    read_also,
    source_line,
)
from newsparse._formats.aggregator.learned import Learned, LearnedChrome, learned_of
from newsparse._formats.aggregator.outlet_rules import OutletRules
from newsparse._formats.diagnostics import Diagnostics, empty_input
from newsparse._formats.profiles import ProfileRegistry
from newsparse._model.corpus_profile import CorpusProfile
from newsparse._model.records import (
    Article,
    Block,
    Heading,
    Paragraph,
    ReadAlso,
    RelatedArticle,
    Source,
)
from newsparse._text.lexicon import Lexicon
from newsparse._text.mojibake import may_hold_mojibake, repair_lines

__all__ = ["FORMAT_NAME", "Body", "parse_body", "parse_dump"]

FORMAT_NAME = "aggregator-text"

_BOX_MAX_TITLES = 3  # the most headlines seen under one read-also marker
KEYWORDS_MAX_CHARS = 10_000
"""Real keyword lines are a few hundred characters; longer ones are not segmented."""
MAX_LINES = 100_000
"""A dump of more lines is refused (``too-many-lines``): real articles have tens to a few
thousand, and every line costs a few hundred bytes of objects, so 50 MiB of short lines
once took 8.2 GiB (docs/robustness.md, bounded memory)."""
# What str.splitlines() ends a line at; CRLF is one end, counted twice by these.
_LINE_ENDS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


class _Line(NamedTuple):
    number: int  # 1-based, in the input as given
    text: str  # stripped; never empty for a line of the input


def parse_dump(
    text: str,
    *,
    path: str | None = None,
    strict: bool = False,
    profiles: ProfileRegistry | None = None,
    lexicon: Lexicon | None = None,
    learned: Learned | None = None,
) -> Article:
    """Parse one aggregator dump held in *text*.

    Lenient (the default): defects become :class:`Diagnostic` records on the
    Article.  ``strict=True``: the first defect raises :class:`ParseError`.
    Mojibake repair is lossless: it is recorded in both modes and never
    raises.  Text that is not an article (empty, or a headline with nothing
    after it) raises :class:`ParseError` in both modes.  *profiles* defaults
    to the built-in profiles (no plugin code runs unless *profiles* holds it),
    *lexicon* (the keyword segmenter's word lists) to :meth:`Lexicon.builtin`;
    *learned* (from a corpus profile) adds each outlet's chrome and the tag vocabulary.
    """
    found = Diagnostics(strict=strict, path=path)
    parser = _DumpParser(text, found, profiles=profiles, lexicon=lexicon, learned=learned)
    return parser.article()


@frozen(kw_only=True)
class Body:
    """What :func:`parse_body` finds: an article without its header and byline.

    .. versionadded:: 0.2.0
    """

    blocks: tuple[Block, ...]
    """Paragraphs, subheadings and read-also boxes, in order."""
    source: Source | None
    """The source line, if the text ends with one."""
    keywords: tuple[str, ...]
    """The tags of the keywords line, the outlet rules applied."""
    keywords_raw: str | None
    """The keywords line as written (after its label)."""
    related: tuple[RelatedArticle, ...]
    """The trailer's related articles."""
    rules: OutletRules = field(eq=False, repr=False)
    """The outlet rules that applied (to clean the article's byline with)."""


def parse_body(
    text: str,
    *,
    diagnostics: Diagnostics,
    title: str = "",
    outlet: str | None = None,
    byline: str | None = None,
    profiles: ProfileRegistry | None = None,
    first_line: int = 1,
    one_line: bool = False,
    lexicon: Lexicon | None = None,
    profile: CorpusProfile | None = None,
) -> Body:
    """Parse the body of an article whose header is known: ``body [tail]``.

    For formats that carry the headline, date and byline apart from the text
    (JSON datasets): *text* gets the same paragraph, subheading, read-also,
    source-line and keywords cleaning as a dump body; empty text gives an
    empty Body.  Defects go to *diagnostics*.  The outlet rules are those of
    *profiles* (default: the built-in ones) for *outlet* (default: the
    source line's name) and *byline*; *title* is looked phrases up in, with
    the body, when the keywords line is split.

    Lines are numbered as in the file that holds *text*: from *first_line*;
    or, with ``one_line=True`` (a JSON string, whose line breaks are
    escapes), all at *first_line*, a diagnostic naming the line inside the
    text.  *profile* (a :class:`~newsparse.CorpusProfile`) adds the chrome
    learned for the outlet and the learned tag vocabulary.

    >>> text = "وقال الوزير إن الاتفاق يشمل التعاون الأمني.\\nالمصدر: واس"
    >>> body = parse_body(text, diagnostics=Diagnostics(), first_line=7)
    >>> body.blocks, body.source.name, body.source.line
    ((Paragraph(text='وقال الوزير إن الاتفاق يشمل التعاون الأمني.'),), 'واس', 8)
    """
    view = diagnostics.embedded(line=first_line, name="content") if one_line else diagnostics
    parser = _DumpParser(
        text,
        view,
        profiles=profiles,
        first_line=first_line,
        one_line=one_line,
        lexicon=lexicon,
        learned=None if profile is None else learned_of(profile),
    )
    return parser.body(title, outlet=outlet, byline=byline)


class _DumpParser:
    __slots__ = (
        "base", "byline_at", "chrome", "found", "learned", "lexicon", "lines", "may_cut",
        "one_line", "outlet_chrome", "pos", "profiles", "raw_lines",
    )  # fmt: skip

    def __init__(
        self,
        text: str,
        found: Diagnostics,
        *,
        profiles: ProfileRegistry | None,
        first_line: int = 1,
        one_line: bool = False,
        lexicon: Lexicon | None = None,
        learned: Learned | None = None,
    ) -> None:
        self.found = found
        self.profiles = profiles
        self.lexicon = lexicon
        self.learned = learned
        self.outlet_chrome: LearnedChrome | None = None  # known once the outlet is
        self.chrome = chrome_of(lexicon)
        self.may_cut = self.chrome.may_cut(text)  # one look at the text, not one a line
        self.byline_at: int | None = None
        # A line of the text is line `number + base` of its file, or, one_line, all of it
        # is on line `base`; lines are counted in the text itself (for its raw lines).
        self.base = first_line if one_line else first_line - 1
        self.one_line = one_line
        if len(text) > MAX_LINES:  # a shorter text cannot hold more lines than that
            self._refuse_many_lines(text)
        raw_lines = text.removeprefix("\ufeff").splitlines()
        if may_hold_mojibake(text):
            raw_lines, repaired = repair_lines(raw_lines)
            if repaired:
                self._mojibake_note(repaired)
        self.raw_lines = raw_lines
        # Built with C-level map/compress/zip, without a Python step per line.
        stripped = list(map(str.strip, raw_lines))
        numbers = itertools.compress(itertools.count(1), stripped)
        self.lines = list(map(_Line, numbers, filter(None, stripped)))
        self.pos = 0

    def _refuse_many_lines(self, text: str) -> None:
        lines = sum(map(text.count, _LINE_ENDS)) - text.count("\r\n") + 1
        if lines > MAX_LINES:
            raise self.found.error(
                f"{lines} lines: no article is that long (the limit is {MAX_LINES}); is it many "
                "articles in one file? split it, or use a format that reads many",
                code="too-many-lines",
            )

    def _at(self, number: int) -> int:
        """The line of the file that line *number* of the text is."""
        return self.base if self.one_line else number + self.base

    def _reported(self, number: int) -> int:
        """The line to report a defect at (a one-line text's view names the inner line)."""
        return number if self.one_line else number + self.base

    def _mojibake_note(self, repaired: list[int]) -> None:
        numbers = [self._reported(index + 1) for index in repaired]
        shown = ", ".join(map(str, numbers[:20])) + (", ..." if len(numbers) > 20 else "")
        self.found.note(
            "mojibake",
            f"repaired {len(numbers)} lines of UTF-8 read as windows-1256 (lines {shown})",
            line=numbers[0],
        )

    # ------------------------------------------------------------ helpers
    def _peek(self, offset: int = 0) -> _Line | None:
        index = self.pos + offset
        return self.lines[index] if index < len(self.lines) else None

    def _place(self, line: int, offset: int) -> tuple[int, str]:
        """The column of *offset* in line *line* of the text, and that line as shown."""
        raw = self.raw_lines[line - 1] if 0 < line <= len(self.raw_lines) else ""
        return len(raw) - len(raw.lstrip()) + offset + 1, raw.strip()

    def _not_an_article(self, last: _Line) -> ParseError:
        column, shown = self._place(last.number, 0)
        return self.found.error(
            "not an article: a headline and nothing after it; expected body paragraphs "
            "(is this a listing or an error page?)",
            code="not-an-article",
            line=self._reported(last.number),
            column=column,
            source_line=shown,
        )

    def _diagnose(self, code: str, message: str, line: int, offset: int = 0) -> None:
        column, shown = self._place(line, offset)
        self.found.defect(
            code, message, line=self._reported(line), column=column, source_line=shown
        )

    # ------------------------------------------------------------ sections
    def article(self) -> Article:
        """dump := header [byline] body [tail]"""
        title, published = self._header()
        if self.learned is not None:  # before the byline: chrome can stand in its place
            self.outlet_chrome = self.learned.chrome(self._source_ahead())
        byline = self._byline()
        body = self.body(title, outlet=None, byline=byline)
        has_body = body.blocks or body.source or body.keywords_raw is not None or body.related
        if not has_body and byline is None:
            raise self._not_an_article(self.lines[-1])
        return Article(
            title=title,
            published=published,
            authors=() if byline is None else self._authors(byline, body.rules),
            body=body.blocks,
            source=body.source,
            keywords=body.keywords,
            keywords_raw=body.keywords_raw,
            related=body.related,
            diagnostics=self.found.found,
            format=FORMAT_NAME,
        )

    def _authors(self, byline: str, rules: OutletRules) -> tuple[str, ...]:
        """The byline's authors, without the profiles' junk and the site chrome (recorded)."""
        authors, cut = rules.authors_and_cut(byline)
        if cut:
            shown = ", ".join(repr(label) for label in cut)
            self.found.note(
                "boilerplate", f"cut the site labels {shown} out of the byline", line=self.byline_at
            )
        return authors

    def body(self, title: str, *, outlet: str | None, byline: str | None) -> Body:
        """content := body [tail]   (what follows the header and byline)"""
        if self.learned is not None and self.outlet_chrome is None:
            self.outlet_chrome = self.learned.chrome(outlet or self._outlet_ahead(byline))
        blocks = self._blocks(in_trailer=False)
        source, tags_line, related = self._tail(blocks)
        if outlet is None and source is not None:
            outlet = source.name
        rules = OutletRules.for_article(
            self.profiles,
            source=outlet,
            byline=byline,
            lexicon=self.lexicon,
            vocabulary=None if self.learned is None else self.learned.vocabulary,
        )
        return Body(
            blocks=tuple(blocks),
            source=source,
            keywords=self._keywords(tags_line, title, blocks, related, rules),
            keywords_raw=None if tags_line is None else tags_line.text,
            related=tuple(related),
            rules=rules,
        )

    def _source_ahead(self) -> str | None:
        """The name on the last source line ahead."""
        for line in reversed(self.lines[self.pos :]):
            if (found := source_line(line.text)) is not None:
                return found[0]
        return None

    def _outlet_ahead(self, byline: str | None) -> str | None:
        """The outlet whose learned chrome applies, before the body is read: the name on
        the last source line ahead, else the byline's outlet (docs/corpus.md)."""
        if (source := self._source_ahead()) is not None:
            return source
        if byline is None:
            return None
        authors = OutletRules.for_article(
            self.profiles, source=None, byline=byline, lexicon=self.lexicon
        ).authors(byline)
        return authors[0] if authors else None

    def _keywords(
        self,
        line: _Line | None,
        title: str,
        body: list[Block],
        related: list[RelatedArticle],
        rules: OutletRules,
    ) -> tuple[str, ...]:
        """keywords := [page-labels] tags   (docs/format.md, Tail; docs/keywords.md)"""
        if line is None or not line.text:
            return ()
        if len(line.text) > KEYWORDS_MAX_CHARS:
            # Not even split on spaces: millions of tags took 16 times the line's size.
            self._diagnose(
                "keywords",
                f"a keywords line of {len(line.text)} characters is no tag list; "
                "keywords is left empty (keywords_raw keeps the line)",
                line.number,
            )
            return ()
        return rules.keywords(line.text, _context(title, body, related))

    def _header(self) -> tuple[str, datetime.date | None]:
        """header := headline date-line | date-line | headline | (nothing: a byline-line first)"""
        first = self._peek()
        if first is None:
            raise empty_input(self.found.path)
        second = self._peek(1)
        if second is None and _date_line(first.text) is None:
            raise self._not_an_article(first)
        second_date = None if second is None else _date_line(second.text)
        if second_date is None and (first_date := _date_line(first.text)) is not None:
            self.pos = 1
            return "", self._date(first_date, first)
        if second is not None and second_date is not None:
            self.pos = 2
            return first.text, self._date(second_date, second)
        if is_byline_line(first.text):  # a headless page that opens with its byline
            self._diagnose(
                "date",
                "no headline and no date line ('تاريخ النشر: 29th, January 2024 GMT'): the "
                "page opens with its byline; title and published are left empty",
                first.number,
            )
            return "", None  # the byline rule takes the line
        self._diagnose(
            "date",
            "no date line ('تاريخ النشر: 29th, January 2024 GMT') after the headline; "
            "published is left empty",
            first.number,
        )
        self.pos = 1
        return first.text, None

    def _date(self, match: regex.Match[str], line: _Line) -> datetime.date | None:
        """date-line := "تاريخ النشر" [":"] date"""
        try:
            return parse_date(match[DATE])
        except DateError as error:
            self._diagnose(
                "date",
                f"cannot read the date line: {error}; published is left empty",
                line.number,
                offset=match.start(DATE),
            )
            return None

    def _byline(self) -> str | None:
        """byline := label ":" names | outlet   (a short line right after the header)"""
        line = self._peek()
        if line is None:
            return None
        text = line.text
        if BYLINE_LABEL.match(text) is None and not (
            is_heading(text) and not self._is_structural(text)
        ):
            return None
        if self.outlet_chrome is not None and self.outlet_chrome.is_line(text):
            return None  # the outlet's chrome, where a byline would stand: the body drops it
        self.pos += 1
        self.byline_at = self._reported(line.number)
        return text

    def _blocks(self, *, in_trailer: bool) -> list[Block]:
        """body := (box | heading | paragraph)*   (stops at the tail, or a related title)"""
        blocks = _BlockList()
        lines = self.lines
        while self.pos < len(lines):
            line = lines[self.pos]
            text = line.text
            plain = is_plain(text)  # most lines: no marker, keywords or source rule to try
            if not plain and (marker := read_also(text)) is not None:
                self.pos += 1
                if marker[TITLE] is None:
                    self._two_line_box(blocks, line, in_trailer=in_trailer)
                else:
                    blocks.box([marker[TITLE]], self._at(line.number))
                    self._glued(blocks, in_trailer=in_trailer)
            elif is_headline(text) if in_trailer else not plain and self._at_tail():
                break
            else:
                self.pos += 1
                learned = self.outlet_chrome
                if (len(text) <= MAX_LINE_CHARS or learned is not None) and self._is_chrome(line):
                    continue
                parts = self._without_labels(line) if self.may_cut else None
                if learned is not None:
                    parts = self._without_learned(line, learned, parts)
                for part in (text,) if parts is None else parts:
                    if is_colon_heading(part):  # the one rule that looks at the next line
                        blocks.add(self._line_block(part, line.number))
                    else:
                        blocks.add(_text_block(part, self._at(line.number)))
        return blocks.done()

    def _is_chrome(self, line: _Line) -> bool:
        """chrome-line := chrome-entry+ | learned-line   (dropped, and recorded)"""
        text = line.text
        if self.chrome.is_line(text):
            why = "site chrome"
        elif self.outlet_chrome is not None and self.outlet_chrome.is_line(text):
            why = f"site chrome (learned: it recurs in the files of {self.outlet_chrome.outlet})"
        else:
            return False
        self.found.note(
            "boilerplate", f"dropped a line of {why}: {text!r}", line=self._reported(line.number)
        )
        return True

    def _chrome_line(self, text: str) -> bool:
        """Whether *text* is a line of chrome, listed or learned (nothing recorded)."""
        learned = self.outlet_chrome
        return self.chrome.is_line(text) or (learned is not None and learned.is_line(text))

    def _without_learned(
        self, line: _Line, learned: LearnedChrome, parts: list[str] | None
    ) -> list[str] | None:
        """*parts* (else the line) without the learned runs at their starts and ends
        (recorded), or None when there are none."""
        kept: list[str] = []
        cut: list[str] = []
        for part in (line.text,) if parts is None else parts:
            found = learned.cut(part)
            if found is None:
                kept.append(part)
            else:
                kept.append(found[0])
                cut.extend(found[1])
        if not cut:
            return parts
        shown = ", ".join(repr(run) for run in cut)
        self.found.note(
            "boilerplate",
            f"cut the site chrome {shown} (learned: it recurs in the files of "
            f"{learned.outlet}) out of the line",
            line=self._reported(line.number),
        )
        return kept

    def _without_labels(self, line: _Line) -> list[str] | None:
        """The parts of *line* around the site labels glued into it (recorded), or None."""
        cut = self.chrome.cut(line.text)
        if cut is None:
            return None
        parts, labels = cut
        shown = ", ".join(repr(label) for label in labels)
        self.found.note(
            "boilerplate",
            f"cut the site label {shown} out of the line",
            line=self._reported(line.number),
        )
        return parts

    def _line_block(self, text: str, number: int) -> Block:
        """colon-heading | paragraph   (a heading only before a paragraph)"""
        if self._paragraph_next():
            return Heading(text=text, line=self._at(number))
        return _text_block(text, self._at(number))

    def _paragraph_next(self) -> bool:
        """Whether the next line is a paragraph (no box, keywords line or heading)."""
        line = self._peek()
        return (
            line is not None
            and read_also(line.text) is None
            and keywords_line(line.text) is None
            and not is_heading(line.text)
            and not is_colon_heading(line.text)
        )

    def _two_line_box(self, blocks: _BlockList, marker: _Line, *, in_trailer: bool) -> None:
        """box := marker-line title-line [headline-line [headline-line]] [glued]"""
        title = self._peek()
        if title is None or is_bare_marker(title.text) or (not in_trailer and self._at_tail()):
            self._diagnose(
                "read-also",
                "a read-also marker with no headline after it; the marker is dropped",
                marker.number,
            )
            return
        self.pos += 1
        titles = [title.text]
        # box := marker-line headline-line{1,3}: in the body, headline-length lines under
        # a headline are more titles of the box.
        while not in_trailer and len(titles) < _BOX_MAX_TITLES and is_headline(titles[-1]):
            more = self._peek()
            if more is None or not is_headline(more.text) or self._is_structural(more.text):
                break
            titles.append(more.text)
            self.pos += 1
        blocks.box(titles, self._at(title.number))
        self._glued(blocks, in_trailer=in_trailer)

    def _glued(self, blocks: _BlockList, *, in_trailer: bool) -> None:
        """glued := (headline "؟")+ paragraph   (docs/format.md, Body: glued headline)"""
        line = self._peek()
        if line is None or (not in_trailer and self._at_tail()):
            return
        text = line.text
        cut = 0
        titles: list[str] = []
        for seam in GLUE_SEAM.finditer(text):
            titles.append(text[cut : seam.end()].strip())
            cut = seam.end()
        if not titles:
            return
        self.pos += 1
        blocks.box(titles, self._at(line.number))
        rest = text[cut:].strip()
        if rest:
            blocks.add(_text_block(rest, self._at(line.number)))

    def _tail(self, body: list[Block]) -> tuple[Source | None, _Line | None, list[RelatedArticle]]:
        """tail := (source-line | keywords-line)+ [trailer]"""
        source: Source | None = None
        tags_line: _Line | None = None
        while (line := self._peek()) is not None:
            text = line.text
            self.pos += 1
            if tags_line is None and (keywords := keywords_line(text)):
                tags_line = _Line(line.number, keywords[RAW].strip())
            elif source is None and (found := _source(line, self._at(line.number))) is not None:
                source = found
            elif (marker := read_also(text)) is not None:
                return source, tags_line, self._trailer(marker[TITLE], line)
            elif self._is_chrome(line):
                continue
            else:
                self._diagnose(
                    "layout",
                    "a line after the source or keywords line that is "
                    "neither of them nor a read-also marker; kept in the body",
                    line.number,
                )
                body.append(_text_block(text, self._at(line.number)))
        return source, tags_line, []

    def _trailer(self, first_title: str | None, marker: _Line) -> list[RelatedArticle]:
        """trailer := marker related*   related := title-line (box | heading | paragraph)*"""
        related: list[RelatedArticle] = []
        heading = (first_title, marker.number) if first_title is not None else self._title()
        while heading is not None:
            blocks = self._blocks(in_trailer=True)
            related.append(RelatedArticle(title=heading[0], body=blocks, line=self._at(heading[1])))
            heading = self._title()
        if not related:
            self._diagnose(
                "trailer",
                "a read-also marker after the source/keywords line with "
                "no related article after it",
                marker.number,
            )
        return related

    def _title(self) -> tuple[str, int] | None:
        """The next related title: the next line that is not a bare marker."""
        while (line := self._peek()) is not None:
            self.pos += 1
            if not is_bare_marker(line.text):
                return line.text, line.number
        return None

    # ------------------------------------------------------------ line tests
    def _is_structural(self, text: str) -> bool:
        return (
            read_also(text) is not None
            or keywords_line(text) is not None
            or last_source_label(text) is not None
        )

    def _at_tail(self) -> bool:
        """Whether the current line opens the tail: a keywords line, or a source line.

        source-line := [credit] "المصدر" ":" name, followed by a keywords line, a
        read-also marker or the end: position decides, not the word, since
        paragraphs quote sources too (``وأضاف المصدر: "..."``).
        """
        line = self.lines[self.pos]
        if keywords_line(line.text) is not None:
            return True
        if _source(line, self._at(line.number)) is None:
            return False
        offset = 1  # site chrome after a source line does not hide it
        while (after := self._peek(offset)) is not None and self._chrome_line(after.text):
            offset += 1
        return (
            after is None
            or keywords_line(after.text) is not None
            or read_also(after.text) is not None
        )


def _date_line(text: str) -> regex.Match[str] | None:
    return DATE_LINE.fullmatch(text) if text.startswith("تاريخ") else None


def _source(line: _Line, number: int) -> Source | None:
    found = source_line(line.text)
    return None if found is None else Source(name=found[0], credit=found[1], line=number)


def _text_block(text: str, number: int) -> Block:
    if is_heading(text):
        return Heading(text=text, line=number)
    return Paragraph(text=text, line=number)


class _BlockList:
    """Blocks in document order; read-also boxes with nothing between them become one box.

    Titles of adjacent boxes are gathered in a list and the box is built once,
    so a run of thousands of markers costs linear time.
    """

    __slots__ = ("blocks", "titles", "titles_line")

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.titles: list[str] = []
        self.titles_line = 0

    def box(self, titles: list[str], number: int) -> None:
        if not self.titles:
            self.titles_line = number
        self.titles.extend(titles)

    def add(self, block: Block) -> None:
        if self.titles:
            self._flush()
        self.blocks.append(block)

    def done(self) -> list[Block]:
        self._flush()
        return self.blocks

    def _flush(self) -> None:
        if self.titles:
            self.blocks.append(ReadAlso(titles=self.titles, line=self.titles_line))
            self.titles = []


def _context(title: str, body: list[Block], related: list[RelatedArticle]) -> str:
    """The article's own text, which keyword segmentation looks phrases up in."""
    parts = [title]
    for blocks in (body, *(item.body for item in related)):
        for block in blocks:
            if isinstance(block, ReadAlso):
                parts.extend(block.titles)
            else:
                parts.append(block.text)
    parts.extend(item.title for item in related)
    return "\n".join(parts)
