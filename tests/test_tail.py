"""Source line, keywords line and the trailer of related articles."""

from __future__ import annotations

import pytest

from newsparse import Heading, Paragraph, ReadAlso, RelatedArticle, Source, parse_text
from tests.helpers import PARAGRAPH, PARAGRAPH_2, RELATED_TITLE, article_dump

OTHER_TITLE = "إيران تلوح بالحرب الشاملة في حالة الاعتداء على منشآتها النووية"


@pytest.mark.parametrize(
    ("line", "name", "credit"),
    [
        ("المصدر: مأرب برس", "مأرب برس", None),
        ("المصدر : مأرب برس", "مأرب برس", None),
        ("فرانس24/ رويترزالمصدر: فرانس24", "فرانس24", "فرانس24/ رويترز"),
        ("المصدر | الخليج الجديدالمصدر: الخليج الجديد", "الخليج الجديد", "المصدر | الخليج الجديد"),
        ("وكالاتالمصدر:وكالات", "وكالات", "وكالات"),
        (".المصدر: RT Arabic", "RT Arabic", None),  # punctuation only is no credit
        ("- | المصدر: روسيا اليوم", "روسيا اليوم", None),
    ],
)
def test_source_line_forms(line: str, name: str, credit: str | None) -> None:
    article = parse_text(article_dump(PARAGRAPH, line))
    assert article.source == Source(name=name, credit=credit)
    assert article.body == (Paragraph(text=PARAGRAPH),)


@pytest.mark.parametrize(
    "line",
    [
        'وأضاف المصدر: "لن نسمح بتكرار ما حدث".',
        "المصدر الذي طلب عدم ذكر اسمه قال إن المحادثات مستمرة.",
        "وقال المصدر: إن الاجتماع سيعقد غدا في العاصمة.",
    ],
)
def test_body_lines_that_mention_a_source_stay_in_the_body(line: str) -> None:
    article = parse_text(article_dump(PARAGRAPH, line, PARAGRAPH_2, "المصدر: وكالات"))
    assert [p.text for p in article.paragraphs] == [PARAGRAPH, line, PARAGRAPH_2]
    assert article.source == Source(name="وكالات")


def test_source_like_line_in_the_middle_of_the_body_is_a_paragraph() -> None:
    article = parse_text(article_dump(PARAGRAPH, "المصدر: وكالات", PARAGRAPH_2))
    assert article.source is None
    assert len(article.body) == 3


def test_quote_at_the_end_without_source_line() -> None:
    line = 'وأضاف المصدر: "لن نسمح بتكرار ما حدث".'
    article = parse_text(article_dump(PARAGRAPH, line))
    assert article.source is None
    assert article.body[-1] == Paragraph(text=line)


def test_keywords_line() -> None:
    article = parse_text(
        article_dump(PARAGRAPH, tail=("المصدر: وكالات", "كلمات دلالية: إيران باكستان"))
    )
    assert article.keywords_raw == "إيران باكستان"
    assert article.keywords == ("إيران", "باكستان")


@pytest.mark.parametrize(
    "label", ["كلمات دلالية:", "كلمات دلالية :", "الكلمات الدلالية:", "كلمات مفتاحية:", "الوسوم:"]
)
def test_keywords_label_spellings(label: str) -> None:
    article = parse_text(article_dump(PARAGRAPH, tail=(f"{label} العراق سوريا",)))
    assert article.keywords_raw == "العراق سوريا"
    assert article.body == (Paragraph(text=PARAGRAPH),)


def test_keywords_without_source() -> None:
    article = parse_text(article_dump(PARAGRAPH, tail=("كلمات دلالية: العراق",)))
    assert article.source is None
    assert article.keywords == ("العراق",)


def test_empty_keywords_line() -> None:
    article = parse_text(article_dump(PARAGRAPH, tail=("كلمات دلالية:",)))
    assert article.keywords_raw == ""
    assert article.keywords == ()


def test_keywords_before_source() -> None:
    article = parse_text(article_dump(PARAGRAPH, tail=("كلمات دلالية: العراق", "المصدر: وكالات")))
    assert article.source == Source(name="وكالات")
    assert article.keywords_raw == "العراق"


def test_no_tail_at_all() -> None:
    article = parse_text(article_dump(PARAGRAPH, PARAGRAPH_2))
    assert (article.source, article.keywords_raw, article.related) == (None, None, ())


