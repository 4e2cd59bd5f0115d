"""Authors from a byline, without the website UI around them.

byline  := [label sep] part (joiner part)* junk*
label   := إعداد | كتب | بقلم | ...      sep := ":" | "/"
joiner  := " و " | " - " | "-" with a space on one side | "،" | ","
junk    := the byline junk of the outlet profiles that apply (France24: تابِع إعلان اقرأ المزيد)

A part that is only a desk label or a dateline place (``متابعة``, ``جدة``) is
not an author: ``البلاد- جدة`` gives ``البلاد``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Final

import regex

from newsparse._formats.aggregator.grammar import BYLINE_LABEL, REST
from newsparse._text.arabic import fold
from newsparse._text.lexicon import PLACES

__all__ = ["authors_and_junk", "authors_from_byline", "is_byline_line"]

_DESK_LABELS: Final = ("متابعة", "متابعات", "خاص", "وكالات", "تقرير", "ترجمة", "تحرير", "محليات")
_MULTIWORD_DATELINES: Final = ("الدار البيضاء", "رام الله", "أبو ظبي")
_NOT_AUTHORS: Final = frozenset(
    fold(phrase) for phrase in (*_DESK_LABELS, *_MULTIWORD_DATELINES, *PLACES)
)
_SPLIT_AUTHORS: Final = regex.compile(
    r"""
      \s+ و \s+                  # و ("and") as a word of its own
    | \s+ [-–—] \s*              # a dash with a space before it
    | \s* [-–—] \s+              # or after it (a hyphen inside a name splits nothing)
    | \s* [،,] \s*               # a comma, Arabic or Latin
    """,
    regex.X,
)
_EDGE_PUNCTUATION: Final = " :：/|-–—،,."


@functools.lru_cache(maxsize=64)  # one entry per set of profiles in use
def _phrases(junk: tuple[str, ...]) -> tuple[frozenset[tuple[str, ...]], int]:
    """The folded words of each junk phrase, and the most words a phrase has."""
    phrases = {words for phrase in junk if (words := tuple(fold(phrase).split()))}
    return frozenset(phrases), max(map(len, phrases), default=0)


def _without_junk(text: str, junk: Iterable[str]) -> tuple[str, list[str]]:
    """*text* with every junk word or phrase removed, words joined by single spaces, and
    the junk removed, as written."""
    phrases, longest = _phrases(tuple(junk))
    if not phrases:
        return " ".join(text.split()), []
    words = text.split()
    folded = [fold(word) for word in words]
    kept: list[str] = []
    cut: list[str] = []
    i = 0
    while i < len(words):
        for size in range(min(longest, len(words) - i), 0, -1):
            if tuple(folded[i : i + size]) in phrases:
                cut.append(" ".join(words[i : i + size]))
                i += size
                break
        else:
            kept.append(words[i])
            i += 1
    return " ".join(kept), cut


def authors_from_byline(line: str, junk: Iterable[str] = ()) -> tuple[str, ...]:
    """Return the authors a byline names, in order, without the *junk* words and phrases.

    >>> authors_from_byline("إعداد: فرانس24 تابِع إعلان اقرأ المزيد", ["تابع", "اقرأ المزيد"])
    ('فرانس24 إعلان',)
    >>> authors_from_byline("البلاد- جدة")
    ('البلاد',)
    """
    return authors_and_junk(line, junk)[0]


def authors_and_junk(line: str, junk: Iterable[str] = ()) -> tuple[tuple[str, ...], list[str]]:
    """The authors of the byline *line* (as :func:`authors_from_byline`), and the junk cut."""
    labelled = BYLINE_LABEL.match(line)
    text = labelled[REST] if labelled is not None else line
    kept, cut = _without_junk(text, junk)
    parts = (part.strip(_EDGE_PUNCTUATION) for part in _SPLIT_AUTHORS.split(kept))
    return tuple(part for part in parts if part and fold(part) not in _NOT_AUTHORS), cut


_BYLINE_MAX_WORDS: Final = 12


def is_byline_line(line: str) -> bool:
    """Whether *line* can only be a byline, even where a headline would stand.

    byline-line := label sep names        (``بقلم/ أ. د. X``, ``كتب: X``)
                 | outlet joiner place     (``البلاد- جدة``: a dateline place last)

    and at most _BYLINE_MAX_WORDS words: a headless page may open with one
    (docs/format.md, Headline).

    >>> is_byline_line("بقلم/ أ. د. خالد العلي"), is_byline_line("البلاد- جدة")
    (True, True)
    >>> is_byline_line("جدة تستضيف القمة العربية المقبلة")
    False
    """
    if len(line.split(maxsplit=_BYLINE_MAX_WORDS)) > _BYLINE_MAX_WORDS:
        return False
    if BYLINE_LABEL.match(line) is not None:
        return True
    parts = [part for raw in _SPLIT_AUTHORS.split(line) if (part := raw.strip(_EDGE_PUNCTUATION))]
    return (
        len(parts) >= 2 and fold(parts[-1]) in _NOT_AUTHORS and fold(parts[0]) not in _NOT_AUTHORS
    )
