"""The line grammar of the aggregator dump: named, precompiled rules.

Each rule looks at one stripped line.  None of the patterns can backtrack
catastrophically: they are anchored, their repetitions are over disjoint
character classes, and the few that search inside a line (the source label,
the glued-headline seam) look for a literal.
"""

from __future__ import annotations

from typing import Final

import regex

from newsparse._text.arabic import has_arabic_letter

__all__ = [
    "BYLINE_LABEL",
    "DATE",
    "DATE_LINE",
    "GLUE_SEAM",
    "HEADLINE_MAX_WORDS",
    "KEYWORDS_LINE",
    "RAW",
    "REST",
    "SHORT_LINE_MAX_WORDS",
    "TITLE",
    "ends_with_final_punctuation",
    "is_bare_marker",
    "is_colon_heading",
    "is_heading",
    "is_headline",
    "is_plain",
    "keywords_line",
    "last_source_label",
    "read_also",
    "source_line",
]

SHORT_LINE_MAX_WORDS: Final = 6
"""A subheading has at most this many words (docs/format.md, Body: "at most 6 words")."""

HEADLINE_MAX_WORDS: Final = 20
"""In the trailer, a line without final punctuation and with more words than
SHORT_LINE_MAX_WORDS but at most this many starts a related article; longer
ones are paragraphs that lost their final stop."""

FINAL_PUNCTUATION: Final = frozenset('.!?؟:…"»”')
_COLONS: Final = ":："
_CONJUNCTIONS: Final = "وف"  # a line opening with one is running text: وقال: / فقال:

# The patterns are verbose (regex.X): spaces in them are not matched, a comment runs to the
# end of its line, and so every piece that is joined to another ends with a newline.
_MARKER = r"""
    (?: [اإأ]قر[أا]             # اقرأ / إقرأ / أقرأ / اقرا (read),
      | طالع | شاهد )            # or طالع (look) / شاهد (watch): the same box
    \s*                         # spacing optional
    [أاإ]يض (?: ا\u064b? | \u064bا )   # أيضاً / أيضا / ايضا / إيضاً, or أيضًا (tanween first)
"""
_COLON = r"""
    \s* [:：]?                  # an optional colon, ASCII or fullwidth
"""

# Groups are taken by number, not name (docs/performance.md#kept-tricks).
_READ_ALSO = regex.compile(
    _MARKER
    + _COLON
    + r"""
    \s*
    (?P<title> \S .* )?          # the headline of the one-line form; none for a bare marker
    """,
    regex.S | regex.X,
)
TITLE: Final = _READ_ALSO.groupindex["title"]
"""The number of the read-also match's ``title`` group."""
_MARKER_STARTS = ("اقر", "إقر", "أقر", "طالع", "شاهد")  # what every marker starts with


def read_also(line: str) -> regex.Match[str] | None:
    """The read-also marker that *line* starts with, or None.

    ``match[TITLE]`` is the headline of the one-line form
    (``اقرأ أيضاً: headline``) and None for a bare marker line.  A plain
    ``startswith`` turns most lines away before any regex runs.
    """
    return _READ_ALSO.fullmatch(line) if line.startswith(_MARKER_STARTS) else None


def is_bare_marker(line: str) -> bool:
    """Whether *line* is a read-also marker and nothing else."""
    marker = read_also(line)
    return marker is not None and marker[TITLE] is None


DATE_LINE: Final = regex.compile(
    r"""
    تاريخ \s+ النشر             # the label: "date of publication"
    \s* (?P<colon> [:：] )?     # its colon, which some dumps leave out
    \s* (?P<date> .* )          # the date, for dates.parse_date
    """,
    regex.S | regex.X,
)
"""The date line; ``date`` is the text to read (use with ``fullmatch``)."""
DATE: Final = DATE_LINE.groupindex["date"]
"""The number of DATE_LINE's ``date`` group."""

KEYWORDS_LINE: Final = regex.compile(
    r"""
    (?:
        (?:ال)?كلمات \s+ (?:ال)? (?: دلالية | مفتاحية )   # (ال)كلمات (ال)دلالية / (ال)مفتاحية
      | (?:ال)?وسوم                                       # or (ال)وسوم: "tags"
    )
    \s* [:：] \s*                # a colon, ASCII or fullwidth
    (?P<raw> .* )                # the tags, joined by spaces
    """,
    regex.S | regex.X,
)
"""The keywords line; ``raw`` is its text after the label (use with ``fullmatch``)."""
RAW: Final = KEYWORDS_LINE.groupindex["raw"]
"""The number of KEYWORDS_LINE's ``raw`` group."""

_KEYWORDS_STARTS = ("كلمات", "الكلمات", "وسوم", "الوسوم")  # what every label starts with


_STRUCTURAL_STARTS = _MARKER_STARTS + _KEYWORDS_STARTS


def is_plain(line: str) -> bool:
    """A cheap first test: True means *line* is no read-also marker, keywords line or
    source line, so only the paragraph and heading rules can take it (most lines)."""
    return not line.startswith(_STRUCTURAL_STARTS) and _SOURCE_WORD not in line


def keywords_line(line: str) -> regex.Match[str] | None:
    """The keywords line *line* is (``match[RAW]``: the text after the label), or None.

    A plain ``startswith`` turns most lines away before the regex runs.
    """
    return KEYWORDS_LINE.fullmatch(line) if line.startswith(_KEYWORDS_STARTS) else None


