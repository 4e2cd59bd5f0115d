"""Headline and byline: every byline form of docs/format.md, and pages without a headline."""

from __future__ import annotations

import datetime

import pytest

from newsparse import parse_text
from newsparse._formats.aggregator.byline import authors_from_byline
from newsparse._formats.profiles import default_profiles
from tests.helpers import DATE, PARAGRAPH, PARAGRAPH_2, TITLE, dump


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("إعداد: فرانس24 تابِع إعلان اقرأ المزيد", ("فرانس24",)),
        ("إعداد: فرانس24 تابع إعلان إقرأ المزيد", ("فرانس24",)),
        ("كتب: محمد عبد الله", ("محمد عبد الله",)),
        ("كتبت: سارة أحمد", ("سارة أحمد",)),
        ("بقلم: خالد العلي", ("خالد العلي",)),
        ("بقلم/ خالد العلي", ("خالد العلي",)),
        ("بقلم / خالد العلي", ("خالد العلي",)),
        ("سام برس", ("سام برس",)),
        ("بغداد اليوم - متابعة", ("بغداد اليوم",)),
        ("البلاد- جدة", ("البلاد",)),
        ("كتب: أحمد حسن و سارة خالد", ("أحمد حسن", "سارة خالد")),
        ("كتب: أحمد حسن - سارة خالد", ("أحمد حسن", "سارة خالد")),
        ("كتب: أحمد حسن، سارة خالد", ("أحمد حسن", "سارة خالد")),
        ("كتب - أحمد حسن", ("أحمد حسن",)),
        ("بقلم – سارة خالد", ("سارة خالد",)),
        ("إعداد وتحرير: فريق التحرير", ("فريق التحرير",)),
        ("متابعة", ()),
    ],
)
def test_byline_forms(byline: str, authors: tuple[str, ...]) -> None:
    junk = [
        phrase for p in default_profiles().for_article(None, byline) for phrase in p.byline_junk
    ]
    assert authors_from_byline(byline, junk) == authors
    article = parse_text(dump(TITLE, DATE, byline, PARAGRAPH))
    assert article.authors == authors
    assert [p.text for p in article.paragraphs] == [PARAGRAPH]


def test_no_byline_when_the_first_line_is_a_paragraph() -> None:
    article = parse_text(dump(TITLE, DATE, PARAGRAPH, PARAGRAPH_2))
    assert article.authors == ()
    assert len(article.paragraphs) == 2


def test_long_labelled_byline_is_still_a_byline() -> None:
    article = parse_text(
        dump(TITLE, DATE, "كتب: مراسل الشؤون السياسية في العاصمة والمناطق المحيطة بها", PARAGRAPH)
    )
    assert article.authors == ("مراسل الشؤون السياسية في العاصمة والمناطق المحيطة بها",)


@pytest.mark.parametrize(
    "title",
    [
        "عاجل: باكستان وإيران تتفقان على تعزيز التعاون",
        "باكستان وإيران.. اتفاق على التعاون | تقرير",
        "هل تنتهي الأزمة بين باكستان وإيران؟",
        "تاريخ العلاقات بين البلدين: قراءة في تاريخ النشر والتوزيع",
    ],
)
def test_headline_is_the_first_line_whatever_it_holds(title: str) -> None:
    article = parse_text(dump(title, DATE, PARAGRAPH))
    assert article.title == title
    assert article.published == datetime.date(2024, 1, 29)


def test_page_without_headline_but_with_date() -> None:
    article = parse_text(dump(DATE, PARAGRAPH, PARAGRAPH_2))
    assert article.title == ""
    assert article.published == datetime.date(2024, 1, 29)
    assert len(article.paragraphs) == 2


def test_page_without_headline_and_date_takes_its_first_line_as_title() -> None:
    """docs/format.md, Headline: the headline is the first non-blank line, whatever it holds."""
    first = PARAGRAPH.removesuffix(".") + " وذلك بعد قصف متبادل بين الجارتين في الأسبوع الماضي."
    article = parse_text(dump(first, "", PARAGRAPH_2))
    assert article.title == first
    assert article.published is None
    assert [p.text for p in article.paragraphs] == [PARAGRAPH_2]
    assert [d.code for d in article.diagnostics] == ["date"]


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("بقلم/ أ. د. خالد العلي", ("أ. د. خالد العلي",)),  # honorifics stay in the name
        ("كتب: د. محمد عبد الله", ("د. محمد عبد الله",)),
        ("البلاد- جدة", ("البلاد",)),
    ],
)
def test_a_headless_page_may_open_with_its_byline(byline: str, authors: tuple[str, ...]) -> None:
    """docs/format.md, Headline: the byline became the title, and the authors were empty."""
    article = parse_text(dump(byline, PARAGRAPH, PARAGRAPH_2))
    assert (article.title, article.published, article.authors) == ("", None, authors)
    assert [p.text for p in article.paragraphs] == [PARAGRAPH, PARAGRAPH_2]
    (diagnostic,) = article.diagnostics
    assert diagnostic.code == "date"
    assert "no headline" in diagnostic.message
    assert "after the headline" not in diagnostic.message


@pytest.mark.parametrize(
    "first",
    ["جدة تستضيف القمة العربية المقبلة", "تقرير: " + " ".join(["كلمة"] * 14)],
)
def test_a_first_line_that_is_no_byline_stays_the_title(first: str) -> None:
    article = parse_text(dump(first, PARAGRAPH, PARAGRAPH_2))
    assert article.title == first
