"""Site chrome (docs/format.md, Site chrome): which lines are chrome, which labels are cut."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsparse._formats.aggregator.chrome import Chrome, chrome_of

ENTRIES = ("أ", "أ ب", "ب ج د", "اقرأ المزيد")
WORDS = st.lists(st.sampled_from(["أ", "ب", "ج", "د", "اقرأ", "المزيد", "هـ"]), max_size=12)


def _made_of_entries(words: list[str]) -> bool:
    """The reference: try every way of cutting *words* into pieces."""
    pieces = {tuple(entry.split()) for entry in ENTRIES}
    for cuts in itertools.product([False, True], repeat=max(len(words) - 1, 0)):
        piece: list[str] = []
        ok = True
        for index, word in enumerate(words):
            piece.append(word)
            if index == len(words) - 1 or cuts[index]:
                ok = ok and tuple(piece) in pieces
                piece = []
        if ok:
            return True
    return False


@given(WORDS)
def test_a_chrome_line_is_entries_end_to_end(words: list[str]) -> None:
    line = " ".join(words)
    assert Chrome(ENTRIES).is_line(line) == (bool(words) and _made_of_entries(words))


def test_entries_that_overlap_are_decided_in_one_pass() -> None:
    chrome = Chrome(("أ", "أ أ", "أ أ أ"))
    assert chrome.is_line(" ".join(["أ"] * 30))
    assert not chrome.is_line(" ".join(["أ"] * 30) + " ب")


@pytest.mark.parametrize(
    "line", ["اظهار أخبار متعلقة", "إظهار اخبار متعلقه", "أهم الأخبار", "تابِع إعلان اقرأ المزيد"]
)
def test_the_built_in_chrome_lines_in_their_spellings(line: str) -> None:
    assert chrome_of(None).is_line(line)


@pytest.mark.parametrize(
    "line",
    ["أهم الأخبار اليوم في المنطقة", "تابع الرئيس المحادثات.", "اقرأ المزيد عن الخطة في التقرير."],
)
def test_text_that_holds_chrome_words_is_no_chrome_line(line: str) -> None:
    assert not chrome_of(None).is_line(line)


def test_a_label_glued_to_the_next_word_or_ending_the_line_is_cut() -> None:
    chrome = chrome_of(None)
    assert chrome.cut("نص التغريدة 2023 إقرأ المزيدوتعرض اللاعب لإصابة.") == (
        ["نص التغريدة 2023", "وتعرض اللاعب لإصابة."],
        ["إقرأ المزيد"],
    )
    assert chrome.cut("نشر الحساب التغريدة اقرأ المزيد") == (
        ["نشر الحساب التغريدة"],
        ["اقرأ المزيد"],
    )


@pytest.mark.parametrize(
    "line", ["ومن أهم الأخبار التي نشرت اليوم.", "ويمكن للقارئ أن اقرأ المزيد من التفاصيل."]
)
def test_the_phrase_in_running_text_is_left_alone(line: str) -> None:
    assert chrome_of(None).cut(line) is None
