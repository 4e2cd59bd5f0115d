"""Round trips: render/parse and to_dict/from_dict, for any article in canonical shape."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from newsparse import Article, parse_bytes, parse_text, render
from tests.strategies import articles


@given(articles())
def test_parse_of_render_is_identity(article: Article) -> None:
    assert parse_text(render(article)) == article


@given(articles())
def test_render_is_a_fixed_point(article: Article) -> None:
    text = render(article)
    assert render(parse_text(text)) == text


@given(articles())
def test_dict_round_trip_survives_json(article: Article) -> None:
    record = article.to_dict()
    assert Article.from_dict(record) == article
    assert json.loads(json.dumps(record, ensure_ascii=False)) == record
    assert Article.from_dict(json.loads(json.dumps(record))) == article


@given(articles(), st.sampled_from(["\n", "\r\n"]), st.booleans(), st.integers(0, 2))
def test_layout_changes_nothing(article: Article, newline: str, bom: bool, blanks: int) -> None:
    text = render(article)
    spaced = (newline * (blanks + 1)).join(f" {line}\t" for line in text.splitlines())
    data = (b"\xef\xbb\xbf" if bom else b"") + spaced.encode("utf-8")
    assert parse_bytes(data) == article
