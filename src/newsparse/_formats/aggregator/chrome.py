"""Site chrome: the user-interface text of news sites that scraped pages keep.

chrome-line  := chrome-entry+          (a line made only of chrome entries: dropped)
glued-label  := text? entry (letter | end)   (a multiword entry glued to what follows it,
                                        or ending the line: cut out, the rest kept)

The entries are the lexicon's ``chrome`` list (``_text/lexicons/chrome.txt``, and a
user's own); they are compared folded.  docs/format.md, "Site chrome".
"""

from __future__ import annotations

import functools
import re
from typing import Final

import regex

from newsparse._text.arabic import fold
from newsparse._text.lexicon import Lexicon

__all__ = ["MAX_LINE_CHARS", "Chrome", "chrome_of"]

_EDGES: Final = " :：-–—|.،,•·»«\"'"
MAX_LINE_CHARS: Final = 80
"""Chrome lines are buttons and labels: a longer line is text."""
# Letters a site may spell either way, as a pattern that takes both.
_VARIANTS: Final = {
    "ا": "[اأإآ]", "أ": "[اأإآ]", "إ": "[اأإآ]", "آ": "[اأإآ]",
    "ي": "[يى]", "ى": "[يى]", "ه": "[هة]", "ة": "[هة]",
}  # fmt: skip


def _key(text: str) -> str:
    return " ".join(fold(text).replace("ة", "ه").replace("ى", "ي").split())


def _pattern(entry: str) -> str:
    """A pattern for *entry* in any spelling: alef and yeh variants, diacritics, spacing."""
    words = []
    for word in entry.split():
        words.append("".join(_VARIANTS.get(c, regex.escape(c)) + r"\p{Mn}*" for c in word))
    return r"\s+".join(words)


def _re_pattern(word: str) -> str:
    """*word* in any of its spellings, as a pattern of the `re` module."""
    return "".join(f"[{_SPELLINGS[c]}]" if c in _SPELLINGS else re.escape(c) for c in word)


def _cores(word: str) -> set[str]:
    """Substrings that *word* holds in every spelling: its longest run of letters a site
    spells one way, or, when that is short, the word as written and with plain alefs."""
    runs = "".join(c if c not in _SPELLINGS else " " for c in word).split()
    longest = max(runs, key=len, default="")
    if len(longest) >= 3:
        return {longest}
    return {word, "".join("ا" if c in "أإآ" else c for c in word)}


def _spellings(word: str) -> set[str]:
    """*word* in the spellings a site may use: alef forms, ة/ه and ى/ي."""
    options = [_SPELLINGS.get(c, c) for c in word]
    spellings = {""}
    for choice in options:
        spellings = {done + c for done in spellings for c in choice}
    return spellings


_SPELLINGS: Final = {
    "ا": "اأإآ", "أ": "اأإآ", "إ": "اأإآ", "آ": "اأإآ", "ي": "يى", "ى": "يى", "ه": "هة", "ة": "هة",
}  # fmt: skip


class Chrome:
    """The chrome entries of one lexicon, ready to test lines and cut labels."""

    __slots__ = (
        "_cores",
        "_entries",
        "_firsts",
        "_firsts_letters",
        "_glued",
        "_longest",
        "_probe",
        "entries",
    )

    def __init__(self, entries: tuple[str, ...]) -> None:
        self.entries = entries
        """The entries as written (also junk in bylines)."""
        self._entries = frozenset(tuple(_key(entry).split()) for entry in entries if entry.split())
        self._longest = max(map(len, self._entries), default=0)
        self._firsts = frozenset(words[0] for words in self._entries)
        self._firsts_letters = frozenset(
            c for entry in entries if entry.strip() for c in _SPELLINGS.get(entry[0], entry[0])
        )
        labels = sorted((e for e in entries if len(e.split()) > 1), key=len, reverse=True)
        # A label's last word glued to a letter, or ending the line, in one search: only
        # such lines are searched for whole labels (docs/performance.md#kept-tricks).
        self._cores = tuple(
            sorted({core for label in labels for core in _cores(label.split()[-1])})
        )
        self._probe = (
            re.compile(
                "(?:"
                + "|".join(sorted({_re_pattern(label.split()[-1]) for label in labels}))
                + r")(?=[^\W\d_]|$)"
            )
            if labels
            else None
        )
        self._glued = (
            regex.compile(
                r"(?:" + "|".join(_pattern(label) for label in labels) + r")(?=\p{L}|\s*$)"
            )
            if labels
            else None
        )

    def is_line(self, text: str) -> bool:
        """Whether *text* (a stripped line) is chrome entries and nothing else."""
        if not text or len(text) > MAX_LINE_CHARS or text[0] not in self._firsts_letters:
            return False  # most short lines: no entry starts with their first letter
        words = tuple(_key(text.strip(_EDGES)).split())
        return bool(words) and self._covers(words)

    def _covers(self, words: tuple[str, ...]) -> bool:
        """Whether *words* are chrome entries end to end (one pass: the ends reachable)."""
        reachable = [True] + [False] * len(words)
        for start in range(len(words)):
            if not reachable[start]:
                continue
            for size in range(1, min(self._longest, len(words) - start) + 1):
                if words[start : start + size] in self._entries:
                    reachable[start + size] = True
        return reachable[-1]

    def may_cut(self, text: str) -> bool:
        """Whether *text* (a whole article) holds a label's last word anywhere: if not, no
        line of it needs :meth:`cut` (docs/performance.md#kept-tricks)."""
        return self._probe is not None and any(core in text for core in self._cores)

    def cut(self, text: str) -> tuple[list[str], list[str]] | None:
        """The parts of *text* left when its glued labels are cut out, and the labels; None
        when it has none (most lines: those without an anchor are not searched)."""
        if self._glued is None or self._probe is None:
            return None
        for core in self._cores:  # a plain `in` each, before any search
            if core in text:
                break
        else:
            return None
        if self._probe.search(text) is None:
            return None
        parts: list[str] = []
        labels: list[str] = []
        start = 0
        for match in self._glued.finditer(text):
            parts.append(text[start : match.start()].strip())
            labels.append(match[0])
            start = match.end()
        if not labels:
            return None
        parts.append(text[start:].strip())
        return [part for part in parts if part], labels


@functools.lru_cache(maxsize=16)  # one entry per lexicon in use
def chrome_of(lexicon: Lexicon | None) -> Chrome:
    """The chrome of *lexicon* (None: the built-in one)."""
    return Chrome((Lexicon.builtin() if lexicon is None else lexicon).chrome)
