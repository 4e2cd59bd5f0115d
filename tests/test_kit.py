"""The format author's kit (newsparse.kit): what the built-in formats and plugins share."""

from __future__ import annotations

import pickle
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsparse import (
    AggregatorText,
    OutletProfile,
    Paragraph,
    ParseError,
    ProfileRegistry,
    default_registry,
    parse_file,
)
from newsparse.kit import Body, Confidence, Diagnostics, OutletRules, empty_input, parse_body

PARAGRAPH = "وقال الوزير إن الاتفاق يشمل التعاون الأمني بين البلدين."

# Lines of a body and its tail, defects included: a marker with no headline after it, a
# line after the source line, a keywords line.
BODY_LINES = st.sampled_from(
    [
        PARAGRAPH,
        "أعلنت الحكومة عن خطة جديدة لدعم الزراعة في المنطقة.",
        "التعاون الأمني",
        "اقرأ أيضاً",
        "اقرأ أيضاً: الرئيس يصل إلى العاصمة",
        "المصدر: الخليج الجديد",
        "كلمات دلالية: إيران باكستان",
        "",
        "   ",
    ]
)
BODIES = st.lists(BODY_LINES, max_size=12).map("\n".join)


def _lines(body: Body) -> list[int | None]:
    lines: list[int | None] = [block.line for block in body.blocks]
    lines += [item.line for item in body.related]
    lines += [block.line for item in body.related for block in item.body]
    return [*lines, None if body.source is None else body.source.line]


def _without_lines(body: Body) -> object:
    return attrs.evolve(
        body,
        blocks=tuple(attrs.evolve(block, line=None) for block in body.blocks),
        source=None if body.source is None else attrs.evolve(body.source, line=None),
        related=tuple(
            attrs.evolve(
                item,
                line=None,
                body=tuple(attrs.evolve(block, line=None) for block in item.body),
            )
            for item in body.related
        ),
    )


@given(BODIES, st.integers(min_value=1, max_value=10_000))
def test_first_line_numbers_every_line_from_there(text: str, first: int) -> None:
    here, there = Diagnostics(), Diagnostics()
    at_one = parse_body(text, diagnostics=here)
    shifted = parse_body(text, diagnostics=there, first_line=first)
    assert _without_lines(shifted) == _without_lines(at_one)
    assert _lines(shifted) == [None if n is None else n + first - 1 for n in _lines(at_one)]
    assert [(d.code, d.line) for d in there.found] == [
        (d.code, None if d.line is None else d.line + first - 1) for d in here.found
    ]


@given(BODIES, st.integers(min_value=1, max_value=10_000))
def test_one_line_puts_everything_on_that_line_and_names_the_inner_one(
    text: str, line: int
) -> None:
    inner, outer = Diagnostics(), Diagnostics()
    plain = parse_body(text, diagnostics=inner)
    held = parse_body(text, diagnostics=outer, first_line=line, one_line=True)
    assert _without_lines(held) == _without_lines(plain)
    assert {n for n in _lines(held) if n is not None} <= {line}
    assert [(d.code, d.message, d.line) for d in outer.found] == [
        (d.code, f"{d.message} (line {d.line} of the content)", line) for d in inner.found
    ]


def test_a_strict_defect_in_a_one_line_text_names_both_lines() -> None:
    found = Diagnostics(strict=True, path="corpus.json", label="object 3")
    with pytest.raises(ParseError) as raised:
        parse_body(f"{PARAGRAPH}\nاقرأ أيضاً", diagnostics=found, first_line=9, one_line=True)
    error = raised.value
    assert (error.path, error.line, error.code) == ("corpus.json", 9, "read-also")
    assert error.message.startswith("object 3, line 2 of its content: a read-also marker")


def test_lenient_records_and_strict_raises_the_same_defect() -> None:
    lenient = Diagnostics(path="a.txt")
    lenient.defect("date", "cannot read the date", line=4, column=3, source_line="x")
    assert [(d.code, d.message, d.line) for d in lenient.found] == [
        ("date", "cannot read the date", 4)
    ]
    strict = Diagnostics(strict=True, path="a.txt", label="record 2")
    with pytest.raises(ParseError) as raised:
        strict.defect("date", "cannot read the date", line=4, column=3, source_line="x")
    assert (raised.value.message, raised.value.line, raised.value.column) == (
        "record 2: cannot read the date",
        4,
        3,
    )
    assert strict.found == ()


