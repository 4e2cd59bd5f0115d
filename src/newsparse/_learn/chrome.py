"""Which of an outlet's recurring lines and runs are chrome: the decision, from the samples.

chrome(o, item) :=  sampled(o) >= min_files
                and files(o, item) >= max(min_count, min_share * sampled(o))
                and share(o, item) >= specificity * share(other outlets, item)

An end run is the text after a paragraph's last sentence: one prompt, or
several glued one after the other.  Once some are chrome, what stands beside
one of them in a run is counted again on its own ("peeled"), so that each
prompt of ``تابعونا عبر X انشر الخبر لينكد إن`` is chrome when it recurs, alone
or beside the others.

An outlet's chrome recurs in many of *its* files; a phrase of the language
(``وقال``, a stock subheading) recurs in every outlet's files about as often,
so the last test keeps it.
docs/corpus.md, "What is learned", has the measurements behind the thresholds.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping

from newsparse._learn.samples import LevelSample
from newsparse._model.corpus_profile import LearnSettings

__all__ = ["KINDS", "Item", "decide_chrome"]

_PEELS = 4  # prompts glued in a row, at most, that are told apart

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
    return {
        outlet: _Outlet(counts[outlet], sample.texts, everywhere, all_files, settings).chrome()
        for outlet, sample in samples.items()
    }


class _Outlet:
    """The decision for one outlet, its counts beside everyone's."""

    def __init__(
        self,
        counted: Counter[Item],
        files: int,
        everywhere: Counter[Item],
        all_files: int,
        settings: LearnSettings,
    ) -> None:
        self.counted = counted
        self.files = files
        self.everywhere = everywhere
        self.other_files = all_files - files
        self.settings = settings

    def chrome(self) -> dict[str, list[str]]:
        if self.files < self.settings.min_files:
            return {kind: [] for kind in KINDS}
        chosen: dict[str, list[str]] = {
            kind: sorted(
                key
                for (found, key), count in self.counted.items()
                if found == kind and self.recurs(kind, key, count)
            )
            for kind in KINDS
            if kind != "ends"
        }
        ends = {key: count for (kind, key), count in self.counted.items() if kind == "ends"}
        chosen["ends"] = sorted(_peeled(ends, lambda key, count: self.recurs("ends", key, count)))
        return chosen

    def recurs(self, kind: str, key: str, count: int) -> bool:
        """Whether *key*, in *count* of the sampled files, is this outlet's chrome."""
        settings = self.settings
        if count < max(settings.min_count, settings.min_share * self.files):
            return False
        if not self.other_files:
            return True
        elsewhere = max(0, self.everywhere[kind, key] - self.counted[kind, key])
        return count / self.files >= settings.specificity * elsewhere / self.other_files


def _peeled(ends: dict[str, int], chrome: Callable[[str, int], bool]) -> set[str]:
    """The end runs that are chrome, each run counted with what is left of the others
    once the chrome found so far is cut from their ends or starts."""
    found: set[str] = set()
    counts = dict(ends)
    for _ in range(_PEELS):
        new = {key for key, count in counts.items() if key not in found and chrome(key, count)}
        if not new:
            break
        found |= new
        counts = dict(ends)
        for key, count in ends.items():
            for run in found:
                if key != run and key.endswith(run) and (rest := key[: -len(run)].strip()):
                    counts[rest] = counts.get(rest, 0) + count
                if key != run and key.startswith(run) and (rest := key[len(run) :].strip()):
                    counts[rest] = counts.get(rest, 0) + count
    return found
