"""Shared Hypothesis strategies: articles in canonical shape, and hostile dump text.

An article in *canonical shape* is one that :func:`newsparse.render` writes
and :func:`newsparse.parse_text` reads back unchanged: it has a date; its
paragraphs end with final punctuation, its headings are short and
unpunctuated, related titles are headline-length; no two read-also boxes are
adjacent (the parser merges those); a body without byline does not open with
a heading (that line would read as a byline); keyword tags are names that
never join (countries), and a trailer comes only after a source or keywords
line.
"""

from __future__ import annotations

import datetime

from hypothesis import strategies as st

from newsparse import Article, Block, Heading, Paragraph, ReadAlso, RelatedArticle, Source

# Ordinary words: none is a marker, label, opener, junk word or dateline place.
WORDS = [
    "الحكومة",
    "وزير",
    "الخارجية",
    "اجتماع",
    "مباحثات",
    "التعاون",
    "الأمني",
    "البلدين",
    "العاصمة",
    "الاتفاق",
    "الرئيس",
    "المنطقة",
    "الاقتصاد",
    "النفط",
    "الطاقة",
    "الزراعة",
    "المدينة",
    "القطاع",
    "الشركات",
    "الأسواق",
    "الأسعار",
    "جديد",
    "كبير",
    "واسع",
    "سريع",
    "أمس",
    "اليوم",
    "الأسبوع",
    "الماضي",
    "المقبل",
    "أعلن",
    "أكد",
    "قالت",
    "أوضحت",
    "بحث",
    "ناقش",
    "السلام",
    "الحرب",
    "الحدود",
    "اللاجئين",
    "المساعدات",
    "الإنسانية",
    "البرلمان",
    "الانتخابات",
    "الدستور",
    "مشروع",
    "خطة",
    "برنامج",
    "قرار",
    "بيان",
    "تقرير",
    "دراسة",
    "مؤتمر",
    "قمة",
    "لقاء",
    "زيارة",
    "رسمية",
]
COUNTRIES = [
    "إيران",
    "باكستان",
    "العراق",
    "سوريا",
    "مصر",
    "المغرب",
    "تونس",
    "الأردن",
    "لبنان",
    "تركيا",
]
NAMES = ["محمد", "أحمد", "سارة", "خالد", "ليلى", "يوسف", "مريم", "حسن", "نور", "عمر"]
FINAL = [".", "!", "؟", '."', "»"]


def _words(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(WORDS), min_size=min_size, max_size=max_size).map(" ".join)


paragraphs = st.builds(lambda text, end: text + end, _words(3, 30), st.sampled_from(FINAL)).map(
    lambda text: Paragraph(text=text)
)
headings = _words(1, 6).map(lambda text: Heading(text=text))
headlines = _words(7, 20)
read_alsos = st.lists(headlines, min_size=1, max_size=3).map(lambda titles: ReadAlso(titles=titles))
blocks: st.SearchStrategy[Block] = st.one_of(paragraphs, headings, read_alsos)


def _canonical_body(items: list[Block]) -> list[Block]:
    merged: list[Block] = []
    for block in items:
        if merged and isinstance(block, ReadAlso) and isinstance(merged[-1], ReadAlso):
            merged[-1] = ReadAlso(titles=merged[-1].titles + block.titles)
        else:
            merged.append(block)
    return merged


bodies = st.lists(blocks, max_size=12).map(_canonical_body)
authors = st.lists(
    st.lists(st.sampled_from(NAMES), min_size=1, max_size=3).map(" ".join), max_size=3
)
sources = st.builds(
    lambda name, credit: Source(name=name, credit=credit),
    _words(1, 4),
    st.none() | _words(1, 4),
)
related_articles = st.builds(
    lambda title, body: RelatedArticle(title=title, body=body), headlines, bodies
)
dates = st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 12, 31))


@st.composite
def articles(draw: st.DrawFn) -> Article:
    """An Article in canonical shape (see the module docstring)."""
    writers = draw(authors)
    body = [draw(paragraphs), *draw(bodies)]
    if draw(st.booleans()):
        body = draw(bodies) + body
    if not writers and isinstance(body[0], Heading):
        body.insert(0, draw(paragraphs))
    source = draw(st.none() | sources)
    tags = draw(st.none() | st.lists(st.sampled_from(COUNTRIES), max_size=8))
    related = draw(st.lists(related_articles, max_size=3)) if source or tags is not None else []
    return Article(
        title=draw(headlines),
        published=draw(dates),
        authors=writers,
        body=_canonical_body(body),
        source=source,
        keywords=() if tags is None else tuple(dict.fromkeys(tags)),
        keywords_raw=None if tags is None else " ".join(tags),
        related=related,
    )


# Hostile text: lines built from the format's own markers, labels and Arabic letters.
MARKER_LINES = [
    "اقرأ أيضاً", "إقرأ أيضاً:", "اقرا ايضا", "اقرأ أيضاً: عنوان", "المصدر: وكالات",
    "فرانس24/ رويترزالمصدر: فرانس24", "المصدر", "كلمات دلالية: إيران باكستان", "كلمات دلالية:",
    "تاريخ النشر: 29th, January 2024 GMT", "تاريخ النشر: 31st, February 2024 GMT",
    "تاريخ النشر:", "إعداد: فرانس24 تابِع إعلان اقرأ المزيد", "بقلم/", "؟", "ما السبب؟وقال",
    "1- بند", "قصف متبادل", "\ufeff", "\u200c", "\u00a0",
]  # fmt: skip
_ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئةىًٌٍَُِّْـ٠١٢٣"
lines = st.one_of(
    st.sampled_from(MARKER_LINES),
    st.text(alphabet=_ARABIC + ' .:؟،"»-|/', max_size=60),
    st.text(max_size=40),
    st.lists(st.sampled_from(MARKER_LINES + WORDS), max_size=6).map("".join),
)
dump_texts = st.lists(lines, max_size=25).flatmap(
    lambda items: st.sampled_from(["\n", "\r\n", "\r"]).map(lambda newline: newline.join(items))
)
