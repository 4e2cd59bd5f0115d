"""Body blocks: paragraphs, subheadings, read-also boxes in every spelling, glued headlines."""

from __future__ import annotations

import pytest

from newsparse import Heading, Paragraph, ReadAlso, parse_text
from newsparse._formats.aggregator.grammar import is_heading
from tests.helpers import PARAGRAPH, PARAGRAPH_2, RELATED_TITLE, article_dump

MARKERS = [
    f"{read}{space}{also}{colon}"
    for read in ("اقرأ", "إقرأ", "اقرا", "طالع", "شاهد")  # read, look, watch: one box
    for also in ("أيضاً", "أيضًا", "أيضا", "ايضا")
    for space in (" ",)
    for colon in ("", ":", " :")
] + ["اقرأأيضاً", "إقرأ  أيضاً:"]


@pytest.mark.parametrize("marker", MARKERS)
def test_two_line_box_in_every_spelling(marker: str) -> None:
    article = parse_text(article_dump(PARAGRAPH, marker, RELATED_TITLE, PARAGRAPH_2))
    assert article.body == (
        Paragraph(text=PARAGRAPH),
        ReadAlso(titles=(RELATED_TITLE,)),
        Paragraph(text=PARAGRAPH_2),
    )


@pytest.mark.parametrize("marker", MARKERS)
def test_one_line_box_in_every_spelling(marker: str) -> None:
    article = parse_text(article_dump(PARAGRAPH, f"{marker} {RELATED_TITLE}", PARAGRAPH_2))
    assert article.body == (
        Paragraph(text=PARAGRAPH),
        ReadAlso(titles=(RELATED_TITLE,)),
        Paragraph(text=PARAGRAPH_2),
    )


def test_title_after_colon_may_itself_hold_a_colon() -> None:
    title = "صحف عبرية: حماس تعمدت إذلال إسرائيل في مراسم تسليم الأسرى"
    article = parse_text(article_dump(PARAGRAPH, f"اقرأ أيضاً: {title}", PARAGRAPH_2))
    assert article.body[1] == ReadAlso(titles=(title,))


@pytest.mark.parametrize(
    "line",
    [
        "وقال الوزير: اقرأ أيضاً ما كتبناه أمس عن الموضوع.",
        "اقرأ المزيد عن هذه القصة في التقرير المرفق.",
        "اقرأوا البيان كاملا على موقع الوزارة.",
    ],
)
def test_marker_only_counts_at_the_start_of_a_line(line: str) -> None:
    article = parse_text(article_dump(PARAGRAPH, line))
    assert article.body == (Paragraph(text=PARAGRAPH), Paragraph(text=line))


def test_glued_headline_goes_to_the_box_before_it() -> None:
    glued = "أمريكا تضغط لإقصاء حزب الله من الحكومة اللبنانية..ما السبب؟"
    rest = "وقال عراقجي، في تصريحات نقلتها وسائل إعلام محلية ودولية، إن بلاده سترد."
    article = parse_text(article_dump(PARAGRAPH, f"اقرأ أيضاً: {RELATED_TITLE}", glued + rest))
    assert article.body == (
        Paragraph(text=PARAGRAPH),
        ReadAlso(titles=(RELATED_TITLE, glued)),
        Paragraph(text=rest),
    )


def test_glued_headline_after_a_two_line_box() -> None:
    glued = "ما الذي تريده طهران من إسلام آباد؟"
    article = parse_text(article_dump("اقرأ أيضاً", RELATED_TITLE, glued + PARAGRAPH_2))
    assert article.body == (ReadAlso(titles=(RELATED_TITLE, glued)), Paragraph(text=PARAGRAPH_2))


def test_several_glued_headlines() -> None:
    first, second = "هل تنتهي الأزمة؟", "من يربح الحرب؟"
    article = parse_text(article_dump("اقرأ أيضاً", RELATED_TITLE, first + second + PARAGRAPH_2))
    assert article.body == (
        ReadAlso(titles=(RELATED_TITLE, first, second)),
        Paragraph(text=PARAGRAPH_2),
    )


