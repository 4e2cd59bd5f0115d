"""What one parsed article tells the learner: its outlet, its chrome candidates, its tags.

An :class:`Observation` is small and pickles, so a worker process parses the
file and sends only this to the process that learns.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator

from attrs import frozen

from newsparse._formats.aggregator.grammar import BYLINE_LABEL, last_source_label, source_line
from newsparse._formats.aggregator.learned import LINE_MAX_CHARS, end_run, line_key, start_runs
from newsparse._model.records import Article, Block, Heading, Paragraph

__all__ = ["Observation", "level_of", "observe", "outlet_of", "rule_tags"]


@frozen(kw_only=True)
class Observation:
    """What one article contributes to a corpus profile."""

    outlet: str | None
    """The source name, else the byline's outlet; None when it names neither."""
    level: int
    """How many leading zero bits the hash of its text has (its place in samples)."""
    lines: tuple[str, ...] = ()
    """The keys of its body lines that could be chrome (docs/corpus.md), sorted."""
    starts: tuple[str, ...] = ()
    ends: tuple[str, ...] = ()
    bylines: tuple[str, ...] = ()
    """Its byline, when it may be chrome that stood in a byline's place."""
    tags: tuple[str, ...] | None = None
    """Its keyword line as the rules split it, in line order (repeats kept); None: none."""
    tags_level: int = 0
    """The level of its keyword line in the tag sample."""


# x >= _QUARTERS[k]: the top bits of a hash, normalised to [2**63, 2**64), are at least
# 2**63 * 2**((k + 1) / 4) (integers, so that every machine rounds alike).
_QUARTERS = (10968499650544838656, 13043817825332783104, 15511800964685064192)


def level_of(text: str) -> int:
    """The level of *text* in a sample: a quarter of the leading zero bits of a 64-bit hash
    of it, so that a share 2 ** (-level / 4) of all texts is at that level or above (the
    same on every machine and in every process; four levels a halving keep a sample
    between 84% and all of its cap)."""
    digest = int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")
    zeros = 64 - digest.bit_length()
    if zeros == 64:
        return 4 * 64
    top = digest << zeros  # in [2**63, 2**64)
    return 4 * zeros + 3 - sum(top >= quarter for quarter in _QUARTERS)


def _texts(blocks: Iterable[Block]) -> Iterator[str]:
    for block in blocks:
        if isinstance(block, Paragraph | Heading):
            yield block.text


def outlet_of(article: Article) -> str | None:
    """The outlet an article's chrome is learned for: its source name; when chrome after
    the source line hid it (a body line that is a source line), that line's name; else
    the first author of a byline (an outlet alone: ``سام برس``)."""
    if article.source is not None:
        return article.source.name
    for text in reversed(tuple(_texts(article.body))):
        if (found := source_line(text)) is not None:
            return found[0]
    return article.authors[0] if article.authors else None


def rule_tags(article: Article) -> tuple[str, ...] | None:
    """The article's tags in the order its keyword line has them, repeats kept: each
    place of the line takes the longest of its tags that stands there (tokens that are
    none, such as page labels, are left out)."""
    if article.keywords_raw is None or not article.keywords:
        return None
    tokens = article.keywords_raw.split()
    tags = {tuple(tag.split()) for tag in article.keywords}
    longest = max(map(len, tags))
    found: list[str] = []
    start = 0
    while start < len(tokens):
        for size in range(min(longest, len(tokens) - start), 0, -1):
            if tuple(tokens[start : start + size]) in tags:
                found.append(" ".join(tokens[start : start + size]))
                start += size
                break
        else:
            start += 1
    return tuple(found)


def _byline_chrome(article: Article, outlet: str | None) -> tuple[str, ...]:
    """The byline, when it may be chrome that stood where a byline stands: one line with
    no byline label (كتب:) that is not the outlet's name.  It counts as chrome only
    beside the same line in the body of other files (a writer's name never is)."""
    if len(article.authors) != 1 or outlet is None:
        return ()
    byline = article.authors[0]
    if BYLINE_LABEL.match(byline) is not None or byline == outlet:
        return ()
    return (line_key(byline),)


def observe(article: Article) -> Observation:
    """What *article* (parsed without a profile) contributes to a corpus profile."""
    outlet = outlet_of(article)
    texts = list(_texts(article.body))
    for related in article.related:
        texts.extend(_texts(related.body))
    lines: set[str] = set()
    starts: set[str] = set()
    ends: set[str] = set()
    for text in texts:
        if last_source_label(text) is not None:
            continue  # a source line (hidden by chrome after it) is no chrome
        if len(text) <= LINE_MAX_CHARS:
            lines.add(line_key(text))
        starts.update(key for key, _ in start_runs(text))
        if (end := end_run(text)) is not None:
            ends.add(end[0])
    tags = rule_tags(article)
    whole = "\n".join((article.title, *texts, article.keywords_raw or ""))
    return Observation(
        outlet=outlet,
        level=level_of(whole),
        lines=tuple(sorted(lines)),
        starts=tuple(sorted(starts)),
        ends=tuple(sorted(ends)),
        bylines=_byline_chrome(article, outlet),
        tags=tags,
        tags_level=0 if tags is None else level_of("\x1f".join(tags)),
    )
