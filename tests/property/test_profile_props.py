"""Learning is deterministic, mergeable and bounded: properties of the learner and its profile.

Small caps (a few files an outlet, a few keyword lines, three outlets) make the samples
raise their levels and drop outlets within a few dozen observations, so the examples
exercise the bounded state, not only the exact counts below the caps.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsparse import CorpusProfile, LearnSettings, merge_profiles
from newsparse._learn.learner import Learner
from newsparse._learn.observe import Observation
from newsparse._learn.samples import LevelSample

SMALL = LearnSettings(
    sample_files=4, sample_lines=6, max_outlets=3, min_files=2, min_share=0.5, specificity=2.0
)
_OUTLETS = ["صحيفة الوادي", "بوابة الشمال", "وكالة النهر", "موقع الساحل", None]
_LINES = ["تابعونا على منصة إكس", "حمل التطبيق", "خلفية", "ردود الفعل", "أهم الأخبار"]
_TAGS = ["إيران", "باكستان", "نادي الوحدة", "مجلس محافظة تعز", "ارتفاع الأسعار"]
# Levels as hashes give them: about half at 0, a quarter at 1...
_LEVELS = (
    st.integers(min_value=0, max_value=63)
    .map(lambda n: (n * 7919) % 64)
    .map(lambda n: min(5, (n & -n).bit_length() - 1) if n else 5)
)

observations = st.builds(
    Observation,
    outlet=st.sampled_from(_OUTLETS),
    level=_LEVELS,
    lines=st.lists(st.sampled_from(_LINES), unique=True).map(lambda keys: tuple(sorted(keys))),
    starts=st.lists(st.sampled_from(["الرئيسية", "أخبار"]), unique=True).map(
        lambda keys: tuple(sorted(keys))
    ),
    ends=st.lists(st.sampled_from(["شارك الخبر"]), unique=True).map(tuple),
    tags=st.one_of(st.none(), st.lists(st.sampled_from(_TAGS), min_size=1, max_size=5).map(tuple)),
    tags_level=_LEVELS,
)
files = st.lists(st.lists(observations, min_size=1, max_size=2), max_size=40)


def _learned(corpus: list[list[Observation]], settings: LearnSettings = SMALL) -> CorpusProfile:
    learner = Learner(settings)
    for found in corpus:
        learner.add_file(found)
    return learner.profile()


@given(files, st.randoms(use_true_random=False))
def test_the_order_of_the_files_changes_nothing(
    corpus: list[list[Observation]], shuffle: object
) -> None:
    shuffled = list(corpus)
    shuffle.shuffle(shuffled)  # type: ignore[attr-defined]
    assert _learned(shuffled).to_json() == _learned(corpus).to_json()


@given(files, st.lists(st.integers(min_value=0, max_value=3), min_size=40, max_size=40))
def test_profiles_of_shards_merge_into_the_profile_of_the_whole(
    corpus: list[list[Observation]], shard_of: list[int]
) -> None:
    shards: list[list[list[Observation]]] = [[], [], [], []]
    for index, found in enumerate(corpus):
        shards[shard_of[index]].append(found)
    merged = merge_profiles(*(_learned(shard) for shard in shards))
    assert merged.to_json() == _learned(corpus).to_json()
    assert merged == _learned(corpus)


@given(files)
def test_a_profile_reads_back_as_it_was_written(corpus: list[list[Observation]]) -> None:
    profile = _learned(corpus)
    text = profile.to_json()
    assert CorpusProfile.from_json(text) == profile
    assert CorpusProfile.from_json(text).to_json() == text
    assert Learner.from_profile(profile).profile() == profile


@given(files)
def test_the_state_stays_within_its_caps(corpus: list[list[Observation]]) -> None:
    learner = Learner(SMALL)
    for found in corpus:
        learner.add_file(found)
        assert len(learner._outlets) <= SMALL.max_outlets
        assert all(o.sample.texts <= SMALL.sample_files for o in learner._outlets.values())
        assert learner._tags.texts <= SMALL.sample_lines
    profile = learner.profile()
    named = sum(1 for found in corpus for seen in found if seen.outlet is not None)
    assert sum(o.files for o in profile.outlets) + profile.outlets_not_learned == named
    assert profile.files == len(corpus)


@given(
    st.lists(st.tuples(_LEVELS, st.sets(st.sampled_from("abcd"))), max_size=60),
    st.integers(min_value=1, max_value=8),
)
def test_a_sample_is_the_texts_at_its_level_and_above(
    texts: list[tuple[int, set[str]]], cap: int
) -> None:
    sample: LevelSample[str] = LevelSample(cap)
    for level, items in texts:
        sample.add(level, items)
    kept = [items for level, items in texts if level >= sample.level]
    assert sample.texts == len(kept) <= cap
    # The least level that keeps the cap: one lower would hold too many.
    if sample.level > 0:
        assert sum(1 for level, _ in texts if level >= sample.level - 1) > cap
    assert dict(sample.counts()) == {
        item: sum(1 for found in kept if item in found) for found in kept for item in found
    }