def test_a_strict_message_says_what_to_do_instead() -> None:
    with pytest.raises(ParseError, match="read without strict"):
        Diagnostics(strict=True).defect("x", "replaced", strict_message="read without strict")


def test_a_note_is_recorded_in_strict_mode_too() -> None:
    found = Diagnostics(strict=True)
    found.note("mojibake", "repaired 1 line", line=1)
    assert [d.code for d in found.found] == ["mojibake"]


def test_the_api_and_the_dump_format_give_the_same_empty_input_error(tmp_path: Path) -> None:
    empty = tmp_path / "e.txt"
    empty.write_text("  \n", encoding="utf-8")
    with pytest.raises(ParseError) as by_api:
        parse_file(empty)
    with pytest.raises(ParseError) as by_format:
        list(AggregatorText().parse("  \n", path=str(empty)))
    assert str(by_api.value) == str(by_format.value) == str(empty_input(str(empty)))
    assert by_api.value.code == "empty"


def test_confidence_levels_are_floats_in_order() -> None:
    levels = list(Confidence)
    assert levels == sorted(levels, reverse=True)
    assert all(0.0 <= level <= 1.0 for level in levels)
    assert pickle.loads(pickle.dumps(Confidence.MARKED)) == Confidence.MARKED  # noqa: S301


def test_the_built_in_formats_sniff_with_named_levels() -> None:
    assert AggregatorText().sniff("عنوان\nتاريخ النشر: 29th, January 2024 GMT") is (
        Confidence.CERTAIN
    )
    assert default_registry().get("saudinewsnet").sniff('[{"content": ""}]') is Confidence.MARKED
    assert default_registry().get("newsparse-jsonl").sniff('{"a": 1}') is Confidence.WEAK


NAMES = st.tuples(
    st.sampled_from(["سارة", "أحمد", "فهد", "مريم", "ليلى", "يوسف", "نادية"]),
    st.sampled_from(["خالد", "حسن", "الذيابي", "العمري", "النجار", "يعقوب"]),
).map(" ".join)


@given(NAMES)
def test_outlet_rules_drop_the_junk_of_the_profiles_that_apply(name: str) -> None:
    profile = OutletProfile(name="x", outlets=("منفذ",), byline_junk=("حصري",))
    profiles = ProfileRegistry((profile,))
    applies = OutletRules.for_article(profiles, source="منفذ", byline=None)
    assert applies.authors(f"{name} حصري") == (name,)
    other = OutletRules.for_article(profiles, source="غيره", byline=None)
    assert other.profiles == ()
    assert other.authors(f"{name} حصري") == (f"{name} حصري",)
    assert other.authors(f"{name} تابعنا") == (name,)  # site chrome, whatever the outlet


def test_outlet_rules_cut_page_labels_and_noise_from_keywords() -> None:
    profile = OutletProfile(name="x", keyword_prefixes=("وسوم الموقع",), keyword_noise=("للمزيد",))
    rules = OutletRules.for_article(ProfileRegistry((profile,)), source=None, byline=None)
    assert rules.keywords("وسوم الموقع إيران للمزيد", "") == ("إيران",)


def test_parse_body_applies_the_outlet_given_rather_than_the_source_line() -> None:
    profile = OutletProfile(name="x", outlets=("منفذ",), keyword_noise=("باكستان",))
    text = f"{PARAGRAPH}\nالمصدر: الخليج الجديد\nكلمات دلالية: إيران باكستان"
    registry = ProfileRegistry((profile,))
    by_source = parse_body(text, diagnostics=Diagnostics(), profiles=registry)
    by_outlet = parse_body(text, diagnostics=Diagnostics(), profiles=registry, outlet="منفذ")
    assert by_source.keywords == ("إيران", "باكستان")
    assert by_outlet.keywords == ("إيران",)
    assert by_outlet.blocks == (Paragraph(text=PARAGRAPH),)
