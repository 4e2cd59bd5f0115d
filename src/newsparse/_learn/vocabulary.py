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
                  splits of each line into candidates) and M (normalise)

A rules' tag that is no candidate (its sides stand apart in other lines) is
left out, so that the lines it was read in are split by the others.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

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
_MAX_LINE_WORDS = 60  # a longer line's splits underflow a float's range: not learned from

_Line = tuple[tuple[str, ...], list[tuple[int, int]], int]


def _line(tags: tuple[str, ...], weight: int) -> _Line:
    keys: list[str] = []
    spans: list[tuple[int, int]] = []
    for tag in tags:
        words = [token_key(word) for word in tag.split()]
        spans.append((len(keys), len(keys) + len(words)))
        keys.extend(words)
    return tuple(keys), spans, weight


def _runs(keys: tuple[str, ...]) -> set[str]:
    """Every run of at most MAX_TAG_WORDS words of a line, joined by spaces."""
    return {
        " ".join(keys[start:stop])
        for start in range(len(keys))
        for stop in range(start + 1, min(len(keys), start + MAX_TAG_WORDS) + 1)
    }


def _repeated(words: list[str]) -> bool:
    half = len(words) // 2
    return len(words) % 2 == 0 and words[:half] == words[half:]


def _candidates(data: list[_Line], settings: LearnSettings) -> dict[str, float]:
    """The candidates (see the module) and how many lines (weighted) each is read in."""
    holding: defaultdict[str, dict[int, int]] = defaultdict(dict)
    for index, (keys, _, weight) in enumerate(data):
        for run in _runs(keys):
            holding[run][index] = weight
    found: dict[str, float] = {}
    for keys, spans, _ in data:
        for start, end in spans:
            tag = " ".join(keys[start:end])
            if end - start == 1 and _whole(tag, holding[tag], data):
                found[tag] = sum(holding[tag].values())
    for run, lines in holding.items():
        words = run.split()
        read = sum(lines.values())
        if len(words) < 2 or read < settings.min_tag_count or _repeated(words):
            continue
        if all(
            _bound(read, holding[" ".join(words[:gap])], holding[" ".join(words[gap:])])
            for gap in range(1, len(words))
        ) and _whole(run, lines, data):
            found[run] = read
    return found


def _whole(run: str, lines: dict[int, int], data: list[_Line]) -> bool:
    """Whether *run* opens a line and ends one, or is read too seldom to tell."""
    words = tuple(run.split())
    expected = opens = ends = 0.0
    for index, weight in lines.items():
        keys, spans, _ = data[index]
        expected += weight / len(spans)  # one of its line's tags, in a random order
        opens += weight * (keys[: len(words)] == words)
        ends += weight * (keys[-len(words) :] == words)
    return expected < UNSEEN_EDGE or (opens > 0 and ends > 0)


def _bound(read: int, left: dict[int, int], right: dict[int, int]) -> bool:
    """Whether the two sides of a gap, held by the lines *left* and *right*, are one tag
    (read together in *read* lines): see the module."""
    both = _both(left, right)
    return read >= COHESION * both and binomial_tail(read, both, CHANCE) <= SIGNIFICANCE


def _both(left: dict[int, int], right: dict[int, int]) -> int:
    """The weight of the lines holding both runs."""
    if len(left) > len(right):
        left, right = right, left
    return sum(weight for index, weight in left.items() if index in right)


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
    data = [
        _line(tags, weight)
        for tags, weight in sorted(lines.items())
        if sum(len(tag.split()) for tag in tags) <= _MAX_LINE_WORDS
    ]
    found = _candidates(data, settings)
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
    tags = {
        name: round(count, 3)  # as the profile's JSON holds it
        for name, count in zip(names, expected, strict=True)
        if count >= 0.5
    }
    return (tags, *_edges(data))


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
