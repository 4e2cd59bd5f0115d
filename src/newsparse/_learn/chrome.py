"""Which of an outlet's recurring lines and runs are chrome: the decision, from the samples.

chrome(o, item) :=  sampled(o) >= min_files
                and files(o, item) >= max(min_count, min_share * sampled(o))
                and files(o, item) is unlikely (1%) at a share of min_share / 2
                and share(o, item) >= specificity * share(other outlets, item)

A line counts the files that have it in the body, and those that have it where a
byline stands (chrome at the top of a page that has no byline), as long as the
body has it in min_count of them: a writer's name is never a body line.

An end run is the text after a paragraph's last sentence: one prompt, or
several glued one after the other.  Every run of last words counts the texts
it ends, and is chrome when it recurs and no run one word longer ends nearly
as many (``إن``, the end of ``انشر الخبر لينكد إن``, is no prompt of its own);
once some are chrome, what stands beside one of them in a text is counted
again on its own ("peeled"), so that each prompt of ``تابعونا عبر X انشر الخبر
لينكد إن`` is chrome when it recurs, alone or beside the others.

An outlet's chrome recurs in many of *its* files; a phrase of the language
(``وقال``, a stock subheading) recurs in every outlet's files about as often,
so the last test keeps it.
docs/corpus.md, "What is learned", has the measurements behind the thresholds.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping

from newsparse._formats.aggregator.outlet_rules import OutletRules
from newsparse._learn.samples import LevelSample
from newsparse._learn.stats import binomial_tail
from newsparse._model.corpus_profile import LearnSettings

__all__ = ["KINDS", "Item", "decide_chrome"]

_SIGNIFICANCE = 0.01
_PEELS = 4  # prompts glued in a row, at most, that are told apart
_WHOLE = 0.9  # a run one word longer that ends this share of the texts: the prompt goes on

KINDS = ("lines", "starts", "ends", "bylines")
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


def _as_byline(line: str) -> str:
    """What the byline rule makes of *line* where a byline stands (its labels cut, as
    ``طباعة``), as the learner counted it."""
    authors = OutletRules.for_article(None, source=None, byline=line).authors(line)
    return authors[0] if len(authors) == 1 else line


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
            return {"lines": [], "starts": [], "ends": []}
        counted = self.counted
        chosen: dict[str, list[str]] = {
            "lines": sorted(
                key
                for (kind, key), count in counted.items()
                if kind == "lines"
                and count >= self.settings.min_count
                and self.recurs(kind, key, count + counted["bylines", _as_byline(key)])
            ),
            "starts": sorted(
                key
                for (kind, key), count in counted.items()
                if kind == "starts" and self.recurs(kind, key, count)
            ),
        }
        ends = {key: count for (kind, key), count in self.counted.items() if kind == "ends"}
        chosen["ends"] = sorted(_peeled(ends, lambda key, count: self.recurs("ends", key, count)))
        return chosen

    def recurs(self, kind: str, key: str, count: int) -> bool:
        """Whether *key*, in *count* of the sampled files, is this outlet's chrome."""
        settings = self.settings
        if count < max(settings.min_count, settings.min_share * self.files):
            return False
        if binomial_tail(count, self.files, settings.min_share / 2) > _SIGNIFICANCE:
            return False  # as many could recur by chance at half the share (a small outlet)
        if not self.other_files:
            return True
        elsewhere = max(0, self.everywhere[kind, key] - self.counted[kind, key])
        return count / self.files >= settings.specificity * elsewhere / self.other_files


def _peeled(ends: dict[str, int], recurs: Callable[[str, int], bool]) -> set[str]:
    """The end runs that are chrome, from the texts after the last sentence of paragraphs
    (*ends*, each with its count): each run of last words counts the texts it ends,
    and is chrome when it recurs and is the whole prompt (no one word longer ends nearly
    as many); what chrome found so far leaves of a text is counted again, as a text."""
    found: set[str] = set()
    rests: Counter[str] = Counter()
    for _ in range(_PEELS):
        texts = Counter(ends)
        texts.update(rests)
        ending: Counter[str] = Counter()
        for text, count in texts.items():
            words = text.split()
            for size in range(1, len(words) + 1):
                ending[" ".join(words[-size:])] += count
        longer: Counter[str] = Counter()
        for run, count in ending.items():
            if " " in run:
                shorter = run.split(" ", 1)[1]
                longer[shorter] = max(longer[shorter], count)
        new = {
            run
            for run, count in ending.items()
            if run not in found and longer[run] < _WHOLE * count and recurs(run, count)
        }
        if not new:
            break
        found |= new
        rests = Counter()
        for text, count in ends.items():
            for run in found:
                if text != run and text.endswith(run) and (rest := text[: -len(run)].strip()):
                    rests[rest] += count
                if text != run and text.startswith(run) and (rest := text[len(run) :].strip()):
                    rests[rest] += count
    return found
