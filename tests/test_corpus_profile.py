"""Corpus profiles (docs/corpus.md): what is learned, how the parser applies it, the files."""

from __future__ import annotations

import io
import json
import math
import random
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsparse
from newsparse import CorpusProfile, LearnSettings, OutletChrome, ProfileError
from newsparse._cli.main import main
from newsparse._formats.aggregator.learned import LearnedChrome, end_run, start_runs
from newsparse._formats.aggregator.vocabulary import Vocabulary
from newsparse._learn.learner import Learner
from newsparse._learn.observe import Observation, observe, outlet_of, rule_tags
from newsparse._learn.stats import binomial_tail
from newsparse._model.corpus_profile import TagVocabulary
from tests.helpers import CHROME, OUTLET, PARAGRAPH, PARAGRAPH_2, article_dump, outlet_corpus
from tests.test_json_formats import saudi, saudi_object

PROMPT = "حمل تطبيق الوادي الآن"
CRUMBS = "الرئيسية » أخبار محلية"


def _profile(
    *, lines: tuple[str, ...] = (), starts: tuple[str, ...] = (), ends: tuple[str, ...] = ()
) -> CorpusProfile:
    chrome = OutletChrome(outlet=OUTLET, files=100, lines=lines, starts=starts, ends=ends)
    return CorpusProfile(files=100, outlets=[chrome])


# ------------------------------------------------------------------ what a line offers
def test_a_start_run_is_the_words_before_a_seam() -> None:
    text = f"{CRUMBS} » وقال الوزير إن الخطة تبدأ غدا."
    assert [key for key, _ in start_runs(text)] == ["الرئيسية", CRUMBS]
    key, rest = start_runs(text)[1]
    assert (key, text[rest:]) == (CRUMBS, "وقال الوزير إن الخطة تبدأ غدا.")


def test_a_line_that_opens_with_a_seam_or_has_none_offers_no_start_run() -> None:
    assert start_runs("» وقال الوزير") == []
    assert start_runs(PARAGRAPH.replace("،", "")) == []
    assert start_runs("أ ب ج د هـ و ز ح ط ي ك ل م: نص") == []  # 13 words before the seam


def test_an_end_run_is_the_words_after_the_last_sentence() -> None:
    assert end_run(f"{PARAGRAPH}{PROMPT}") == (PROMPT, len(PARAGRAPH))
    assert end_run(f"{PARAGRAPH} {PROMPT}") == (PROMPT, len(PARAGRAPH))
    assert end_run(PARAGRAPH) is None  # a sentence ends it
    assert end_run(PROMPT) is None  # no sentence before the words: a line, not a run


def test_learned_chrome_cuts_the_longest_start_run_and_the_end_run() -> None:
    chrome = LearnedChrome(
        OutletChrome(outlet=OUTLET, files=9, starts=("الرئيسية", CRUMBS), ends=(PROMPT,))
    )
    assert chrome.cut(f"{CRUMBS} » {PARAGRAPH}{PROMPT}") == (PARAGRAPH, [CRUMBS, PROMPT])
    assert chrome.cut(PARAGRAPH) is None
    assert chrome.cut(f"{PARAGRAPH} شارك") is None  # an end run it did not learn
    assert chrome.is_line("  ".join(CHROME.split())) is False


# ------------------------------------------------------------------ the parser
def test_without_a_profile_nothing_changes() -> None:
    text = article_dump(PARAGRAPH, CHROME, PARAGRAPH_2, tail=(f"المصدر: {OUTLET}",))
    assert newsparse.parse_text(text, profile=CorpusProfile()) == newsparse.parse_text(text)
    assert [block.text for block in newsparse.parse_text(text).body] == [  # type: ignore[union-attr]
        PARAGRAPH,
        CHROME,
        PARAGRAPH_2,
    ]


