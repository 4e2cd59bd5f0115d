"""Which of an outlet's recurring lines and runs are chrome: the decision, from the samples.

chrome(o, item) :=  sampled(o) >= min_files
                and files(o, item) >= min_share * sampled(o)
                and share(o, item) >= specificity * share(other outlets, item)

An outlet's chrome recurs in many of *its* files; a phrase of the language
(``وقال``, a stock subheading) recurs in every outlet's files about as often,
so the last test keeps it.  docs/corpus.md, "What is learned", has the
measurements behind the thresholds.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from newsparse._learn.samples import LevelSample
from newsparse._model.corpus_profile import LearnSettings

__all__ = ["KINDS", "Item", "decide_chrome"]

KINDS = ("lines", "starts", "ends")
Item = tuple[str, str]
"""(kind, key): a candidate of one kind (:data:`KINDS`)."""


def decide_chrome(
    samples: Mapping[str, LevelSample[Item]], settings: LearnSettings
) -> dict[str, dict[str, list[str]]]:
    """Per outlet, its chrome of each kind (sorted), from the outlets' samples."""
    counts = {outlet: sample.counts() for outlet, sample in samples.items()}
    everywhere: Counter[Item] = Counter()
    for counted in counts.values():
        everywhere.update(counted)
    all_files = sum(sample.texts for sample in samples.values())
    decided: dict[str, dict[str, list[str]]] = {}
    for outlet, sample in samples.items():
        chosen: dict[str, list[str]] = {kind: [] for kind in KINDS}
        files = sample.texts
        if files >= settings.min_files:
            other_files = all_files - files
            for (kind, key), count in counts[outlet].items():
                if count < settings.min_share * files:
                    continue
                elsewhere = everywhere[kind, key] - count
                share = count / files
                if other_files and share < settings.specificity * elsewhere / other_files:
                    continue
                chosen[kind].append(key)
        decided[outlet] = {kind: sorted(keys) for kind, keys in chosen.items()}
    return decided
