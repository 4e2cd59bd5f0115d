"""The format registry: register, look up, list, detect, entry-point plugins, the API's format=."""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterator
from importlib.metadata import Distribution, EntryPoint
from pathlib import Path

import pytest

from newsparse import (
    AggregatorText,
    Article,
    Format,
    FormatError,
    FormatRegistry,
    OutletProfile,
    Paragraph,
    PluginWarning,
    ProfileRegistry,
    default_profiles,
    default_registry,
    iter_articles,
    parse_bytes,
    parse_file,
    parse_text,
)
from newsparse._formats import registry as registry_module
from tests.helpers import DATE, PARAGRAPH, TITLE, dump

SEED = Path("tests/data/000_737a97d3fc3c0077.txt")


class Lines:
    """A toy format: every line is an article titled by it; claims `.lines` files."""

    name = "lines"
    suffixes: tuple[str, ...] = (".lines",)

    def __init__(self, score: float = 0.5) -> None:
        self.score = score

    def sniff(self, text: str) -> float:
        return self.score if text.startswith("L:") else 0.0

    def parse(
        self, text: str, *, path: str | None = None, strict: bool = False
    ) -> Iterator[Article]:
        for line in text.splitlines():
            if line.strip():
                yield Article(title=line, body=[Paragraph(text=line)], format=self.name)


def test_builtins_are_registered_with_their_origin() -> None:
    registry = default_registry()
    assert registry.names()[:3] == ["aggregator-text", "newsparse-jsonl", "saudinewsnet"]
    assert all(entry.origin == "built-in" for entry in registry.entries()[:3])
    assert registry is default_registry()
    assert "aggregator-text" in registry
    assert isinstance(registry.get("aggregator-text"), AggregatorText)


def test_a_registry_is_isolated() -> None:
    mine = FormatRegistry()
    mine.register(Lines())
    assert mine.names() == ["lines"]
    assert len(mine) == 1
    assert [fmt.name for fmt in mine] == ["lines"]
    assert mine.entries()[0].origin == "user"
    assert "lines" not in default_registry()


def test_duplicate_name_is_refused() -> None:
    mine = FormatRegistry((Lines(),))
    with pytest.raises(FormatError) as caught:
        mine.register(Lines())
    assert caught.value.code == "duplicate-name"
    assert str(caught.value) == (
        "a format named 'lines' is registered already (built-in); choose another name"
    )


def test_unknown_name_lists_the_known_ones() -> None:
    with pytest.raises(FormatError) as caught:
        default_registry().get("nope")
    assert caught.value.code == "unknown-format"
    assert "known: aggregator-text, newsparse-jsonl, saudinewsnet" in str(caught.value)


def test_not_a_format_is_refused() -> None:
    assert isinstance(Lines(), Format)
    with pytest.raises(TypeError, match="not a newsparse Format"):
        FormatRegistry().register("lines")  # type: ignore[arg-type]


def test_detection_picks_the_highest_sniff() -> None:
    mine = FormatRegistry((AggregatorText(), Lines(score=0.9)))
    assert mine.detect("L: one\nL: two").name == "lines"
    assert mine.detect(dump(TITLE, DATE, PARAGRAPH)).name == "aggregator-text"


def test_detection_ties_go_to_the_suffix_then_the_first_registered() -> None:
    class Other(Lines):
        name = "other"
        suffixes = (".other",)

    mine = FormatRegistry((Lines(), Other()))
    assert mine.detect("L: x").name == "lines"
    assert mine.detect("L: x", path="a/b.OTHER").name == "other"


class Counted(Lines):
    """Lines that counts its sniffs."""

    def __init__(self, name: str, score: float, suffixes: tuple[str, ...] = (".lines",)) -> None:
        super().__init__(score)
        self.name = name
        self.suffixes = suffixes
        self.sniffs = 0

    def sniff(self, text: str) -> float:
        self.sniffs += 1
        return super().sniff(text)