def test_question_mark_seam_counts_only_right_after_a_box() -> None:
    line = "هل تنتهي الأزمة؟وقال الوزير إن المحادثات مستمرة."
    article = parse_text(article_dump(PARAGRAPH, line))
    assert article.body == (Paragraph(text=PARAGRAPH), Paragraph(text=line))


def test_question_mark_followed_by_space_is_no_seam() -> None:
    line = "هل تنتهي الأزمة؟ قال الوزير إن المحادثات مستمرة."
    article = parse_text(article_dump("اقرأ أيضاً", RELATED_TITLE, line))
    assert article.body == (ReadAlso(titles=(RELATED_TITLE,)), Paragraph(text=line))


def test_two_headlines_run_together_without_seam_stay_one_title() -> None:
    title = "الاحتلال يفجر المنازل في طولكرم أمريكا تضغط لإقصاء حزب الله"
    article = parse_text(article_dump("اقرأ أيضاً", title, PARAGRAPH))
    assert article.body[0] == ReadAlso(titles=(title,))


def test_adjacent_boxes_merge() -> None:
    other = "رئيس إيران يؤكد على ضرورة التصدي لمحاولات إثارة التوتر مع باكستان"
    article = parse_text(article_dump("اقرأ أيضاً", RELATED_TITLE, f"اقرأ أيضاً: {other}", PARAGRAPH))
    assert article.body == (ReadAlso(titles=(RELATED_TITLE, other)), Paragraph(text=PARAGRAPH))


def test_marker_with_nothing_after_it_is_diagnosed() -> None:
    article = parse_text(article_dump(PARAGRAPH, "اقرأ أيضاً"))
    assert article.body == (Paragraph(text=PARAGRAPH),)
    assert [(d.code, d.line) for d in article.diagnostics] == [("read-also", 4)]


def test_marker_right_before_the_source_line_is_diagnosed() -> None:
    article = parse_text(article_dump(PARAGRAPH, "اقرأ أيضاً", "المصدر: وكالات"))
    assert article.body == (Paragraph(text=PARAGRAPH),)
    assert article.source is not None
    assert [d.code for d in article.diagnostics] == ["read-also"]


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("قصف متبادل", True),
        ("ردود فعل دولية على الهجوم", True),
        ("مخاوف من اتساع رقعة الحرب في المنطقة", False),  # 7 words: too long
        ("قصف متبادل.", False),
        ("ما السبب؟", False),
        ("وقال الوزير:", False),
        ("الموقف الأمريكي…", False),
        ('قال "نعم"', False),
        ("قالوا «لا»", False),
        ("1- تعزيز التعاون الأمني", False),
        ("١- تعزيز التعاون الأمني", False),
        ("2) تبادل المعلومات", False),
        ("- تبادل المعلومات", False),
        ("pic.twitter.com/abc123", False),
        ("وقال الوزير إن", False),  # opens running text
    ],
)
def test_subheading_rule(line: str, heading: bool) -> None:
    assert is_heading(line) is heading
    block = parse_text(article_dump(PARAGRAPH, line, PARAGRAPH_2)).body[1]
    assert block == (Heading(text=line) if heading else Paragraph(text=line))


def test_views() -> None:
    article = parse_text(
        article_dump(PARAGRAPH, "قصف متبادل", PARAGRAPH_2, "اقرأ أيضاً", RELATED_TITLE)
    )
    assert article.paragraphs == (Paragraph(text=PARAGRAPH), Paragraph(text=PARAGRAPH_2))
    assert article.headings == (Heading(text="قصف متبادل"),)
    assert article.text == f"{PARAGRAPH}\n\n{PARAGRAPH_2}"


def test_blocks_know_their_lines() -> None:
    article = parse_text(
        "\n" + article_dump(PARAGRAPH, "", "قصف متبادل", "اقرأ أيضاً", RELATED_TITLE)
    )
    assert [block.line for block in article.body] == [4, 6, 8]


