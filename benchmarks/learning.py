"""Learning from a corpus: what a profile changes, what learning costs, and that it is stable.

    python -m benchmarks.learning [--files 10000] [--memory 10000,100000] [--seed 17]
                                  [--keep DIR]

On development corpora (:mod:`benchmarks.devcorpus`: many outlets, each with its own
chrome in its own places, and tags with a long tail of names no lexicon holds):

- the figures of issue 17 with and without the profile: chrome left in bodies
  (recall), real blocks dropped, keyword F1 (:mod:`benchmarks.devcorpus_score`);
- the share threshold (``LearnSettings.min_share``) swept: what each choice
  gains in recall and costs in real blocks dropped (docs/corpus.md);
- ``newsparse learn`` with ``--jobs 1``, ``--jobs 2`` and the paths shuffled on
  standard input: the same profile, byte for byte;
- the wall time and peak memory of ``newsparse learn --jobs 2`` at each
  ``--memory`` size (the command's own process, and its whole tree).

The exit status is 1 when a target is not met (recall >= 0.98, real blocks
dropped <= 0.1%, keyword F1 >= 0.97 and never below the F1 without the
profile, the same bytes, the command's memory within 15% from the smallest
to the largest size).  ``make bench`` runs it.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs

from benchmarks.corpus import measured
from benchmarks.devcorpus import generate
from benchmarks.devcorpus_score import score
from newsparse import CorpusProfile, LearnSettings, iter_results
from newsparse._corpus.learn import learn_results, observations

MEMORY_GROWTH = 0.15
"""How much more the command may take at the largest size than at the smallest."""
SHARES = (0.15, 0.2, 0.25, 0.3, 0.4)


def _gold(corpus: Path) -> list[dict[str, Any]]:
    with (corpus / "gold.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def _scored(corpus: Path, gold: list[dict[str, Any]], profile: CorpusProfile | None) -> Any:
    paths = [str(corpus / record["path"]) for record in gold]
    results = iter_results(paths, jobs=2, profile=profile)
    return score((result.articles[0], record) for result, record in zip(results, gold, strict=True))


def _learn(corpus: Path, out: Path, jobs: int, stdin: str | None = None) -> tuple[float, int, int]:
    """Wall seconds, the command's own peak and its tree's peak (KiB) of one learn run."""
    source = "-" if stdin is not None else str(corpus)
    arguments = ["learn", source, "--glob", "*.txt", "-o", str(out), "-j", str(jobs), "-q"]
    seconds, own, tree, said = measured(arguments, stdin=stdin, tree=True)
    if not out.exists():
        raise SystemExit(f"newsparse {' '.join(arguments)} failed: {said}")
    return seconds, own, tree


def _row(name: str, figures: dict[str, float]) -> str:
    return (
        f"{name:<16} chrome recall {figures['chrome_recall']:.4f} "
        f"({figures['chrome_left']:.0f} of {figures['chrome_total']:.0f} left), "
        f"real blocks dropped {figures['real_dropped']:.0f} "
        f"({figures['real_dropped_rate']:.4%}), still with chrome {figures['real_unclean']:.0f}, "
        f"keyword F1 {figures['keyword_f1']:.4f} (P {figures['keyword_precision']:.4f}, "
        f"R {figures['keyword_recall']:.4f})"
    )


def _sweep(corpus: Path, gold: list[dict[str, Any]], out: list[str]) -> None:
    """Learn once, decide with each share threshold, and score each profile."""
    found = list(map(observations, iter_results(corpus, glob="*.txt", jobs=2)))
    out.append("min_share sweep (the default is 0.25):")
    for share in SHARES:
        settings = attrs.evolve(LearnSettings(), min_share=share)
        figures = _scored(corpus, gold, learn_results(found, settings).profile())
        out.append("  " + _row(f"min_share {share}", figures))


def _same_bytes(corpus: Path, work: Path) -> tuple[bool, float, float]:
    one, two, shuffled = (work / f"{name}.json" for name in ("one", "two", "shuffled"))
    seconds_one = _learn(corpus, one, 1)[0]
    seconds_two = _learn(corpus, two, 2)[0]
    paths = sorted(str(path) for path in corpus.rglob("*.txt"))
    random.Random(7).shuffle(paths)  # noqa: S311 -- an order, not a secret
    _learn(corpus, shuffled, 2, stdin="\n".join(paths) + "\n")
    same = one.read_bytes() == two.read_bytes() == shuffled.read_bytes()
    return same, seconds_one, seconds_two


def _verdict(met: bool) -> str:
    return "met" if met else "NOT MET"


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--memory", default="10000,100000")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--keep", type=Path, help="keep the corpora in DIR (made again if absent)")
    args = parser.parse_args(None if argv is None else list(argv))
    sizes = sorted({int(size) for size in args.memory.split(",")})
    work = args.keep or Path(tempfile.mkdtemp(prefix="newsparse-learning-"))
    work.mkdir(parents=True, exist_ok=True)
    out: list[str] = []
    try:
        corpora = {}
        for size in sorted({args.files, *sizes}):
            corpus = work / f"dev{size}"
            if not (corpus / "gold.jsonl").exists():
                shutil.rmtree(corpus, ignore_errors=True)
                generate(corpus, size, seed=args.seed)
            corpora[size] = corpus
        corpus = corpora[args.files]
        gold = _gold(corpus)
        profile_path = work / "profile.json"
        _learn(corpus, profile_path, 2)
        profile = CorpusProfile.read(profile_path)
        without = _scored(corpus, gold, None)
        learned = _scored(corpus, gold, profile)
        out.append(f"development corpus: {args.files} files, seed {args.seed}")
        out.append(_row("without profile", without))
        out.append(_row("with profile", learned))
        _sweep(corpus, gold, out)
        same, one, two = _same_bytes(corpus, work)
        out.append(
            f"learn --jobs 1: {one:.1f} s, --jobs 2: {two:.1f} s; the same profile bytes for "
            f"--jobs 1, --jobs 2 and shuffled paths: {same}"
        )
        peaks = {}
        for size in sizes:
            seconds, own, tree = _learn(corpora[size], work / f"memory{size}.json", 2)
            peaks[size] = (own, tree)
            out.append(
                f"learn --jobs 2, {size} files: {seconds:.1f} s ({size / seconds:.0f} files/s), "
                f"peak memory {own / 1024:.0f} MiB (the command), {tree / 1024:.0f} MiB "
                "(its process tree)"
            )
        smallest, largest = peaks[sizes[0]], peaks[sizes[-1]]
        growth = max(largest[0] / smallest[0], largest[1] / smallest[1]) - 1
        targets = {
            "chrome recall >= 0.98": learned["chrome_recall"] >= 0.98,
            "real blocks dropped <= 0.1%": learned["real_dropped_rate"] <= 0.001,
            "keyword F1 >= 0.97": learned["keyword_f1"] >= 0.97,
            "keyword F1 never below the F1 without": learned["keyword_f1"] >= without["keyword_f1"],
            "the same profile for --jobs 1, --jobs 2, shuffled": same,
            f"learn memory flat ({growth:+.0%} from {sizes[0]} to {sizes[-1]} files; "
            f"at most {MEMORY_GROWTH:+.0%})": growth <= MEMORY_GROWTH,
        }
        out.extend(f"target: {name}: {_verdict(met)}" for name, met in targets.items())
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    sys.stdout.write("\n".join(out) + "\n")
    return 0 if all(targets.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
