"""Unit tests of the keyword segmenter: one group per cue, the seeds, and the gold F1."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsparse._formats.aggregator import keywords as _keywords
from newsparse._formats.aggregator.keywords import segment_keywords
from newsparse._text import lexicon as lx
from tests.helpers import DATA, SEEDS

GOLD = DATA / "keywords_gold.jsonl"

#: F1 reached on keywords_gold.jsonl when the suite was written: 0.992 (baseline 0.295).
#: The gold was written by the same hand as the lexicon, so treat it as optimistic.
F1_FLOOR = 0.97


def tags(raw: str, context: str = "") -> list[str]:
    """Return the segmentation of *raw* as a list (for readable assertions)."""
    return list(segment_keywords(raw, context))


# --- trivial input ------------------------------------------------------------------


@pytest.mark.parametrize("raw", ["", " ", "\n\t  ", "\u00a0"])
def test_blank_line_has_no_tags(raw: str) -> None:
    assert segment_keywords(raw) == ()


def test_single_token() -> None:
    assert tags("غزة") == ["غزة"]


def test_any_whitespace_separates_and_tags_use_single_spaces() -> None:
    assert tags("  غزة \t إسرائيل\nكرة   القدم ") == ["غزة", "إسرائيل", "كرة القدم"]


def test_duplicates_removed_by_exact_string_first_seen() -> None:
    assert tags("غزة إسرائيل غزة") == ["غزة", "إسرائيل"]


def test_persian_letter_repeats_are_distinct_strings() -> None:
    assert tags("إيران باكستان ایران باکستان") == ["إيران", "باكستان", "ایران", "باکستان"]


def test_text_kept_exactly_as_written() -> None:
    assert tags("غزّة الحـرب الإسرائيلية") == ["غزّة", "الحـرب الإسرائيلية"]


# --- lexicon ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("الأمم المتحدة مجلس الأمن", ["الأمم المتحدة", "مجلس الأمن"]),
        ("ساحل العاج الجزائر", ["ساحل العاج", "الجزائر"]),
        ("إسلام آباد طهران", ["إسلام آباد", "طهران"]),
        ("المملكة العربية السعودية الإمارات", ["المملكة العربية السعودية", "الإمارات"]),
        ("وقف إطلاق النار قطاع غزة", ["وقف إطلاق النار", "قطاع غزة"]),
        ("الولايات المتحدة والصين", ["الولايات المتحدة والصين"]),
        ("أبو ظبي دبي", ["أبو ظبي", "دبي"]),
        ("ابو ظبي دبى", ["ابو ظبي", "دبى"]),  # folded spellings still match
    ],
)
def test_lexicon_entries(raw: str, expected: list[str]) -> None:
    assert tags(raw) == expected


@pytest.mark.parametrize(
    "raw",
    ["مصر السعودية تونس", "إيران باكستان", "بكين واشنطن", "حماس فتح", "ترامب بايدن"],
)
def test_adjacent_gazetteer_names_never_join(raw: str) -> None:
    assert tags(raw) == raw.split()


def test_gazetteer_names_never_join_even_if_context_has_them() -> None:
    assert tags("باكستان إيران", "في باكستان إيران معا") == ["باكستان", "إيران"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("منتخب مصر", ["منتخب مصر"]),
        ("جنوب لبنان", ["جنوب لبنان"]),
        ("شمال شرق سوريا", ["شمال شرق سوريا"]),
        ("منتخب ساحل العاج", ["منتخب ساحل العاج"]),
        ("استخبارات العراق", ["استخبارات", "العراق"]),
        ("ريبورتاج باكستان", ["ريبورتاج", "باكستان"]),
    ],
)
def test_construct_heads_take_a_name(raw: str, expected: list[str]) -> None:
    assert tags(raw) == expected


def test_lexicon_lists_are_consistent() -> None:
    key = _keywords._key
    names = {key(w) for w in lx.PLACES | lx.GROUPS | lx.PERSONS}
    assert all(len(entry.split()) > 1 for entry in lx.MULTIWORD_NAMES + lx.MULTIWORD_PHRASES)
    assert not names & {key(w) for w in lx.GIVEN_NAMES}
    assert not names & {key(w) for w in lx.TITLES | lx.CONSTRUCT_HEADS | lx.LABELS}
    assert not {key(w) for w in lx.ADJECTIVE_STEMS} & {key(w) for w in lx.NOT_ADJECTIVE_STEMS}
    assert not {key(w) for w in lx.PREPOSITIONS} & {key(w) for w in lx.JOIN_NEXT | lx.LINKERS}


# --- context ------------------------------------------------------------------------


def test_context_phrase_joins() -> None:
    context = "وقال وزير الخارجية جليل عباس جيلاني إن البلدين اتفقا"
    assert tags("جليل عباس جيلاني إيران", context) == ["جليل عباس جيلاني", "إيران"]
    assert tags("جليل عباس جيلاني إيران") != ["جليل عباس جيلاني", "إيران"]


def test_context_run_stops_at_punctuation() -> None:
    assert tags("كليتشدار أوغلو", "قال كليتشدار. أوغلو") == ["كليتشدار", "أوغلو"]
    assert tags("كليتشدار أوغلو", "قال كليتشدار أوغلو.") == ["كليتشدار أوغلو"]


def test_context_matches_folded_spellings() -> None:
    assert tags("کلیتشدار اوغلو", "قال كليتشدار أوغلو") == ["کلیتشدار اوغلو"]


def test_context_never_joins_definite_to_indefinite() -> None:
    context = "زار الرئيس الإيراني إبراهيم رئيسي باكستان"
    assert tags("الرئيس الإيراني إبراهيم رئيسي", context) == [
        "الرئيس الإيراني",
        "إبراهيم رئيسي",
    ]


def test_context_never_joins_into_a_title() -> None:
    context = "أصدر أمير الكويت الشيخ مشعل الأحمد مرسوما"
    assert tags("أمير الكويت الشيخ مشعل الأحمد", context) == [
        "أمير الكويت",
        "الشيخ مشعل الأحمد",
    ]


# --- grammar cues -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("عبد اللهيان باکستان", ["عبد اللهيان", "باکستان"]),
        ("أبو عبيدة كتائب القسام", ["أبو عبيدة", "كتائب القسام"]),
        ("أم كلثوم القاهرة", ["أم كلثوم", "القاهرة"]),
        ("محمد بن سلمان السعودية", ["محمد بن سلمان", "السعودية"]),
        ("الملك عبد الله الثاني عمان", ["الملك عبد الله الثاني", "عمان"]),
        ("حسن نصر الله بيروت", ["حسن نصر الله", "بيروت"]),
        ("عبد المجيد تبون الجزائر", ["عبد المجيد تبون", "الجزائر"]),
    ],
)
def test_name_particles(raw: str, expected: list[str]) -> None:
    assert tags(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("الرئيس السيسي مصر", ["الرئيس السيسي", "مصر"]),
        ("دونالد ترامب جو بايدن", ["دونالد ترامب", "جو بايدن"]),
        ("محمود عباس السلطة الفلسطينية", ["محمود عباس", "السلطة الفلسطينية"]),
        ("قيس سعيد الاتحاد الأوروبي", ["قيس سعيد", "الاتحاد الأوروبي"]),
        ("الرئيس مصر", ["الرئيس", "مصر"]),  # a title takes a person, not a place
        ("الرئيس الأمريكي جو بايدن", ["الرئيس الأمريكي", "جو بايدن"]),
    ],
)
def test_titles_and_given_names(raw: str, expected: list[str]) -> None:
    assert tags(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("كأس العالم 2022 قطر", ["كأس العالم 2022", "قطر"]),
        ("رؤية ٢٠٣٠ نيوم", ["رؤية ٢٠٣٠", "نيوم"]),
        ("كوفيد 19 اللقاحات", ["كوفيد 19", "اللقاحات"]),
        ("هجوم 7 أكتوبر غزة", ["هجوم 7 أكتوبر", "غزة"]),
        ("الأسرى الإسرائيليين ٧ أكتوبر", ["الأسرى الإسرائيليين", "٧ أكتوبر"]),
        ("2024 الحرب", ["2024", "الحرب"]),
    ],
)
def test_numbers_join_the_word_before(raw: str, expected: list[str]) -> None:
    assert tags(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("طائرة بدون طيار كرة القدم", ["طائرة بدون طيار", "كرة القدم"]),
        ("الحرب في أوكرانيا ريبورتاج", ["الحرب في أوكرانيا", "ريبورتاج"]),
        ("الحرب بين حماس وإسرائيل", ["الحرب بين حماس وإسرائيل"]),
        ("التطبيع مع إسرائيل الاحتلال", ["التطبيع مع إسرائيل", "الاحتلال"]),
        ("الهجرة غير الشرعية تونس", ["الهجرة غير الشرعية", "تونس"]),
        ("مصر و السعودية", ["مصر و السعودية"]),
    ],
)
def test_prepositions_join_both_sides(raw: str, expected: list[str]) -> None:
    assert tags(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("باکستان وإیران", ["باکستان وإیران"]),
        ("الصين والهند", ["الصين والهند"]),
        ("مصر وقطر", ["مصر وقطر"]),
        ("بكين وايران", ["بكين وايران"]),
        ("الصين واشنطن", ["الصين", "واشنطن"]),  # واشنطن is not و + اشنطن
        ("مصر وزارة الخارجية", ["مصر", "وزارة الخارجية"]),
        ("سوريا وادي السيليكون", ["سوريا", "وادي السيليكون"]),
    ],
)
def test_glued_conjunction_joins_the_word_before(raw: str, expected: list[str]) -> None:
    assert tags(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("غارة جوية هجوم صاروخي", ["غارة جوية", "هجوم صاروخي"]),
        ("الحرس الثوري الإيراني استخبارات", ["الحرس الثوري الإيراني", "استخبارات"]),
        ("كأس الأمم الأفريقية", ["كأس الأمم الأفريقية"]),
        ("اللاجئين الفلسطينيين الأونروا", ["اللاجئين الفلسطينيين", "الأونروا"]),
        ("الإنجاز الأكبر", ["الإنجاز الأكبر"]),
        ("الطاقة المتجددة", ["الطاقة المتجددة"]),
        ("صندوق النقد الدولي", ["صندوق النقد الدولي"]),
        ("برنامج الأغذية العالمي", ["برنامج الأغذية العالمي"]),
        ("الوكالة الدولية للطاقة الذرية", ["الوكالة الدولية للطاقة الذرية"]),
    ],
)
def test_agreeing_adjectives_join(raw: str, expected: list[str]) -> None:
    assert tags(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("المغرب السعودية", ["المغرب", "السعودية"]),  # a name is never an adjective
        ("هجوم صاروخي الحرس الثوري", ["هجوم صاروخي", "الحرس الثوري"]),  # def/indef
        ("الحرب الأمم", ["الحرب", "الأمم"]),  # two definite nouns
        ("السعودي الأمير محمد", ["السعودي", "الأمير محمد"]),  # الأمير is no elative
        ("الزمالك الدوري المصري", ["الزمالك", "الدوري المصري"]),  # الدوري is a noun
        ("القضية الفلسطينية", ["القضية الفلسطينية"]),
    ],
)
def test_non_adjectives_do_not_join(raw: str, expected: list[str]) -> None:
    assert tags(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("مكافحة الإرهاب", ["مكافحة الإرهاب"]),
        ("أسعار النفط تخصيب اليورانيوم", ["أسعار النفط", "تخصيب اليورانيوم"]),
        ("ضحايا الزلزال المغرب", ["ضحايا الزلزال", "المغرب"]),
        ("طلاب مصر", ["طلاب", "مصر"]),  # a name is no idafa complement
        ("جوية الحرس", ["جوية", "الحرس"]),  # an adjective heads no idafa
    ],
)
def test_idafa(raw: str, expected: list[str]) -> None:
    assert tags(raw) == expected


def test_labels_stand_alone() -> None:
    assert tags("2024 للمزيد منتخب مصر") == ["2024", "للمزيد", "منتخب مصر"]
    assert tags("التشابه الوصف التاريخ إيران") == ["التشابه", "الوصف", "التاريخ", "إيران"]


# --- seeds ----------------------------------------------------------------------------


def _context(gold: dict[str, Any]) -> str:
    """Return the article text of a gold record the way the parser passes it."""
    parts: list[str] = [gold["title"]]

    def blocks(items: list[dict[str, Any]]) -> None:
        for block in items:
            if block["type"] in {"paragraph", "heading"}:
                parts.append(block["text"])
            elif block["type"] == "read_also":
                parts.extend(block["titles"])

    blocks(gold["body"])
    for related in gold.get("related", []):
        parts.append(related["title"])
        blocks(related["body"])
    return "\n".join(parts)


@pytest.mark.parametrize(
    "path", [DATA / f"{seed}.gold.json" for seed in SEEDS], ids=lambda p: p.name[:3]
)
def test_seed_keywords_exact(path: Path) -> None:
    gold = json.loads(path.read_text(encoding="utf-8"))
    assert list(segment_keywords(gold["keywords_raw"], _context(gold))) == gold["keywords"]


def test_seed_000_literal() -> None:
    raw = "إيران باكستان مكافحة الإرهاب قصف متبادل عبد اللهيان باکستان وإیران"
    assert tags(raw, "قصف متبادل") == [
        "إيران",
        "باكستان",
        "مكافحة الإرهاب",
        "قصف متبادل",
        "عبد اللهيان",
        "باکستان وإیران",
    ]


def test_seed_001_needs_no_context() -> None:
    gold = json.loads((DATA / "001_52f26a06847bab49.gold.json").read_text(encoding="utf-8"))
    assert list(segment_keywords(gold["keywords_raw"])) == gold["keywords"]


# --- the hand gold --------------------------------------------------------------------


def _gold() -> list[dict[str, Any]]:
    """Return the records of keywords_gold.jsonl."""
    with GOLD.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _f1(records: list[dict[str, Any]], naive: bool = False) -> float:
    """Return the tag-level micro F1 of the segmenter (or of ``raw.split()``) on *records*."""
    hits = predicted = expected = 0
    for record in records:
        raw, context = record["raw"], record["context"]
        got = set(raw.split()) if naive else set(segment_keywords(raw, context))
        gold = set(record["tags"])
        hits += len(got & gold)
        predicted += len(got)
        expected += len(gold)
    precision, recall = hits / predicted, hits / expected
    return 2 * precision * recall / (precision + recall)


def test_gold_file_is_well_formed() -> None:
    records = _gold()
    assert len(records) >= 40
    for record in records:
        assert set(record) >= {"raw", "context", "tags"}
        assert record["tags"] == list(dict.fromkeys(record["tags"]))
        # every gold tag is a run of the line's tokens
        assert all(f" {tag} " in f" {' '.join(record['raw'].split())} " for tag in record["tags"])


def test_gold_f1_stays_above_floor() -> None:
    records = _gold()
    assert _f1(records) >= F1_FLOOR
    assert _f1(records) > _f1(records, naive=True) + 0.5
