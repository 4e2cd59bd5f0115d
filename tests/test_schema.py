"""Records validate against the published JSON Schema (docs/article.schema.json)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
from hypothesis import given

from newsparse import Article, parse_file
from tests.helpers import SEEDS
from tests.strategies import articles

SCHEMA: dict[str, Any] = json.loads(
    (Path(__file__).parent.parent / "docs" / "article.schema.json").read_text(encoding="utf-8")
)
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


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
