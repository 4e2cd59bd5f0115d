"""The windows-1256 check counts letter bytes; it must decide as listing the letters did."""

from __future__ import annotations

from hypothesis import event, given
from hypothesis import strategies as st

from newsparse._text.arabic import ARABIC_LETTER
from newsparse._text.decoding import _reads_as_arabic

_CHARACTERS = sorted(set(bytes(range(256)).decode("cp1256")))
_LETTERS = [char for char in _CHARACTERS if ARABIC_LETTER.fullmatch(char)]
_OTHERS = [char for char in _CHARACTERS if not ARABIC_LETTER.fullmatch(char)]
# Letters and other characters (spaces and line ends among them) drawn about evenly, so that
# texts fall on both sides of the half-letters threshold and on it.
_CP1256_TEXT = st.text(
    alphabet=st.one_of(st.sampled_from(_LETTERS), st.sampled_from([" ", "\n", "\r", *_OTHERS])),
    max_size=300,
)


def _listing_the_letters(data: bytes) -> bool:
    """The check as it was: decode, then list every Arabic letter of the text."""
    text = data.decode("cp1256")
    visible = len(text) - text.count(" ") - text.count("\n") - text.count("\r")
    return visible > 0 and len(ARABIC_LETTER.findall(text)) >= 0.5 * visible


@given(st.binary(max_size=300))
def test_random_bytes_read_as_arabic_as_before(data: bytes) -> None:
    assert _reads_as_arabic(data) == _listing_the_letters(data)


@given(_CP1256_TEXT)
def test_windows_1256_text_reads_as_arabic_as_before(text: str) -> None:
    data = text.encode("cp1256")
    event("reads as Arabic" if _listing_the_letters(data) else "does not")
    assert _reads_as_arabic(data) == _listing_the_letters(data)
