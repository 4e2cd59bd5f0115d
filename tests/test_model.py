"""The model: immutable, slotted, keyword-only, typed; to_dict/from_dict; provenance."""

from __future__ import annotations

import datetime
import json
import pickle
import typing
from pathlib import Path
from typing import Any

import attrs
import pytest

from newsparse import (
    Article,
    Diagnostic,
    Heading,
    Paragraph,
    ReadAlso,
    RelatedArticle,
    SchemaError,
    Source,
    parse_file,
)
from newsparse._model.schema import ARTICLE, BLOCK, DIAGNOSTIC, LEGACY_FORMAT, RELATED, SOURCE

CLASSES = [Article, Paragraph, Heading, ReadAlso, Source, RelatedArticle, Diagnostic]


def _article() -> Article:
    return Article(
        title="عنوان",
        published=datetime.date(2024, 1, 29),
        authors=["كاتب"],  # converters take any iterable
        body=[Paragraph(text="نص.", line=3), Heading(text="عنوان فرعي"), ReadAlso(titles=["خبر"])],
        source=Source(name="وكالات", credit="رويترز"),
        keywords=("إيران",),
        keywords_raw="إيران",
        related=(RelatedArticle(title="خبر آخر", body=(Paragraph(text="نص آخر."),)),),
        diagnostics=(Diagnostic(code="date", message="m", line=2),),
    )


@pytest.mark.parametrize("cls", CLASSES)
def test_frozen_slotted_keyword_only(cls: type[Any]) -> None:
    assert attrs.has(cls)
    assert "__slots__" in cls.__dict__
    assert all(field.kw_only for field in attrs.fields(cls))
    instance = _article() if cls is Article else None
    if instance is not None:
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            instance.title = "x"  # type: ignore[misc]


def test_positional_arguments_are_refused() -> None:
    with pytest.raises(TypeError):
        Paragraph("نص")  # type: ignore[call-arg]


def test_sequences_become_tuples() -> None:
    article = _article()
    assert isinstance(article.authors, tuple)
    assert isinstance(article.body, tuple)
    assert isinstance(article.body[2], ReadAlso)
    assert isinstance(article.body[2].titles, tuple)


def test_type_hints() -> None:
    hints = typing.get_type_hints(Article)
    assert hints["published"] == datetime.date | None
    assert hints["authors"] == tuple[str, ...]
    assert hints["body"] == tuple[Paragraph | Heading | ReadAlso, ...]
    assert hints["source"] == Source | None
    assert hints["related"] == tuple[RelatedArticle, ...]
    assert typing.get_type_hints(Diagnostic)["line"] == int | None


def test_provenance_takes_no_part_in_equality() -> None:
    assert Paragraph(text="a", line=1) == Paragraph(text="a", line=9)
    assert hash(Paragraph(text="a", line=1)) == hash(Paragraph(text="a", line=9))
    assert Diagnostic(code="c", message="m", line=1) == Diagnostic(code="c", message="m", line=2)
    assert Paragraph(text="a") != typing.cast(object, Heading(text="a"))
    assert Paragraph(text="a") != Paragraph(text="b")


def test_articles_hash_and_pickle() -> None:
    article = parse_file("tests/data/001_52f26a06847bab49.txt")
    assert hash(article) == hash(parse_file("tests/data/001_52f26a06847bab49.txt"))
    copy = pickle.loads(pickle.dumps(article))  # noqa: S301 -- our own object
    assert copy == article
    assert [b.line for b in copy.body] == [b.line for b in article.body]


def test_to_dict_schema() -> None:
    record = _article().to_dict()
    assert list(record) == [
        "title", "published", "authors", "body", "source", "keywords",
        "keywords_raw", "related", "format", "diagnostics", "url", "retrieved", "encoding",
    ]  # fmt: skip
    assert record["published"] == "2024-01-29"
    assert record["body"] == [
        {"type": "paragraph", "text": "نص."},
        {"type": "heading", "text": "عنوان فرعي"},
        {"type": "read_also", "titles": ["خبر"]},
    ]
    assert record["source"] == {"name": "وكالات", "credit": "رويترز"}
    assert record["diagnostics"] == [{"code": "date", "message": "m", "line": 2}]
    assert json.loads(json.dumps(record, ensure_ascii=False)) == record


def test_to_dict_absent_values() -> None:
    record = Article(title="t").to_dict()
    assert record["published"] is None
    assert record["source"] is None
    assert record["keywords_raw"] is None


def test_from_dict_inverts_to_dict() -> None:
    article = _article()
    assert Article.from_dict(article.to_dict()) == article
    assert Article.from_dict(json.loads(json.dumps(article.to_dict()))) == article