BYLINE_LABEL: Final = regex.compile(
    r"""
    (?: إعداد \s+ وتحرير | إعداد | اعداد | كتبت | كتب   # the label (a longer one before
      | بقلم | بواسطة | تحرير | ترجمة | تقرير )         # the shorter it starts with)
    (?:
        \s* [:：/]               # then a colon or a slash
      | \s+ [-–—] (?=\s)         # or a dash with a space on either side
    )
    \s* (?P<rest> .* )           # the authors
    """,
    regex.S | regex.X,
)
"""A byline label, its separator (``:``, ``/`` or a spaced dash) and what follows it."""
REST: Final = BYLINE_LABEL.groupindex["rest"]
"""The number of BYLINE_LABEL's ``rest`` group (what follows the label)."""

_SOURCE_WORD = "المصدر"
_SOURCE_LABEL = regex.compile(_SOURCE_WORD + r"\s*[:：]")

GLUE_SEAM: Final = regex.compile(r"؟(?=\p{L})")
"""Where a glued related headline ends: a ``؟`` directly followed by a letter."""

_NUMBERED_ITEM = regex.compile(
    r"""
    (?:
        [0-9\u0660-\u0669\u06f0-\u06f9]{1,3}   # a number of 1-3 digits (ASCII, Arabic-Indic)
        \s* [-–.)]                            # then - . or ): "1.", "٣)"
      | [-–•*▪●] \s                           # or a bullet and a space
    )
    """,
    regex.X,
)

PARAGRAPH_OPENERS: Final = frozenset(
    [
        "وقال",
        "وقالت",
        "وأضاف",
        "وأضافت",
        "وكان",
        "وكانت",
        "وأكد",
        "وأكدت",
        "وتابع",
        "وتابعت",
        "وأشار",
        "وأشارت",
        "ولفت",
        "ولفتت",
        "وأوضح",
        "وأوضحت",
        "وذكر",
        "وذكرت",
        "وشدد",
        "وشددت",
        "واعتبر",
        "واعتبرت",
        "ورأى",
        "ويأتي",
        "وتأتي",
        "وجاء",
        "وجاءت",
        "وأعلن",
        "وأعلنت",
        "وبحسب",
        "ووفق",
        "ووفقا",
        "ووفقاً",
        "وفي",
        "كما",
    ]
)
"""First words that open a sentence of running text, never a headline."""


def ends_with_final_punctuation(line: str) -> bool:
    """Return whether *line* (stripped, non-empty) ends with final punctuation."""
    return line[-1] in FINAL_PUNCTUATION


def _word_count_at_most(line: str, limit: int) -> bool:
    return len(line.split(maxsplit=limit)) <= limit


def _opens_running_text(line: str) -> bool:
    return line.split(maxsplit=1)[0] in PARAGRAPH_OPENERS


def is_heading(line: str) -> bool:
    """Return whether *line* is a subheading (docs/format.md, Body: heading).

    heading := Arabic text of at most SHORT_LINE_MAX_WORDS words, with no final
               punctuation, that is not a numbered or bulleted item and does not
               open with a word of running text (وقال, وأضاف, ...)
    """
    return (
        line[-1] not in FINAL_PUNCTUATION  # first: most lines are paragraphs, and leave here
        and _word_count_at_most(line, SHORT_LINE_MAX_WORDS)
        and _NUMBERED_ITEM.match(line) is None
        and has_arabic_letter(line)
        and not _opens_running_text(line)
    )


def is_colon_heading(line: str) -> bool:
    """Return whether *line* may be a subheading that ends in a colon (``مقدمة:``), which it
    is when a paragraph follows it (docs/format.md, Body: heading).

    colon-heading := Arabic text of at most SHORT_LINE_MAX_WORDS words ending in ":",
                     not opening with the conjunction و or ف (a speech intro: وقال:),
                     not a numbered item and not a word of running text
    """
    return (
        line[-1] in _COLONS  # first: most lines end otherwise
        and len(line) > 1
        and line[0] not in _CONJUNCTIONS
        and _word_count_at_most(line, SHORT_LINE_MAX_WORDS)
        and _NUMBERED_ITEM.match(line) is None
        and has_arabic_letter(line)
        and not _opens_running_text(line)
    )


def is_headline(line: str) -> bool:
    """Return whether *line* starts a related article in the trailer (rule 2).

    headline := a line with no final punctuation, longer than a subheading and
                at most HEADLINE_MAX_WORDS words, that does not open with a word
                of running text
    """
    return (
        not ends_with_final_punctuation(line)
        and not _word_count_at_most(line, SHORT_LINE_MAX_WORDS)
        and _word_count_at_most(line, HEADLINE_MAX_WORDS)
        and not _opens_running_text(line)
    )


def last_source_label(line: str) -> tuple[int, int] | None:
    """Return the span of the last ``المصدر:`` label in *line*, or None."""
    start = line.rfind(_SOURCE_WORD)
    while start != -1:
        match = _SOURCE_LABEL.match(line, start)
        if match is not None:
            return match.span()
        start = line.rfind(_SOURCE_WORD, 0, start)
    return None


_SOURCE_NAME_MAX_WORDS = 8
_QUOTES = "\"'«“”»"


def source_line(line: str) -> tuple[str, str | None] | None:
    """The (name, credit) of a source line, or None.

    source-line := [credit] "المصدر" ":" name   (name short, unquoted, unpunctuated;
                   a credit of punctuation only, as in ".المصدر: RT Arabic", is none)
    """
    if _SOURCE_WORD not in line:
        return None
    span = last_source_label(line)
    if span is None:
        return None
    name = line[span[1] :].strip()
    if (
        not name
        or name[0] in _QUOTES
        or ends_with_final_punctuation(name)
        or len(name.split(maxsplit=_SOURCE_NAME_MAX_WORDS)) > _SOURCE_NAME_MAX_WORDS
    ):
        return None
    credit = line[: span[0]].strip()
    if not any(character.isalnum() for character in credit):
        credit = ""  # punctuation before the label (".المصدر: RT Arabic") is no credit
    return name, credit or None
