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

# The aggregator's own form, read without the general machinery (most lines are this).
_USUAL = regex.compile(
    r"\s*(?P<day>[0-9]{1,2})(?:st|nd|rd|th), (?P<month>[A-Z][a-z]+) (?P<year>[0-9]{4}) GMT\s*"
)

_ZONE = r"(?:\s*(?:GMT|UTC)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?)?"
_TIME = r"(?:\s*,?\s*(?:at\s+)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?)?"
_TAIL = _TIME + _ZONE + r"\s*\.?\s*"
_MONTH = r"(?P<month>[^\W\d_]+(?: [^\W\d_]+)?)"
_DAY = r"(?P<day>\d{1,2})\s*(?:st|nd|rd|th)?"
_SEP = r"\s*[,،.]?\s*"

_DMY = regex.compile(rf"{_DAY}{_SEP}{_MONTH}{_SEP}(?P<year>\d{{4}}){_TAIL}", regex.I)
_MDY = regex.compile(rf"{_MONTH}{_SEP}{_DAY}{_SEP}(?P<year>\d{{4}}){_TAIL}", regex.I)
_ISO = regex.compile(
    r"(?P<year>\d{4})\s*[-/.]\s*(?P<month>\d{1,2})\s*[-/.]\s*(?P<day>\d{1,2})"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?" + _ZONE + r"\s*",
    regex.I,
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