def test_a_certain_sniff_ends_detection_unless_a_later_suffix_could_win() -> None:
    first, later = Counted("first", 1.0), Counted("later", 1.0, suffixes=(".later",))
    mine = FormatRegistry((first, later))
    assert mine.detect("L: x").name == "first"
    assert later.sniffs == 0  # no path: nothing after a 1.0 can win
    assert mine.detect("L: x", path="a.lines").name == "first"
    assert later.sniffs == 0  # the certain format also claims the suffix
    assert mine.detect("L: x", path="a.later").name == "later"
    assert later.sniffs == 1  # the suffix could (and does) break the tie
    unsure = FormatRegistry((Counted("unsure", 0.5), later))
    assert unsure.detect("L: x").name == "later"


def test_detection_failure_names_every_candidate() -> None:
    mine = FormatRegistry((Lines(),))
    with pytest.raises(FormatError) as caught:
        mine.detect("nothing", path="x.txt")
    assert caught.value.code == "undetected-format"
    assert str(caught.value) == (
        "x.txt: no format recognises this input (scores: lines 0.00); "
        "pass format=NAME (newsparse formats lists them)"
    )
    with pytest.raises(FormatError, match="scores: none"):
        FormatRegistry().detect("x")


def test_format_by_name_object_or_detection() -> None:
    mine = FormatRegistry((AggregatorText(), Lines(score=0.9)))
    text = dump(TITLE, DATE, PARAGRAPH)
    assert parse_text(text).format == "aggregator-text"
    assert parse_text(text, format="aggregator-text").title == TITLE
    assert parse_text("L: one", format=Lines()).title == "L: one"
    assert parse_text("L: one", registry=mine).format == "lines"
    assert parse_bytes(b"L: one", registry=mine).format == "lines"
    with pytest.raises(FormatError, match="no format named 'lines'"):
        parse_text("L: one", format="lines")


def test_parse_file_refuses_several_articles_and_names_iter_articles(tmp_path: Path) -> None:
    path = tmp_path / "two.lines"
    path.write_text("L: one\nL: two\n", encoding="utf-8")
    with pytest.raises(FormatError) as caught:
        parse_file(path, format=Lines())
    assert caught.value.code == "several-articles"
    assert str(caught.value) == (
        f"{path}: holds several articles; parse_* returns exactly one: "
        f"use newsparse.iter_articles({str(path)!r}) to get them all"
    )
    assert [a.title for a in iter_articles(path, format=Lines())] == ["L: one", "L: two"]
    with pytest.raises(FormatError, match="iter_articles to get them all"):
        parse_text("L: one\nL: two", format=Lines())


def test_no_article_is_an_error(tmp_path: Path) -> None:
    class Nothing(Lines):
        def parse(
            self, text: str, *, path: str | None = None, strict: bool = False
        ) -> Iterator[Article]:
            yield from ()

    with pytest.raises(FormatError) as caught:
        parse_text("L: x", format=Nothing())
    assert caught.value.code == "no-article"