def test_learned_chrome_is_dropped_and_recorded_as_learned() -> None:
    text = article_dump(
        f"{CRUMBS} » {PARAGRAPH}",
        CHROME,
        f"{PARAGRAPH_2}{PROMPT}",
        tail=(f"المصدر: {OUTLET}",),
    )
    profile = _profile(lines=(CHROME,), starts=(CRUMBS,), ends=(PROMPT,))
    article = newsparse.parse_text(text, profile=profile)
    assert [block.text for block in article.body] == [PARAGRAPH, PARAGRAPH_2]  # type: ignore[union-attr]
    notes = [d for d in article.diagnostics if d.code == "boilerplate"]
    assert [d.line for d in notes] == [3, 4, 5]
    assert all(f"learned: it recurs in the files of {OUTLET}" in d.message for d in notes)
    assert CHROME in notes[1].message


def test_learned_chrome_applies_to_its_own_outlet_only() -> None:
    text = article_dump(PARAGRAPH, CHROME, tail=("المصدر: بوابة الشمال",))
    article = newsparse.parse_text(text, profile=_profile(lines=(CHROME,)))
    assert [block.text for block in article.body] == [PARAGRAPH, CHROME]  # type: ignore[union-attr]


def test_learned_chrome_after_the_source_line_does_not_hide_it() -> None:
    text = article_dump(
        PARAGRAPH, tail=(f"المصدر: {OUTLET}", CHROME, CHROME, "كلمات دلالية: إيران باكستان")
    )
    assert newsparse.parse_text(text).source is None  # the chrome hides it
    article = newsparse.parse_text(text, profile=_profile(lines=(CHROME,)))
    assert article.source is not None
    assert article.source.name == OUTLET
    assert article.keywords == ("إيران", "باكستان")


def test_an_outlet_named_by_the_byline_has_its_chrome_dropped() -> None:
    text = article_dump(OUTLET, PARAGRAPH, CHROME, PARAGRAPH_2)
    article = newsparse.parse_text(text, profile=_profile(lines=(CHROME,)))
    assert article.authors == (OUTLET,)
    assert [block.text for block in article.body] == [PARAGRAPH, PARAGRAPH_2]  # type: ignore[union-attr]


def test_the_vocabulary_splits_where_it_knows_and_the_rules_decide_the_rest() -> None:
    line = "نادي الوحدة الرياضي مجلس محافظة تعز إيران"
    rules = newsparse.parse_text(article_dump(PARAGRAPH, tail=(f"كلمات دلالية: {line}",)))
    tags = [("نادي الوحدة", 5.0), ("الرياضي مجلس محافظة تعز", 2.0)]
    profile = CorpusProfile(vocabulary=TagVocabulary(tags=tags))
    learned = newsparse.parse_text(
        article_dump(PARAGRAPH, tail=(f"كلمات دلالية: {line}",)), profile=profile
    )
    assert rules.keywords[-1] == learned.keywords[-1] == "إيران"
    assert learned.keywords[:2] == ("نادي الوحدة", "الرياضي مجلس محافظة تعز")


def test_a_rule_tag_the_vocabulary_lacks_stays_when_it_cannot_cover_it() -> None:
    vocabulary = Vocabulary([("أ", 10.0), ("ب ج", 1.0)])
    assert vocabulary.split(("أ", "ب", "ج", "د"), [(0, 2), (2, 4)]) == [(0, 2), (2, 4)]
    assert vocabulary.split(("أ", "ب", "ج", "د"), [(0, 1), (1, 4)]) == [(0, 1), (1, 4)]
    assert vocabulary.split(("أ", "ب", "ج"), [(0, 3)]) == [(0, 1), (1, 3)]


# ------------------------------------------------------------------ observing
def test_an_observation_holds_the_outlet_the_candidates_and_the_tags() -> None:
    text = article_dump(
        f"{CRUMBS} » {PARAGRAPH}",
        CHROME,
        f"{PARAGRAPH_2}{PROMPT}",
        tail=(f"المصدر: {OUTLET}", "كلمات دلالية: إيران باكستان إيران"),
    )
    seen = observe(newsparse.parse_text(text))
    assert seen.outlet == OUTLET
    assert CHROME in seen.lines
    assert CRUMBS in seen.starts
    assert seen.ends == (PROMPT,)
    assert seen.tags == ("إيران", "باكستان", "إيران")  # in line order, repeats kept


