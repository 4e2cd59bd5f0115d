"""The date of the ``تاريخ النشر:`` line.

Grammar (case-insensitive, any spacing, optional commas and dots)::

    date      := dmy | mdy | iso
    dmy       := day [ordinal] [","] month [","] year [time] [zone]
    mdy       := month day [ordinal] [","] year [time] [zone]
    iso       := year "-" mm "-" dd [time] [zone]
    day       := 1-2 digits        (ASCII or Arabic-Indic)
    ordinal   := "st" | "nd" | "rd" | "th"
    month     := an English month, full or abbreviated, or an Arabic month name
    zone      := "GMT" | "UTC" [offset]

The aggregator writes ``29th, January 2024 GMT``; the other forms are there
because scrapers and outlets vary.  This is a handful of precompiled patterns
and a dict look-up, not a general date parser: it is thousands of times faster
than ``dateparser`` on the same line (see docs/performance.md).
"""

from __future__ import annotations

import datetime
from typing import Final

import regex

from newsparse._text.arabic import fold, to_ascii_digits

__all__ = ["ENGLISH_MONTHS", "DateError", "parse_date"]

ENGLISH_MONTHS: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
"""The English month names as the aggregator writes them, January first."""
_ARABIC_MONTHS = (  # Egypt and the Gulf; the Levant and Iraq (Syriac names)
    ("يناير", "كانون الثاني"),
    ("فبراير", "شباط"),
    ("مارس", "آذار"),
    ("أبريل", "نيسان"),
    ("مايو", "أيار"),
    ("يونيو", "حزيران"),
    ("يوليو", "تموز"),
    ("أغسطس", "آب"),
    ("سبتمبر", "أيلول"),
    ("أكتوبر", "تشرين الأول"),
    ("نوفمبر", "تشرين الثاني"),
    ("ديسمبر", "كانون الأول"),
)


def _month_table() -> dict[str, int]:
    table: dict[str, int] = {}
    for number, month in enumerate(ENGLISH_MONTHS, 1):
        name = month.lower()
        table[name] = number
        table[name[:3]] = number
    table["sept"] = 9
    for number, names in enumerate(_ARABIC_MONTHS, 1):
        for name in names:
            table[fold(name)] = number
    table["ابريل"] = 4  # folded spellings that differ from fold("أبريل")
    table["اغسطس"] = 8
    return table


_MONTHS = _month_table()
_ENGLISH = {name: number for number, name in enumerate(ENGLISH_MONTHS, 1)}

# The patterns are verbose (regex.X): spaces in them are not matched (a space to match is
# "\ "), a comment runs to the end of its line, and so every piece joined to another ends
# with a newline.

# The aggregator's own form, read without the general machinery (most lines are this).
_USUAL = regex.compile(
    r"""
    \s*
    (?P<day> [0-9]{1,2} ) (?: st | nd | rd | th )   # 29th
    ,\ (?P<month> [A-Z][a-z]+ )                     # , January
    \ (?P<year> [0-9]{4} )                          # 2024
    \ GMT
    \s*
    """,
    regex.X,
)

_ZONE = r"""
    (?:
        \s* (?: GMT | UTC )                         # an optional zone
        (?: \s* [+-] \s* \d{1,2} (?: :? \d{2} )? )?   # with an offset: +3, +03:00, -0530
    )?
"""
_TIME = r"""
    (?:
        \s* ,? \s* (?: at \s+ )?                   # an optional time, after "," or "at"
        \d{1,2} : \d{2} (?: : \d{2} )?              # 12:30, 12:30:45
        (?: \s* [ap] \.? m \.? )?                   # am, p.m.
    )?
"""
_TAIL = (
    _TIME
    + _ZONE
    + r"""
    \s* \.? \s*                                     # a final stop
"""
)
_MONTH = r"""
    (?P<month> [^\W\d_]+ (?: \ [^\W\d_]+ )? )      # a month name of one or two words
"""
_DAY = r"""
    (?P<day> \d{1,2} ) \s* (?: st | nd | rd | th )?  # 29, 29th
"""
_SEP = r"""
    \s* [,،.]? \s*                                   # a comma (Latin or Arabic), a dot or none
"""
_YEAR = r"""
    (?P<year> \d{4} )
"""

_DMY = regex.compile(_DAY + _SEP + _MONTH + _SEP + _YEAR + _TAIL, regex.I | regex.X)
_MDY = regex.compile(_MONTH + _SEP + _DAY + _SEP + _YEAR + _TAIL, regex.I | regex.X)
_ISO = regex.compile(
    r"""
    (?P<year> \d{4} ) \s* [-/.] \s*                  # 2024-01-29, 2024/1/29, 2024.01.29
    (?P<month> \d{1,2} ) \s* [-/.] \s*
    (?P<day> \d{1,2} )
    (?: [T\ ] \d{1,2} : \d{2} (?: : \d{2} )? )?     # a time after T or a space
"""
    + _ZONE
    + r"""
    \s*
    """,
    regex.I | regex.X,
)


_LONGEST_DATE = 80  # longer text is no date; the cap keeps hostile lines cheap


class DateError(ValueError):
    """The text is not a date this module understands, or not a real date."""


def parse_date(text: str) -> datetime.date:
    """Return the date written in *text* (the part after ``تاريخ النشر:``).

    Raises :class:`DateError` with a readable reason when the text is not a
    date in a known form or names a day that does not exist
    (``31st, February 2024``).

    >>> parse_date("29th, January 2024 GMT")
    datetime.date(2024, 1, 29)
    """
    usual = _USUAL.fullmatch(text)
    if usual is not None:
        # groups(), not names: `regex` reads a group name as an integer first and formats
        # the TypeError it clears (see _dump_grammar.TITLE).
        day_text, month_name, year_text = usual.groups()
        if (month := _ENGLISH.get(month_name)) is not None:
            try:
                return datetime.date(int(year_text), month, int(day_text))
            except ValueError as error:
                raise DateError(f"no such day: {text.strip()!r} ({error})") from None
    cleaned = to_ascii_digits(text).strip()
    if len(cleaned) > _LONGEST_DATE:
        raise DateError(f"not a date in a known form: {text.strip()[:_LONGEST_DATE]!r}...")
    for pattern in (_DMY, _MDY, _ISO):
        match = pattern.fullmatch(cleaned)
        if match is not None:
            break
    else:
        raise DateError(f"not a date in a known form: {text.strip()!r}")
    month_text = match["month"]
    if month_text.isdigit():
        month = int(month_text)
    else:
        folded = fold(month_text.lower())
        if folded not in _MONTHS:
            raise DateError(f"unknown month name {month_text!r}")
        month = _MONTHS[folded]
    year, day = int(match["year"]), int(match["day"])
    try:
        return datetime.date(year, month, day)
    except ValueError as error:
        raise DateError(f"no such day: {text.strip()!r} ({error})") from None
