"""Properties of folding: the fast translator is str.translate, on text of any length."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsparse._formats.aggregator.keywords import _LENIENT_TABLE, _PLAIN_SPACES, _fold_context
from newsparse._text.arabic import FOLD_TABLE, fold, translator

_CONTEXT_TABLE = {**FOLD_TABLE, **_LENIENT_TABLE, **_PLAIN_SPACES}

arabic_text = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.sampled_from(" \n\u200c\u0640"),
        st.characters(),
    ),
    max_size=400,
)


@given(arabic_text)
def test_fold_is_translate_with_the_table(text: str) -> None:
    assert fold(text) == text.translate(FOLD_TABLE)


@given(arabic_text, st.dictionaries(st.characters(), st.none() | st.just("x"), max_size=5))
def test_translator_is_translate(text: str, mapping: dict[str, str | None]) -> None:
    table = {ord(key): None if value is None else ord(value) for key, value in mapping.items()}
    table.pop(ord("x"), None)  # an output may not be a key
    assert translator(table)(text) == text.translate(table)


def test_translator_refuses_chained_tables() -> None:
    with pytest.raises(ValueError, match="outputs must not be keys"):
        translator({ord("a"): ord("b"), ord("b"): ord("c")})


# Long text (shorter goes to str.translate itself) drawn a character at a time, so that
# the rarer keys from U+0800 up occur in most examples.
_long_text_with_wide_keys = st.lists(
    st.one_of(
        st.sampled_from(" \n\r\t\u00a0\u1680\u2000\u2006\u200c\u200f\u2028\u202f\u3000\ufeff"),
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.characters(codec="utf-8"),
        st.characters(categories=["Cs"]),
    ),
    min_size=32,
    max_size=400,
).map("".join)


@given(_long_text_with_wide_keys)
def test_translator_with_keys_above_u0800_is_translate(text: str) -> None:
    """The keyword context's table: whitespace and format characters up to U+FEFF."""
    assert _fold_context(text) == text.translate(_CONTEXT_TABLE)
