"""The learner: observations in, a :class:`~newsparse.CorpusProfile` out; learners merge.

Its state is exact counts over hash-level samples (:mod:`newsparse._learn.samples`):
the number of files, per outlet a sample of at most ``sample_files`` files, and
a sample of at most ``sample_lines`` keyword lines.  Its memory is bounded by
those caps and ``max_outlets`` whatever the corpus's size, and the profile it
gives depends on the multiset of files only (docs/corpus.md).

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import hashlib
import heapq
from collections import Counter
from collections.abc import Iterable

from newsparse._errors import ProfileError
from newsparse._learn.chrome import KINDS, Item, decide_chrome
from newsparse._learn.observe import Observation
from newsparse._learn.samples import LevelSample
from newsparse._learn.vocabulary import learn_vocabulary
from newsparse._model.corpus_profile import (
    ChromeCounts,
    CorpusProfile,
    LearnSettings,
    OutletChrome,
    TagCounts,
    TagVocabulary,
)

__all__ = ["Learner", "merge_profiles"]


def _rank(outlet: str) -> tuple[int, str]:
    """Where an outlet stands in the heap of kept outlets: the one of highest rank (a hash
    of its name, then the name) goes first when there are too many."""
    digest = hashlib.blake2b(outlet.encode(), digest_size=8).digest()
    return -int.from_bytes(digest, "big"), outlet


class _Outlet:
    __slots__ = ("files", "sample")

    def __init__(self, cap: int) -> None:
        self.files = 0
        self.sample: LevelSample[Item] = LevelSample(cap)


class Learner:
    """Counts what observations show; :meth:`profile` decides the chrome and the tags."""

    def __init__(self, settings: LearnSettings | None = None) -> None:
        self.settings = settings or LearnSettings()
        self.files = 0
        self.lines = 0
        self._outlets: dict[str, _Outlet] = {}
        self._not_learned = 0
        self._kept: list[tuple[int, str]] = []  # a heap of the outlets' ranks
        self._tags: LevelSample[tuple[str, ...]] = LevelSample(self.settings.sample_lines)

    def add_file(self, observations: Iterable[Observation]) -> None:
        """Count one file and what its articles show."""
        self.files += 1
        for observation in observations:
            self.add(observation)

    def add(self, observation: Observation) -> None:
        """Count what one article shows."""
        if observation.tags is not None:
            self.lines += 1
            self._tags.add(observation.tags_level, (observation.tags,))
        if observation.outlet is None:
            return
        outlet = self._outlet(observation.outlet)
        if outlet is None:
            self._not_learned += 1
            return
        outlet.files += 1
        items = [
            (kind, key)
            for kind, keys in zip(
                KINDS,
                (observation.lines, observation.starts, observation.ends, observation.bylines),
                strict=True,
            )
            for key in keys
        ]
        outlet.sample.add(observation.level, items)

    def _outlet(self, name: str) -> _Outlet | None:
        found = self._outlets.get(name)
        if found is not None:
            return found
        self._outlets[name] = found = _Outlet(self.settings.sample_files)
        heapq.heappush(self._kept, _rank(name))
        if len(self._outlets) > self.settings.max_outlets:
            last = heapq.heappop(self._kept)[1]
            self._not_learned += self._outlets.pop(last).files
            if last == name:
                return None
        return found

    def merge(self, other: Learner) -> None:
        """Add what *other* (learned on other files, with the same settings) counted."""
        if other.settings != self.settings:
            raise ProfileError(
                "profiles learned with different settings cannot be merged; learn them "
                "with the same settings",
                code="profile-merge",
            )
        self.files += other.files
        self.lines += other.lines
        self._not_learned += other._not_learned
        self._tags.merge(other._tags)
        for name, theirs in other._outlets.items():
            mine = self._outlet(name)
            if mine is None:
                self._not_learned += theirs.files
                continue
            mine.files += theirs.files
            mine.sample.merge(theirs.sample)

    @classmethod
    def from_profile(cls, profile: CorpusProfile) -> Learner:
        """A learner holding the counts *profile* was decided from."""
        learner = cls(profile.settings)
        learner.files = profile.files
        learner.lines = profile.vocabulary.lines
        learner._not_learned = profile.outlets_not_learned
        tags = learner._tags
        tags.level = profile.vocabulary.level
        for tag_counts in profile.vocabulary.sample:
            for line, count in tag_counts.lines:
                tags.add(tag_counts.level, (line,), count)
        for chrome in profile.outlets:
            outlet = _Outlet(profile.settings.sample_files)
            outlet.files = chrome.files
            outlet.sample.level = chrome.level
            for counts in chrome.sample:
                counter = outlet.sample.levels.setdefault(counts.level, (0, _counter()))[1]
                for kind, counted in zip(
                    KINDS, (counts.lines, counts.starts, counts.ends, counts.bylines), strict=True
                ):
                    counter.update({(kind, key): count for key, count in counted})
                outlet.sample.levels[counts.level] = (counts.files, counter)
                outlet.sample.texts += counts.files
            learner._outlets[chrome.outlet] = outlet
            heapq.heappush(learner._kept, _rank(chrome.outlet))
        return learner

    def profile(self) -> CorpusProfile:
        """The profile of what was counted: the chrome and the vocabulary decided."""
        samples = {name: outlet.sample for name, outlet in self._outlets.items()}
        chrome = decide_chrome(samples, self.settings)
        outlets = [
            OutletChrome(
                outlet=name,
                files=outlet.files,
                **chrome[name],
                level=outlet.sample.level,
                sample=tuple(
                    ChromeCounts(
                        level=level,
                        files=files,
                        **{
                            kind: [(key, c) for (k, key), c in counter.items() if k == kind]
                            for kind in KINDS
                        },
                    )
                    for level, (files, counter) in sorted(outlet.sample.levels.items())
                ),
            )
            for name, outlet in self._outlets.items()
        ]
        lines = self._tags.counts()
        tags, heads, tails = learn_vocabulary(lines, self.settings)
        return CorpusProfile(
            files=self.files,
            settings=self.settings,
            outlets=outlets,
            vocabulary=TagVocabulary(
                lines=self.lines,
                tags=tags.items(),
                heads=heads,
                tails=tails,
                level=self._tags.level,
                sample=tuple(
                    TagCounts(level=level, lines=counter.items())
                    for level, (_, counter) in sorted(self._tags.levels.items())
                ),
            ),
            outlets_not_learned=self._not_learned,
        )


def _counter() -> Counter[Item]:
    return Counter()


def merge_profiles(*profiles: CorpusProfile) -> CorpusProfile:
    """Return the profile of the files all *profiles* were learned from (each file in one of
    them), decided again from their counts: the same as learning it on all the files.

    .. versionadded:: 0.2.0
    """
    if not profiles:
        return Learner().profile()
    learner = Learner.from_profile(profiles[0])
    for profile in profiles[1:]:
        learner.merge(Learner.from_profile(profile))
    return learner.profile()
