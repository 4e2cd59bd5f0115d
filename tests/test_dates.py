"""The date line: every ordinal suffix, every month, leap days, impossible dates, other forms."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsparse import parse_text
from newsparse._formats.aggregator.dates import DateError, parse_date
from newsparse._formats.aggregator.render import render_date
from tests.helpers import PARAGRAPH, TITLE, dump

MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip


@pytest.mark.parametrize(
    ("day", "suffix"),
    [(1, "st"), (2, "nd"), (3, "rd"), (4, "th"), (11, "th"), (12, "th"), (13, "th"),
     (21, "st"), (22, "nd"), (23, "rd"), (24, "th"), (30, "th"), (31, "st")],
)  # fmt: skip
def test_every_ordinal_suffix(day: int, suffix: str) -> None:
    assert parse_date(f"{day}{suffix}, January 2024 GMT") == datetime.date(2024, 1, day)
    assert render_date(datetime.date(2024, 1, day)) == f"{day}{suffix}, January 2024 GMT"


@pytest.mark.parametrize(("number", "month"), list(enumerate(MONTHS, 1)))
def test_every_month_full_and_abbreviated(number: int, month: str) -> None:
    assert parse_date(f"5th, {month} 2023 GMT") == datetime.date(2023, number, 5)
    assert parse_date(f"5th, {month[:3]} 2023 GMT") == datetime.date(2023, number, 5)
    assert parse_date(f"5th, {month.upper()} 2023 gmt") == datetime.date(2023, number, 5)


@given(st.dates())
def test_a_rendered_date_reads_back(date: datetime.date) -> None:
    """Reading and writing share one list of month names, in one order."""
    assert parse_date(render_date(date)) == date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("29th, January 2024 GMT", datetime.date(2024, 1, 29)),
        ("29th January 2024 GMT", datetime.date(2024, 1, 29)),
        ("29th, January 2024", datetime.date(2024, 1, 29)),
        ("  29th ,  January  2024  GMT ", datetime.date(2024, 1, 29)),
        ("29 January 2024", datetime.date(2024, 1, 29)),
        ("January 29th, 2024", datetime.date(2024, 1, 29)),
        ("29th, January 2024 10:30 GMT", datetime.date(2024, 1, 29)),
        ("29th, January 2024 GMT+3", datetime.date(2024, 1, 29)),
        ("29th, Sept 2024 UTC", datetime.date(2024, 9, 29)),
        ("2024-01-29", datetime.date(2024, 1, 29)),
        ("٢٩ يناير ٢٠٢٤", datetime.date(2024, 1, 29)),
        ("29 كانون الثاني 2024", datetime.date(2024, 1, 29)),
        ("1 أبريل 2024", datetime.date(2024, 4, 1)),
        ("1 ابريل 2024", datetime.date(2024, 4, 1)),
        ("۳ آب ۲۰۲۴", datetime.date(2024, 8, 3)),
    ],
)
def test_other_forms(text: str, expected: datetime.date) -> None:
    assert parse_date(text) == expected


def test_leap_day() -> None:
    assert parse_date("29th, February 2024 GMT") == datetime.date(2024, 2, 29)
    assert parse_date("29th, February 2000 GMT") == datetime.date(2000, 2, 29)
    with pytest.raises(DateError, match="no such day"):
        parse_date("29th, February 2023 GMT")
    with pytest.raises(DateError, match="no such day"):
        parse_date("29th, February 1900 GMT")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("31st, February 2024 GMT", "no such day"),
        ("31st, April 2024 GMT", "no such day"),
        ("0th, May 2024 GMT", "no such day"),
        ("5th, Smarch 2024 GMT", "unknown month"),
        ("yesterday", "not a date"),
        ("", "not a date"),
        ("29th, January 24 GMT", "not a date"),
        ("2024-13-01", "no such day"),
        ("29" * 200, "not a date"),
    ],
)
def test_not_dates(text: str, reason: str) -> None:
    with pytest.raises(DateError, match=reason):
        parse_date(text)


def test_impossible_date_gives_a_diagnostic_not_an_error() -> None:
    article = parse_text(dump(TITLE, "تاريخ النشر: 31st, February 2024 GMT", PARAGRAPH))
    assert article.published is None
    assert [(d.code, d.line) for d in article.diagnostics] == [("date", 2)]
    assert "no such day" in article.diagnostics[0].message
    assert article.title == TITLE
    assert article.paragraphs[0].text == PARAGRAPH


def test_malformed_date_line_is_consumed_and_diagnosed() -> None:
    article = parse_text(dump(TITLE, "تاريخ النشر: قريبا", PARAGRAPH))
    assert article.published is None
    assert [d.code for d in article.diagnostics] == ["date"]
    assert [p.text for p in article.paragraphs] == [PARAGRAPH]


def test_missing_date_line_is_diagnosed() -> None:
    article = parse_text(dump(TITLE, PARAGRAPH))
    assert article.published is None
    assert [(d.code, d.line) for d in article.diagnostics] == [("date", 1)]
    assert article.title == TITLE


def test_date_line_without_colon() -> None:
    assert parse_text(dump(TITLE, "تاريخ النشر 29th, January 2024 GMT", PARAGRAPH)).published == (
        datetime.date(2024, 1, 29)
    )


def test_headline_may_contain_the_date_label() -> None:
    title = "تاريخ النشر: ما لا تعرفه عن أقدم صحيفة عربية"
    article = parse_text(dump(title, "تاريخ النشر: 2nd, March 2024 GMT", PARAGRAPH))
    assert article.title == title
    assert article.published == datetime.date(2024, 3, 2)
