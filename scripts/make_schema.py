"""Write docs/article.schema.json, the JSON Schema of ``Article.to_dict()``, from the table.

The schema table is ``newsparse._model.schema``; run this after changing it::

    .venv/bin/python scripts/make_schema.py          # rewrite the file
    .venv/bin/python scripts/make_schema.py --check  # exit 1 if it is not what the table gives

tests/test_schema.py checks the same, byte for byte.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsparse._model.schema import json_schema_text

TARGET = Path(__file__).resolve().parent.parent / "docs" / "article.schema.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check the file")
    args = parser.parse_args(argv)
    text = json_schema_text()
    if args.check:
        if TARGET.read_text(encoding="utf-8") != text:
            sys.stderr.write(f"{TARGET} is not what the schema table gives: run {__file__}\n")
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