def test_text_is_kept_exactly() -> None:
    line = (
        "قالت\u00a0الوزارة إن الاتفاق\u200cالجديد يدخل حيّز التنفيذ الــيوم ١٢ مارس، وفق بیان رسمی."
    )
    assert parse_text(article_dump(line)).paragraphs[0].text == line


@pytest.mark.parametrize(
    "line",
    [
        "شاهد عيان قال إن الانفجار وقع قرب السوق المركزي صباح اليوم.",
        "طالع المراقبون نتائج الانتخابات باهتمام كبير في العاصمة.",
    ],
)
def test_a_paragraph_opening_with_the_verbs_of_a_box_stays_a_paragraph(line: str) -> None:
    article = parse_text(article_dump(PARAGRAPH, line, PARAGRAPH_2))
    assert article.body == (
        Paragraph(text=PARAGRAPH),
        Paragraph(text=line),
        Paragraph(text=PARAGRAPH_2),
    )


@pytest.mark.parametrize("heading", ["مقدمة:", "خلفية الأزمة:", "ردود الفعل الدولية :"])
def test_a_short_line_ending_in_a_colon_before_a_paragraph_is_a_heading(heading: str) -> None:
    article = parse_text(article_dump(PARAGRAPH, heading, PARAGRAPH_2))
    assert article.body == (
        Paragraph(text=PARAGRAPH),
        Heading(text=heading),
        Paragraph(text=PARAGRAPH_2),
    )


@pytest.mark.parametrize(
    "line",
    [
        "وقال:",  # a speech intro
        "وأضاف الوزير:",
        "فقال:",
        "وتشمل الخطة التي أعلنتها الحكومة اليوم البنود التالية:",  # a list intro: too long
    ],
)
def test_a_speech_or_list_intro_ending_in_a_colon_stays_a_paragraph(line: str) -> None:
    article = parse_text(article_dump(PARAGRAPH, line, PARAGRAPH_2))
    assert article.body == (
        Paragraph(text=PARAGRAPH),
        Paragraph(text=line),
        Paragraph(text=PARAGRAPH_2),
    )


def test_a_colon_line_with_no_paragraph_after_it_stays_a_paragraph() -> None:
    for after in ("عنوان فرعي قصير", "اقرأ أيضاً"):
        body = parse_text(article_dump(PARAGRAPH, "مقدمة:", after, RELATED_TITLE, PARAGRAPH_2)).body
        assert body[1] == Paragraph(text="مقدمة:")


OTHER_HEADLINES = (
    "الأمم المتحدة تحذر من تفاقم الأزمة الإنسانية في شمال البلاد",
    "البنك المركزي يرفع أسعار الفائدة للمرة الثالثة هذا العام",
)


@pytest.mark.parametrize("count", [2, 3])
def test_headline_lines_under_a_marker_are_all_titles_of_the_box(count: int) -> None:
    titles = (RELATED_TITLE, *OTHER_HEADLINES)[:count]
    article = parse_text(article_dump(PARAGRAPH, "اقرأ أيضاً", *titles, PARAGRAPH_2))
    assert article.body == (
        Paragraph(text=PARAGRAPH),
        ReadAlso(titles=titles),
        Paragraph(text=PARAGRAPH_2),
    )


def test_a_box_takes_three_headlines_at_most_and_then_a_short_line_is_a_heading() -> None:
    fourth = "الحكومة تعلن خطة جديدة لدعم المزارعين في المناطق الريفية"
    article = parse_text(
        article_dump(PARAGRAPH, "اقرأ أيضاً", RELATED_TITLE, *OTHER_HEADLINES, fourth, "ردود فعل")
    )
    assert article.body[1] == ReadAlso(titles=(RELATED_TITLE, *OTHER_HEADLINES))
    assert article.body[2:] == (Paragraph(text=fourth), Heading(text="ردود فعل"))


def test_a_punctuated_line_after_the_box_title_is_a_paragraph() -> None:
    article = parse_text(article_dump(PARAGRAPH, "اقرأ أيضاً", RELATED_TITLE, PARAGRAPH_2))
    assert article.body[1:] == (ReadAlso(titles=(RELATED_TITLE,)), Paragraph(text=PARAGRAPH_2))
