"""The word lists of the keyword segmenter: the built-in data files, and a user's own.

Each list is a UTF-8 text file in ``newsparse/_text/lexicons/`` whose first line
names it (``# newsparse lexicon: persons``), then one entry a line; blank lines
and ``#`` comments are ignored, and each file's header says how the segmenter
uses the list.  Every entry is written the way a newspaper would spell it; the
segmenter folds them (``newsparse._text.arabic.fold`` plus ة/ه and ى/ي
leniency) before comparing, so hamza and Persian-letter variants need not be
listed twice.  The built-in lists are deliberately small and general: they name
the places, bodies and stock phrases of Arab news, not the words of any one
article.  A :class:`Lexicon` is the built-in lists plus a user's files in the
same format (docs/keywords.md, "Your own lexicon").
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from importlib.resources import files
from typing import Any, Final

import attrs
import regex
from attrs import field, frozen

from newsparse._errors import LexiconError
from newsparse._storage.options import StorageOptions
from newsparse._text.files import read_named_file

__all__ = [
    "ADJECTIVE_STEMS",
    "CONSTRUCT_HEADS",
    "GIVEN_NAMES",
    "GROUPS",
    "JOIN_NEXT",
    "KINDS",
    "LABELS",
    "LINKERS",
    "MONTHS",
    "MULTIWORD_NAMES",
    "MULTIWORD_PHRASES",
    "NOT_ADJECTIVE_STEMS",
    "PERSONS",
    "PLACES",
    "PREPOSITIONS",
    "TITLES",
    "Lexicon",
]

# Each list's name in a file's header, and the Lexicon field that holds it.
KINDS: Final = {
    "names": "names",
    "phrases": "phrases",
    "places": "places",
    "groups": "groups",
    "persons": "persons",
    "given-names": "given_names",
    "titles": "titles",
    "construct-heads": "construct_heads",
    "prepositions": "prepositions",
    "join-next": "join_next",
    "linkers": "linkers",
    "months": "months",
    "labels": "labels",
    "adjectives": "adjectives",
    "not-adjectives": "not_adjectives",
    "chrome": "chrome",
}
_MULTIWORD_KINDS: Final = frozenset({"names", "phrases"})
_ANY_LENGTH_KINDS: Final = frozenset({"chrome"})
_HEADER: Final = regex.compile(
    r"""
    \#\s*newsparse\s+lexicon\s*:\s*   # the words that make a line a header
    (?P<kind>\S+)                     # the list the file adds to: persons, places, ...
    \s*
    """,
    regex.VERBOSE,
)
_KIND: Final = _HEADER.groupindex["kind"]
_EXAMPLE_HEADER: Final = "# newsparse lexicon: persons"


def _strings(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


def _set(values: Iterable[str]) -> frozenset[str]:
    return frozenset(values)


@frozen(kw_only=True, cache_hash=True)
class Lexicon:
    """The word lists the keyword segmenter reads (docs/keywords.md).

    :meth:`builtin` is the lists newsparse ships; :meth:`read` adds a user's
    files to them, :meth:`extended_with` adds files to any lexicon.  A file is
    UTF-8 text whose first line names the list it adds to
    (``# newsparse lexicon: persons``; the lists are the fields below, with
    hyphens: ``given-names``), then one entry a line, blank lines and ``#``
    comments allowed; the built-in files are in the same format.  Give one to
    :func:`~newsparse.parse_file` and the other entry points as ``lexicon=``,
    to :class:`~newsparse.AggregatorText` as a constructor argument, or to
    ``newsparse parse --lexicon FILE``.  Frozen, hashable and picklable.

    ``Lexicon()`` is an empty lexicon (no built-in entries): give the fields
    to build one from lists of your own.

    >>> Lexicon.builtin().persons >= {"ترامب", "بايدن"}
    True

    .. versionadded:: 0.2.0
    """

    names: tuple[str, ...] = field(default=(), converter=_strings)
    """Multiword proper names, kept whole as one tag (``الولايات المتحدة``)."""
    phrases: tuple[str, ...] = field(default=(), converter=_strings)
    """Multiword stock phrases, kept whole (``وقف إطلاق النار``); common nouns, not names."""
    places: frozenset[str] = field(default=frozenset(), converter=_set)
    """One-word place names: a name never joins an adjacent name."""
    groups: frozenset[str] = field(default=frozenset(), converter=_set)
    """One-word movements, organisations, agencies, clubs and companies (names too)."""
    persons: frozenset[str] = field(default=frozenset(), converter=_set)
    """One-word surnames of people in the news (names too; they complete a name)."""
    given_names: frozenset[str] = field(default=frozenset(), converter=_set)
    """Given names: at the start of a tag, they take the next word as a surname."""
    titles: frozenset[str] = field(default=frozenset(), converter=_set)
    """Honorifics and job titles written before a name (``الرئيس``)."""
    construct_heads: frozenset[str] = field(default=frozenset(), converter=_set)
    """Indefinite nouns that take a proper-noun complement (``منتخب``)."""
    prepositions: frozenset[str] = field(default=frozenset(), converter=_set)
    """Prepositions and particles written apart: they join both neighbours."""
    join_next: frozenset[str] = field(default=frozenset(), converter=_set)
    """Name particles that join the word after them (``عبد``, ``أبو``)."""
    linkers: frozenset[str] = field(default=frozenset(), converter=_set)
    """Kinship links that join both neighbours (``بن``)."""
    months: frozenset[str] = field(default=frozenset(), converter=_set)
    """Month names: a number before one is a date."""
    labels: frozenset[str] = field(default=frozenset(), converter=_set)
    """Site labels that stand alone and never join a neighbour (``فيديو``)."""
    adjectives: frozenset[str] = field(default=frozenset(), converter=_set)
    """Adjective stems (without ``ال``) that no ending shows (``كبير``)."""
    not_adjectives: frozenset[str] = field(default=frozenset(), converter=_set)
    """Adjective-shaped stems that are nouns (``نادي``, ``دوري``)."""
    chrome: tuple[str, ...] = field(default=(), converter=_strings)
    """Site chrome, dropped as lines and cut from text and bylines (``اقرأ المزيد``)."""

    @classmethod
    def builtin(cls) -> Lexicon:
        """The lists newsparse ships (the same object every time): the default."""
        return _builtin()

    @classmethod
    def read(
        cls, *paths: str | os.PathLike[str], storage_options: StorageOptions | None = None
    ) -> Lexicon:
        """The built-in lists plus the entries of the lexicon files at *paths* (local paths
        or URLs, read with *storage_options*).

        Raises :class:`~newsparse.InputError` for a file that cannot be read
        and :class:`~newsparse.LexiconError` for one that is not a lexicon file.
        """
        return cls.builtin().extended_with(*paths, storage_options=storage_options)

    def extended_with(
        self, *paths: str | os.PathLike[str], storage_options: StorageOptions | None = None
    ) -> Lexicon:
        """This lexicon plus the entries of the lexicon files at *paths*, read in order.

        Raises as :meth:`read` does.
        """
        added: dict[str, list[str]] = {}
        for path in paths:
            name = os.fspath(path)
            kind, entries = parse_lexicon(_read_text(name, storage_options), name)
            added.setdefault(KINDS[kind], []).extend(entries)
        return self._with(added)

    def _with(self, added: dict[str, list[str]]) -> Lexicon:
        changes: dict[str, Any] = {}
        for name, entries in added.items():
            old = getattr(self, name)
            if isinstance(old, tuple):
                changes[name] = (*old, *(e for e in dict.fromkeys(entries) if e not in old))
            else:
                changes[name] = old.union(entries)
        return attrs.evolve(self, **changes) if changes else self


def _read_text(path: str, storage_options: StorageOptions | None) -> str:
    """The text of the lexicon file at *path* (UTF-8, with or without a byte-order mark)."""
    data = read_named_file(path, "lexicon file", storage_options)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise LexiconError(
            f"a lexicon file is UTF-8 text, and byte {error.start} is not UTF-8; "
            "save the file as UTF-8",
            code="lexicon-encoding",
            path=path,
            line=line,
        ) from None


def parse_lexicon(text: str, path: str) -> tuple[str, list[str]]:
    """The list a lexicon file's *text* adds to (``persons``) and its entries, in order.

    Raises :class:`~newsparse.LexiconError` naming *path* and the line: ``lexicon-header``
    when the first line names no known list, ``lexicon-entry`` for an entry of the wrong
    number of words.
    """
    lines = text.removeprefix("\ufeff").splitlines()
    first = lines[0] if lines else ""
    header = _HEADER.fullmatch(first.strip())
    known = ", ".join(KINDS)
    if header is None:
        raise LexiconError(
            f"the first line of a lexicon file names its list, as {_EXAMPLE_HEADER!r} does; "
            f"the lists are {known}",
            code="lexicon-header",
            path=path,
            source_line=first,
        )
    kind = header[_KIND]
    if kind not in KINDS:
        raise LexiconError(
            f"no lexicon list is called {kind!r}; the lists are {known}",
            code="lexicon-header",
            path=path,
            column=header.start(_KIND) + 1 + (len(first) - len(first.lstrip())),
            source_line=first,
        )
    multiword = kind in _MULTIWORD_KINDS
    entries: list[str] = []
    for number, line in enumerate(lines[1:], start=2):
        words = line.split()
        if not words or words[0].startswith("#"):
            continue
        if kind in _ANY_LENGTH_KINDS:
            entries.append(" ".join(words))
            continue
        if multiword and len(words) == 1:
            problem = (
                f"a {kind} entry has two words or more (one tag kept whole); "
                "put a one-word name in a places, groups or persons file"
            )
        elif not multiword and len(words) > 1:
            problem = (
                f"a {kind} entry is one word; put a multiword name in a names file "
                "and a multiword phrase in a phrases file"
            )
        else:
            entries.append(" ".join(words))
            continue
        raise LexiconError(
            problem,
            code="lexicon-entry",
            path=path,
            line=number,
            column=len(line) - len(line.lstrip()) + 1,
            source_line=line,
        )
    return kind, entries


@functools.cache
def _builtin() -> Lexicon:
    folder = files("newsparse._text").joinpath("lexicons")
    lists: dict[str, list[str]] = {}
    for kind, name in KINDS.items():
        where = f"newsparse/_text/lexicons/{kind}.txt"
        found, entries = parse_lexicon(folder.joinpath(f"{kind}.txt").read_text("utf-8"), where)
        if found != kind:  # pragma: no cover -- the shipped files are checked by the tests
            raise LexiconError(f"holds the {found} list", code="lexicon-header", path=where)
        lists[name] = entries
    return Lexicon(**lists)


_BUILTIN: Final = _builtin()

#: Multiword proper names (places, states, bodies, movements, clubs, people).
MULTIWORD_NAMES: Final = _BUILTIN.names
#: Multiword stock phrases of news tagging (common nouns, not names).
MULTIWORD_PHRASES: Final = _BUILTIN.phrases
#: Single-token place names: countries, capitals, major cities, regions.
PLACES: Final = _BUILTIN.places
#: Single-token movements, organisations, agencies, clubs and major companies.
GROUPS: Final = _BUILTIN.groups
#: Single-token surnames of people who dominate the news.
PERSONS: Final = _BUILTIN.persons
#: Common given names; at the start of a tag they take the next word as a surname.
GIVEN_NAMES: Final = _BUILTIN.given_names
#: Honorifics and job titles written before a name (``الرئيس السيسي``).
TITLES: Final = _BUILTIN.titles
#: Indefinite nouns that take a proper-noun complement (``منتخب مصر``).
CONSTRUCT_HEADS: Final = _BUILTIN.construct_heads
#: Separate-token prepositions and particles that join both neighbours.
PREPOSITIONS: Final = _BUILTIN.prepositions
#: Name particles that join the word after them (``عبد الله``, ``أبو مازن``).
JOIN_NEXT: Final = _BUILTIN.join_next
#: Kinship links that join both neighbours (``محمد بن سلمان``).
LINKERS: Final = _BUILTIN.linkers
#: Month names (Egyptian/Gulf, Levantine and Maghrebi); a number before one is a date.
MONTHS: Final = _BUILTIN.months
#: Site labels and navigation that stand alone and never join a neighbour.
LABELS: Final = _BUILTIN.labels
#: Adjective stems (without ``ال``) that are not nisba-shaped.
ADJECTIVE_STEMS: Final = _BUILTIN.adjectives
#: Nisba-shaped or elative-shaped stems that are nouns, not adjectives.
NOT_ADJECTIVE_STEMS: Final = _BUILTIN.not_adjectives
