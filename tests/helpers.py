"""Builders for small dumps in tests."""

from __future__ import annotations

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
