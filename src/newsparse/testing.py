"""The format contract as a test: check that a format plugin behaves as newsparse expects.

:func:`check_format` parses your samples and a few hundred hostile inputs
with your format and raises :class:`AssertionError` on the first breach of
the contract (see its docstring).  It needs nothing but newsparse, so call it
from any test runner; with pytest::

    # tests/test_my_format.py
    from pathlib import Path

    from newsparse.testing import check_format

    from my_plugin import MyFormat

    SAMPLES = Path(__file__).parent / "samples"


    def test_my_format_keeps_the_newsparse_contract() -> None:
        samples = [path.read_text("utf-8") for path in sorted(SAMPLES.glob("*.xml"))]
        check_format(MyFormat(), samples, garbage=["<article>", "<article><title>"])

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import json
import random
from collections.abc import Collection, Iterable, Sequence

from newsparse._errors import NewsparseError
from newsparse._formats.contract import SNIFF_SAMPLE, Format
from newsparse._model.records import Article

__all__ = ["check_format"]

_GARBAGE_COUNT = 300
_MUTATIONS_PER_SAMPLE = 12

_FIXED_GARBAGE: tuple[str, ...] = (
    "",
    " ",
    "\n",
    "\r\n\r\n",
    "\t \u00a0\u200f\u2028",
    "\x00",
    "\x00" * 64,
    "\ufeff",
    "\ufeff\n\ufeff",
    "\x1b[31m\x07\x08\x0b\x0c",
    "{",
    "}",
    "[",
    "]",
    "{}",
    "[]",
    "[{}]",
    "[[]]",
    "null",
    "true",
    '"just a string"',
    "1" * 5000,
    "[" * 5000,
    "{" * 5000,
    '{"a":' * 3000,
    '[{"title": ' * 2000,
    '{"title": 1, "body": 2}',
    '{"title": "x", "body": [{"type": "nope"}]}',
    '{"path": "a.txt", "error": "boom", "code": "empty"}',
    '[{"content": null}]',
    '[{"title": "\\ud83d", "content": "\\udc00"}]',
    '{"title": "\\ud800", "body": [], "authors": []}',
    "[1, 2, 3]",
    '["a", {"b": "c"}]',
    "[{}, ",
    "NaN",
    "-Infinity",
    "اقرأ أيضاً",
    "المصدر:",
    "كلمات دلالية:",
    "تاريخ النشر:",
    "تاريخ النشر: 31st, February 2024 GMT",
    "عنوان\nتاريخ النشر: 29th, January 2024 GMT",
    "عنوان\n\n\n",
    "اقرأ أيضاً\nاقرأ أيضاً\nاقرأ أيضاً",
    "ط§ظ„ط®ط¨ط± ط¬ط¯ظٹط¯",
    "؟" * 300,
    "a" * 20000,
    "ا" * 20000,
    "\n" * 5000,
    "<html><body><p>not news</p></body></html>",
    "\u202e\u202d\u2066\u2069",
    "\U0001f600" * 50,
)

_ARABIC_WORDS = (
    "الحكومة",
    "وزير",
    "الخارجية",
    "قال",
    "باكستان",
    "إيران",
    "اجتماع",
    "التعاون",
    "أمس",
    "الرياض",
    "فرانس24",
    "و",
)
_LATIN_WORDS = ("the", "news", "title", "Lorem", "ipsum", "GMT", "2024", "January", "29th,")
_MARKERS = (
    "اقرأ أيضاً",
    "إقرأ أيضاً:",
    "المصدر:",
    "المصدر |",
    "كلمات دلالية:",
    "الوسوم:",
    "تاريخ النشر:",
    "إعداد:",
    "كتب:",
    "؟",
    ".",
    "،",
    "«",
    "»",
)
_JSON_BITS = (
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    '"',
    '\\"',
    "\\u",
    "\\ud83d",
    "\\n",
    "null",
    "true",
    "0",
    "-1.5e9",
    '"title"',
    '"body"',
    '"content"',
    '"date_extracted"',
    '"path"',
    '"error"',
    '"source"',
    '"author"',
    '"url"',
    '"2015-07-21 02:51:32"',
    '"2015-13-45 99:99:99"',
    '{"type": "paragraph", "text": "x"}',
)
_SPACES = (" ", " ", " ", "\n", "\n", "\r\n", "\t", "\u00a0", "\ufeff", "\x00", "")


def _random_text(rng: random.Random) -> str:
    pools = (_ARABIC_WORDS, _LATIN_WORDS, _MARKERS, _JSON_BITS)
    weights = rng.choice(((4, 1, 2, 1), (1, 1, 1, 6), (2, 2, 2, 2), (6, 0, 3, 0)))
    pieces: list[str] = []
    for _ in range(rng.randrange(1, 80)):
        pool = rng.choices(pools, weights)[0]
        pieces.append(rng.choice(pool))
        pieces.append(rng.choice(_SPACES))
    return "".join(pieces)


def _mutations(sample: str, rng: random.Random) -> Iterable[str]:
    """Damaged copies of a sample: cut short, characters dropped, duplicated or swapped."""
    if not sample:
        return
    yield sample[: len(sample) // 2]
    yield sample[: SNIFF_SAMPLE // 2]
    yield sample[len(sample) // 3 :]
    for _ in range(_MUTATIONS_PER_SAMPLE):
        cut = rng.randrange(len(sample))
        kind = rng.randrange(4)
        if kind == 0:
            yield sample[:cut]
        elif kind == 1:
            yield sample[:cut] + sample[cut + rng.randrange(1, 50) :]
        elif kind == 2:
            yield sample[:cut] + rng.choice(_JSON_BITS + _MARKERS) + sample[cut:]
        else:
            other = rng.randrange(len(sample))
            low, high = sorted((cut, other))
            yield sample[:low] + sample[high:] + sample[low:high]


def _garbage(samples: Sequence[str], extra: Iterable[str] | None, seed: int) -> list[str]:
    rng = random.Random(seed)  # noqa: S311 -- reproducible test data, not secrets
    texts = list(_FIXED_GARBAGE)
    texts += [_random_text(rng) for _ in range(_GARBAGE_COUNT)]
    for sample in samples:
        texts += _mutations(sample, rng)
    if extra is not None:
        texts += extra
    return texts


def _fail(fmt: Format | object, what: str, text: str | None = None) -> AssertionError:
    name = getattr(fmt, "name", type(fmt).__name__)
    shown = "" if text is None else f"\n  input ({len(text)} characters): {text[:200]!r}"
    return AssertionError(f"format {name!r}: {what}{shown}")


def _check_protocol(fmt: object) -> Format:
    if not isinstance(fmt, Format):
        raise _fail(
            fmt, "is not a newsparse Format: it needs name, suffixes, sniff(text) and parse(text)"
        )
    name: object = fmt.name
    if not isinstance(name, str) or not name or name != name.lower() or name != name.strip():
        raise _fail(fmt, f"name must be a non-empty lowercase string, got {name!r}")
    suffixes: object = fmt.suffixes
    if not isinstance(suffixes, tuple) or not all(
        isinstance(suffix, str) and suffix.startswith(".") for suffix in suffixes
    ):
        raise _fail(fmt, f"suffixes must be a tuple of strings starting with '.', got {suffixes!r}")
    return fmt


def _check_sniff(fmt: Format, text: str) -> None:
    for sample in (text, text[:SNIFF_SAMPLE]):
        try:
            score: object = fmt.sniff(sample)
        except Exception as error:  # the contract: sniff never raises
            raise _fail(
                fmt, f"sniff raised {error!r}; it must return 0.0 instead", sample
            ) from error
        if not isinstance(score, float | int) or isinstance(score, bool) or not 0 <= score <= 1:
            raise _fail(
                fmt, f"sniff returned {score!r}; it must be a float from 0.0 to 1.0", sample
            )


def _parse(fmt: Format, text: str, *, strict: bool) -> list[Article] | NewsparseError:
    try:
        articles = list(fmt.parse(text, path="sample.txt", strict=strict))
    except NewsparseError as error:
        return error
    except Exception as error:  # the contract: only NewsparseError escapes
        raise _fail(
            fmt,
            f"parse(strict={strict}) raised {type(error).__name__}: {error}; formats may "
            "raise only newsparse.NewsparseError (ParseError, SchemaError, ...)",
            text,
        ) from error
    for article in articles:
        if not isinstance(article, Article):
            raise _fail(fmt, f"parse yielded {article!r}, not a newsparse.Article", text)
    return articles


def _provenance(article: Article) -> Iterable[tuple[str, object]]:
    for diagnostic in article.diagnostics:
        yield f"diagnostic {diagnostic.code!r}", diagnostic.line
    for block in article.body:
        yield f"body block {block!r}", block.line
    if article.source is not None:
        yield "source", article.source.line
    for related in article.related:
        yield f"related article {related.title!r}", related.line
        for block in related.body:
            yield f"related body block {block!r}", block.line


def _check_article(fmt: Format, article: Article, text: str, formats: Collection[str]) -> None:
    if article.format not in formats:
        raise _fail(
            fmt,
            f"parsed an Article with format={article.format!r}; it must be {fmt.name!r} "
            f"(set format={fmt.name!r} when building the Article)",
            text,
        )
    record = article.to_dict()
    try:
        dumped = json.dumps(record, ensure_ascii=False)
        dumped.encode("utf-8")
    except (TypeError, ValueError) as error:
        raise _fail(
            fmt, f"article.to_dict() cannot be written as UTF-8 JSON ({error})", text
        ) from error
    if json.loads(dumped) != record:
        raise _fail(fmt, "article.to_dict() does not survive json.dumps/json.loads", text)
    try:
        back = Article.from_dict(record)
    except NewsparseError as error:
        raise _fail(fmt, f"Article.from_dict(article.to_dict()) raised {error}", text) from error
    if back != article:
        raise _fail(fmt, f"Article.from_dict(article.to_dict()) != article for {article!r}", text)
    last = max(1, len(text.splitlines()))
    for what, line in _provenance(article):
        if line is not None and not (isinstance(line, int) and 1 <= line <= last):
            raise _fail(
                fmt, f"the line of {what} is {line!r}, outside the input's lines 1..{last}", text
            )


def check_format(
    fmt: object,
    samples: Iterable[str],
    *,
    garbage: Iterable[str] | None = None,
    seed: int = 0,
    formats: Collection[str] | None = None,
) -> None:
    """Check that *fmt* keeps the newsparse format contract; raise AssertionError if not.

    The contract:

    * *fmt* is a :class:`newsparse.Format`: ``name`` is a non-empty lowercase
      string, ``suffixes`` a tuple of strings that start with ``.``;
    * ``sniff`` returns a number from 0.0 to 1.0 and never raises, on every
      input and on its first 8 KB;
    * every one of *samples* gives at least one Article (lenient mode);
    * every Article has ``format == fmt.name`` (or one of *formats*, for a
      format that reads back records of other formats, as
      ``newsparse-jsonl`` does), survives ``Article.from_dict(a.to_dict())``
      and ``json.dumps``/``json.loads``, and its dict can be written as
      UTF-8; every provenance ``line`` (of a diagnostic, block, source or
      related article) is ``None`` or within the input's lines;
    * parsing garbage, in lenient and strict mode, returns Articles (which
      must pass the same checks) or raises :class:`newsparse.NewsparseError`
      and nothing else.  The garbage is a built-in list of hostile strings
      (empty, whitespace, NUL, deep nesting, huge numbers, lone markers...),
      a few hundred random mixes of Arabic, Latin, dump markers and JSON
      fragments drawn from ``random.Random(seed)``, damaged copies of the
      samples, and the strings of *garbage*.

    Lone surrogates are not part of the built-in garbage as Python strings
    (text decoded from a file never holds them), only as JSON escapes
    (``"\\ud83d"``), which a format must turn into writable text.

    Returns ``None``; raises :class:`AssertionError` naming the format, the
    breach and the input on the first breach.
    """
    checked = _check_protocol(fmt)
    allowed = {checked.name} if formats is None else {checked.name, *formats}
    samples = list(samples)
    for number, sample in enumerate(samples, 1):
        _check_sniff(checked, sample)
        result = _parse(checked, sample, strict=False)
        if isinstance(result, NewsparseError):
            raise _fail(checked, f"sample {number} did not parse: {result}", sample)
        if not result:
            raise _fail(checked, f"sample {number} gave no Article", sample)
        for article in result:
            _check_article(checked, article, sample, allowed)
    for text in _garbage(samples, garbage, seed):
        _check_sniff(checked, text)
        for strict in (False, True):
            result = _parse(checked, text, strict=strict)
            if not isinstance(result, NewsparseError):
                for article in result:
                    _check_article(checked, article, text, allowed)