def test_the_outlet_of_an_article_whose_source_line_chrome_hid() -> None:
    text = article_dump(PARAGRAPH, tail=(f"المصدر: {OUTLET}", CHROME, "كلمات دلالية: إيران"))
    article = newsparse.parse_text(text)
    assert article.source is None
    assert outlet_of(article) == OUTLET
    assert rule_tags(newsparse.parse_text(article_dump(PARAGRAPH))) is None


# ------------------------------------------------------------------ learning
def test_learn_finds_each_outlets_chrome_and_nothing_else(tmp_path: Path) -> None:
    outlet_corpus(tmp_path, 60)
    profile = newsparse.learn(tmp_path)
    assert profile.files == 60
    chrome = {found.outlet: found.lines for found in profile.outlets}
    assert chrome == {OUTLET: (CHROME,), "بوابة الشمال": ("اشترك في نشرة الشمال",)}
    article = newsparse.parse_file(tmp_path / "000.txt", profile=profile)
    assert CHROME not in [block.text for block in article.body]  # type: ignore[union-attr]


def test_three_files_learn_nothing(tmp_path: Path) -> None:
    outlet_corpus(tmp_path, 3)
    profile = newsparse.learn(tmp_path)
    assert profile.files == 3
    assert all(not (o.lines or o.starts or o.ends) for o in profile.outlets)


def test_learning_in_two_processes_gives_the_same_profile(tmp_path: Path) -> None:
    paths = outlet_corpus(tmp_path, 40)
    one = newsparse.learn(paths).to_json()
    assert newsparse.learn(paths[::-1], jobs=2).to_json() == one


def test_files_that_fail_are_skipped(tmp_path: Path) -> None:
    paths = outlet_corpus(tmp_path, 20)
    (tmp_path / "empty.txt").write_text("")
    assert newsparse.learn([*paths, tmp_path / "empty.txt"]).files == 20


# ------------------------------------------------------------------ the file
def test_a_profile_file_reads_back(tmp_path: Path) -> None:
    profile = _profile(lines=(CHROME,))
    path = tmp_path / "profile.json"
    profile.write(path)
    assert CorpusProfile.read(path) == profile
    assert list(json.loads(path.read_text(encoding="utf-8")))[:3] == ["kind", "version", "files"]


@pytest.mark.parametrize(
    ("text", "code", "says"),
    [
        ("{", "profile-json", "line 1"),
        ('{"kind": "something"}', "profile-field", "not a corpus profile"),
        ('{"kind": "newsparse corpus profile", "version": 99}', "profile-version", "learn"),
    ],
)
def test_a_file_that_is_no_profile_is_refused(text: str, code: str, says: str) -> None:
    with pytest.raises(ProfileError) as raised:
        CorpusProfile.from_json(text, path="p.json")
    assert raised.value.code == code
    assert "p.json" in str(raised.value)
    assert says in str(raised.value) or (code == "profile-json" and ":1:" in str(raised.value))


def test_a_wrong_field_is_named(tmp_path: Path) -> None:
    data = json.loads(_profile(lines=(CHROME,)).to_json())
    data["outlets"][OUTLET]["chrome"]["lines"] = "not a list"
    with pytest.raises(ProfileError, match=r"outlets\['صحيفة الوادي'\]\.chrome\.lines"):
        CorpusProfile.from_json(json.dumps(data))


def test_a_missing_profile_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(newsparse.InputError) as raised:
        CorpusProfile.read(tmp_path / "none.json")
    assert raised.value.code == "not-found"


def test_profiles_of_other_settings_do_not_merge() -> None:
    other = Learner(LearnSettings(min_files=3)).profile()
    with pytest.raises(ProfileError) as raised:
        newsparse.merge_profiles(CorpusProfile(), other)
    assert raised.value.code == "profile-merge"


