"""Split a keywords line by the most probable tags of a vocabulary learned from a corpus.

    split := argmax over ways to cover the line with units of  sum log p(unit)
    unit  := a vocabulary tag | a tag of the rules' split

Each tag of the vocabulary has the probability of its count; a tag of the
rules' split that the vocabulary lacks has the probability of a tag counted
half a time, so the vocabulary decides where it covers the line and the rules
(:mod:`newsparse._formats.aggregator.keywords`) decide the rest.  A rule tag
can only start where the rules start one, so the two never cut a tag of the
rules' in the middle unless vocabulary tags cover all of it.
docs/keywords.md, "With a corpus profile".

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence

__all__ = ["Span", "Vocabulary"]

Span = tuple[int, int]
"""The tokens ``start`` to ``end`` (exclusive) of a keywords line."""


class Vocabulary:
    """Tags (their tokens' keys joined by spaces) and their counts, ready to split lines."""

    __slots__ = ("_longest", "_scores", "_unknown")

    def __init__(self, tags: Iterable[tuple[str, float]], key: Callable[[str], str] = str) -> None:
        """*tags* and their counts; *key* gives each word's comparison key (as the keyword
        segmenter compares words), so a tag may be written as a person writes it."""
        counted: dict[str, float] = {}
        for tag, count in tags:
            if count > 0:
                words = " ".join(map(key, tag.split()))
                counted[words] = counted.get(words, 0.0) + count
        total = sum(counted.values()) or 1.0
        self._scores = {tag: math.log(count / total) for tag, count in counted.items()}
        self._unknown = math.log(0.5 / total)
        self._longest = max((len(tag.split()) for tag in counted), default=0)

    def __len__(self) -> int:
        return len(self._scores)

    def split(self, keys: Sequence[str], rules: list[Span]) -> list[Span]:
        """The most probable cover of the tokens with *keys* by vocabulary tags and the
        rules' tags *rules*; ties go to the rules' split."""
        count = len(keys)
        best = [-math.inf] * (count + 1)
        back = [0] * (count + 1)
        best[0] = 0.0
        rule_end = dict(rules)
        scores = self._scores
        for start in range(count):
            here = best[start]
            if here == -math.inf:
                continue
            end = rule_end.get(start)
            if end is not None:  # first, so that a tie keeps the rules' tag
                score = here + scores.get(" ".join(keys[start:end]), self._unknown)
                if score > best[end]:
                    best[end], back[end] = score, start
            for stop in range(start + 1, min(count, start + self._longest) + 1):
                found = scores.get(" ".join(keys[start:stop]))
                if found is not None and here + found > best[stop]:
                    best[stop], back[stop] = here + found, start
        spans: list[Span] = []
        end = count
        while end > 0:
            spans.append((back[end], end))
            end = back[end]
        return spans[::-1]