def test_iter_articles_over_paths_and_directories(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_bytes(SEED.read_bytes())
    assert len(list(iter_articles(tmp_path))) == 2
    assert len(list(iter_articles([str(SEED), SEED]))) == 2
    with pytest.raises(FormatError):
        list(iter_articles([SEED], format="nope"))


def test_format_errors_pickle() -> None:
    error = FormatError("m", code="unknown-format", path="p")
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 -- our own object
    assert (copy.code, copy.path, str(copy)) == ("unknown-format", "p", "p: m")


class Words(Lines):
    """Another toy format, under another name."""

    name = "words"


class FakeDistribution(Distribution):
    """An installed distribution as importlib.metadata reads one, its files in memory."""

    def __init__(self, entry_points: str) -> None:
        self.files_text = {"METADATA": "Name: newsparse-fake\n", "entry_points.txt": entry_points}

    def read_text(self, filename: str) -> str | None:
        return self.files_text.get(filename)

    def locate_file(self, path: str | os.PathLike[str]) -> Path:
        raise FileNotFoundError(path)  # it has no files on disk


def _entry_point(name: str, value: str) -> EntryPoint:
    (point,) = FakeDistribution(f"[newsparse.formats]\n{name} = {value}\n").entry_points
    return point


def test_plugins_load_lazily_once_and_broken_ones_warn(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def fake_entry_points(*, group: str) -> list[EntryPoint]:
        calls.append(group)
        return [
            _entry_point("lines", "tests.test_registry:Lines"),
            _entry_point("broken", "tests.no_such_module:Thing"),
            _entry_point("not-a-format", "tests.test_registry:SEED"),
        ]

    monkeypatch.setattr(registry_module, "entry_points", fake_entry_points)
    mine = FormatRegistry((AggregatorText(),), plugins=True)
    assert calls == []
    with pytest.warns(PluginWarning) as warned:
        assert mine.names() == ["aggregator-text", "lines"]
    assert mine.entries()[1].origin == "plugin:newsparse-fake"
    messages = [str(w.message) for w in warned]
    assert any("'broken' (tests.no_such_module:Thing)" in m for m in messages)
    assert any("'not-a-format'" in m and "is not a newsparse Format" in m for m in messages)
    mine.get("lines")
    assert calls == ["newsparse.formats"]


def test_plugins_load_once_even_when_warnings_are_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def fake_entry_points(*, group: str) -> list[EntryPoint]:
        calls.append(group)
        return [_entry_point("broken", "tests.no_such_module:Thing")]

    monkeypatch.setattr(registry_module, "entry_points", fake_entry_points)
    mine = FormatRegistry((AggregatorText(),), plugins=True)
    with pytest.raises(PluginWarning):
        mine.names()
    assert mine.names() == ["aggregator-text"]
    assert calls == ["newsparse.formats"]


def _recording_entry_points(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every entry-point group looked up from now on (each look-up yields the Lines plugin)."""
    calls: list[str] = []

    def fake_entry_points(*, group: str) -> list[EntryPoint]:
        calls.append(group)
        return [_entry_point("lines", "tests.test_registry:Lines")]

    monkeypatch.setattr(registry_module, "entry_points", fake_entry_points)
    return calls


def test_an_explicit_registry_runs_no_plugin_code(monkeypatch: pytest.MonkeyPatch) -> None:
    """A registry of the program's own formats once still loaded the profile plugins,
    through the default profiles that AggregatorText() applied."""
    calls = _recording_entry_points(monkeypatch)
    default_profiles.cache_clear()  # as in a fresh process: nothing loaded yet
    mine = FormatRegistry((AggregatorText(),))
    article = parse_text(dump(TITLE, DATE, PARAGRAPH), registry=mine)
    assert article.paragraphs[0].text == PARAGRAPH
    own = AggregatorText(profiles=ProfileRegistry((OutletProfile(name="mine"),)))
    assert parse_text(dump(TITLE, DATE, PARAGRAPH), format=own).title == TITLE
    assert calls == []
    default_profiles.cache_clear()


def test_the_default_registry_still_applies_the_profile_plugins(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = _recording_entry_points(monkeypatch)
    default_profiles.cache_clear()
    default_registry.cache_clear()
    try:
        with pytest.warns(PluginWarning, match="is not a newsparse OutletProfile"):
            parse_text(dump(TITLE, DATE, PARAGRAPH))
        assert sorted(calls) == ["newsparse.formats", "newsparse.profiles"]
    finally:
        default_profiles.cache_clear()
        default_registry.cache_clear()


@pytest.mark.parametrize("value", ["1", "yes"])
def test_the_environment_variable_turns_discovery_off(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    calls = _recording_entry_points(monkeypatch)
    monkeypatch.setenv("NEWSPARSE_NO_PLUGINS", value)
    assert FormatRegistry((AggregatorText(),), plugins=True).names() == ["aggregator-text"]
    assert calls == []
    monkeypatch.setenv("NEWSPARSE_NO_PLUGINS", "0")
    assert FormatRegistry((AggregatorText(),), plugins=True).names() == ["aggregator-text", "lines"]


def test_a_registry_pickles_for_worker_processes() -> None:
    mine = FormatRegistry((AggregatorText(), Lines()))
    copy = pickle.loads(pickle.dumps(mine))  # noqa: S301 -- our own bytes
    assert copy.names() == ["aggregator-text", "lines"]
    assert copy.detect("L: x").name == "lines"
    copy.register(Words())  # its lock works, and it is its own registry
    assert copy.names() == ["aggregator-text", "lines", "words"]
    assert mine.names() == ["aggregator-text", "lines"]
