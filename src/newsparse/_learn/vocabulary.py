"""The corpus's tag vocabulary: EM over a unigram tag model of its keyword lines.

A keyword line is a sequence of tags joined by spaces.  The model: each tag
of a line is drawn on its own from one distribution p over the vocabulary.
EM starts from the rules' split of every sampled line (the counts of their
tags), then alternates

    E: for every line, the expected count of each candidate tag over all its
       splits into candidates, each split weighted by the product of p
    M: p(tag) := expected count / all expected counts

The candidates are the rules' tags and the whole lines short enough to be one
tag (a single-tag line is the strongest evidence of a tag's extent).

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from newsparse._formats.aggregator.keywords import token_key
from newsparse._model.corpus_profile import LearnSettings

__all__ = ["MAX_TAG_WORDS", "learn_vocabulary"]

MAX_TAG_WORDS = 6
"""The longest tag, in words, that the vocabulary holds."""
ITERATIONS = 8


def _line(tags: tuple[str, ...]) -> tuple[tuple[str, ...], list[tuple[int, int]]]:
    keys: list[str] = []
    spans: list[tuple[int, int]] = []
    for tag in tags:
        words = [token_key(word) for word in tag.split()]
        spans.append((len(keys), len(keys) + len(words)))
        keys.extend(words)
    return tuple(keys), spans


def learn_vocabulary(
    lines: Mapping[tuple[str, ...], int], settings: LearnSettings
) -> dict[str, float]:
    """The tags of the sampled keyword *lines* (each the rules' split, and how many files
    have it) and their expected counts."""
    data = [(*_line(tags), weight) for tags, weight in sorted(lines.items())]
    counts: Counter[str] = Counter()
    for keys, spans, weight in data:
        for start, end in spans:
            if end - start <= MAX_TAG_WORDS:
                counts[" ".join(keys[start:end])] += weight
    candidates = set(counts)
    for keys, _, _ in data:
        if 1 < len(keys) <= MAX_TAG_WORDS:
            candidates.add(" ".join(keys))
    ids = {tag: index for index, tag in enumerate(sorted(candidates))}
    names = sorted(candidates)
    # Each line's candidate spans, found once: (start, end, tag id).
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
    expected = [float(counts.get(name, 0)) + (0.0 if name in counts else 0.5) for name in names]
    for _ in range(ITERATIONS):
        expected = _em_step(lattices, expected)
    return {
        name: round(count, 3)  # as the profile's JSON holds it
        for name, count in zip(names, expected, strict=True)
        if count >= 0.5 and (" " not in name or count >= settings.min_tag_count)
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
            continue
        backward = [0.0] * (length + 1)
        backward[length] = 1.0
        for start, stop, tag in reversed(spans):
            backward[start] += p[tag] * backward[stop]
        scale = weight / forward[length]
        for start, stop, tag in spans:
            new[tag] += forward[start] * p[tag] * backward[stop] * scale
    return new