def test_from_dict_reads_gold_files() -> None:
    gold = json.loads(Path("tests/data/000_737a97d3fc3c0077.gold.json").read_text(encoding="utf-8"))
    article = Article.from_dict(gold)
    assert article == parse_file("tests/data/000_737a97d3fc3c0077.txt")


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"title": None}, "title"),
        ({"published": "29/01/2024"}, "published"),
        ({"authors": "كاتب"}, "authors"),
        ({"authors": [1]}, "authors[0]"),
        ({"body": [{"type": "table", "text": "x"}]}, "body[0].type"),
        ({"body": [{"type": "paragraph"}]}, "body[0].text"),
        ({"body": ["نص"]}, "body[0]"),
        ({"source": "وكالات"}, "source"),
        ({"source": {"credit": None}}, "source.name"),
        (
            {"related": [{"title": "t", "body": [{"type": "heading", "text": 3}]}]},
            "related[0].body[0].text",
        ),
        ({"diagnostics": [{"code": "c", "message": "m", "line": "2"}]}, "diagnostics[0].line"),
        ({"diagnostics": [{"code": "c", "message": "m", "line": True}]}, "diagnostics[0].line"),
    ],
)
def test_from_dict_names_what_is_wrong(change: dict[str, Any], where: str) -> None:
    record = {**_article().to_dict(), **change}
    with pytest.raises(SchemaError) as caught:
        Article.from_dict(record)
    assert caught.value.where == where


def test_from_dict_missing_key_and_not_a_mapping() -> None:
    record = _article().to_dict()
    del record["keywords"]
    with pytest.raises(SchemaError, match="keywords: missing key"):
        Article.from_dict(record)
    with pytest.raises(SchemaError, match=r"\$: expected an object"):
        Article.from_dict([])  # type: ignore[arg-type]


def test_evolve() -> None:
    article = _article()
    assert article.evolve(title="جديد").title == "جديد"
    assert article.title == "عنوان"


def test_url_and_retrieved_round_trip() -> None:
    article = Article(
        title="t", url="https://example.invalid/a", retrieved=datetime.datetime(2024, 1, 29, 10, 5)
    )
    record = article.to_dict()
    assert (record["url"], record["retrieved"]) == (
        "https://example.invalid/a",
        "2024-01-29T10:05:00",
    )
    assert Article.from_dict(record) == article
    with pytest.raises(SchemaError) as caught:
        Article.from_dict({**record, "retrieved": "yesterday"})
    assert caught.value.where == "retrieved"


def test_folded_keywords() -> None:
    article = Article(title="t", keywords=("باكستان", "باکستان", "إيران"))
    assert article.folded_keywords == ("باكستان", "ايران")


@attrs.frozen(kw_only=True)
class _Quoted(Paragraph):
    """A plugin's block subclass with its own to_dict()."""

    def to_dict(self) -> dict[str, Any]:
        return {"type": "paragraph", "text": f"«{self.text}»"}


def test_to_dict_of_a_block_subclass_is_its_own() -> None:
    article = Article(title="t", body=[Paragraph(text="a"), _Quoted(text="b")])
    assert article.to_dict()["body"] == [
        {"type": "paragraph", "text": "a"},
        {"type": "paragraph", "text": "«b»"},
    ]
    related = RelatedArticle(title="r", body=[_Quoted(text="c")])
    assert related.to_dict()["body"] == [{"type": "paragraph", "text": "«c»"}]


@pytest.mark.parametrize("cls", CLASSES)
def test_every_class_writes_the_fields_of_its_table_row(cls: type[Any]) -> None:
    shapes = {
        shape.name: shape for shape in (ARTICLE, SOURCE, RELATED, DIAGNOSTIC, *BLOCK.variants)
    }
    shape = shapes[cls.__name__]
    examples: dict[type[Any], Any] = {
        Article: _article(),
        Paragraph: Paragraph(text="p"),
        Heading: Heading(text="h"),
        ReadAlso: ReadAlso(titles=["a"]),
        Source: Source(name="n"),
        RelatedArticle: RelatedArticle(title="r"),
        Diagnostic: Diagnostic(code="c", message="m"),
    }
    tag = [] if shape.tag is None else ["type"]
    assert list(examples[cls].to_dict()) == tag + [row.name for row in shape.fields]


def test_from_dict_builds_the_class_it_is_called_on() -> None:
    @attrs.frozen(kw_only=True)
    class Mine(Article):
        pass

    assert type(Mine.from_dict(_article().to_dict())) is Mine


def test_a_record_without_format_is_a_legacy_one() -> None:
    record = _article().to_dict()
    del record["format"]
    assert Article.from_dict(record).format == LEGACY_FORMAT == Article(title="t").format
