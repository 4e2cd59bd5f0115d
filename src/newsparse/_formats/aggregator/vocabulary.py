"""Split a keywords line by the most probable tags of a vocabulary learned from a corpus.

    split := argmax over ways to cover the line with units of  sum log p(unit),
             then no tag ends after a head word or starts at a tail word
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
_UNKNOWN = -1e6

"""The tokens ``start`` to ``end`` (exclusive) of a keywords line."""


class Vocabulary:
    """Tags (their tokens' keys joined by spaces) and their counts, ready to split lines."""

    __slots__ = ("_heads", "_longest", "_scores", "_tails", "_unknown")

    def __init__(
        self,
        tags: Iterable[tuple[str, float]],
        *,
        heads: Iterable[str] = (),
        tails: Iterable[str] = (),
        key: Callable[[str], str] = str,
    ) -> None:
        """*tags* and their counts; *heads*, words that never end a tag (``مديرية``, the
        head of ``مديرية صحة X``), and *tails*, words that never start one; *key* gives
        each word's comparison key (as the keyword segmenter compares words), so that a
        tag may be written as a person writes it."""
        self._heads = frozenset(map(key, heads))
        self._tails = frozenset(map(key, tails))
        counted: dict[str, float] = {}
        for tag, count in tags:
            if count > 0:
                words = " ".join(map(key, tag.split()))
                counted[words] = counted.get(words, 0.0) + count
        total = sum(counted.values()) or 1.0
        self._scores = {tag: math.log(count / total) for tag, count in counted.items()}
        # Below any product of known tags' probabilities: the rules' tag stands only
        # where the vocabulary cannot cover its tokens.
        self._unknown = _UNKNOWN
        self._longest = max((len(tag.split()) for tag in counted), default=0)

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
        starts: list[int] = []
        end = count
        while end > 0:
            end = back[end]
            starts.append(end)
        starts.reverse()
        kept = [
            start
            for start in starts
            if start == 0 or (keys[start - 1] not in self._heads and keys[start] not in self._tails)
        ]
        return list(zip(kept, [*kept[1:], count], strict=True))
