"""Properties of the keyword segmenter: total, faithful to the line, and linear."""

from __future__ import annotations

import itertools
from functools import cache

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from newsparse._formats.aggregator.keywords import (
    _analyse,
    _Context,
    _key,
    _Segmenter,
    segment_keywords,
)
from newsparse._text.lexicon import Lexicon

# Tokens that exercise every rule: names, particles, prepositions, glued و,
# numbers, adjectives, labels, Persian letters, diacritics, Latin.
VOCAB = [
    "إيران",
    "ایران",
    "باكستان",
    "باکستان",
    "وإیران",
    "والصين",
    "واشنطن",
    "مصر",
    "السعودية",
    "الأمم",
    "المتحدة",
    "مجلس",
    "الأمن",
    "ساحل",
    "العاج",
    "منتخب",
    "عبد",
    "أبو",
    "بن",
    "الله",
    "محمد",
    "الرئيس",
    "في",
    "بين",
    "و",
    "غير",
    "2024",
    "٧",
    "أكتوبر",
    "كرة",
    "القدم",
    "الحرس",
    "الثوري",
    "الإيراني",
    "غارة",
    "جوية",
    "للمزيد",
    "للطاقة",
    "ريبورتاج",
    "غزّة",
    "الحـرب",
    "ChatGPT",
    "-",
    "،",
    "\u200c",
    "ـ",
    "ال",
    "لل",
    "وو",
]
SEPARATORS = [" ", "  ", "\t", "\n", "\u00a0", " \u2003 "]

token_lines = st.lists(
    st.tuples(st.sampled_from(VOCAB), st.sampled_from(SEPARATORS)), max_size=40
).map(lambda pairs: "".join(word + sep for word, sep in pairs))
any_text = st.text(max_size=300)
lines = st.one_of(token_lines, any_text)
contexts = st.one_of(any_text, token_lines, st.just(""))


def is_dedup_segmentation(tokens: list[str], tags: tuple[str, ...]) -> bool:
    """Return whether *tokens* split into runs whose first-seen de-duplication is *tags*."""
    runs = [tag.split(" ") for tag in tags]

    @cache
    def reach(position: int, emitted: int) -> bool:
        if position == len(tokens):
            return emitted == len(tags)
        for index in range(min(emitted + 1, len(tags))):
            run = runs[index]
            if tokens[position : position + len(run)] == run and reach(
                position + len(run), max(emitted, index + 1)
            ):
                return True
        return False

    return reach(0, 0)


@given(lines, contexts)
def test_never_crashes_and_returns_tags(raw: str, context: str) -> None:
    result = segment_keywords(raw, context)
    assert isinstance(result, tuple)
    assert all(isinstance(tag, str) for tag in result)


@given(lines, contexts)
def test_tags_are_nonempty_unique_runs_of_the_line(raw: str, context: str) -> None:
    result = segment_keywords(raw, context)
    assert len(set(result)) == len(result)
    for tag in result:
        assert tag
        assert tag == tag.strip()
        assert "  " not in tag
    assert (result == ()) == (raw.split() == [])
    assert is_dedup_segmentation(raw.split(), result)


@given(lines)
def test_without_context_equals_empty_context(raw: str) -> None:
    assert segment_keywords(raw) == segment_keywords(raw, "")


@given(token_lines)
def test_every_token_is_kept(raw: str) -> None:
    result = segment_keywords(raw)
    # no token is lost or invented
    words = " ".join(result).split(" ") if result else []
    assert set(words) == set(raw.split())


@pytest.mark.parametrize(
    "raw", ["و " * 5_000, "عبد " * 5_000, "2024 " * 5_000, "الحرس الثوري " * 2_500]
)
def test_long_pathological_lines(raw: str) -> None:
    """Joiner runs that could chain or backtrack still give tags made of the line's tokens.

    How the time grows with such input is measured by ``make bench``
    (benchmarks/hostile.py), not asserted here.
    """
    tags = segment_keywords(raw, raw)
    assert tags
    assert set(" ".join(tags).split()) == set(raw.split())


@given(contexts, st.lists(st.sampled_from(VOCAB), min_size=2, max_size=8))
def test_searched_and_indexed_context_agree(context: str, words: list[str]) -> None:
    """The two ways of asking the context (find per pair, or all pairs up front) agree."""
    toks = [_analyse(word) for word in words]
    searched = _Context(context, toks, gaps=0)
    indexed = _Context(context, toks, gaps=10**12)
    for left, right in itertools.product(toks, repeat=2):
        assert searched.adjacent(left, right) == indexed.adjacent(left, right)


@given(st.lists(st.sampled_from([*VOCAB, *SEPARATORS, ".", "،", "\u2028"])).map("".join))
def test_context_finds_side_by_side_words(context: str) -> None:
    """Every two words of the context that only spaces separate are found side by side."""
    folded = _key(context)
    for line in folded.splitlines():
        for run in regex.split(r"[^\p{L}\p{M}\p{N}\p{Cf}\-\s]+", line):
            words = run.split()
            searched = _Context(context, map(_analyse, words), gaps=0)
            for left, right in itertools.pairwise(words):
                assert searched.adjacent(_analyse(left), _analyse(right))


# Equal to the built-in lexicon but not it: its tables and memo are built afresh.
_BUILTIN_PLUS = Lexicon.builtin()._with({"labels": ["newsparse-property-test-label"]})


@given(lines, contexts)
def test_the_builtin_lexicon_segments_as_the_default(raw: str, context: str) -> None:
    default = segment_keywords(raw, context)
    assert segment_keywords(raw, context, lexicon=Lexicon.builtin()) == default
    assert segment_keywords(raw, context, lexicon=_BUILTIN_PLUS) == default


@given(st.lists(st.one_of(st.sampled_from(VOCAB), st.text(max_size=12)), max_size=12))
def test_fresh_tables_of_the_builtin_lexicon_analyse_as_the_default(words: list[str]) -> None:
    fresh = _Segmenter(Lexicon.builtin())
    assert [fresh.analyse(word) for word in words] == [_analyse(word) for word in words]
