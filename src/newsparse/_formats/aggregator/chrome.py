"""Site chrome: the user-interface text of news sites that scraped pages keep.

chrome-line  := chrome-entry+               (a line made only of entries: dropped)
glued-label  := text? entry (letter | end)  (a multiword entry glued to what follows
                                             it, or ending the line: cut out, the rest kept)

The entries are the lexicon's ``chrome`` list (``_text/lexicons/chrome.txt``, and a
user's own); they are compared folded.  docs/format.md, "Site chrome".
"""

from __future__ import annotations

import functools
from typing import Final

import regex

from newsparse._text.arabic import fold
from newsparse._text.lexicon import Lexicon

__all__ = ["MAX_LINE_CHARS", "Chrome", "chrome_of"]

MAX_LINE_CHARS: Final = 80
"""Chrome lines are buttons and labels: a longer line is text."""
_EDGES: Final = " :：-–—|.،,•·»«\"'"
# The letters a site may spell either way, each with its other spellings.
_SPELLINGS: Final = {
    "ا": "اأإآ", "أ": "اأإآ", "إ": "اأإآ", "آ": "اأإآ", "ي": "يى", "ى": "يى", "ه": "هة", "ة": "هة",
}  # fmt: skip


def _key(text: str) -> str:
    return " ".join(fold(text).replace("ة", "ه").replace("ى", "ي").split())


def _pattern(entry: str) -> str:
    """A pattern for *entry* in any spelling: alef, yeh and heh variants, diacritics, spaces."""
    return r"\s+".join(
        "".join(
            (f"[{_SPELLINGS[c]}]" if c in _SPELLINGS else regex.escape(c)) + r"\p{Mn}*"
            for c in word
        )
        for word in entry.split()
    )


def _cores(word: str) -> set[str]:
    """Substrings that *word* holds in every spelling: its longest run of letters a site
    spells one way, or, when that is short, the word as written and with plain alefs."""
    runs = "".join(" " if c in _SPELLINGS else c for c in word).split()
    longest = max(runs, key=len, default="")
    if len(longest) >= 3:
        return {longest}
    return {word, "".join("ا" if c in "أإآ" else c for c in word)}


class Chrome:
    """The chrome entries of one lexicon, ready to test lines and cut labels."""

    __slots__ = ("_cores", "_entries", "_first_letters", "_glued", "_longest", "entries")

    def __init__(self, entries: tuple[str, ...]) -> None:
        self.entries = entries
        """The entries as written (byline junk too)."""
        self._entries = frozenset(tuple(_key(entry).split()) for entry in entries if entry.split())
        self._longest = max(map(len, self._entries), default=0)
        self._first_letters = frozenset(
            c for entry in entries if entry.strip() for c in _SPELLINGS.get(entry[0], entry[0])
        )
        labels = sorted((e for e in entries if len(e.split()) > 1), key=len, reverse=True)
        # Only a text holding a label's last word is searched for labels, and only its
        # lines that hold one (docs/performance.md#kept-tricks).
        self._cores = tuple(sorted({c for label in labels for c in _cores(label.split()[-1])}))
        self._glued = (
            regex.compile(
                r"(?:" + "|".join(_pattern(label) for label in labels) + r")(?=\p{L}|\s*$)"
            )
            if labels
            else None
        )

    def is_line(self, text: str) -> bool:
        """Whether *text* (a stripped line) is chrome entries and nothing else."""
        if not text or len(text) > MAX_LINE_CHARS or text[0] not in self._first_letters:
            return False  # most lines: too long, or no entry starts with their first letter
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
        """Whether *text* holds a label's last word anywhere: if not, :meth:`cut` has
        nothing to find in it (the parser asks once for the whole article)."""
        return any(core in text for core in self._cores)

    def cut(self, text: str) -> tuple[list[str], list[str]] | None:
        """The parts of *text* left when its glued labels are cut out, and the labels; None
        when it has none."""
        if self._glued is None or not self.may_cut(text):
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
