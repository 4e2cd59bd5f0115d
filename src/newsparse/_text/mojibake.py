"""Repair Arabic mojibake: UTF-8 text that was decoded as windows-1256, line by line.

The damage: every Arabic character is two UTF-8 bytes (lead ``D8``-``DB``, then a continuation
byte ``80``-``BF``); read as windows-1256 they become a ``ط ظ ع غ`` followed by a Latin-1 sign,
a Persian letter or an Arabic comma, so ``ال`` turns into ``ط§ظ„``.  Real pages lose one more
thing: the scraper dropped U+00AD, which is what windows-1256 makes of the byte ``AD``, so
``ح`` (``D8 AD``) comes out as a bare ``ط`` and a plain re-decode fails.

The repair encodes the line back to windows-1256, puts the lost ``AD`` back after every ``D8`` or
``D9`` lead byte that has no continuation byte, and decodes as strict UTF-8.  When the whole
line does not decode (clean Arabic next to a mojibake run) each whitespace-separated token is
tried alone.  A line or token is repaired only when it shows a *telltale* pair (a lead
followed by a continuation character other than the Arabic comma, semicolon and question
mark, which clean text puts after a one-letter word), and the repair is kept only when it
*reads as more Arabic than before*: see :func:`_reads_better`.  Lines without a telltale
pair are rejected by one regex search, without being encoded.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["may_hold_mojibake", "repair_line", "repair_lines", "repair_mojibake"]

_MIN_EVIDENCE = 4


def _char_class(chars: str) -> str:
    return "[" + "".join(f"\\u{ord(char):04x}" for char in chars) + "]"


# What windows-1256 makes of the UTF-8 continuation bytes 0x80-0xBF (Latin-1 signs, Persian
# letters, NBSP, ZWNJ, the soft hyphen...), but for the Arabic comma, semicolon and question
# mark: clean text puts those right after a one-letter word (``ع، غ، ط``), so the pair they
# make with a lead letter is no evidence of damage.
_ARABIC_PUNCTUATION = "\u060c\u061b\u061f"
_TELLTALE = _char_class(
    "".join(c for c in bytes(range(0x80, 0xC0)).decode("cp1256") if c not in _ARABIC_PUNCTUATION)
)

# The evidence a repair needs: an Arabic lead (D8 ط, D9 ظ, DA ع, DB غ) directly followed by
# a telltale continuation.  The mojibake of every Arabic letter but ء and غ, and of every
# digit but ١, makes such a pair; a line or token without one is left alone, so text made of
# Arabic letters, harakat, digits, Arabic punctuation and ASCII is never changed.
# One pattern per lead: a literal first character lets the engine skip ahead,
# which makes the four searches twice as fast as one with a character class.
_SUSPECTS = tuple(re.compile(lead + _TELLTALE) for lead in "\u0637\u0638\u0639\u063a")
# Token separators: whitespace but NBSP, which windows-1256 decodes from the continuation
# byte 0xA0.  Every other whitespace character is ASCII or outside windows-1256, so it can
# never sit inside a UTF-8 sequence.
_SEPARATOR = re.compile(r"([^\S\xa0]+)")
# Runs of characters that do not count as Arabic when scoring.  What counts: the comma,
# semicolon and question mark, the letters, tatweel and harakat, Arabic-Indic digits and
# signs, superscript alef and wasla, the common Persian and Urdu letters, Persian digits and
# the presentation forms.  Rare signs such as U+0620 or U+0605 are left out on purpose: clean
# text like ``ط`` + NBSP decodes to them.
_ARABIC = (
    "\u060c\u061b\u061f\u0621-\u063a\u0640-\u0652\u0660-\u066d\u0670\u0671\u0679\u067e"
    "\u0686\u0688\u0691\u0698\u06a9\u06af\u06ba\u06be\u06c1\u06c3\u06cc\u06d2\u06f0-\u06f9"
    "\ufb50-\ufdff\ufe70-\ufefc"
)
_NOT_ARABIC = re.compile(f"[^{_ARABIC}]+")
_ARABIC_CHAR = re.compile(f"[{_ARABIC}]")


def may_hold_mojibake(text: str) -> bool:
    """Whether *text* shows a telltale mojibake pair; False means no line needs repair.

    >>> may_hold_mojibake("ط§ظ„ط®ط¨ط±"), may_hold_mojibake("الخبر")
    (True, False)
    """
    return any(suspect.search(text) is not None for suspect in _SUSPECTS)


def repair_mojibake(text: str) -> str:
    """Return text with every mojibake line repaired; clean lines unchanged (line endings kept).

    >>> repair_mojibake("ط§ظ„ط®ط¨ط±\\r\\nclean line\\r\\n")
    'الخبر\\r\\nclean line\\r\\n'
    """
    if not may_hold_mojibake(text):
        return text
    out: list[str] = []
    changed = False
    for piece in text.splitlines(keepends=True):
        body = piece.splitlines()[0]
        repaired = repair_line(body)
        if repaired is None:
            out.append(piece)
        else:
            out.append(repaired + piece[len(body) :])
            changed = True
    return "".join(out) if changed else text


def repair_lines(lines: Sequence[str]) -> tuple[list[str], list[int]]:
    """Repair each line; return the new lines and the 0-based indexes of the repaired ones.

    >>> repair_lines(["ط§ظ„ط®ط¨ط±", "2024", "ط¬ط¯ظٹط¯"])
    (['الخبر', '2024', 'جديد'], [0, 2])
    """
    out: list[str] = []
    repaired: list[int] = []
    for index, line in enumerate(lines):
        fixed = repair_line(line)
        if fixed is None:
            out.append(line)
        else:
            out.append(fixed)
            repaired.append(index)
    return out, repaired


def repair_line(line: str) -> str | None:
    """Return the repaired line, or None when the line is not mojibake (keep it as it is).

    The line is repaired whole when it decodes; otherwise token by token, keeping the original
    whitespace.  Surrounding whitespace is kept too: do not strip before calling (a trailing
    NBSP can be the last byte of a character).

    >>> repair_line("ظ…طµط± ظˆط§ظ„ط³ظˆط¯ط§ظ†")
    'مصر والسودان'
    >>> repair_line("الضغط، والحظر") is None
    True
    """
    if not may_hold_mojibake(line):
        return None
    whole = _decode(line)
    if whole is not None and _reads_better(whole[0], line, whole[1]):
        return whole[0] if _enough_evidence(line) else None
    parts = _SEPARATOR.split(line)
    evidence = False
    changed = False
    for index in range(0, len(parts), 2):  # even indexes are tokens, odd ones separators
        token = parts[index]
        if len(parts) == 1 or not may_hold_mojibake(token):
            continue
        fixed = _decode(token)
        if fixed is not None and _reads_better(fixed[0], token, fixed[1]):
            parts[index] = fixed[0]
            changed = True
            evidence = evidence or _enough_evidence(token)
    return "".join(parts) if changed and evidence else None


def _enough_evidence(text: str) -> bool:
    """Whether *text* holds enough non-ASCII characters to call it mojibake at all.

    Two characters such as ``ط،`` are both a letter with a comma and the mojibake
    of ``ء``; four (two damaged characters, ``ط§ظ„``) no longer occur in clean
    prose, so a repair needs a line or token with at least that many.
    """
    return len(text) - len(text.encode("ascii", "ignore")) >= _MIN_EVIDENCE


def _decode(text: str) -> tuple[str, int] | None:
    """Undo the wrong decode, restoring dropped 0xAD bytes; None when that is not possible.

    Return the decoded text and the number of soft hyphens put back (of bare ``ط``/``ظ``).
    """
    try:
        data = text.encode("cp1256")
    except UnicodeEncodeError:
        return None
    try:
        return data.decode("utf-8"), 0
    except UnicodeDecodeError:
        return _decode_restoring(data)


# A bare D8/D9 lead decodes, with surrogateescape, to U+DCD8/U+DCD9 (D8/D9 and any
# continuation byte always decode, so an escaped D8/D9 is one with none after it); with its
# soft hyphen (0xAD) put back it is D8 AD / D9 AD.
_BARE_LEADS = ((chr(0xDCD8), "\u062d"), (chr(0xDCD9), "\u066d"))  # mypyc: no surrogate literals


def _decode_restoring(data: bytes) -> tuple[str, int] | None:
    """Decode *data* as if a 0xAD byte followed every bare ``D8``/``D9`` lead; None when
    another byte is invalid.

    A fixed number of C passes, linear in the line: a lookbehind regex tried at every byte
    cost six times the instructions, and a decode from each bare lead was quadratic.
    """
    text = data.decode("utf-8", "surrogateescape")
    restored = 0
    for escaped, letter in _BARE_LEADS:
        restored += text.count(escaped)
        text = text.replace(escaped, letter)
    try:
        text.encode("utf-8")  # any byte still escaped is damage a soft hyphen does not mend
    except UnicodeEncodeError:
        return None
    return text, restored


def _reads_better(candidate: str, original: str, bare: int) -> bool:
    """Whether ``candidate``, the decode of ``original``, reads as strictly more Arabic.

    The score is the share of Arabic characters (``_ARABIC``) among the non-space ones.  In the
    original, characters that form a UTF-8 sequence as windows-1256 shows it (a lead-byte
    character followed by its continuation-byte characters, ``ط§``) do not count: they are what
    mojibake is made of.  As ``original`` decoded, its only other non-ASCII characters are the
    ``bare`` lone ``ط``/``ظ`` whose soft hyphen was put back, so its score is ``bare`` over its
    size.  Clean text that happens to decode (``ط``, ``طظ``, ``â€¦``) thus never loses to its
    candidate (``ح``, ``ح٭``, ``…``) unless it holds an Arabic sequence such as ``ط،`` (``ء``).
    """
    if not candidate or candidate.isspace():
        return False
    if not bare:  # the original scores 0: one Arabic character makes the candidate better
        return _ARABIC_CHAR.search(candidate) is not None
    candidate_size = len("".join(candidate.split()))
    original_size = len("".join(original.split()))
    candidate_arabic = len(_NOT_ARABIC.sub("", candidate))
    return candidate_arabic * original_size > bare * candidate_size
