"""Authors from a byline, without the website UI around them.

byline  := [label sep] part (joiner part)* junk*
label   := إعداد | كتب | بقلم | ...      sep := ":" | "/"
joiner  := " و " | " - " | "-" with a space on one side | "،" | ","
junk    := تابِع | إعلان | اقرأ المزيد | شارك | ...   (France24 UI labels)

A part that is only a desk label or a dateline place (``متابعة``, ``جدة``) is
not an author: ``البلاد- جدة`` gives ``البلاد``.
"""

from __future__ import annotations

from typing import Final

import regex

from newsparse._arabic import fold
from newsparse._dump_grammar import BYLINE_LABEL
from newsparse._lexicon import PLACES

__all__ = ["authors_from_byline"]

_JUNK_WORDS: Final = frozenset(
    fold(word) for word in ["تابِع", "تابعنا", "إعلان", "شارك", "مشاركة", "طباعة", "حفظ"]
)
_JUNK_PAIRS: Final = frozenset(
    (fold(first), fold(second))
    for first, second in (("اقرأ", "المزيد"), ("إقرأ", "المزيد"), ("اقرا", "المزيد"))
)
_DESK_LABELS: Final = ("متابعة", "متابعات", "خاص", "وكالات", "تقرير", "ترجمة", "تحرير", "محليات")
_MULTIWORD_DATELINES: Final = ("الدار البيضاء", "رام الله", "أبو ظبي")
_NOT_AUTHORS: Final = frozenset(
    fold(phrase) for phrase in (*_DESK_LABELS, *_MULTIWORD_DATELINES, *PLACES)
)
_SPLIT_AUTHORS: Final = regex.compile(r"\s+و\s+|\s+[-–—]\s*|\s*[-–—]\s+|\s*[،,]\s*")
_EDGE_PUNCTUATION: Final = " :：/|-–—،,."


def _without_junk(text: str) -> str:
    words = text.split()
    kept: list[str] = []
    i = 0
    while i < len(words):
        folded = fold(words[i])
        if i + 1 < len(words) and (folded, fold(words[i + 1])) in _JUNK_PAIRS:
            i += 2
            continue
        if folded not in _JUNK_WORDS:
            kept.append(words[i])
        i += 1
    return " ".join(kept)


def authors_from_byline(line: str) -> tuple[str, ...]:
    """Return the authors a byline names, in order, without UI junk.

    >>> authors_from_byline("إعداد: فرانس24 تابِع إعلان اقرأ المزيد")
    ('فرانس24',)
    >>> authors_from_byline("البلاد- جدة")
    ('البلاد',)
    """
    labelled = BYLINE_LABEL.match(line)
    text = labelled["rest"] if labelled is not None else line
    parts = [part.strip(_EDGE_PUNCTUATION) for part in _SPLIT_AUTHORS.split(_without_junk(text))]
    return tuple(part for part in parts if part and fold(part) not in _NOT_AUTHORS)
