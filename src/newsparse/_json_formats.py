"""PLACEHOLDER, replaced by the JSON formats (newsparse-jsonl, saudinewsnet)."""

from __future__ import annotations

from collections.abc import Iterator

from newsparse._model import Article


class NewsparseJsonl:
    name = "newsparse-jsonl"
    suffixes = (".jsonl",)

    def sniff(self, text: str) -> float:
        return 0.0

    def parse(
        self, text: str, *, path: str | None = None, strict: bool = False
    ) -> Iterator[Article]:
        yield from ()


class SaudiNewsNet:
    name = "saudinewsnet"
    suffixes = (".json",)

    def sniff(self, text: str) -> float:
        return 0.0

    def parse(
        self, text: str, *, path: str | None = None, strict: bool = False
    ) -> Iterator[Article]:
        yield from ()
