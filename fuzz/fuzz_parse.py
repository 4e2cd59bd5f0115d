"""Coverage-guided fuzzing of parse_bytes with atheris (docs/robustness.md shows how to run it).

    pip install -e '.[fuzz]'
    python fuzz/fuzz_parse.py -max_total_time=600 fuzz/corpus

The target fails only when parse_bytes raises something other than a
NewsparseError, or returns something other than an Article whose diagnostics
point inside the input.
"""

from __future__ import annotations

import sys

import newsparse
from newsparse._text.decoding import decode


def test_one_input(data: bytes) -> None:
    """Parse *data*; raise AssertionError when the parser breaks its contract."""
    try:
        article = newsparse.parse_bytes(data)
    except newsparse.NewsparseError:
        return
    if not isinstance(article, newsparse.Article):
        raise AssertionError(type(article))
    lines = len(decode(data).text.splitlines())
    for diagnostic in article.diagnostics:
        if diagnostic.line is not None and not 1 <= diagnostic.line <= lines:
            raise AssertionError(diagnostic)


def main() -> None:
    """Run atheris on :func:`test_one_input`."""
    import atheris  # noqa: PLC0415 -- only the fuzzing run needs it

    atheris.instrument_all()
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
