"""The corpus profile: what a corpus taught about its outlets' chrome and its tags.

A :class:`CorpusProfile` holds two things for each part:

* what the parser uses (the *decisions*): each outlet's chrome lines and
  start and end runs, and the tag vocabulary with its counts; a person can
  read and edit these in the JSON file;
* the *evidence* they were decided from: counts over a sample of each
  outlet's files and of the keyword lines, chosen by a hash of their text
  (docs/corpus.md, "Deterministic, mergeable, bounded"), so that profiles
  learned on shards merge into the profile of the whole.

The JSON form (:meth:`CorpusProfile.to_json`) is the same bytes for the same
profile: its keys in a fixed order (what is decided before the evidence),
items sorted, no floats but the tag counts, which are rounded.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from typing import Any, Final, TypeVar

from attrs import field, frozen

from newsparse._errors import ProfileError
from newsparse._storage.options import StorageOptions
from newsparse._storage.reading import is_remote
from newsparse._storage.writing import write_remote
from newsparse._text.files import read_named_file

__all__ = [
    "FORMAT_VERSION",
    "ChromeCounts",
    "CorpusProfile",
    "LearnSettings",
    "OutletChrome",
    "TagCounts",
    "TagVocabulary",
]

FORMAT_VERSION: Final = 1
"""The version of the profile's JSON form; a file of another version is refused."""
_KIND: Final = "newsparse corpus profile"

Counted = tuple[tuple[str, int], ...]
"""Items and their counts, sorted by item."""


def _counted(values: Any) -> Counted:
    return tuple(sorted((str(item), int(count)) for item, count in values))


def _strings(values: Any) -> tuple[str, ...]:
    return tuple(sorted(map(str, values)))


def _tag_lines(values: Any) -> tuple[tuple[tuple[str, ...], int], ...]:
    return tuple(sorted((tuple(map(str, tags)), int(count)) for tags, count in values))


def _tag_counts(values: Any) -> tuple[tuple[str, float], ...]:
    return tuple(sorted((str(tag), float(count)) for tag, count in values))


def _by_outlet(values: Any) -> tuple[OutletChrome, ...]:
    return tuple(sorted(values, key=lambda chrome: chrome.outlet))


@frozen(kw_only=True)
class LearnSettings:
    """How a profile was learned; profiles merge only when these are the same.

    .. versionadded:: 0.2.0
    """

    sample_files: int = 64
    """The files of one outlet a sample holds at most (docs/corpus.md measures it)."""
    sample_lines: int = 8192
    """The keyword lines the tag sample holds at most."""
    max_outlets: int = 4096
    """The outlets learned at most (by a hash of their names, when a corpus has more)."""
    min_files: int = 8
    """The fewest sampled files of an outlet its chrome is learned from."""
    min_count: int = 4
    """The fewest sampled files a line or run must recur in to be chrome."""
    min_share: float = 0.25
    """The share of an outlet's sampled files a line or run must recur in to be chrome."""
    specificity: float = 4.0
    """How many times more often than in other outlets' files chrome must recur."""
    min_tag_count: int = 2
    """The fewest keyword lines a multiword tag must be read in to join the vocabulary."""


@frozen(kw_only=True)
class ChromeCounts:
    """The chrome candidates of one level of an outlet's sample: each counted once a file.

    .. versionadded:: 0.2.0
    """

    level: int
    """The files at this level of the sample (a share ``2 ** (-level / 4)`` of all files
    is at a level or above)."""
    files: int
    """How many files of the outlet are at this level."""
    lines: Counted = field(converter=_counted, default=())
    """Each candidate line, and how many of these files hold it."""
    starts: Counted = field(converter=_counted, default=())
    """Each candidate start run, and how many of these files hold it."""
    ends: Counted = field(converter=_counted, default=())
    """Each candidate end run, and how many of these files hold it."""
    bylines: Counted = field(converter=_counted, default=())
    """Each line that stood where a byline stands, with no byline label and not naming
    the outlet, and how many of these files have it (chrome at the top of a page is
    taken for the byline when the page has none)."""


