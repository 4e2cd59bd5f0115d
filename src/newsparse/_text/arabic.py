"""Small facts about Arabic script that several modules share.

``fold`` maps the spellings a search should treat as one (Persian yeh and
keheh, the alef forms, tatweel, diacritics, Arabic-Indic digits) onto one
form.  It is for *matching*: the parser never writes folded text into a
record (docs/format.md, its opening section: text is otherwise kept exactly as written).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import regex

__all__ = [
    "ARABIC_LETTER",
    "ARABIC_LETTERS",
    "ARABIC_SCRIPT",
    "FOLD_TABLE",
    "fold",
    "has_arabic_letter",
    "to_ascii_digits",
    "translator",
]

_DIGITS: dict[int, int] = {}
for _i in range(10):
    _DIGITS[0x0660 + _i] = ord("0") + _i  # Arabic-Indic
    _DIGITS[0x06F0 + _i] = ord("0") + _i  # Extended Arabic-Indic (Persian, Urdu)

FOLD_TABLE: dict[int, int | None] = dict(_DIGITS)
FOLD_TABLE.update(
    {
        0x06CC: 0x064A,  # Farsi yeh -> Arabic yeh
        0x06A9: 0x0643,  # keheh -> kaf
        0x0623: 0x0627,  # alef with hamza above
        0x0625: 0x0627,  # alef with hamza below
        0x0622: 0x0627,  # alef with madda
        0x0671: 0x0627,  # alef wasla
        0x0640: None,  # tatweel
        0x0670: None,  # superscript alef
    }
)
for _cp in range(0x064B, 0x0660):  # harakat, tanween, shadda, sukun and the rarer marks
    FOLD_TABLE[_cp] = None

ARABIC_SCRIPT = r"\p{Script=Arabic}"
"""The characters of the Arabic script (letters, marks, digits, punctuation), for a regex."""
ARABIC_LETTERS = rf"[{ARABIC_SCRIPT}&&\p{{L}}]"
"""A regex set of one Arabic letter (``regex.VERSION1`` syntax: ``&&`` intersects)."""
ARABIC_LETTER = regex.compile(ARABIC_LETTERS, regex.VERSION1)
"""One Arabic letter, compiled."""

# str.translate with a dict looks every character up (about 0.1 µs each); on
# text longer than this, one str.replace per mapped character present is
# cheaper (each is a C scan, and most mapped characters are absent).
_SHORT = 32


def translator(table: Mapping[int, int | None]) -> Callable[[str], str]:
    """Return a function equal to ``str.translate(table)`` that is fast on long text.

    *table* maps single characters to one character or to None (delete); no
    output may itself be a key, so the replacements can run one after another.
    """
    pairs = [(chr(key), "" if value is None else chr(value)) for key, value in table.items()]
    if any(value is not None and value in table for value in table.values()):
        raise ValueError("a translator's outputs must not be keys of its table")
    frozen = dict(table)
    narrow = tuple(pair for pair in pairs if ord(pair[0]) < 0x800)
    # Keys from U+0800 up, grouped by UTF-8 lead byte (an int) (docs/performance.md#kept-tricks).
    groups: dict[int, list[tuple[str, str]]] = {}
    for old, new in pairs:
        if ord(old) >= 0x800:
            groups.setdefault(old.encode("utf-8", "surrogatepass")[0], []).append((old, new))
    wide = tuple((lead, tuple(group)) for lead, group in groups.items())

    def translate(text: str) -> str:
        if len(text) < _SHORT:
            return text.translate(frozen)
        encoded = text.encode("utf-8", "surrogatepass") if wide else b""
        for old, new in narrow:
            if old in text:
                text = text.replace(old, new)
        for lead, group in wide:
            if lead in encoded:
                for old, new in group:
                    if old in text:
                        text = text.replace(old, new)
        return text

    return translate


_fold = translator(FOLD_TABLE)


def fold(text: str) -> str:
    """Return *text* with Arabic spelling variants folded to one form.

    Persian yeh/keheh become Arabic yeh/kaf, hamzated and madda alefs become a
    bare alef, tatweel and diacritics are removed and Arabic-Indic digits
    become ASCII digits.  Use it to compare tags or text across spellings:

    >>> fold("باکستان") == fold("باكستان")
    True
    >>> fold("أيضاً")
    'ايضا'
    """
    return _fold(text)


def to_ascii_digits(text: str) -> str:
    """Return *text* with Arabic-Indic digits replaced by ASCII digits."""
    return text.translate(_DIGITS)


def has_arabic_letter(text: str) -> bool:
    """Return whether *text* holds at least one Arabic letter."""
    return ARABIC_LETTER.search(text) is not None
