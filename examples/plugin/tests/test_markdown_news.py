"""How a plugin author tests a format: the newsparse contract, then the format's own rules.

Run with ``pytest`` from ``examples/plugin`` (``pythonpath = ["src"]`` in
``pyproject.toml`` lets the tests run before the package is installed).
"""

from __future__ import annotations

import datetime
from pathlib import Path

import newsparse
import pytest
from newsparse.testing import check_format

from newsparse_markdown_news import MarkdownNews

SAMPLE = (Path(__file__).parent.parent / "sample.md").read_text(encoding="utf-8")


def test_keeps_the_newsparse_contract() -> None:
    # Samples must parse; a few hundred hostile inputs (plus ours) may only raise ParseError.
    check_format(
        MarkdownNews(), [SAMPLE], garbage=["# ", "#\n*date: x*", "# t\n> date: 2024-02-30"]
    )


def test_reads_the_sample() -> None:
    article = newsparse.parse_text(SAMPLE, format=MarkdownNews())
    assert article.title == "باكستان وإيران تتفقان على مواجهة الإرهاب معا"
    assert article.published == datetime.date(2024, 1, 29)
    assert article.authors == ("سارة خالد", "أحمد حسن")
    assert [heading.text for heading in article.headings] == ["قصف متبادل"]
    assert len(article.paragraphs) == 4
    assert article.paragraphs[0].text.endswith("ومواجهة خطر الإرهاب معا.")  # two lines joined
    assert article.source == newsparse.Source(name="الخليج الجديد")
    assert article.format == "markdown-news"
    assert article.diagnostics == ()


def test_is_detected_for_markdown_over_the_builtins() -> None:
    registry = newsparse.FormatRegistry((newsparse.AggregatorText(), MarkdownNews()))
    assert registry.detect(SAMPLE, path="news.md").name == "markdown-news"
    assert MarkdownNews().sniff("عنوان\nتاريخ النشر: 29th, January 2024 GMT") == 0.0


def test_a_file_may_hold_several_articles() -> None:
    text = "# First\n> by: Ali\n\nOne.\n\n# Second\nTwo.\nSource: Wire\n"
    first, second = MarkdownNews().parse(text)
    assert (first.title, first.authors, first.text) == ("First", ("Ali",), "One.")
    assert (second.title, second.text, second.source) == (
        "Second",
        "Two.",
        newsparse.Source(name="Wire"),
    )


def test_a_bad_date_is_a_diagnostic_or_in_strict_mode_an_error() -> None:
    text = "# Title\n*date: 29/01/2024*\nBody.\n"
    (article,) = MarkdownNews().parse(text)
    assert article.published is None
    assert [(d.code, d.line) for d in article.diagnostics] == [("date", 2)]
    with pytest.raises(newsparse.ParseError) as caught:
        list(MarkdownNews().parse(text, path="bad.md", strict=True))
    assert (caught.value.code, caught.value.path, caught.value.line) == ("date", "bad.md", 2)


def test_text_before_the_headline_is_an_error() -> None:
    with pytest.raises(newsparse.ParseError) as caught:
        list(MarkdownNews().parse("\nintro\n# Title\n"))
    assert (caught.value.code, caught.value.line) == ("no-headline", 2)
