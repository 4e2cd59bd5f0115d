"""The corpus's tag vocabulary: EM over a unigram tag model of its sampled keyword lines.

A keyword line is a sequence of tags joined by spaces, in an order that
differs from article to article.  So the tokens of one tag stand side by
side, in the same order, in every line that holds them all, while two tags
that share many lines stand side by side in only a few of them: that is
what fixes a tag's extent (docs/keywords.md, "With a corpus profile").

    candidate := a one-word tag of the rules' split
               | a run of words, not a run repeated (``X Y X Y``), read in at
                 least min_tag_count lines, whose two sides at each of its gaps
                 are bound: they stand side by side in at least COHESION of the
                 lines that hold them both, more often than a random order of
                 the tags would put them (a chance of at most SIGNIFICANCE);
                 and each candidate is whole: read often enough to open or end
                 a line by chance (UNSEEN_EDGE lines expected), it opens one and
                 ends one (``مديرية صحة``, always before a place, is part of a tag)
    vocabulary := EM over the candidates: each tag of a line drawn on its own
                  from one distribution; start from how often each candidate is
                  read, then E (the expected count of each candidate over all
                  splits of each line into candidates) and M (normalise); then
                  again without the tags made of two tags of the vocabulary that
                  stand side by side less than MET times as often as chance has
                  them (a unigram model would rather join any two that met)

A rules' tag that is no candidate (its sides stand apart in other lines) is
left out, so that the lines it was read in are split by the others.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping

from newsparse._formats.aggregator.keywords import token_key
from newsparse._learn.stats import binomial_tail
from newsparse._model.corpus_profile import LearnSettings

__all__ = ["COHESION", "MAX_TAG_WORDS", "learn_vocabulary"]

MAX_TAG_WORDS = 6
"""The longest tag, in words, that the vocabulary holds."""
COHESION = 0.5
"""The least share of the lines holding both sides of a gap in which they stand side by
side, for the gap to be inside a tag."""
CHANCE = 1 / 3
"""How often two tags of a line stand side by side in a given order by chance, at most
(in a line of three tags in a random order)."""
SIGNIFICANCE = 0.05
UNSEEN_EDGE = 3.0
"""The lines a tag is expected to open (or end), at which never doing so shows it is only
a part of tags: e^-3, a chance of 5%."""
BOUND_EDGE = 7.0
"""The lines a word is expected to end (or open) as a tag of its own, at which never doing
so makes it a head (a tail) that no tag ends (starts) at: e^-7, a chance of 0.1%."""
ITERATIONS = 8
MET = 2.0
"""How many times more often than chance two tags of the vocabulary must stand side by side,
in one order, for the run of both to be a tag of its own."""
_MAX_LINE_WORDS = 60  # a longer line's splits underflow a float's range: not learned from

_Line = tuple[tuple[str, ...], list[tuple[int, int]], int]


def _line(tags: tuple[str, ...], weight: int, keyed: dict[str, str]) -> _Line:
    keys: list[str] = []
    spans: list[tuple[int, int]] = []
    for tag in tags:
        words = [keyed.get(word) or keyed.setdefault(word, token_key(word)) for word in tag.split()]
        spans.append((len(keys), len(keys) + len(words)))
        keys.extend(words)
    return tuple(keys), spans, weight


def _runs(keys: tuple[str, ...], size: int) -> set[str]:
    """The runs of *size* words of a line, joined by spaces."""
    return {" ".join(keys[start : start + size]) for start in range(len(keys) - size + 1)}


def _repeated(words: list[str]) -> bool:
    half = len(words) // 2
    return len(words) % 2 == 0 and words[:half] == words[half:]


class _Read:
    """What the lines that hold one run show of it."""

    __slots__ = ("ends", "expected", "lines", "opens")

    def __init__(self) -> None:
        self.lines = 0  # lines holding it (weighted)
        self.expected = 0.0  # lines it would open (or end) as a tag in a random order
        self.opens = 0  # lines it opens
        self.ends = 0  # lines it ends

    def whole(self) -> bool:
        """Whether it opens a line and ends one, or is read too seldom to tell."""
        return self.expected < UNSEEN_EDGE or (self.opens > 0 and self.ends > 0)


def _read_runs(data: list[_Line], least: int) -> dict[str, _Read]:
    """Every word, and every longer run read in at least *least* lines, with what those
    lines show; runs are counted size by size, each only where both of its runs one word
    shorter were counted (a run is never read more often than they are)."""
    found: dict[str, _Read] = {}
    shorter: set[str] = set()
    for size in range(1, MAX_TAG_WORDS + 1):
        counted: dict[str, _Read] = {}
        for keys, spans, weight in data:
            for run in _runs(keys, size):
                if size > 1:
                    words = run.split(" ")
                    if " ".join(words[:-1]) not in shorter or " ".join(words[1:]) not in shorter:
                        continue
                read = counted.get(run)
                if read is None:
                    counted[run] = read = _Read()
                read.lines += weight
                read.expected += weight / len(spans)  # one of its line's tags
            head, tail = " ".join(keys[:size]), " ".join(keys[-size:])
            if head in counted:
                counted[head].opens += weight
            if tail in counted:
                counted[tail].ends += weight
        shorter = {run for run, read in counted.items() if read.lines >= least}
        found.update(counted if size == 1 else {run: counted[run] for run in shorter})
    return found


def _candidates(
    data: list[_Line], settings: LearnSettings
) -> tuple[dict[str, float], dict[str, list[tuple[str, str]]], dict[tuple[str, str], int]]:
    """The candidates (see the module) and how many lines (weighted) each is read in; the
    sides of each gap of the longer ones, and the lines holding both sides."""
    # No fewer lines can show a gap bound (a random order puts two tags side by side in
    # all their lines with a chance of CHANCE ** lines).
    least = max(settings.min_tag_count, math.ceil(math.log(SIGNIFICANCE) / math.log(CHANCE)))
    runs = _read_runs(data, least)
    found: dict[str, float] = {}
    for keys, spans, _ in data:
        for start, end in spans:
            if end - start == 1 and (read := runs[keys[start]]).whole():
                found[keys[start]] = read.lines
    gaps: dict[str, list[tuple[str, str]]] = {}
    for run, read in runs.items():
        words = run.split(" ")
        if len(words) > 1 and not _repeated(words) and read.whole():
            gaps[run] = [
                (" ".join(words[:gap]), " ".join(words[gap:])) for gap in range(1, len(words))
            ]
    together = _held_together({pair for pairs in gaps.values() for pair in pairs}, data)
    for run, pairs in gaps.items():
        lines = runs[run].lines
        if all(_bound(lines, together[pair]) for pair in pairs):
            found[run] = lines
    return found, gaps, together


def _held_together(pairs: set[tuple[str, str]], data: list[_Line]) -> dict[tuple[str, str], int]:
    """For each pair of runs, the lines (weighted) that hold both, anywhere."""
    by_left: dict[str, list[str]] = {}
    for left, right in pairs:
        by_left.setdefault(left, []).append(right)
    sides = set(by_left) | {right for _, right in pairs}
    counts = dict.fromkeys(pairs, 0)
    for keys, _, weight in data:
        held = {run for size in range(1, MAX_TAG_WORDS) for run in _runs(keys, size)} & sides
        for left in held & by_left.keys():
            for right in by_left[left]:
                if right in held:
                    counts[left, right] += weight
    return counts


def _bound(read: int, both: int) -> bool:
    """Whether the two sides of a gap, read together in *read* lines and both in *both*
    lines, are one tag: see the module."""
    return read >= COHESION * both and binomial_tail(read, both, CHANCE) <= SIGNIFICANCE


def _edges(data: list[_Line]) -> tuple[list[str], list[str]]:
    """The heads (words no line ends with, though expected to end BOUND_EDGE lines were
    they tags) and the tails (words no line opens with, likewise)."""
    expected: defaultdict[str, float] = defaultdict(float)
    opens: set[str] = set()
    ends: set[str] = set()
    for keys, spans, weight in data:
        share = weight / len(spans)
        for key in set(keys):
            expected[key] += share
        opens.add(keys[0])
        ends.add(keys[-1])
    often = {key for key, count in expected.items() if count >= BOUND_EDGE}
    return sorted(often - ends), sorted(often - opens)


def learn_vocabulary(
    lines: Mapping[tuple[str, ...], int], settings: LearnSettings
) -> tuple[dict[str, float], list[str], list[str]]:
    """The tags of the sampled keyword *lines* (each the rules' split, and how many files
    have it) and their expected counts, and the heads and tails."""
    keyed: dict[str, str] = {}  # one string per word: the lines share them
    data = [
        _line(tags, weight, keyed)
        for tags, weight in sorted(lines.items())
        if sum(len(tag.split()) for tag in tags) <= _MAX_LINE_WORDS
    ]
    found, gaps, together = _candidates(data, settings)
    tags = _em(data, found)
    # A tag made of two tags of the vocabulary must be read side by side more often than a
    # random order of the tags puts them: else it was two tags that met (docs/keywords.md).
    per_line = sum(len(spans) * weight for _, spans, weight in data) / (
        sum(weight for _, _, weight in data) or 1
    )
    met = {
        run
        for run in tags
        if " " in run
        and any(
            left in tags and right in tags and tags[run] < MET * together[left, right] / per_line
            for left, right in gaps[run]
        )
    }
    if met:
        tags = _em(data, {run: count for run, count in found.items() if run not in met})
    return (tags, *_edges(data))


def _em(data: list[_Line], found: dict[str, float]) -> dict[str, float]:
    """The candidates' expected counts after EM, those of at least half a line."""
    names = sorted(found)
    ids = {tag: index for index, tag in enumerate(names)}
    lattices = [
        (
            len(keys),
            [
                (start, stop, ids[tag])
                for start in range(len(keys))
                for stop in range(start + 1, min(len(keys), start + MAX_TAG_WORDS) + 1)
                if (tag := " ".join(keys[start:stop])) in ids
            ],
            weight,
        )
        for keys, _, weight in data
    ]
    expected = [found[name] for name in names]
    for _ in range(ITERATIONS):
        expected = _em_step(lattices, expected)
    return {
        name: round(count, 3)  # as the profile's JSON holds it
        for name, count in zip(names, expected, strict=True)
        if count >= 0.5
    }


def _em_step(
    lattices: list[tuple[int, list[tuple[int, int, int]], int]], expected: list[float]
) -> list[float]:
    """One E step and M step: the expected count of every candidate under *expected*."""
    total = sum(expected) or 1.0
    p = [count / total for count in expected]
    new = [0.0] * len(expected)
    for length, spans, weight in lattices:
        forward = [0.0] * (length + 1)
        forward[0] = 1.0
        for start, stop, tag in spans:  # spans are ordered by start
            forward[stop] += forward[start] * p[tag]
        if forward[length] <= 0.0:
            continue  # no split of this line into candidates
        backward = [0.0] * (length + 1)
        backward[length] = 1.0
        for start, stop, tag in reversed(spans):
            backward[start] += p[tag] * backward[stop]
        scale = weight / forward[length]
        for start, stop, tag in spans:
            new[tag] += forward[start] * p[tag] * backward[stop] * scale
    return new
