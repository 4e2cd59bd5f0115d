"""Site chrome: the user-interface text of news sites that scraped pages keep.

chrome-line  := chrome-entry+          (a line made only of chrome entries: dropped)
glued-label  := text? entry (letter | end)   (a multiword entry glued to what follows it,
                                        or ending the line: cut out, the rest kept)

The entries are the lexicon's ``chrome`` list (``_text/lexicons/chrome.txt``, and a
user's own); they are compared folded.  docs/format.md, "Site chrome".
"""

from __future__ import annotations

import functools
from typing import Final

import regex

from newsparse._text.arabic import fold
from newsparse._text.lexicon import Lexicon

__all__ = ["Chrome", "chrome_of"]

_EDGES: Final = " :：-–—|.،,•·»«\"'"
_MAX_LINE_CHARS: Final = 80  # chrome lines are buttons and labels: longer lines are text
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


class Chrome:
    """The chrome entries of one lexicon, ready to test lines and cut labels."""

    __slots__ = ("_anchors", "_entries", "_glued", "_longest", "entries")

    def __init__(self, entries: tuple[str, ...]) -> None:
        self.entries = entries
        """The entries as written (also junk in bylines)."""
        self._entries = frozenset(tuple(_key(entry).split()) for entry in entries if entry.split())
        self._longest = max(map(len, self._entries), default=0)
        labels = sorted((e for e in entries if len(e.split()) > 1), key=len, reverse=True)
        # The last letters of each label as written: a line without any is not searched
        # (a plain `in` per line, where folding every line would cost a pass over it).
        self._anchors = tuple({label.split()[-1][-3:] for label in labels})
        self._glued = (
            regex.compile(
                r"(?:" + "|".join(_pattern(label) for label in labels) + r")(?=\p{L}|\s*$)"
            )
            if labels
            else None
        )

    def is_line(self, text: str) -> bool:
        """Whether *text* (a stripped line) is chrome entries and nothing else."""
        if len(text) > _MAX_LINE_CHARS:
            return False
        words = tuple(_key(text.strip(_EDGES)).split())
        return bool(words) and self._covers(words)

    def _covers(self, words: tuple[str, ...]) -> bool:
        if not words:
            return True
        return any(
            words[:size] in self._entries and self._covers(words[size:])
            for size in range(min(self._longest, len(words)), 0, -1)
        )

    def cut(self, text: str) -> tuple[list[str], list[str]] | None:
        """The parts of *text* left when its glued labels are cut out, and the labels; None
        when it has none (most lines: those without an anchor are not searched)."""
        if self._glued is None or not any(anchor in text for anchor in self._anchors):
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
