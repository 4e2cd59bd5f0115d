"""The schema table, and the JSON Schema it gives (docs/article.schema.json) records follow."""

from __future__ import annotations

import datetime
import importlib.util
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given

from newsparse import Article, Diagnostic, SchemaError, parse_file
from newsparse._corpus.arrow import arrow_schema, arrow_table_of_rows, article_row, from_arrow_row
from newsparse._corpus.writers import CSV_COLUMNS, article_cells
from newsparse._model.schema import (
    ARTICLE,
    DIAGNOSTIC,
    ENVELOPE,
    REQUIRED,
    SOURCE,
    arrow_columns,
    csv_columns,
    json_schema_text,
)
from tests.helpers import SEEDS
from tests.strategies import articles

SCHEMA: dict[str, Any] = json.loads(
    (Path(__file__).parent.parent / "docs" / "article.schema.json").read_text(encoding="utf-8")
)
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
HOURS_3 = datetime.timedelta(hours=3)


def test_schema_is_valid() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_seed_records_validate() -> None:
    for seed in SEEDS:
        VALIDATOR.validate(parse_file(f"tests/data/{seed}.txt").to_dict())


def test_schema_rejects_what_from_dict_rejects() -> None:
    record = parse_file("tests/data/000_737a97d3fc3c0077.txt").to_dict()
    record["body"][0]["type"] = "table"
    assert not VALIDATOR.is_valid(record)


@given(articles())
def test_generated_records_validate(article: Article) -> None:
    VALIDATOR.validate(article.to_dict())


# ------------------------------------------------------------------ the table is the source


def test_checked_in_schema_is_what_the_table_gives() -> None:
    path = Path(__file__).parent.parent / "docs" / "article.schema.json"
    assert path.read_text(encoding="utf-8") == json_schema_text(), (
        "docs/article.schema.json is stale: run scripts/make_schema.py"
    )


def _make_schema() -> Any:
    """scripts/make_schema.py, as a module."""
    path = Path(__file__).parent.parent / "scripts" / "make_schema.py"
    spec = importlib.util.spec_from_file_location("make_schema", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_make_schema_check_fails_on_a_stale_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_schema = _make_schema()
    stale = tmp_path / "article.schema.json"
    stale.write_text("{}\n", encoding="utf-8")
    monkeypatch.setattr(make_schema, "TARGET", stale)
    assert make_schema.main(["--check"]) == 1
    assert make_schema.main([]) == 0
    assert make_schema.main(["--check"]) == 0
    assert stale.read_text(encoding="utf-8") == json_schema_text()


def test_to_dict_keys_are_the_tables_fields() -> None:
    record = parse_file("tests/data/000_737a97d3fc3c0077.txt").to_dict()
    assert list(record) == [row.name for row in ARTICLE.fields]
    assert SCHEMA["required"] == [row.name for row in ARTICLE.fields]
    assert list(record["source"]) == [row.name for row in SOURCE.fields]
    diagnostic = Diagnostic(code="date", message="m", line=2).to_dict()
    assert list(diagnostic) == [row.name for row in DIAGNOSTIC.fields]


def test_every_field_shows_in_csv_and_arrow() -> None:
    csv_names = [column.name for column in csv_columns()]
    arrow_names = [column.name for column in arrow_columns()]
    assert csv_names == list(CSV_COLUMNS)
    assert arrow_names == arrow_schema().names
    assert csv_names[:3] == arrow_names[:3] == [row.name for row in ENVELOPE]
    for row in ARTICLE.fields:
        assert row.csv, f"{row.name} has no CSV column"
        assert row.arrow is not None or row.arrow_at >= 0, f"{row.name} has no Arrow column"


def test_from_dict_takes_the_tables_value_for_a_missing_key() -> None:
    record = parse_file("tests/data/000_737a97d3fc3c0077.txt").to_dict()
    optional = [row for row in ARTICLE.fields if row.missing is not REQUIRED]
    trimmed = {key: value for key, value in record.items() if key not in {r.name for r in optional}}
    article = Article.from_dict(trimmed)
    for row in optional:
        assert article.to_dict()[row.name] == row.missing, row.name
    for row in ARTICLE.fields:
        if row.missing is REQUIRED:
            with pytest.raises(SchemaError, match="missing key") as caught:
                Article.from_dict({k: v for k, v in record.items() if k != row.name})
            assert caught.value.where == row.name


@given(articles())
def test_csv_and_arrow_rows_follow_the_article(article: Article) -> None:
    cells = article_cells("a.txt", article)
    assert len(cells) == len(CSV_COLUMNS)
    row = dict(zip(CSV_COLUMNS, cells, strict=True))
    assert row["text"] == article.text
    assert row["paragraph_count"] == str(len(article.paragraphs))
    assert row["title"] == article.title
    arrow = article_row("a.txt", article)
    assert set(arrow) <= set(arrow_schema().names)
    assert arrow["published"] == article.published
    assert arrow["body"] == article.to_dict()["body"]


@given(articles())
def test_arrow_rows_come_back_as_the_article(article: Article) -> None:
    zoned = article.evolve(
        retrieved=datetime.datetime(2024, 1, 29, 10, 5, tzinfo=datetime.timezone(HOURS_3))
    )
    for one in (article, zoned):
        table = arrow_table_of_rows([article_row("a.txt", one)], arrow_schema())
        [row] = table.to_pylist()
        assert Article.from_dict(from_arrow_row(row)) == one
