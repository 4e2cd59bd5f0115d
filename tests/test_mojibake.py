"""Mojibake repair: UTF-8 read as windows-1256, with and without the dropped soft hyphens."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from newsparse._text.mojibake import repair_line, repair_lines, repair_mojibake
from tests.helpers import DATA

SEED_LINES = [
    line for seed in sorted(DATA.glob("*.txt")) for line in seed.read_text("utf-8").splitlines()
]


def mojibake(text: str) -> str:
    """What the scraper made of ``text``: its UTF-8 bytes decoded as windows-1256."""
    return text.encode("utf-8").decode("cp1256")


def lossy(text: str) -> str:
    """The mojibake of ``text`` as real pages show it, soft hyphens (byte 0xAD) dropped."""
    return mojibake(text).replace("\u00ad", "")


def test_seeds_are_there() -> None:
    assert len(SEED_LINES) > 40
    assert any("\u062d" in line for line in SEED_LINES)  # so the lossy kind is exercised


@pytest.mark.parametrize("line", SEED_LINES)
def test_seed_line_mojibake_is_repaired(line: str) -> None:
    damaged = mojibake(line)
    assert repair_line(damaged) == (None if damaged == line else line)


@pytest.mark.parametrize("line", SEED_LINES)
def test_seed_line_lossy_mojibake_is_repaired(line: str) -> None:
    damaged = lossy(line)
    assert repair_line(damaged) == (None if damaged == line else line)


@pytest.mark.parametrize("line", SEED_LINES)
def test_seed_line_clean_is_left_alone(line: str) -> None:
    assert repair_line(line) is None


@pytest.mark.parametrize("seed", sorted(DATA.glob("*.txt")), ids=lambda path: path.stem)
@pytest.mark.parametrize("damage", [mojibake, lossy])
def test_seed_file_is_repaired_line_by_line(seed: Path, damage: Callable[[str], str]) -> None:
    text = seed.read_text("utf-8")
    lines = text.splitlines()
    damaged = [line if line.startswith("تاريخ النشر") else damage(line) for line in lines]
    fixed, repaired = repair_lines(damaged)
    assert fixed == lines
    assert repaired == [i for i, line in enumerate(lines) if damaged[i] != line]
    assert repair_mojibake("\r\n".join(damaged) + "\r\n") == "\r\n".join(lines) + "\r\n"


def test_plain_ascii_and_date_lines_are_not_mojibake() -> None:
    for line in ["", "   ", "2024", "Reuters/AFP", "تاريخ النشر: 29th, January 2024 GMT"]:
        assert repair_line(line) is None


@pytest.mark.parametrize("damage", [mojibake, lossy])
@pytest.mark.parametrize(
    ("clean", "damaged_part"),
    [
        ("الضغط ", "على الحكومة"),
        ("قال وزير الخارجية ", "حسين أمير عبد اللهيان، الإثنين."),
        ("باکستان وإیران ", "مكافحة الإرهاب"),  # the Persian yeh is not in windows-1256
        ("٢٠٢٤ ", "الحكومة"),  # neither are Arabic-Indic digits
    ],
)
def test_mixed_line_repairs_only_the_damaged_part(
    clean: str, damaged_part: str, damage: Callable[[str], str]
) -> None:
    line = clean + damage(damaged_part)
    assert repair_line(line) == clean + damaged_part
    reversed_line = damage(damaged_part) + " " + clean.strip()
    assert repair_line(reversed_line) == damaged_part + " " + clean.strip()


def test_mixed_line_keeps_its_whitespace() -> None:
    line = "\t الضغط  \t" + lossy("على") + "   " + lossy("الحكومة") + " \t"
    assert repair_line(line) == "\t الضغط  \tعلى   الحكومة \t"


def test_non_arabic_mojibake_token_in_a_mixed_line_is_kept() -> None:
    # ``â€¦`` is an ellipsis read as windows-1256, but repairing it adds nothing Arabic.
    line = "الضغط " + mojibake("الحكومة") + " â€¦"
    assert repair_line(line) == "الضغط الحكومة â€¦"


def test_whole_line_repair_covers_non_arabic_characters() -> None:
    text = "قال… «الحكومة» 😀 café\u00a0x\u200cy"
    assert repair_line(mojibake(text)) == text
    assert repair_line(lossy(text)) == text


def test_nbsp_continuation_byte_at_the_edges_is_kept() -> None:
    # ٠ is D9 A0: its mojibake ends in NBSP, which a strip() would destroy.
    text = "٠ العدد ٠"
    damaged = mojibake(text)
    assert damaged.endswith("\u00a0")
    assert damaged.startswith("\u0638\u00a0")
    assert repair_line(damaged) == text
    assert repair_line("  " + damaged + " \t") == "  " + text + " \t"


def test_crlf_and_mixed_line_endings_are_kept() -> None:
    lines = ["الخبر الأول", "", "second line", "الخبر الثاني"]
    damaged = mojibake(lines[0]) + "\r\n\r\n" + lines[2] + "\n" + lossy(lines[3]) + "\r"
    assert repair_mojibake(damaged) == "الخبر الأول\r\n\r\nsecond line\nالخبر الثاني\r"
    assert repair_mojibake(damaged.rstrip("\r")) == "الخبر الأول\r\n\r\nsecond line\nالخبر الثاني"


def test_clean_text_is_returned_as_is() -> None:
    text = "الضغط، والحظر\r\nضبط النفس\n"
    assert repair_mojibake(text) is text
    assert repair_mojibake("") == ""


def test_repair_lines_reports_indexes() -> None:
    lines = [mojibake("مصر"), "clean", "", lossy("الحكومة"), "الحكومة"]
    assert repair_lines(lines) == (["مصر", "clean", "", "الحكومة", "الحكومة"], [0, 3])
    assert repair_lines([]) == ([], [])


TRAPS = [
    "ط",
    "ظ",
    "طط ظظ",
    "خط",
    "الضغط، والحظر",
    "ضبط النفس",
    "فقط؛ والنفط؟",
    "الخط\u00a0الأحمر",  # NBSP after a ط
    "فقط\u00a0",
    "ط\u00a0",
    "ط\u200c",  # ZWNJ after a ط
    "خط\u200cها",
    "€",
    "â€¦",
    "Ã©tÃ©",
    "😀 🇸🇦",
    "باکستان وإیران",
    "گزارش‌ها و پیام‌ها",
    "١٢٣ ٤٥٦ 2024",
    "ـــ ط ـــ",
    "\u00a0\u200c\u200d\u00ad",
    "Hello, world! (c) 2024",
]


@pytest.mark.parametrize("text", TRAPS)
def test_trap_is_left_alone(text: str) -> None:
    assert repair_line(text) is None
    assert repair_mojibake(text) == text


def test_one_letter_word_with_arabic_punctuation_is_left_alone() -> None:
    # ``ط،`` is both ط + comma and the mojibake of ء (D8 A1): clean text wins, as the comma
    # after a lead letter is no telltale of damage.
    assert repair_line("ط،") is None
    assert repair_line("قال ط، ثم") is None
    assert repair_line("abc ط، xyz") is None
    assert repair_line("ع، غ، ط، ظ") is None  # once "ڡ ۡ ء ٭"
    # A damaged word beside it is repaired, and the one-letter word kept.
    assert repair_line("قال ط، ثم ط§ظ„ط®ط¨ط±") == "قال ط، ثم الخبر"
    assert repair_line("ط§ظ„") == "ال"


def test_long_lines_are_handled() -> None:
    text = "الحكومة، والحظر " * 20_000
    assert repair_line(lossy(text)) == text
    assert repair_line(text) is None
    assert repair_line("ط" * 200_000 + "§") is not None  # every ط but the last is a ح
    assert repair_line("خط،" * 100_000) is None
