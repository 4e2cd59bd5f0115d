"""The cheap tests in front of the line rules only skip lines that no rule would take."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsparse._formats.aggregator.grammar import (
    _READ_ALSO,
    KEYWORDS_LINE,
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
