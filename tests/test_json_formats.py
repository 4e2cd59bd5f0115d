"""The JSON formats: newsparse-jsonl (the CLI's JSON Lines read back) and saudinewsnet."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest

from newsparse import (
    Article,
    FormatError,
    Heading,
    NewsparseError,
    Paragraph,
    ParseError,
    ReadAlso,
    Source,
    default_registry,
    iter_articles,
    parse_bytes,
    parse_file,
    parse_text,
)
from newsparse._cli.main import main
from newsparse._formats.contract import SNIFF_SAMPLE
from newsparse._formats.jsonl import NewsparseJsonl
from newsparse._formats.saudinewsnet import SaudiNewsNet

SEEDS = ["examples/000_737a97d3fc3c0077.txt", "examples/001_52f26a06847bab49.txt"]
JSONL = Path("examples/articles.jsonl")
SAUDI = Path("examples/saudinewsnet-sample.json")
JSONL_FORMAT = NewsparseJsonl()
SAUDI_FORMAT = SaudiNewsNet()
GARBAGE = ["", " \n ", "\x00", "{", "[", "]", "[{", '{"title":', "null", "اقرأ أيضاً", "1" * 9000]


def saudi_object(**changes: Any) -> dict[str, Any]:
    """A valid SaudiNewsNet object, with *changes*."""
    record: dict[str, Any] = {
        "source": "sabq",
        "url": "https://sabq.org/x",
        "date_extracted": "2015-07-22 10:05:11",
        "title": "وزارة الصحة تطلق حملة للتوعية",
        "author": "",
        "content": "أطلقت وزارة الصحة اليوم حملة توعوية جديدة.",
    }
    record.update(changes)
    return record


def saudi(*objects: dict[str, Any], indent: int | None = 1) -> str:
    """A SaudiNewsNet file holding *objects* (one key per line by default)."""
    return json.dumps(list(objects), ensure_ascii=False, indent=indent)


def saudi_articles(text: str, *, strict: bool = False) -> list[Article]:
    return list(SAUDI_FORMAT.parse(text, path="corpus.json", strict=strict))


def jsonl_articles(text: str, *, strict: bool = False) -> list[Article]:
    return list(JSONL_FORMAT.parse(text, path="run.jsonl", strict=strict))


def record_line(article: Article, path: str = "a.txt") -> str:
    return json.dumps({"path": path, **article.to_dict()}, ensure_ascii=False)


def seed_articles() -> list[Article]:
    return list(iter_articles(SEEDS))


# ------------------------------------------------------------------ sniff


def test_jsonl_sniff() -> None:
    text = JSONL.read_text("utf-8")
    assert JSONL_FORMAT.sniff(text) == 0.95
    assert JSONL_FORMAT.sniff(text[:SNIFF_SAMPLE]) == 0.95  # the first line is cut off
    assert len(text.split("\n", 1)[0]) > 1000
    assert JSONL_FORMAT.sniff(text[:40]) == 0.95
    assert JSONL_FORMAT.sniff('{"title": "x", "body": [' + "1, " * 4000) == 0.95
    assert JSONL_FORMAT.sniff('\ufeff\n\n{"path": "a", "error": "boom", "code": "empty"}\n') == 0.95
    assert JSONL_FORMAT.sniff('{"title": "x", "body": []}') == 0.95
    assert JSONL_FORMAT.sniff('{"a": 1}\n') == 0.3
    assert JSONL_FORMAT.sniff('{"title": "no body"}') == 0.3
    assert JSONL_FORMAT.sniff("{\n") == 0.3  # the indented output of `newsparse parse`
    assert JSONL_FORMAT.sniff("{broken") == 0.3


@pytest.mark.parametrize("text", [*GARBAGE, "[1, 2]", Path(SEEDS[0]).read_text("utf-8")])
def test_jsonl_sniff_of_other_text(text: str) -> None:
    score = JSONL_FORMAT.sniff(text)
    assert 0 <= score <= 1
    if not text.lstrip().startswith("{"):
        assert score == 0


def test_saudi_sniff() -> None:
    text = SAUDI.read_text("utf-8")
    assert SAUDI_FORMAT.sniff(text) == 0.95
    cut = text.index('"date_extracted"') + len('"date_extracted": "20')
    assert SAUDI_FORMAT.sniff(text[:cut]) == 0.95  # cut mid-object: no JSON parsing
    assert SAUDI_FORMAT.sniff('\ufeff \n [{"content": ') == 0.95
    assert SAUDI_FORMAT.sniff('[{"date_extracted" : "2015"') == 0.95
    assert SAUDI_FORMAT.sniff("[1, 2]") == 0.05
    assert SAUDI_FORMAT.sniff("[]") == 0.05
    assert SAUDI_FORMAT.sniff('{"content": "x"}') == 0
    assert SAUDI_FORMAT.sniff(JSONL.read_text("utf-8")) == 0
    assert SAUDI_FORMAT.sniff(Path(SEEDS[0]).read_text("utf-8")) == 0


@pytest.mark.parametrize("text", GARBAGE)
def test_saudi_sniff_of_garbage(text: str) -> None:
    assert SAUDI_FORMAT.sniff(text) in {0.0, 0.05}


# ------------------------------------------------------------------ detection


@pytest.mark.parametrize(
    ("path", "name"),
    [
        (SEEDS[0], "aggregator-text"),
        (SEEDS[1], "aggregator-text"),
        (str(JSONL), "newsparse-jsonl"),
        (str(SAUDI), "saudinewsnet"),
    ],
)
def test_detection_of_each_example(path: str, name: str) -> None:
    text = Path(path).read_text("utf-8")
    assert default_registry().detect(text, path=path).name == name
    assert default_registry().detect(text).name == name  # no suffix needed


def test_suffix_breaks_a_tie() -> None:
    # "[1, 2]": saudinewsnet and aggregator-text both say 0.05.
    assert default_registry().detect("[1, 2]", path="data.json").name == "saudinewsnet"
    assert default_registry().detect("[1, 2]", path="data.txt").name == "aggregator-text"
    assert default_registry().detect("[1, 2]").name == "aggregator-text"  # registered first


# ------------------------------------------------------------------ newsparse-jsonl


def test_jsonl_round_trip_of_the_cli_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["parse", "--jsonl", *SEEDS]) == 0
    out = tmp_path / "run.jsonl"
    out.write_text(capsys.readouterr().out, encoding="utf-8")
    originals = seed_articles()
    read_back = list(iter_articles(out, format="newsparse-jsonl"))
    assert read_back == originals
    assert [a.format for a in read_back] == ["aggregator-text"] * 2  # the record's own
    assert list(iter_articles(out)) == originals  # detected
    assert [a.encoding for a in read_back] == ["utf-8"] * 2


def test_the_jsonl_example_is_the_cli_output_of_the_seeds(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["parse", "--jsonl", *SEEDS]) == 0
    assert capsys.readouterr().out == JSONL.read_text("utf-8")
    assert list(iter_articles(JSONL)) == seed_articles()


def test_jsonl_ignores_blank_lines_crlf_and_a_bom() -> None:
    first, second = seed_articles()
    text = "\ufeff\r\n" + record_line(first) + "\r\n\r\n   \n" + record_line(second)
    assert jsonl_articles(text) == [first, second]


def test_jsonl_lines_are_split_on_newlines_only() -> None:
    # json.dumps(ensure_ascii=False) leaves U+2028 and U+0085 raw; str.splitlines() would cut there.
    article = seed_articles()[0].evolve(title="عنوان\u2028مع\x85فاصل")
    line = record_line(article)
    assert "\u2028" in line
    assert jsonl_articles(line + "\n" + line) == [article, article]


def test_jsonl_is_lazy() -> None:
    first = seed_articles()[0]
    articles = JSONL_FORMAT.parse(record_line(first) + "\nnot json\n")
    assert next(articles) == first
    with pytest.raises(ParseError):
        next(articles)


def test_error_records_are_skipped() -> None:
    first = seed_articles()[0]
    error = json.dumps({"path": "bad.txt", "error": "bad.txt:1:1: empty", "code": "empty"})
    text = f"{error}\n{record_line(first)}\n{error}\n"
    assert jsonl_articles(text) == [first]
    assert jsonl_articles(error) == []


def test_error_records_raise_in_strict_mode() -> None:
    first = seed_articles()[0]
    error = json.dumps({"path": "bad.txt", "error": "bad.txt:1:1: empty", "code": "empty"})
    with pytest.raises(ParseError) as caught:
        jsonl_articles(f"{record_line(first)}\n\n  {error}\n", strict=True)
    assert caught.value.code == "error-record"
    assert (caught.value.path, caught.value.line, caught.value.column) == ("run.jsonl", 3, 3)
    assert "'bad.txt' failed with 'empty'" in caught.value.message
    assert "strict=True" in caught.value.message


def test_a_broken_json_line_names_line_and_column() -> None:
    first = seed_articles()[0]
    broken = '{"title": "x",, "body": []}'
    with pytest.raises(ParseError) as caught:
        jsonl_articles(f"{record_line(first)}\n\n{broken}\n")
    error = caught.value
    assert error.code == "json"
    assert (error.line, error.column) == (3, 15)
    assert error.source_line == broken
    assert "Expecting property name" in error.message
    assert "fix or delete the line" in error.message
    assert str(error).splitlines() == [
        f"run.jsonl:3:15: {error.message}",
        f"    {broken}",
        "    " + " " * 14 + "^",
    ]


def test_a_too_deep_or_too_long_json_line() -> None:
    for line in ("[" * 100_000, "1" * 5000):
        with pytest.raises(ParseError) as caught:
            jsonl_articles(line)
        assert caught.value.code == "json"
        assert (caught.value.line, caught.value.column) == (1, 1)


@pytest.mark.parametrize("line", ["[1, 2]", '"text"', "3", "null"])
def test_a_line_that_is_not_an_object(line: str) -> None:
    with pytest.raises(ParseError) as caught:
        jsonl_articles(f"\n  {line}")
    assert caught.value.code == "schema"
    assert (caught.value.line, caught.value.column) == (2, 3)
    assert caught.value.source_line == f"  {line}"
    assert "not a record" in caught.value.message


def test_a_record_that_breaks_the_schema_points_at_its_key() -> None:
    record = seed_articles()[0].to_dict()
    record["authors"] = "one author"
    line = json.dumps(record, ensure_ascii=False)
    with pytest.raises(ParseError) as caught:
        jsonl_articles(line)
    assert caught.value.code == "schema"
    assert "authors: expected a list, got str" in caught.value.message
    assert caught.value.column == line.index('"authors"') + 1
    with pytest.raises(ParseError) as caught:
        jsonl_articles('{"body": []}')
    assert "title: missing key" in caught.value.message
    assert caught.value.column == 1


def test_jsonl_diagnostics_point_at_the_record_line() -> None:
    article = parse_text("عنوان الخبر\nفقرة أولى من الخبر.\nفقرة ثانية من الخبر.")
    assert article.diagnostics
    assert article.diagnostics[0].line == 1
    [back] = jsonl_articles("\n\n" + record_line(article))
    assert back == article
    assert [d.line for d in back.diagnostics] == [3]


def test_jsonl_lone_surrogates_are_replaced() -> None:
    line = json.dumps({**seed_articles()[0].to_dict(), "title": "عنوان \ud83d"})
    assert "\\ud83d" in line
    [article] = jsonl_articles(line)
    assert article.title == "عنوان \ufffd"
    assert article.diagnostics[-1].code == "surrogate"
    assert article.diagnostics[-1].line == 1
    json.dumps(article.to_dict(), ensure_ascii=False).encode("utf-8")
    with pytest.raises(ParseError) as caught:
        jsonl_articles(line, strict=True)
    assert caught.value.code == "surrogate"
    # An escaped backslash before "ud83d" is no surrogate: nothing to replace.
    plain = json.dumps({**seed_articles()[0].to_dict(), "title": "C:\\ud83d"})
    assert jsonl_articles(plain)[0].diagnostics == ()


def test_parse_file_on_a_jsonl_of_many_articles_names_iter_articles() -> None:
    with pytest.raises(FormatError) as caught:
        parse_file(JSONL)
    assert caught.value.code == "several-articles"
    assert "iter_articles" in str(caught.value)


def test_parse_text_on_one_record() -> None:
    first = seed_articles()[0]
    assert parse_text(record_line(first)) == first
    assert parse_bytes(record_line(first).encode("utf-8")) == first


# ------------------------------------------------------------------ saudinewsnet


def test_saudi_maps_every_field() -> None:
    first, second, third = iter_articles(SAUDI)
    assert first.title == "الرياض تستضيف منتدى الاستثمار الخليجي بمشاركة واسعة من رجال الأعمال"
    assert first.url == "http://aawsat.com/home/article/410826/الرياض-تستضيف-منتدى-الاستثمار"
    assert first.retrieved == datetime.datetime(2015, 7, 21, 2, 51, 32)
    assert first.published is None
    assert first.authors == ("فهد الذيابي",)  # the dateline "الرياض:" is dropped
    assert first.source == Source(name="aawsat", credit=None)
    assert first.format == "saudinewsnet"
    assert first.diagnostics == ()
    assert first.encoding == "utf-8"
    assert second.authors == ("سبق",)  # "سبق- جدة": the place is dropped
    assert third.authors == ()  # empty author
    assert [a.source.name for a in (first, second, third) if a.source] == ["aawsat", "sabq", "okaz"]


def test_saudi_content_gets_the_dump_body_cleaning() -> None:
    first = next(iter_articles(SAUDI))
    assert [type(block).__name__ for block in first.body] == [
        "Paragraph",
        "Paragraph",
        "ReadAlso",
        "Heading",
        "Paragraph",
        "Paragraph",
    ]
    assert first.paragraphs[0] == Paragraph(text=first.text.split("\n\n")[0])
    assert first.body[2] == ReadAlso(
        titles=["صندوق الاستثمارات العامة يعلن عن شراكات جديدة في قطاع الطاقة"]
    )
    assert first.headings == (Heading(text="فرص واعدة"),)
    assert first.keywords == ("الرياض", "الاستثمار", "مجلس التعاون", "الطاقة المتجددة")
    assert first.keywords_raw == "الرياض الاستثمار مجلس التعاون الطاقة المتجددة"
    assert "كلمات" not in first.text


def test_saudi_content_source_line_becomes_the_credit() -> None:
    second = list(iter_articles(SAUDI))[1]
    assert second.source == Source(name="sabq", credit="واس")
    assert "المصدر" not in second.text
    [article] = saudi_articles(saudi(saudi_object(source="", content="نص الخبر.\nالمصدر: واس")))
    assert article.source == Source(name="واس", credit=None)
    [article] = saudi_articles(saudi(saudi_object(source="")))
    assert article.source is None


def test_saudi_empty_url_and_author() -> None:
    [article] = saudi_articles(saudi(saudi_object(url="", author="")))
    assert article.url is None
    assert article.authors == ()


def test_saudi_author_cleaning() -> None:
    cases = {
        "لندن: «الشرق الأوسط»": ("الشرق الأوسط",),
        "كتب: أحمد و محمد": ("أحمد", "محمد"),
        "فهد الذيابي تابعنا": ("فهد الذيابي",),  # the default profile's junk
        "  ": (),
    }
    for author, authors in cases.items():
        [article] = saudi_articles(saudi(saudi_object(author=author)))
        assert article.authors == authors, author


def test_saudi_related_articles_and_provenance() -> None:
    content = "\n".join(
        [
            "فقرة أولى من الخبر.",
            "اقرأ أيضاً",
            "كلمات دلالية: الرياض جدة",
            "اقرأ أيضاً",
            "عنوان خبر آخر عن الاستثمار في المملكة العربية السعودية",
            "نص الخبر الآخر.",
        ]
    )
    text = saudi(saudi_object(), saudi_object(content=content))
    lines = text.splitlines()
    content_line = next(i for i, line in enumerate(lines, 1) if "فقرة أولى" in line)
    first, second = saudi_articles(text)
    assert first.body[0].line == next(i for i, line in enumerate(lines, 1) if "أطلقت" in line)
    assert [r.title for r in second.related] == [
        "عنوان خبر آخر عن الاستثمار في المملكة العربية السعودية"
    ]
    assert second.related[0].line == content_line
    assert second.related[0].body[0].line == content_line
    assert [block.line for block in second.body] == [content_line]
    [diagnostic] = second.diagnostics
    assert diagnostic.code == "read-also"
    assert diagnostic.line == content_line
    assert diagnostic.message.endswith("(line 2 of the content)")
    assert second.source is not None
    assert second.source.line == content_line - 5


def test_saudi_strict_content_error_names_the_object_and_content_line() -> None:
    text = saudi(saudi_object(), saudi_object(content="فقرة أولى.\nاقرأ أيضاً"))
    with pytest.raises(ParseError) as caught:
        saudi_articles(text, strict=True)
    error = caught.value
    assert error.code == "read-also"
    assert error.message.startswith("object 1, line 2 of its content: a read-also marker")
    assert (
        error.line == text.splitlines().index(next(x for x in text.splitlines() if "فقرة" in x)) + 1
    )
    assert (error.column, error.source_line) == (1, "اقرأ أيضاً")


def test_saudi_bad_date_is_a_diagnostic_or_an_error() -> None:
    text = saudi(saudi_object(date_extracted="2015-07-22"), indent=None)
    [article] = saudi_articles(text)
    assert article.retrieved is None
    [diagnostic] = article.diagnostics
    assert diagnostic.code == "date"
    assert diagnostic.line == 1
    assert "'2015-07-22'" in diagnostic.message
    with pytest.raises(ParseError) as caught:
        saudi_articles(text, strict=True)
    assert caught.value.code == "date"
    assert caught.value.column == text.index('"2015-07-22"') + 1
    assert caught.value.message.startswith("object 0: cannot read date_extracted")


def test_saudi_mojibake_is_repaired() -> None:
    garbled = "ط§ظ„ط®ط¨ط± ط§ظ„ط¬ط¯ظٹط¯"
    assert garbled.encode("cp1256").decode("utf-8") == "الخبر الجديد"
    [article] = saudi_articles(
        saudi(saudi_object(title=garbled, author=garbled, content=f"{garbled}.\nنص سليم."))
    )
    assert article.title == "الخبر الجديد"
    assert article.authors == ("الخبر الجديد",)
    assert article.paragraphs[0].text == "الخبر الجديد."
    assert [d.code for d in article.diagnostics] == ["mojibake"] * 3


def test_saudi_lone_surrogates() -> None:
    text = '[{"source": "x", "url": "", "date_extracted": "2015-01-01 00:00:00", '
    text += '"title": "t\\ud83d", "author": "", "content": "p\\udc00."}]'
    [article] = saudi_articles(text)
    assert article.title == "t\ufffd"
    assert article.paragraphs[0].text == "p\ufffd."
    assert [d.code for d in article.diagnostics] == ["surrogate", "surrogate"]
    with pytest.raises(ParseError) as caught:
        saudi_articles(text, strict=True)
    assert caught.value.code == "surrogate"
    assert caught.value.column == text.index('"t\\ud83d"') + 1


def test_saudi_empty_array_and_content() -> None:
    assert saudi_articles(" [ ] \n") == []
    [article] = saudi_articles(saudi(saudi_object(content="")))
    assert article.body == ()


def test_saudi_is_lazy() -> None:
    articles = SAUDI_FORMAT.parse("[" + saudi(saudi_object())[1:-1] + ", {}]")
    assert next(articles).title == saudi_object()["title"]
    with pytest.raises(ParseError) as caught:
        next(articles)
    assert caught.value.message.startswith("object 1 has no 'source' key")


@pytest.mark.parametrize(
    ("text", "code", "line", "column", "message"),
    [
        ('[\n  {"a": }]', "json", 2, 9, "not valid JSON (Expecting value); object 0"),
        ("", "json", 1, 1, "expected a JSON array of articles ('['), found the end"),
        ("hello", "json", 1, 1, "expected a JSON array of articles ('['), found 'h'"),
        ('\n {"title": "x"}', "schema", 2, 2, "expected a JSON array of articles ('['), found '{'"),
        ("[1]", "schema", 1, 2, "object 0 is a JSON int, not an article object"),
        ("[] x", "json", 1, 4, "not valid JSON (text after the closing ']'"),
        ("[{}\n {}]", "schema", 1, 2, "object 0 has no 'source' key"),
        ("[" * 100_000, "json", 1, 2, "not valid JSON (nested too deeply)"),
        ("[" + "1" * 5000 + "]", "json", 1, 2, "not valid JSON (Exceeds the limit"),
    ],
)
def test_saudi_errors(text: str, code: str, line: int, column: int, message: str) -> None:
    with pytest.raises(ParseError) as caught:
        saudi_articles(text)
    error = caught.value
    assert (error.code, error.line, error.column) == (code, line, column)
    assert error.message.startswith(message)
    assert error.path == "corpus.json"


def test_saudi_missing_comma() -> None:
    text = saudi(saudi_object())[:-1] + "\n" + saudi(saudi_object())[1:]
    with pytest.raises(ParseError) as caught:
        saudi_articles(text)
    assert caught.value.code == "json"
    assert "expected ',' or ']' after object 0" in caught.value.message
    assert caught.value.source_line == " {"


@pytest.mark.parametrize("key", ["source", "url", "date_extracted", "title", "author", "content"])
def test_saudi_schema_names_index_and_key(key: str) -> None:
    missing = saudi_object()
    del missing[key]
    with pytest.raises(ParseError) as caught:
        saudi_articles(saudi(saudi_object(), missing))
    assert caught.value.code == "schema"
    assert caught.value.message.startswith(f"object 1 has no {key!r} key")
    mistyped = saudi(saudi_object(), saudi_object(**{key: None}))
    with pytest.raises(ParseError) as caught:
        saudi_articles(mistyped)
    assert caught.value.code == "schema"
    assert caught.value.message.startswith(f"object 1: {key!r} should be a string, got NoneType")
    assert caught.value.source_line.strip().startswith(f'"{key}": null')


def test_saudi_mistyped_key_not_found_in_the_text_points_at_the_object() -> None:
    text = '[{"\\u0074itle": 1, "source": "", "url": "", "date_extracted": "", '
    text += '"author": "", "content": ""}]'
    with pytest.raises(ParseError) as caught:
        saudi_articles(text)
    assert "'title' should be a string" in caught.value.message
    assert caught.value.column == 2


def test_parse_file_on_the_saudi_sample_names_iter_articles() -> None:
    with pytest.raises(FormatError) as caught:
        parse_file(SAUDI)
    assert caught.value.code == "several-articles"
    assert "iter_articles" in caught.value.message
    assert caught.value.path == str(SAUDI)


def test_saudi_one_object_through_parse_text() -> None:
    article = parse_text(saudi(saudi_object()))
    assert article.format == "saudinewsnet"
    with pytest.raises(NewsparseError):
        parse_text("[]", format="saudinewsnet")  # no article


def test_saudinewsnet_author_loses_site_chrome_and_says_so() -> None:
    """Byline chrome is chrome wherever it occurs, in a JSON format's author too."""
    record = {
        "source": "aawsat",
        "url": "",
        "date_extracted": "2024-01-29 10:00:00",
        "title": "عنوان الخبر",
        "author": "لندن: سارة خالد تابِع",
        "content": "وقال الوزير إن الاتفاق يشمل التعاون الأمني بين البلدين.",
    }
    (article,) = SaudiNewsNet().parse(json.dumps([record], ensure_ascii=False))
    assert article.authors == ("سارة خالد",)
    assert [d.code for d in article.diagnostics] == ["boilerplate"]
