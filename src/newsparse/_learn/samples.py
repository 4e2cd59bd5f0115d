"""Samples by hash level: bounded, the same for any order of the files, and mergeable.

Each file (or keyword line) has a *level* from a hash of its text (its
leading zero bits, in quarters), so that a share ``2 ** (-level / 4)`` of all
texts is at that level or above.  A sample keeps the texts at its level or
above and raises its level, dropping the lowest, whenever it holds more than
its cap::

    sample(texts) = {t in texts : level(t) >= L}   for the least L that keeps it
                                                    within the cap

That is a function of the multiset of texts alone: the order they come in,
and how they were split into shards, change nothing, and two samples merge
by adding their counts level by level and raising the level again.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

__all__ = ["LevelSample"]

K = TypeVar("K", bound=Hashable)


class LevelSample(Generic[K]):
    """Counts of items over the texts at or above a level; at most *cap* texts."""

    __slots__ = ("cap", "level", "levels", "texts")

    def __init__(self, cap: int, level: int = 0) -> None:
        self.cap = cap
        self.level = level
        """The sample holds the texts at this level and above."""
        self.levels: dict[int, tuple[int, Counter[K]]] = {}
        """Per level: how many texts, and how many of them hold each item."""
        self.texts = 0
        """How many texts the sample holds."""

    def add(self, level: int, items: Iterable[K], texts: int = 1) -> None:
        """Count one text (or *texts* equal ones) at *level* holding *items*."""
        if level < self.level:
            return
        count, counter = self.levels.get(level, (0, Counter()))
        counter.update(dict.fromkeys(items, texts))
        self.levels[level] = (count + texts, counter)
        self.texts += texts
        self._shrink()

    def merge(self, other: LevelSample[K]) -> None:
        """Add the texts of *other* (a sample of other texts, with the same cap)."""
        self.level = max(self.level, other.level)
        for level, (count, counter) in other.levels.items():
            if level < self.level:
                continue
            mine_count, mine = self.levels.get(level, (0, Counter()))
            mine.update(counter)
            self.levels[level] = (mine_count + count, mine)
        self.levels = {level: entry for level, entry in self.levels.items() if level >= self.level}
        self.texts = sum(count for count, _ in self.levels.values())
        self._shrink()

    def _shrink(self) -> None:
        while self.texts > self.cap:
            dropped = self.levels.pop(self.level, None)
            if dropped is not None:
                self.texts -= dropped[0]
            self.level += 1

    def counts(self) -> Counter[K]:
        """How many of the sampled texts hold each item."""
        total: Counter[K] = Counter()
        for _, counter in self.levels.values():
            total.update(counter)
        return total