@frozen(kw_only=True)
class OutletChrome:
    """One outlet's learned chrome, and the sample it was decided from.

    .. versionadded:: 0.2.0
    """

    outlet: str
    """The source name (else the byline's outlet) its files give."""
    files: int
    """How many of its files were read."""
    lines: tuple[str, ...] = field(converter=_strings, default=())
    """Whole lines of chrome, their spaces collapsed."""
    starts: tuple[str, ...] = field(converter=_strings, default=())
    """Runs of words before a seam at the start of a line (breadcrumbs, labels)."""
    ends: tuple[str, ...] = field(converter=_strings, default=())
    """Runs of words after the last sentence of a line (prompts glued to a paragraph)."""
    level: int = 0
    """The sample holds the files at this level or above."""
    sample: tuple[ChromeCounts, ...] = ()
    """The sample's counts, one entry a level, from ``level`` up."""


@frozen(kw_only=True)
class TagCounts:
    """The keyword lines of one level of the tag sample.

    .. versionadded:: 0.2.0
    """

    level: int
    """The keyword lines at this level of the sample."""
    lines: tuple[tuple[tuple[str, ...], int], ...] = field(converter=_tag_lines, default=())
    """Each line as the rules split it into tags, and how many files have it."""


@frozen(kw_only=True)
class TagVocabulary:
    """The corpus's tags, learned from its keyword lines.

    .. versionadded:: 0.2.0
    """

    lines: int = 0
    """How many keyword lines were read."""
    tags: tuple[tuple[str, float], ...] = field(converter=_tag_counts, default=())
    """Each tag (its words compared folded, as the segmenter compares them) and its
    expected count in the sample."""
    heads: tuple[str, ...] = field(converter=_strings, default=())
    """Words that never end a tag: no line ends with them, though many hold them."""
    tails: tuple[str, ...] = field(converter=_strings, default=())
    """Words that never start a tag: no line starts with them, though many hold them."""
    level: int = 0
    """The sample holds the keyword lines at this level or above."""
    sample: tuple[TagCounts, ...] = ()
    """The sample's lines, one entry a level, from ``level`` up."""


@frozen(kw_only=True, cache_hash=True)
class CorpusProfile:
    """What :func:`newsparse.learn` learned from a corpus; give it to ``parse_*(profile=)``.

    An empty profile (``CorpusProfile()``) changes nothing.  Read and write it
    with :meth:`read`, :meth:`write`, :meth:`from_json` and :meth:`to_json`;
    merge profiles of shards with :func:`newsparse.merge_profiles`.

    .. versionadded:: 0.2.0
    """

    files: int = 0
    """How many files it was learned from."""
    settings: LearnSettings = LearnSettings()
    """How it was learned: the caps of the samples and the thresholds of the decisions."""
    outlets: tuple[OutletChrome, ...] = field(converter=_by_outlet, default=())
    """Per outlet, sorted by name."""
    vocabulary: TagVocabulary = TagVocabulary()
    """The tags learned from the keyword lines, and their sample."""
    outlets_not_learned: int = 0
    """Outlets past ``settings.max_outlets`` (their chrome is not learned)."""

    # ------------------------------------------------------------------ JSON
    def to_json(self) -> str:
        """The profile as JSON text, the same bytes for the same profile."""
        return json.dumps(_encode(self), ensure_ascii=False, indent=1) + "\n"

    @classmethod
    def from_json(cls, text: str, *, path: str | None = None) -> CorpusProfile:
        """The profile in *text*; raises :class:`~newsparse.ProfileError` naming *path*."""
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise ProfileError(
                f"not a corpus profile: {error.msg}; learn one with `newsparse learn`",
                code="profile-json",
                path=path,
                line=error.lineno,
                column=error.colno,
            ) from None
        return _decode(data, path)

    @classmethod
    def read(
        cls, path: str | os.PathLike[str], *, storage_options: StorageOptions | None = None
    ) -> CorpusProfile:
        """The profile in the file at *path* (a local path, or a URL read with
        *storage_options*)."""
        name = os.fspath(path)
        data = read_named_file(name, "profile file", storage_options)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ProfileError(
                "a profile file is UTF-8 JSON; learn it again with `newsparse learn`",
                code="profile-json",
                path=name,
                line=data.count(b"\n", 0, error.start) + 1,
            ) from None
        return cls.from_json(text, path=name)

    def write(
        self, path: str | os.PathLike[str], *, storage_options: StorageOptions | None = None
    ) -> None:
        """Write the profile to *path*, atomically: a reader never sees half a file.

        A URL is written with *storage_options* in one request (an object store
        shows the whole object or the one before it); OSError when it cannot be.
        """
        name = os.fspath(path)
        if is_remote(name):
            write_remote(name, self.to_json().encode(), storage_options or {})
            return
        temporary = f"{name}.{os.getpid()}.tmp"
        try:
            with open(temporary, "w", encoding="utf-8") as handle:
                handle.write(self.to_json())
            os.replace(temporary, name)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)


