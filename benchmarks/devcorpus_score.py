"""Score the parser on a development corpus (benchmarks/devcorpus.py): chrome, real text, tags.

    python -m benchmarks.devcorpus_score CORPUS [--examples 15]

Parses every file that ``CORPUS/gold.jsonl`` names with ``newsparse.parse_file``
(no options: the parser of one file, which knows no outlet's chrome) and pairs
each Article with its gold record.  :func:`score` gives, over the whole corpus:

- ``chrome_left`` / ``chrome_total`` / ``chrome_recall``: the chrome occurrences
  still in the body blocks (a ``line`` one when a block is exactly it, a glued
  one while its text stands inside a block), and ``1 - left / total``;
- ``real_dropped`` / ``real_total`` / ``real_dropped_rate``: the gold blocks
  (real paragraphs and subheadings) that no parsed block holds: dropped, or
  cut into (blocks compared as a multiset of texts); ``real_unclean``: those
  that a parsed block holds with chrome still glued to them;
- ``extra_blocks``: parsed blocks that are neither real text nor chrome (a
  source line read as a paragraph, for one);
- ``keyword_precision`` / ``keyword_recall`` / ``keyword_f1``: micro figures of
  ``article.keywords`` against the gold tags, per article as sets of exact strings;
- ``outlet_accuracy``: articles whose outlet the parser found (the source line's
  name, or the byline's one author for the outlets that write no source line).

The command prints those figures, then where the chrome ends up (by where it
stands in the file), then examples of the keyword segmenter's errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from newsparse import Article, Heading, NewsparseError, Paragraph, parse_file

__all__ = ["chrome_fates", "keyword_errors", "main", "read_corpus", "score"]


def _texts(article: Article) -> list[str]:
    """The texts of the paragraphs and subheadings of the main body, in order."""
    return [block.text for block in article.body if isinstance(block, Paragraph | Heading)]


def _chrome_left(texts: list[str], chrome: list[dict[str, str]]) -> int:
    """How many of the *chrome* occurrences the block *texts* still hold."""
    whole = Counter(text.strip() for text in texts)
    lines = Counter(item["text"] for item in chrome if item["where"] == "line")
    glued = Counter(item["text"] for item in chrome if item["where"] != "line")
    left = sum(min(count, whole[text]) for text, count in lines.items())
    for text, count in glued.items():
        inside = sum(block.count(text) for block in texts if block.strip() != text)
        left += min(count, inside)
    return left


def _lost(texts: list[str], blocks: list[str], rest: Counter[str]) -> int:
    """How many gold *blocks* left unmatched by :func:`_kept` no parsed block holds at all
    (dropped, or cut into): the others are still there, with chrome glued to them."""
    unmatched = Counter(blocks)
    unmatched.subtract(Counter(text for text in texts if text in unmatched))
    leftovers = [text for text, count in rest.items() for _ in range(count)]
    lost = 0
    for block, count in unmatched.items():
        for _ in range(max(0, count)):
            holder = next((text for text in leftovers if block in text), None)
            if holder is None:
                lost += 1
            else:
                leftovers.remove(holder)
    return lost


def _kept(texts: list[str], blocks: list[str]) -> tuple[int, Counter[str]]:
    """How many gold *blocks* the parsed *texts* keep, and the parsed texts left over."""
    available = Counter(texts)
    kept = 0
    for block in blocks:
        if available[block] > 0:
            available[block] -= 1
            kept += 1
    return kept, available


def _outlet(article: Article) -> str | None:
    if article.source is not None:
        return article.source.name
    return article.authors[0] if len(article.authors) == 1 else None


def score(records: Iterable[tuple[Article, dict[str, Any]]]) -> dict[str, float]:
    """The figures of the parsed Articles against their gold records (the module says which)."""
    chrome_total = chrome_left = real_total = real_kept = real_lost = extra = 0
    true_tags = got_tags = gold_tags = 0
    articles = outlets = 0
    for article, gold in records:
        articles += 1
        texts = _texts(article)
        chrome: list[dict[str, str]] = gold["chrome"]
        blocks: list[str] = gold["blocks"]
        chrome_total += len(chrome)
        chrome_left += _chrome_left(texts, chrome)
        real_total += len(blocks)
        kept, rest = _kept(texts, blocks)
        real_kept += kept
        real_lost += _lost(texts, blocks, rest)
        names = {item["text"] for item in chrome}
        extra += sum(
            count
            for text, count in rest.items()
            if count > 0 and text not in names and not any(name in text for name in names)
        )
        gold_set, got = set(gold["keywords"]), set(article.keywords)
        true_tags += len(gold_set & got)
        got_tags += len(got)
        gold_tags += len(gold_set)
        outlets += _outlet(article) == gold["outlet"]
    precision = true_tags / got_tags if got_tags else 0.0
    recall = true_tags / gold_tags if gold_tags else 0.0
    return {
        "articles": float(articles),
        "chrome_total": float(chrome_total),
        "chrome_left": float(chrome_left),
        "chrome_recall": 1 - chrome_left / chrome_total if chrome_total else 1.0,
        "real_total": float(real_total),
        "real_dropped": float(real_lost),
        "real_dropped_rate": real_lost / real_total if real_total else 0.0,
        "real_unclean": float(real_total - real_kept - real_lost),
        "extra_blocks": float(extra),
        "keyword_precision": precision,
        "keyword_recall": recall,
        "keyword_f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "outlet_accuracy": outlets / articles if articles else 0.0,
    }


def read_corpus(corpus: Path) -> Iterator[tuple[Path, Article | NewsparseError, dict[str, Any]]]:
    """Each file of *corpus* in gold order: its path, its Article (or the error), its gold."""
    with (corpus / "gold.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            gold: dict[str, Any] = json.loads(line)
            path = corpus / gold["path"]
            try:
                parsed: Article | NewsparseError = parse_file(path)
            except NewsparseError as error:
                parsed = error
            yield path, parsed, gold


def _position(lines: list[str], text: str, seen: int, first_block: str, chrome: set[str]) -> str:
    """Where the *seen*-th line that is *text* stands in the dump of *lines* (*chrome*: the
    file's chrome lines, which do not count as what follows a line)."""
    at = [i for i, line in enumerate(lines) if line == text][min(seen, lines.count(text) - 1)]
    start = next((i for i, line in enumerate(lines) if first_block in line), len(lines))
    if at < start:
        return "line at the top"
    if any(line.startswith("المصدر:") for line in lines[:at]):
        return "line after the source line"
    after = next((line for line in lines[at + 1 :] if line not in chrome), "")
    if after.startswith(("المصدر:", "كلمات دلالية:", "إقرأ أيضاً:")) or not after:
        return "line before the tail"
    return "line in the body"


def chrome_fates(path: Path, article: Article, gold: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(where the chrome stood, what the parser made of it) for each chrome occurrence."""
    raw = path.read_bytes()
    text = raw.decode(article.encoding or "utf-8")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    chrome_lines = {item["text"] for item in gold["chrome"] if item["where"] == "line"}
    paragraphs = [b.text for b in article.body if isinstance(b, Paragraph)]
    headings = [b.text for b in article.body if isinstance(b, Heading)]
    first = gold["blocks"][0] if gold["blocks"] else ""
    seen: Counter[str] = Counter()
    for item in gold["chrome"]:
        chrome, where = item["text"], item["where"]
        if where == "line":
            place = _position(lines, chrome, seen[chrome], first, chrome_lines)
            seen[chrome] += 1
        else:
            place = f"glued at the {where} of a paragraph"
        if chrome in headings:
            fate = "a subheading"
        elif chrome in paragraphs:
            fate = "a paragraph"
        elif any(chrome in block for block in paragraphs + headings):
            fate = "inside a block"
        elif any(set(author.split()) <= set(chrome.split()) for author in article.authors):
            fate = "an author"  # the byline rule took the line (cut or split, maybe)
        elif article.source is not None and chrome in (article.source.credit or ""):
            fate = "the source credit"
        else:
            fate = "dropped"
        yield place, fate


def keyword_errors(article: Article, gold: dict[str, Any]) -> tuple[list[str], list[str]] | None:
    """The gold tags the parser missed and the tags it made up, or None when it got them all."""
    gold_tags, got = list(gold["keywords"]), list(article.keywords)
    if set(gold_tags) == set(got):
        return None
    return [t for t in gold_tags if t not in got], [t for t in got if t not in gold_tags]


def main(argv: list[str] | None = None) -> int:
    """The command: parse the corpus, print the figures, the chrome's fate, the tag errors."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.devcorpus_score",
        description="Score newsparse on a development corpus (benchmarks/devcorpus.py).",
    )
    parser.add_argument("corpus", type=Path, help="a directory written by benchmarks.devcorpus")
    parser.add_argument("--examples", type=int, default=15, help="keyword errors to show")
    args = parser.parse_args(argv)
    out = sys.stdout
    pairs: list[tuple[Article, dict[str, Any]]] = []
    fates: Counter[tuple[str, str]] = Counter()
    examples: list[str] = []
    failed = 0
    for path, parsed, gold in read_corpus(args.corpus):
        if isinstance(parsed, NewsparseError):
            failed += 1
            continue
        pairs.append((parsed, gold))
        fates.update(chrome_fates(path, parsed, gold))
        errors = keyword_errors(parsed, gold)
        if errors is not None and len(examples) < args.examples:
            missed, spurious = errors
            examples.append(
                f"[{gold['path']}] {parsed.keywords_raw}\n"
                f"    gold:     {' | '.join(gold['keywords'])}\n"
                f"    got:      {' | '.join(parsed.keywords)}\n"
                f"    missed:   {' | '.join(missed)}\n"
                f"    spurious: {' | '.join(spurious)}\n"
            )
    figures = score(pairs)
    out.write(f"{len(pairs)} articles parsed, {failed} refused\n")
    for name, value in figures.items():
        shown = f"{value:.4f}" if value != int(value) or "rate" in name else f"{int(value)}"
        out.write(f"  {name:18} {shown}\n")
    out.write("\nwhere the chrome ends up (occurrences):\n")
    places = sorted({place for place, _ in fates})
    for place in places:
        total = sum(n for (p, _), n in fates.items() if p == place)
        shares = ", ".join(
            f"{fate} {n} ({n / total:.0%})"
            for (p, fate), n in sorted(fates.items(), key=lambda kv: -kv[1])
            if p == place
        )
        out.write(f"  {place} ({total}): {shares}\n")
    out.write(f"\n{len(examples)} keyword errors:\n")
    out.write("".join(examples))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
