"""Tag-level micro precision/recall/F1 of the keyword segmenter on the hand gold.

Run from the repository root: ``python benchmarks/keywords_f1.py``.  Reads
``tests/data/keywords_gold.jsonl`` (one ``{"raw", "context", "tags"}`` a line),
scores ``segment_keywords`` and the naive baseline (``raw.split()`` de-duplicated)
and lists every missed or spurious tag.  ``--quiet`` prints only the figures.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from newsparse._formats.aggregator.keywords import segment_keywords  # noqa: E402

GOLD = ROOT / "tests" / "data" / "keywords_gold.jsonl"

Segmenter = Callable[[str, str], Sequence[str]]


def load(path: Path = GOLD) -> list[dict[str, object]]:
    """Return the gold records of *path*."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def baseline(raw: str, context: str) -> tuple[str, ...]:
    """Return the naive segmentation: every token a tag, de-duplicated."""
    del context
    return tuple(dict.fromkeys(raw.split()))


def ours(raw: str, context: str) -> tuple[str, ...]:
    """Return the library's segmentation."""
    return segment_keywords(raw, context)


def ours_without_context(raw: str, context: str) -> tuple[str, ...]:
    """Return the library's segmentation when the article text is not known.

    This is the fairer figure for unseen articles: the context cue cannot
    have been tuned to this gold.
    """
    del context
    return segment_keywords(raw, "")


def score(records: list[dict[str, object]], segment: Segmenter) -> tuple[float, float, float]:
    """Return micro (precision, recall, F1) of *segment* over *records* (tags as sets)."""
    true_pos = predicted = gold_total = 0
    for record in records:
        gold = set(record["tags"])  # type: ignore[call-overload]
        got = set(segment(str(record["raw"]), str(record["context"])))
        true_pos += len(gold & got)
        predicted += len(got)
        gold_total += len(gold)
    precision = true_pos / predicted if predicted else 0.0
    recall = true_pos / gold_total if gold_total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def misses(records: list[dict[str, object]], segment: Segmenter) -> list[str]:
    """Return one report line per record that *segment* gets wrong."""
    lines = []
    for record in records:
        gold = list(record["tags"])  # type: ignore[call-overload]
        got = list(segment(str(record["raw"]), str(record["context"])))
        if set(gold) != set(got):
            missed = [tag for tag in gold if tag not in got]
            spurious = [tag for tag in got if tag not in gold]
            lines.append(
                f"[{record.get('id', '?')}] missed: {' | '.join(missed)}\n"
                f"      spurious: {' | '.join(spurious)}"
            )
    return lines


def main(argv: list[str]) -> int:
    """Print the figures (and the misses unless ``--quiet``); return the exit status."""
    records = load()
    out = sys.stdout
    out.write(f"{len(records)} keyword lines, {sum(len(r['tags']) for r in records)} gold tags\n")  # type: ignore[arg-type,misc]
    for name, segment in (
        ("segment_keywords", ours),
        ("  without context", ours_without_context),
        ("baseline split()", baseline),
    ):
        precision, recall, f1 = score(records, segment)
        out.write(f"{name:18}  P={precision:.3f}  R={recall:.3f}  F1={f1:.3f}\n")
    for record in records:
        if str(record.get("id", "")).isdigit():
            precision, recall, f1 = score([record], ours)
            out.write(f"  seed {record['id']}: P={precision:.3f}  R={recall:.3f}  F1={f1:.3f}\n")
    if "--quiet" not in argv:
        wrong = misses(records, ours)
        out.write(f"\n{len(wrong)} lines with errors:\n")
        out.write("".join(line + "\n" for line in wrong))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