def test_trailer_with_several_related_articles() -> None:
    article = parse_text(
        article_dump(
            PARAGRAPH,
            tail=(
                "المصدر: وكالات",
                "كلمات دلالية: إيران",
                "إقرأ أيضاً:",
                RELATED_TITLE,
                PARAGRAPH,
                "شراكة شاملة",
                PARAGRAPH_2,
                OTHER_TITLE,
                "اقرأ أيضاً: صحف عبرية: حماس تعمدت إذلال إسرائيل في مراسم تسليم الأسرى",
                PARAGRAPH_2,
            ),
        )
    )
    assert article.related == (
        RelatedArticle(
            title=RELATED_TITLE,
            body=(
                Paragraph(text=PARAGRAPH),
                Heading(text="شراكة شاملة"),
                Paragraph(text=PARAGRAPH_2),
            ),
        ),
        RelatedArticle(
            title=OTHER_TITLE,
            body=(
                ReadAlso(titles=("صحف عبرية: حماس تعمدت إذلال إسرائيل في مراسم تسليم الأسرى",)),
                Paragraph(text=PARAGRAPH_2),
            ),
        ),
    )
    assert [r.line for r in article.related] == [7, 11]


def test_trailer_right_after_the_source_line() -> None:
    article = parse_text(
        article_dump(PARAGRAPH, tail=("المصدر: وكالات", "اقرأ أيضاً", RELATED_TITLE, PARAGRAPH_2))
    )
    assert article.related == (
        RelatedArticle(title=RELATED_TITLE, body=(Paragraph(text=PARAGRAPH_2),)),
    )
    assert article.body == (Paragraph(text=PARAGRAPH),)


def test_one_line_marker_opens_the_trailer() -> None:
    article = parse_text(
        article_dump(PARAGRAPH, tail=("المصدر: وكالات", f"اقرأ أيضاً: {RELATED_TITLE}", PARAGRAPH_2))
    )
    assert article.related == (
        RelatedArticle(title=RELATED_TITLE, body=(Paragraph(text=PARAGRAPH_2),)),
    )


def test_long_unpunctuated_line_in_the_trailer_is_a_paragraph() -> None:
    long_line = " ".join(["وكان الوزير قد قال في وقت سابق إن أي هجوم سيواجه برد فوري وحاسم"] * 2)
    article = parse_text(
        article_dump(PARAGRAPH, tail=("المصدر: وكالات", "إقرأ أيضاً:", RELATED_TITLE, long_line))
    )
    assert article.related[0].body == (Paragraph(text=long_line),)


def test_related_without_body_then_next_related() -> None:
    article = parse_text(
        article_dump(
            PARAGRAPH, tail=("المصدر: وكالات", "إقرأ أيضاً:", RELATED_TITLE, OTHER_TITLE, PARAGRAPH)
        )
    )
    assert [r.title for r in article.related] == [RELATED_TITLE, OTHER_TITLE]
    assert article.related[0].body == ()


def test_marker_in_the_body_before_the_tail_is_an_inline_box() -> None:
    article = parse_text(
        article_dump(PARAGRAPH, "إقرأ أيضاً:", RELATED_TITLE, tail=("المصدر: وكالات",))
    )
    assert article.body == (Paragraph(text=PARAGRAPH), ReadAlso(titles=(RELATED_TITLE,)))
    assert article.related == ()


def test_empty_trailer_is_diagnosed() -> None:
    article = parse_text(article_dump(PARAGRAPH, tail=("المصدر: وكالات", "إقرأ أيضاً:")))
    assert article.related == ()
    assert [(d.code, d.line) for d in article.diagnostics] == [("trailer", 5)]


def test_stray_line_after_the_keywords_line_is_kept_and_diagnosed() -> None:
    article = parse_text(article_dump(PARAGRAPH, tail=("كلمات دلالية: العراق", PARAGRAPH_2)))
    assert article.body == (Paragraph(text=PARAGRAPH), Paragraph(text=PARAGRAPH_2))
    assert [(d.code, d.line) for d in article.diagnostics] == [("layout", 5)]


def test_absurdly_long_keywords_line_is_no_tag_list() -> None:
    """Split on spaces, a 50 MiB line made millions of tags: 16 times its size in memory."""
    raw = " ".join(f"وسم{i}" for i in range(3000))
    article = parse_text(article_dump(PARAGRAPH, tail=(f"كلمات دلالية: {raw}",)))
    assert article.keywords_raw == raw
    assert article.keywords == ()
    assert [(d.code, d.line) for d in article.diagnostics] == [("keywords", 4)]