# ------------------------------------------------------------------ the command
def test_the_command_learns_then_parses_with_the_profile(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    paths = outlet_corpus(corpus, 40)
    one, two, shuffled = (tmp_path / name for name in ("1.json", "2.json", "shuffled.json"))
    assert main(["learn", str(corpus), "-o", str(one), "--quiet"]) == 0
    assert main(["learn", str(corpus), "-o", str(two), "-j", "2", "-q"]) == 0
    order = [str(path) for path in paths]
    random.Random(5).shuffle(order)  # noqa: S311 -- test data
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(order) + "\n"))
    assert main(["learn", "-", "-o", str(shuffled), "-q"]) == 0
    assert one.read_bytes() == two.read_bytes() == shuffled.read_bytes()
    capsys.readouterr()
    assert main(["parse", str(paths[0]), "--profile", str(one)]) == 0
    record = json.loads(capsys.readouterr().out)
    assert CHROME not in [block["text"] for block in record["body"]]
    assert main(["check", str(corpus), "--profile", str(one)]) == 0
    assert "boilerplate" in capsys.readouterr().out
    assert main(["show", str(paths[0]), "--profile", str(one)]) == 0


def test_the_command_says_what_it_learned(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outlet_corpus(tmp_path, 40)
    assert main(["learn", str(tmp_path), "-o", str(tmp_path / "p.json")]) == 0
    said = capsys.readouterr().err
    assert "40 files" in said
    assert "chrome of 2 outlets" in said


def test_a_bad_profile_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        main(["parse", "tests/data/000_737a97d3fc3c0077.txt", "--profile", str(bad)])
    assert stopped.value.code == 2
    assert f"--profile: {bad}:1:2:" in capsys.readouterr().err


def test_a_run_that_learns_from_nothing_keeps_the_previous_profile(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "p.json"
    target.write_text("earlier", encoding="utf-8")
    assert main(["learn", str(tmp_path / "missing"), "-o", str(target)]) == 1
    assert target.read_text(encoding="utf-8") == "earlier"
    assert "left as it was" in capsys.readouterr().err


# ------------------------------------------------------------------ the decisions
@given(st.integers(min_value=0, max_value=30), st.integers(min_value=0, max_value=30),
       st.floats(min_value=0.0, max_value=1.0))  # fmt: skip
def test_the_binomial_tail_is_the_sum_of_the_chances(
    successes: int, trials: int, chance: float
) -> None:
    exact = sum(
        math.comb(trials, k) * chance**k * (1 - chance) ** (trials - k)
        for k in range(max(successes, 0), trials + 1)
    )
    assert binomial_tail(successes, trials, chance) == pytest.approx(min(1.0, exact), abs=1e-9)


def _learned(
    observations: list[Observation], settings: LearnSettings | None = None
) -> OutletChrome:
    learner = Learner(settings)
    for seen in observations:
        learner.add_file([seen])
    return next(o for o in learner.profile().outlets if o.outlet == OUTLET)


def test_prompts_glued_in_a_row_are_each_chrome_and_their_last_words_are_not() -> None:
    share, follow = "انشر الخبر فيسبوك لينكد إن", "تابعونا عبر تيليجرام"
    ends = [(follow,)] * 11 + [(f"{follow} {share}",)] * 9 + [(share,)] * 7 + [()] * 21
    chrome = _learned(
        [
            Observation(outlet=OUTLET, level=0, ends=found, lines=(f"سطر {number}",))
            for number, found in enumerate(ends)
        ]
    )
    assert chrome.ends == tuple(sorted((share, follow)))  # not "إن", not "لينكد إن"


def test_a_line_where_a_byline_stands_counts_beside_the_same_line_in_bodies() -> None:
    top = "اخترنا لكم"
    writer = "مهدي القعشاوي"
    seen = [Observation(outlet=OUTLET, level=0, lines=(top,)) for _ in range(6)]
    seen += [Observation(outlet=OUTLET, level=0, bylines=(top,)) for _ in range(8)]
    seen += [Observation(outlet=OUTLET, level=0, bylines=(writer,)) for _ in range(20)]
    seen += [Observation(outlet=OUTLET, level=0) for _ in range(6)]
    chrome = _learned(seen)
    assert chrome.lines == (top,)  # 14 of 40 files; the writer, never in a body, is no chrome


def test_a_line_every_outlet_has_as_often_is_no_chrome() -> None:
    heading = "ردود الفعل"
    learner = Learner()
    for outlet in (OUTLET, "بوابة الشمال", "وكالة النهر"):
        for number in range(40):
            learner.add_file([Observation(outlet=outlet, level=0, lines=(heading,) * (number % 2))])
    assert all(chrome.lines == () for chrome in learner.profile().outlets)


def test_an_outlet_whose_byline_is_chrome_counts_it_apart() -> None:
    text = article_dump("اخترنا لكم", PARAGRAPH, tail=(f"المصدر: {OUTLET}",))
    article = newsparse.parse_text(text)
    assert article.authors == ("اخترنا لكم",)
    assert observe(article).bylines == ("اخترنا لكم",)
    named = newsparse.parse_text(article_dump(OUTLET, PARAGRAPH, tail=(f"المصدر: {OUTLET}",)))
    assert observe(named).bylines == ()  # the outlet's own name
    labelled = newsparse.parse_text(article_dump("كتب: محمد علي", PARAGRAPH))
    assert observe(labelled).bylines == ()


def test_learned_chrome_where_a_byline_stands_is_dropped() -> None:
    text = article_dump(CHROME, PARAGRAPH, tail=(f"المصدر: {OUTLET}",))
    assert newsparse.parse_text(text).authors == (CHROME,)
    article = newsparse.parse_text(text, profile=_profile(lines=(CHROME,)))
    assert article.authors == ()
    assert [block.text for block in article.body] == [PARAGRAPH]  # type: ignore[union-attr]


def test_an_end_run_is_cut_however_many_spaces_it_has() -> None:
    chrome = LearnedChrome(OutletChrome(outlet=OUTLET, files=9, ends=(PROMPT,)))
    spaced = "  ".join(PROMPT.split())
    assert chrome.cut(f"{PARAGRAPH} {spaced}") == (PARAGRAPH, [PROMPT])
    assert chrome.cut(f"{PARAGRAPH}حمل تطبيق{PROMPT}") == (f"{PARAGRAPH}حمل تطبيق", [PROMPT])


# ------------------------------------------------------------------ files and runs
def test_a_profile_that_cannot_be_read_says_why(tmp_path: Path) -> None:
    with pytest.raises(newsparse.InputError) as raised:
        CorpusProfile.read(tmp_path)
    assert raised.value.code == "is-a-directory"
    latin = tmp_path / "latin.json"
    latin.write_bytes(b"\xff\xfe{")
    with pytest.raises(ProfileError) as wrong:
        CorpusProfile.read(latin)
    assert wrong.value.code == "profile-json"


def test_a_profile_that_cannot_be_written_is_an_output_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outlet_corpus(tmp_path, 10)
    assert main(["learn", str(tmp_path), "-o", str(tmp_path / "none" / "p.json"), "-q"]) == 74
    assert "cannot write the profile" in capsys.readouterr().err


def test_every_entry_point_applies_a_profile(tmp_path: Path) -> None:
    text = article_dump(PARAGRAPH, CHROME, PARAGRAPH_2, tail=(f"المصدر: {OUTLET}",))
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    profile = _profile(lines=(CHROME,))
    expected = [PARAGRAPH, PARAGRAPH_2]
    found = [
        newsparse.parse_bytes(text.encode(), profile=profile),
        next(newsparse.iter_articles(path, profile=profile)),
        *(r.articles[0] for r in newsparse.iter_results([path, path], jobs=2, profile=profile)),
    ]
    assert [[block.text for block in a.body] for a in found] == [expected] * 4  # type: ignore[union-attr]


def test_a_saudinewsnet_file_gets_the_profile_of_its_outlet() -> None:
    content = f"{PARAGRAPH}\n{CHROME}\n{PARAGRAPH_2}"
    text = saudi(saudi_object(source=OUTLET, content=content))
    plain = newsparse.parse_text(text, format="saudinewsnet")
    assert CHROME in [block.text for block in plain.body]  # type: ignore[union-attr]
    learned = newsparse.parse_text(text, format="saudinewsnet", profile=_profile(lines=(CHROME,)))
    assert [block.text for block in learned.body] == [PARAGRAPH, PARAGRAPH_2]  # type: ignore[union-attr]
    assert any("learned" in d.message for d in learned.diagnostics)
