"""Pickling: any Article or FileResult crosses a process boundary unchanged.

Articles and FileResults pickle as flat tuples and are rebuilt without
``__init__`` (docs/performance.md#kept-tricks), so what must hold is checked
field by field, provenance (``line``, ``encoding``) included, which equality
leaves out.
"""

from __future__ import annotations

import copy
import datetime
import io
import pickle
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsparse import (
    Article,
    Diagnostic,
    FileResult,
    FormatError,
    Heading,
    InputError,
    NewsparseError,
    Paragraph,
    ReadAlso,
    RelatedArticle,
    Source,
)

texts = st.text(max_size=30)
lines = st.none() | st.integers(min_value=-(2**40), max_value=2**40)
blocks = st.one_of(
    st.builds(Paragraph, text=texts, line=lines),
    st.builds(Heading, text=texts, line=lines),
    st.builds(ReadAlso, titles=st.lists(texts, max_size=3), line=lines),
)
bodies = st.lists(blocks, max_size=6)
zones = st.none() | st.timedeltas(
    min_value=datetime.timedelta(hours=-23), max_value=datetime.timedelta(hours=23)
).map(datetime.timezone)
articles = st.builds(
    Article,
    title=texts,
    published=st.none() | st.dates(),
    authors=st.lists(texts, max_size=3),
    body=bodies,
    source=st.none() | st.builds(Source, name=texts, credit=st.none() | texts, line=lines),
    keywords=st.lists(texts, max_size=4),
    keywords_raw=st.none() | texts,
    related=st.lists(st.builds(RelatedArticle, title=texts, body=bodies, line=lines), max_size=2),
    diagnostics=st.lists(st.builds(Diagnostic, code=texts, message=texts, line=lines), max_size=2),
    format=texts,
    url=st.none() | texts,
    retrieved=st.none() | st.datetimes(timezones=zones),
    encoding=st.none() | texts,
)
errors = st.none() | st.one_of(
    st.builds(
        FormatError, texts, code=st.sampled_from(["no-article", "unknown-format"]), path=texts
    ),
    st.builds(InputError, texts, code=st.just("no-files"), path=texts),
)
results = st.builds(FileResult, path=texts, articles=st.lists(articles, max_size=3), error=errors)
protocols = st.integers(min_value=0, max_value=pickle.HIGHEST_PROTOCOL)


def round_trip(value: Any, protocol: int = pickle.HIGHEST_PROTOCOL) -> Any:
    return pickle.loads(pickle.dumps(value, protocol))  # noqa: S301 -- our own bytes


def exactly(value: Any) -> Any:
    """Everything about a record: its type and every field, those equality leaves out too."""
    if isinstance(value, NewsparseError):
        return (type(value), str(value), value.code, getattr(value, "path", None))
    if attrs.has(type(value)):
        fields = attrs.fields(type(value))
        return (type(value), *(exactly(getattr(value, row.name)) for row in fields))
    if isinstance(value, tuple):
        return (tuple, *(exactly(item) for item in value))
    if isinstance(value, datetime.datetime):
        return (value, value.tzinfo)
    return (type(value), value)


@given(articles, protocols)
def test_an_article_round_trips_through_pickle(article: Article, protocol: int) -> None:
    back = round_trip(article, protocol)
    assert back == article
    assert hash(back) == hash(article)
    assert exactly(back) == exactly(article)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        back.title = "x"


@given(results, protocols)
def test_a_file_result_round_trips_through_pickle(result: FileResult, protocol: int) -> None:
    back = round_trip(result, protocol)
    assert exactly(back) == exactly(result)
    assert back.records() == result.records()
    if result.error is None:
        assert back == result


@given(articles)
def test_copies_are_equal_in_every_field(article: Article) -> None:
    assert exactly(copy.copy(article)) == exactly(article)
    assert exactly(copy.deepcopy(article)) == exactly(article)


@attrs.frozen(kw_only=True)
class _Footnote(Paragraph):
    mark: str = "*"


@attrs.frozen(kw_only=True)
class _Scored(Article):
    score: float = 0.0


@given(texts, st.floats(allow_nan=False))
def test_subclasses_keep_their_own_fields(text: str, score: float) -> None:
    footnote = _Footnote(text=text, mark="†", line=3)
    article = _Scored(title=text, body=[footnote, Paragraph(text=text)], score=score)
    plain = Article(title=text, body=[footnote], source=Source(name=text))
    for value in (article, plain, FileResult(path=text, articles=[article, plain])):
        assert exactly(round_trip(value)) == exactly(value)


class _AsAttrsPickles(pickle.Pickler):
    """A pickler that writes every record as attrs writes it, as newsparse 0.1 did."""

    def reducer_override(self, obj: Any) -> Any:
        if attrs.has(type(obj)):
            return object.__reduce_ex__(obj, 5)
        return NotImplemented


@given(results)
def test_pickles_of_the_attrs_form_still_load(result: FileResult) -> None:
    out = io.BytesIO()
    _AsAttrsPickles(out, 5).dump(result)
    assert b"_unpacked" not in out.getvalue()
    assert exactly(pickle.loads(out.getvalue())) == exactly(result)  # noqa: S301 -- our own bytes
