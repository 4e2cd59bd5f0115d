"""Site chrome learned from a corpus: what one line offers as chrome, and the test of it.

A corpus profile (:class:`~newsparse.CorpusProfile`) names, per outlet, the
lines and the runs at a line's start or end that recur in many of its files.
This module says what those candidates are, for the learner that counts them
and for the parser that drops them, so that both see a line the same way::

    line-chrome   := the whole line                        (its spaces collapsed)
    start-chrome  := words{1,12} seam text                 (a breadcrumb, a label:
                     seam := » › | / : or a spaced dash     the words before a seam)
    end-chrome    := text final-punctuation words{1,24}    (a prompt glued after the
                                                            last sentence; no final
                                                            punctuation of its own;
                                                            several may follow it)

docs/corpus.md, "What is learned".

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import functools
from typing import Final

import regex

from newsparse._formats.aggregator.grammar import FINAL_PUNCTUATION
from newsparse._formats.aggregator.keywords import token_key
from newsparse._formats.aggregator.vocabulary import Vocabulary
from newsparse._model.corpus_profile import CorpusProfile, OutletChrome

__all__ = [
    "END_MAX_WORDS",
    "LINE_MAX_CHARS",
    "START_MAX_WORDS",
    "Learned",
    "LearnedChrome",
    "end_run",
    "learned_of",
    "line_key",
    "start_runs",
]

LINE_MAX_CHARS: Final = 120
"""Longer lines are never taken for chrome: a rights notice is shorter, most paragraphs
are longer (and leaving them out keeps the samples small)."""
START_MAX_WORDS: Final = 12
"""The longest run at a line's start that is taken for chrome (a breadcrumb trail)."""
END_MAX_WORDS: Final = 24
"""The longest run after a line's last sentence that is taken for chrome (prompts and
share buttons, several glued in a row)."""

_SEAM = regex.compile(
    r"""
    \s* [»›|/:：] \s*            # a breadcrumb arrow, a bar, a slash or a colon
    | \s+ [-–—] \s+              # or a dash with spaces around it
    """,
    regex.X,
)
# Where the words of a start run may end: the first START_MAX_WORDS words and a little more.
_START_WINDOW = START_MAX_WORDS * 16


def line_key(text: str) -> str:
    """The key of a line: its words, joined by single spaces."""
    return " ".join(text.split())


def start_runs(text: str) -> list[tuple[str, int]]:
    """The start-chrome candidates of *text* (a stripped line): each run of at most
    START_MAX_WORDS words before a seam that has text after it, as (key, where the
    rest starts), shortest first."""
    runs: list[tuple[str, int]] = []
    for seam in _SEAM.finditer(text, 0, min(len(text), _START_WINDOW)):
        if seam.start() == 0:
            continue  # a line that opens with a seam character has no run before it
        key = line_key(text[: seam.start()])
        if len(key.split()) > START_MAX_WORDS:
            break
        if seam.end() < len(text):
            runs.append((key, seam.end()))
    return runs


def end_run(text: str) -> tuple[str, int] | None:
    """The words after the last final punctuation of *text* (a stripped line), when the
    line does not end with one, as (key, where they start)."""
    if not text or text[-1] in FINAL_PUNCTUATION:
        return None  # most paragraphs: a sentence ends the line
    cut = max(text.rfind(mark) for mark in FINAL_PUNCTUATION)
    if cut <= 0:
        return None  # no sentence before the words: the whole line is the run
    key = line_key(text[cut + 1 :])
    if not key or len(key.split()) > END_MAX_WORDS:
        return None
    return key, cut + 1


class LearnedChrome:
    """One outlet's learned chrome, ready to test lines and cut runs."""

    __slots__ = ("_ends_longest_first", "_lines", "_longest_line", "_starts", "outlet")

    def __init__(self, chrome: OutletChrome) -> None:
        self.outlet = chrome.outlet
        """The outlet the chrome was learned for."""
        self._lines = frozenset(chrome.lines)
        self._longest_line = max(map(len, chrome.lines), default=0)
        self._starts = frozenset(chrome.starts)
        self._ends_longest_first = sorted(chrome.ends, key=len, reverse=True)

    def _end_cut(self, text: str) -> tuple[str, int] | None:
        """The longest learned end run that the words after the last sentence of *text*
        end with (even glued to the word before: ``لينكد إنتابعونا``), and where it
        starts; None if none."""
        found = end_run(text)
        if found is None:
            return None
        key, begin = found
        for run in self._ends_longest_first:
            if key.endswith(run):
                rest = text[begin:]
                at = len(rest) - len(run)
                while at > 0 and len(line_key(rest[at:])) < len(run):
                    at -= 1  # spaces that the key collapsed
                return run, begin + at
        return None

    def is_line(self, text: str) -> bool:
        """Whether *text* (a stripped line) is a learned chrome line."""
        # Spaces collapse, so a longer line can still match: allow a margin for them.
        return len(text) <= 2 * self._longest_line and line_key(text) in self._lines

    def cut(self, text: str) -> tuple[str, list[str]] | None:
        """*text* without its learned start and end runs, and the runs; None when it has
        none (or nothing would be left)."""
        runs: list[str] = []
        start, end = 0, len(text)
        if self._starts:
            for key, rest in reversed(start_runs(text)):  # the longest run first
                if key in self._starts:
                    runs.append(key)
                    start = rest
                    break
        while self._ends_longest_first and (cut := self._end_cut(text[start:end].rstrip())):
            runs.append(cut[0])
            end = start + cut[1]
        kept = text[start:end].strip()
        if not runs or not kept:
            return None
        return kept, runs


class Learned:
    """What the parser takes from a :class:`~newsparse.CorpusProfile`: each outlet's
    learned chrome, and the tag vocabulary."""

    __slots__ = ("_chrome", "vocabulary")

    def __init__(self, profile: CorpusProfile) -> None:
        self._chrome = {
            chrome.outlet: LearnedChrome(chrome)
            for chrome in profile.outlets
            if chrome.lines or chrome.starts or chrome.ends
        }
        learned = profile.vocabulary
        self.vocabulary = (
            Vocabulary(learned.tags, heads=learned.heads, tails=learned.tails, key=token_key)
            if learned.tags or learned.heads or learned.tails
            else None
        )
        """The learned tags, or None when the profile has none."""

    def chrome(self, outlet: str | None) -> LearnedChrome | None:
        """The learned chrome of *outlet*, if it has any."""
        return None if outlet is None else self._chrome.get(outlet)


@functools.lru_cache(maxsize=8)  # one entry per profile in use (profiles hash once)
def learned_of(profile: CorpusProfile) -> Learned:
    """The parser's view of *profile*."""
    return Learned(profile)
