"""The cheap tests in front of the line rules only skip lines that no rule would take."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsparse._formats.aggregator.grammar import (
    _READ_ALSO,
    BYLINE_LABEL,
    DATE,
    DATE_LINE,
    KEYWORDS_LINE,
    RAW,
    REST,
    TITLE,
    is_plain,
    keywords_line,
    last_source_label,
)

STARTS = [
    "كلمات دلالية: إيران", "الكلمات المفتاحية：", "الوسوم: غزة", "وسوم :", "المصدر: وكالة",
    "اقرأ أيضاً", "إقرا ايضا: عنوان", "أقرأ  أيضًا",
]  # fmt: skip
lines = st.text(max_size=80) | st.tuples(
    st.text(max_size=5), st.sampled_from(STARTS), st.text(max_size=20)
).map("".join)


@given(lines)
def test_keywords_prefilter_keeps_every_keywords_line(line: str) -> None:
    assert (keywords_line(line) is None) == (KEYWORDS_LINE.fullmatch(line) is None)


@given(lines)
def test_a_plain_line_is_no_marker_keywords_or_source_line(line: str) -> None:
    if is_plain(line):
        assert _READ_ALSO.fullmatch(line) is None
        assert KEYWORDS_LINE.fullmatch(line) is None
        assert last_source_label(line) is None


LABELLED = [
    *STARTS, "تاريخ النشر: 29th, January 2024 GMT", "تاريخ  النشر 2024-01-29", "إعداد: أحمد",
    "إعداد وتحرير - سامي", "كتبت/ منى", "بقلم :", "تقرير – ",
]  # fmt: skip
labelled_lines = st.text(max_size=20) | st.tuples(
    st.sampled_from(LABELLED), st.text(max_size=20)
).map("".join)


@given(labelled_lines)
def test_the_group_numbers_taken_by_number_are_the_named_groups(line: str) -> None:
    """The parser reads TITLE, DATE, RAW and REST by number (a speed trick): each must be
    the number of the group it names, whatever the pattern around it."""
    for pattern, number, name in (
        (_READ_ALSO, TITLE, "title"),
        (DATE_LINE, DATE, "date"),
        (KEYWORDS_LINE, RAW, "raw"),
        (BYLINE_LABEL, REST, "rest"),
    ):
        match = pattern.fullmatch(line)
        if match is not None:
            assert match[number] == match[name]
            assert match.span(number) == match.span(name)
