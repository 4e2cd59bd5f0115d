"""Builders for small dumps in tests."""

from __future__ import annotations

import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
"""The project's checkout, so that a test finds its files from any working directory."""

DATA = ROOT / "tests" / "data"
"""The input/gold pairs (``*.txt`` and ``*.gold.json``) and the damaged fixtures."""

EXAMPLES = ROOT / "examples"
"""The bundled examples the README and docs/ use, and the plugin package."""

SEEDS = ("000_737a97d3fc3c0077", "001_52f26a06847bab49")
"""The two real files the project comes from (tests/data/*.txt); the others are hand-written."""

DATE = "تاريخ النشر: 29th, January 2024 GMT"
TITLE = "باكستان وإيران تتفقان على تعزيز التعاون الأمني بعد ضربات متبادلة"
PARAGRAPH = "قالت باكستان وإيران، الإثنين، إن كلا منهما تحترم سيادة وسلامة أراضي الأخرى."
PARAGRAPH_2 = "وأجرى وزيرا خارجية البلدين محادثات في العاصمة الباكستانية بعد أيام من التوتر."
RELATED_TITLE = "الكويت واليابان تتفقان على شراكة إستراتيجية شاملة لتعزيز التعاون"


def dump(*lines: str) -> str:
    """Join *lines* into a dump, one per line."""
    return "\n".join(lines) + "\n"


def article_dump(*body: str, tail: tuple[str, ...] = ()) -> str:
    """A dump with the standard headline and date line, then *body*, then *tail*."""
    return dump(TITLE, DATE, *body, *tail)


OUTLET = "صحيفة الوادي"
CHROME = "تابعونا على منصة إكس للأخبار العاجلة"
"""A chrome line of OUTLET's site, in the corpora of :func:`outlet_corpus`."""


def outlet_corpus(directory: Path, files: int, seed: int = 3) -> list[Path]:
    """*files* dumps of two outlets, each with its own chrome line in most of its files."""
    chance = random.Random(seed)  # noqa: S311 -- test data, not secrets
    words = PARAGRAPH.rstrip(".").split() + PARAGRAPH_2.rstrip(".").split()
    paths = []
    for number in range(files):
        outlet, chrome = [(OUTLET, CHROME), ("بوابة الشمال", "اشترك في نشرة الشمال")][number % 2]
        body = [" ".join(chance.sample(words, 12)) + "." for _ in range(4)]
        if chance.random() < 0.8:
            body.insert(2, chrome)
        tail = (f"المصدر: {outlet}", "كلمات دلالية: نادي الوحدة الرياضي إيران باكستان")
        path = directory / f"{number:03}.txt"
        path.write_text(article_dump(*body, tail=tail), encoding="utf-8")
        paths.append(path)
    return paths
