"""Outlet profiles: byline junk, page-label prefixes, keyword noise, registration, folding."""

from __future__ import annotations

from importlib.metadata import EntryPoint

import pytest

from newsparse import (
    AggregatorText,
    FormatError,
    OutletProfile,
    ProfileRegistry,
    default_profiles,
    parse_file,
    parse_text,
)
from newsparse._formats import registry as registry_module
from newsparse._formats.profiles import DEFAULT_PROFILE, FRANCE24, outlet_key
from tests.helpers import DATE, PARAGRAPH, TITLE, dump

FRANCE24_BYLINE = "إعداد: فرانس24 تابِع إعلان اقرأ المزيد"


def test_builtins() -> None:
    profiles = default_profiles()
    assert profiles.names()[:2] == ["default", "france24"]
    assert profiles is default_profiles()


def test_france24_byline_junk_goes_when_the_outlet_is_known() -> None:
    for tail in (("فرانس24/ رويترزالمصدر: فرانس24",), ()):
        article = parse_text(dump(TITLE, DATE, FRANCE24_BYLINE, PARAGRAPH, *tail))
        assert article.authors == ("فرانس24",)


@pytest.mark.parametrize(
    ("byline", "authors"),
    [("كتب: حسن علي تابِع إعلان", ("حسن علي",)), ("الجزيرة نت اقرأ المزيد", ("الجزيرة نت",))],
)
def test_byline_chrome_goes_whatever_the_outlet(byline: str, authors: tuple[str, ...]) -> None:
    """docs/format.md, Site chrome: the labels were cut for France24 only."""
    article = parse_text(dump(TITLE, DATE, byline, PARAGRAPH, "المصدر: وكالات"))
    assert article.authors == authors
    assert [d.code for d in article.diagnostics] == ["boilerplate"]


def test_generic_junk_goes_everywhere() -> None:
    article = parse_text(dump(TITLE, DATE, "كتب: سارة أحمد شارك طباعة", PARAGRAPH))
    assert article.authors == ("سارة أحمد",)


def test_page_label_prefix_never_reaches_keywords() -> None:
    raw = "التشابه الوصف التاريخ إيران باكستان"
    article = parse_text(dump(TITLE, DATE, PARAGRAPH, f"كلمات دلالية: {raw}"))
    assert article.keywords_raw == raw
    assert article.keywords == ("إيران", "باكستان")
    folded_spelling = parse_text(
        dump(TITLE, DATE, PARAGRAPH, "كلمات دلالية: التشابه الوصف التأريخ مصر")
    )
    assert folded_spelling.keywords == ("مصر",)


def test_page_labels_elsewhere_are_tags() -> None:
    article = parse_text(dump(TITLE, DATE, PARAGRAPH, "كلمات دلالية: مصر التشابه"))
    assert "التشابه" in " ".join(article.keywords)


def test_folded_view_merges_persian_letter_duplicates() -> None:
    article = parse_file("tests/data/000_737a97d3fc3c0077.txt")
    assert article.keywords[-1] == "باکستان وإیران"
    assert article.folded_keywords == (
        "ايران", "باكستان", "مكافحة الارهاب", "قصف متبادل", "عبد اللهيان", "باكستان وايران",
    )  # fmt: skip
    duplicates = parse_text(
        dump(TITLE, DATE, PARAGRAPH, "كلمات دلالية: باكستان إيران باکستان إیران")
    )
    assert duplicates.keywords == ("باكستان", "إيران", "باکستان", "إیران")
    assert duplicates.folded_keywords == ("باكستان", "ايران")


def test_an_isolated_profile_registry_with_noise() -> None:
    mine = ProfileRegistry(
        (
            DEFAULT_PROFILE,
            OutletProfile(
                name="khaleej",
                outlets=["الخليج الجديد"],
                keyword_noise=["للمزيد"],
                byline_junk=["حصري"],
            ),
        )
    )
    text = dump(TITLE, DATE, "كتب: سارة أحمد حصري", PARAGRAPH, "المصدر: الخليج الجديد",
                "كلمات دلالية: للمزيد مصر")  # fmt: skip
    article = parse_text(text, format=AggregatorText(profiles=mine))
    assert article.authors == ("سارة أحمد",)
    assert article.keywords == ("مصر",)
    assert parse_text(text).keywords == ("للمزيد", "مصر")


def test_matching() -> None:
    assert outlet_key("France 24") == outlet_key("france24")
    assert FRANCE24.matches("فرانس 24", None)
    assert FRANCE24.matches(None, FRANCE24_BYLINE)
    assert not FRANCE24.matches("وكالات", "كتب: سارة")
    assert not FRANCE24.matches(None, None)
    assert DEFAULT_PROFILE.matches(None, None)
    assert default_profiles().for_article("فرانس24", None) == (DEFAULT_PROFILE, FRANCE24)


def test_registration_rules() -> None:
    mine = ProfileRegistry((DEFAULT_PROFILE,))
    with pytest.raises(FormatError) as caught:
        mine.register(OutletProfile(name="default"))
    assert caught.value.code == "duplicate-name"
    with pytest.raises(FormatError) as unknown:
        mine.get("nope")
    assert unknown.value.code == "unknown-profile"
    with pytest.raises(TypeError, match="not a newsparse OutletProfile"):
        mine.register("france24")  # type: ignore[arg-type]


KHALEEJ = OutletProfile(name="khaleej", outlets=["الخليج الجديد"], keyword_noise=["للمزيد"])


def test_profile_plugins_come_from_their_entry_point_group(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    groups: list[str] = []

    def fake_entry_points(*, group: str) -> list[EntryPoint]:
        groups.append(group)
        return [EntryPoint(name="khaleej", value="tests.test_profiles:KHALEEJ", group=group)]

    monkeypatch.setattr(registry_module, "entry_points", fake_entry_points)
    mine = ProfileRegistry((DEFAULT_PROFILE,), plugins=True)
    assert mine.names() == ["default", "khaleej"]
    assert mine.entries()[1].origin == "plugin"
    assert groups == ["newsparse.profiles"]
    assert mine.for_article("الخليج الجديد", None) == (DEFAULT_PROFILE, KHALEEJ)