def _encode(profile: CorpusProfile) -> dict[str, Any]:
    vocabulary = profile.vocabulary
    return {
        "kind": _KIND,
        "version": FORMAT_VERSION,
        "files": profile.files,
        "settings": {name: getattr(profile.settings, name) for name in _SETTINGS},
        "outlets_not_learned": profile.outlets_not_learned,
        "outlets": {
            chrome.outlet: {
                "files": chrome.files,
                "chrome": {
                    "lines": list(chrome.lines),
                    "starts": list(chrome.starts),
                    "ends": list(chrome.ends),
                },
                "sample": {
                    "level": chrome.level,
                    "levels": {
                        str(counts.level): {
                            "files": counts.files,
                            "lines": dict(counts.lines),
                            "starts": dict(counts.starts),
                            "ends": dict(counts.ends),
                            "bylines": dict(counts.bylines),
                        }
                        for counts in chrome.sample
                    },
                },
            }
            for chrome in profile.outlets
        },
        "tags": {
            "lines": vocabulary.lines,
            "vocabulary": dict(vocabulary.tags),
            "heads": list(vocabulary.heads),
            "tails": list(vocabulary.tails),
            "sample": {
                "level": vocabulary.level,
                "levels": {
                    str(counts.level): [[list(tags), count] for tags, count in counts.lines]
                    for counts in vocabulary.sample
                },
            },
        },
    }


_SETTINGS: Final = tuple(field.name for field in LearnSettings.__attrs_attrs__)
T = TypeVar("T")


class _Reader:
    """Takes the fields out of decoded JSON, naming the one that is wrong."""

    def __init__(self, path: str | None) -> None:
        self.path = path

    def wrong(self, where: str, expected: str) -> ProfileError:
        return ProfileError(
            f"{where} should be {expected}; fix it, or learn the profile again",
            code="profile-field",
            path=self.path,
        )

    def get(
        self, data: Any, key: str, kind: Callable[[Any], bool], expected: str, where: str
    ) -> Any:
        if not isinstance(data, dict) or key not in data or not kind(data[key]):
            raise self.wrong(f"{where}.{key}" if where else key, expected)
        return data[key]

    def obj(self, data: Any, key: str, where: str) -> dict[str, Any]:
        found: dict[str, Any] = self.get(data, key, _is_dict, "an object", where)
        return found

    def count(self, data: Any, key: str, where: str) -> int:
        found: int = self.get(data, key, _is_count, "a whole number of 0 or more", where)
        return found

    def strings(self, data: Any, key: str, where: str) -> list[str]:
        found: list[str] = self.get(data, key, _is_strings, "a list of strings", where)
        return found

    def counts(self, data: Any, key: str, where: str) -> Mapping[str, int]:
        found: dict[str, int] = self.get(data, key, _is_counts, "an object of counts", where)
        return found


def _is_dict(value: Any) -> bool:
    return isinstance(value, dict)


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _is_strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _is_counts(value: Any) -> bool:
    return isinstance(value, dict) and all(map(_is_count, value.values()))


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value >= 0


def _is_tag_lines(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(item, list) and len(item) == 2 and _is_strings(item[0]) and _is_count(item[1])
        for item in value
    )


def _decode(data: Any, path: str | None) -> CorpusProfile:
    read = _Reader(path)
    if not isinstance(data, dict) or data.get("kind") != _KIND:
        raise ProfileError(
            f"not a corpus profile (its 'kind' is not {_KIND!r}); learn one with `newsparse learn`",
            code="profile-field",
            path=path,
        )
    if data.get("version") != FORMAT_VERSION:
        raise ProfileError(
            f"a profile of version {data.get('version')!r}; this newsparse reads version "
            f"{FORMAT_VERSION}: learn the profile again",
            code="profile-version",
            path=path,
        )
    settings_data = read.obj(data, "settings", "")
    settings = LearnSettings(
        **{
            name: read.get(settings_data, name, _is_number, "a number", "settings")
            for name in _SETTINGS
        }
    )
    outlets = []
    for outlet, entry in read.obj(data, "outlets", "").items():
        where = f"outlets[{outlet!r}]"
        chrome = read.obj(entry, "chrome", where)
        sample = read.obj(entry, "sample", where)
        levels = []
        for level, counts in read.obj(sample, "levels", f"{where}.sample").items():
            at = f"{where}.sample.levels[{level!r}]"
            if not level.isdigit():
                raise read.wrong(at, "keyed by a level number")
            levels.append(
                ChromeCounts(
                    level=int(level),
                    files=read.count(counts, "files", at),
                    lines=read.counts(counts, "lines", at).items(),
                    starts=read.counts(counts, "starts", at).items(),
                    ends=read.counts(counts, "ends", at).items(),
                    bylines=read.counts(counts, "bylines", at).items(),
                )
            )
        outlets.append(
            OutletChrome(
                outlet=outlet,
                files=read.count(entry, "files", where),
                lines=read.strings(chrome, "lines", f"{where}.chrome"),
                starts=read.strings(chrome, "starts", f"{where}.chrome"),
                ends=read.strings(chrome, "ends", f"{where}.chrome"),
                level=read.count(sample, "level", f"{where}.sample"),
                sample=tuple(sorted(levels, key=lambda counts: counts.level)),
            )
        )
    tags = read.obj(data, "tags", "")
    tag_sample = read.obj(tags, "sample", "tags")
    tag_levels = []
    for level, lines in read.obj(tag_sample, "levels", "tags.sample").items():
        at = f"tags.sample.levels[{level!r}]"
        if not level.isdigit() or not _is_tag_lines(lines):
            raise read.wrong(at, "a list of [tags, count] under a level number")
        tag_levels.append(TagCounts(level=int(level), lines=[(t, c) for t, c in lines]))
    vocabulary = read.get(tags, "vocabulary", _is_numbers, "an object of counts", "tags")
    return CorpusProfile(
        files=read.count(data, "files", ""),
        settings=settings,
        outlets=outlets,
        vocabulary=TagVocabulary(
            lines=read.count(tags, "lines", "tags"),
            tags=vocabulary.items(),
            heads=read.strings(tags, "heads", "tags"),
            tails=read.strings(tags, "tails", "tags"),
            level=read.count(tag_sample, "level", "tags.sample"),
            sample=tuple(sorted(tag_levels, key=lambda counts: counts.level)),
        ),
        outlets_not_learned=read.count(data, "outlets_not_learned", ""),
    )


def _is_numbers(value: Any) -> bool:
    return isinstance(value, dict) and all(map(_is_number, value.values()))
