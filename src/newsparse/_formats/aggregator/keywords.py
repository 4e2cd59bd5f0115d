"""Split a keywords line into tags (docs/format.md, Tail: the keywords line; docs/keywords.md).

The aggregator joins an article's tags with single spaces, so a multiword tag
(``مكافحة الإرهاب``) and two one-word tags (``إيران باكستان``) look alike.
:func:`segment_keywords` decides, for every gap between two adjacent tokens,
whether it is inside a tag (join) or between tags (break).  In priority order:

1. the lexicon (:mod:`newsparse._text.lexicon`: the built-in lists, or a user's
   :class:`~newsparse.Lexicon`, each with its own tables and memo): multiword names and stock
   phrases are matched greedily, longest first, and become single units; a
   gazetteer of single-token names says which tokens are proper nouns, and two
   adjacent names never join (except through a conjunction ``و``);
2. grammar cues: separate prepositions and particles join both sides, a glued
   conjunction (``وإسرائيل``) joins the word before, name particles
   (``عبد``/``أبو``/``بن``), titles and given names take the next word, a number
   joins the word before, a construct head takes a proper-noun complement;
3. the article's own text: adjacent tokens that stand side by side in
   ``context`` join (never two names, never a definite word to an indefinite
   one, never into a title);
4. morphology: a noun takes agreeing adjectives (nisba ``-ي``/``-ية``, elatives,
   listed adjectives) and an indefinite noun takes a definite complement
   (idafa: ``كرة القدم``).

Everything is compared on folded keys; the output keeps the tokens exactly as
written.  The work is linear in the length of ``raw`` plus ``context``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from itertools import pairwise
from types import MappingProxyType
from typing import NamedTuple

import regex

from newsparse._formats.aggregator.vocabulary import Span, Vocabulary
from newsparse._text.arabic import (
    ARABIC_LETTER,
    ARABIC_LETTERS,
    ARABIC_SCRIPT,
    FOLD_TABLE,
    fold,
    translator,
)
from newsparse._text.lexicon import Lexicon

__all__ = ["segment_keywords", "token_key"]

# ة/ه and ى/ي are spelt interchangeably (Egyptian usage); zero-width and bidi
# controls carry no letters.
_LENIENT_TABLE: dict[int, int | None] = {
    ord("ى"): ord("ي"),
    ord("ة"): ord("ه"),
    0x200C: None,
    0x200D: None,
    0x200E: None,
    0x200F: None,
    0xFEFF: None,
}
_lenient = translator(_LENIENT_TABLE)
_fold_lenient = translator({**FOLD_TABLE, **_LENIENT_TABLE})
# The context is folded with its whitespace made plain in the same pass: line
# breaks (str.splitlines) become \n, other whitespace (str.isspace; none is
# above U+3000) a space.
_LINE_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_PLAIN_SPACES: dict[int, int | None] = {
    **{ord(c): ord(" ") for c in map(chr, range(0x3001)) if c.isspace() and c not in " \n"},
    **{ord(c): ord("\n") for c in _LINE_BREAKS},
}
_fold_context = translator({**FOLD_TABLE, **_LENIENT_TABLE, **_PLAIN_SPACES})


def token_key(word: str) -> str:
    """Return the comparison key of *word* (folded, lenient, case-folded)."""
    return _fold_lenient(word).casefold()


_key = token_key


def _keys(words: Iterable[str]) -> frozenset[str]:
    """Return the set of comparison keys of *words*."""
    return frozenset(_key(word) for word in words)


_PLACE, _GROUP, _PERSON = 1, 2, 3
_NO_WORD, _UNCASED, _CASED = 0, 1, 2


_Entries = tuple[tuple[tuple[str, ...], bool], ...]


def _gazetteer(lexicon: Lexicon) -> Mapping[str, int]:
    """Return a read-only map from name key to its kind (place, group or person)."""
    kinds: dict[str, int] = {}
    for kind, names in (
        (_PERSON, lexicon.persons),
        (_GROUP, lexicon.groups),
        (_PLACE, lexicon.places),
    ):
        for name in names:
            kinds[_key(name)] = kind
    return MappingProxyType(kinds)


def _multiword(lexicon: Lexicon) -> Mapping[str, _Entries]:
    """Return a read-only map: first-word key -> (rest keys, is_name), longest first."""
    table: dict[str, list[tuple[tuple[str, ...], bool]]] = {}
    for entries, is_name in ((lexicon.names, True), (lexicon.phrases, False)):
        for entry in entries:
            words = tuple(_key(word) for word in entry.split())
            table.setdefault(words[0], []).append((words[1:], is_name))
    return MappingProxyType(
        {first: tuple(sorted(rests, key=lambda r: -len(r[0]))) for first, rests in table.items()}
    )


_ALLAH = _key("الله")
_ARTICLE = "ال"
_LIL = "لل"

_NUMBER = regex.compile(
    r"""
    \d+ (?: [.,/:\-] \d+ )*      # digits, in groups joined by . , / : - (1.5, 2023/2024)
    %?                           # a percentage
    """,
    regex.X,
)
_ARABIC_WORD = regex.compile(ARABIC_LETTERS + "+", regex.VERSION1)
_HAS_ARABIC = ARABIC_LETTER
# A glued conjunction before a hamzated word (وإسرائيل).
_CONJ_HAMZA = regex.compile(
    r"""
    و
    [\p{Mn}\u0640]*              # marks or tatweel
    [أإآ]                        # a hamzated or madda alef
    """,
    regex.X,
)
# What a context word is made of; anything else but a space ends a run of words.
_WORD_CHARS = r"[\p{L}\p{M}\p{N}\p{Cf}\-]"
_WORD_CHAR = regex.compile(_WORD_CHARS)
_WORD = regex.compile(_WORD_CHARS + "+")
# A context word that case folding leaves alone: its word characters are all Arabic
# script, digits, format characters or hyphens.  (Spaces inside a set would be matched.)
_UNCASED_WORD = regex.compile(
    rf"""
    [[{ARABIC_SCRIPT}\p{{Nd}}\p{{Cf}}\-]&&{_WORD_CHARS}]+
    """,
    regex.V1 | regex.X,
)
_NOT_WORD = regex.compile(r"[^\p{L}\p{M}\p{N}\p{Cf}\- ]+")
# Past this many gaps x context characters, asking str.find for every gap could
# cost more than one pass over the context: the pairs are gathered up front.
_SEARCH_BUDGET = 4_000_000


class _Tok(NamedTuple):
    """What the segmenter knows about one token of the keywords line."""

    key: str  # comparison key of the whole token
    core: str  # key without a glued conjunction و
    conj: bool  # و glued to a word: joins the word before
    kind: int  # gazetteer kind of the core (0: not a name)
    definite: bool  # starts with ال (or لل)
    arabic: bool  # holds an Arabic letter
    number: bool
    month: bool
    prep: bool  # separate preposition or particle: joins both sides
    join_next: bool  # عبد / أبو / أم ...: joins the next word
    linker: bool  # بن / ابن / بنت: joins both sides
    given: bool  # common given name
    title: bool  # الرئيس, الشيخ ...
    head: bool  # construct head taking a proper-noun complement
    label: bool  # site label: never joins
    allah: bool  # الله: joins the word before (عبد الله, نصر الله)
    lil: bool  # ل + ال prefixed complement: joins the word before
    adjective: bool
    masc_nisba: bool
    feminine: bool
    entries: tuple[tuple[tuple[str, ...], bool], ...]  # lexicon entries it starts, longest first
    word: int  # what the key is as a context word: _NO_WORD, _UNCASED or _CASED


class _Unit(NamedTuple):
    """A run of tokens that is never split: one token or one lexicon entry."""

    start: int
    end: int
    name: bool  # a gazetteer name or a multiword lexicon name


def _adjective_by_shape(stem_folded: str, definite: bool) -> tuple[bool, bool]:
    """Return (is adjective, is masculine nisba) for an Arabic stem that no list names."""
    length = len(stem_folded)
    if stem_folded.endswith(("يين", "يون")):
        return length >= 5, False
    if stem_folded.endswith("ية"):
        return length >= 4, False
    if stem_folded.endswith("يه"):
        return length >= 5, False
    if stem_folded.endswith("ي"):
        return length >= 3, length >= 3
    # elative pattern أفعل (الأوسط, الأقصى); a long vowel in third place is فعيل/فعال/فعول
    # (الأمير, الإمام), a noun; colours and hollow elatives are listed instead
    return definite and length == 4 and stem_folded[0] == "ا" and stem_folded[2] not in "اوي", False


class _Segmenter:
    """The tables one :class:`Lexicon` gives the segmenter, and its memo of analysed tokens."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.gazetteer = _gazetteer(lexicon)
        self.multiword = _multiword(lexicon)
        self.given = _keys(lexicon.given_names)
        self.titles = _keys(lexicon.titles)
        self.heads = _keys(lexicon.construct_heads)
        self.prepositions = _keys(lexicon.prepositions)
        self.join_next = _keys(lexicon.join_next)
        self.linkers = _keys(lexicon.linkers)
        self.months = _keys(lexicon.months)
        self.labels = _keys(lexicon.labels)
        self.adjectives = _keys(lexicon.adjectives)
        self.not_adjectives = _keys(lexicon.not_adjectives)
        # Tags recur from article to article: a bounded memo (docs/performance.md#kept-tricks).
        self.analyse: functools._lru_cache_wrapper[_Tok] = functools.lru_cache(maxsize=8192)(
            self._analyse
        )

    def _is_conjunction(self, token: str, key: str) -> bool:
        """Return whether *token* is the conjunction و glued to a word (``وإسرائيل``)."""
        if (
            len(key) < 3
            or key[0] != "و"
            or key in self.gazetteer
            or key in self.given
            or key in self.heads
        ):
            return False
        rest = key[1:]
        return (
            _CONJ_HAMZA.match(token) is not None
            or (rest.startswith(_ARTICLE) and len(rest) >= 5)
            or rest in self.gazetteer
            or rest in self.multiword
        )

    def _adjective_shape(self, core_folded: str, core: str, definite: bool) -> tuple[bool, bool]:
        """Return (is adjective, is masculine nisba) for a token core that is no name."""
        stem_folded = core_folded[2:] if definite else core_folded
        stem = core[2:] if definite else core
        if stem in self.not_adjectives or not _ARABIC_WORD.fullmatch(stem_folded):
            return False, False
        if stem in self.adjectives:
            return True, stem_folded.endswith("ي")
        return _adjective_by_shape(stem_folded, definite)

    def _analyse(self, token: str) -> _Tok:
        """Return the features of one keywords-line *token*."""
        folded = fold(token)
        key = _lenient(folded).casefold()
        conj = self._is_conjunction(token, key)
        core_folded, core = (folded[1:], key[1:]) if conj else (folded, key)
        kind = self.gazetteer.get(core, 0)
        lil = core.startswith(_LIL) and len(core) >= 4
        definite = (core.startswith(_ARTICLE) and len(core) >= 4) or lil
        number = _NUMBER.fullmatch(core) is not None
        given = key in self.given
        adjective = masc_nisba = False
        if not (kind or given or number or lil):
            adjective, masc_nisba = self._adjective_shape(core_folded, core, definite)
        multiword = self.multiword
        return _Tok(
            key=key,
            core=core,
            conj=conj,
            kind=kind,
            definite=definite,
            arabic=_HAS_ARABIC.search(core_folded) is not None,
            number=number,
            month=core in self.months,
            prep=key in self.prepositions,
            join_next=key in self.join_next,
            linker=key in self.linkers,
            given=given,
            title=core in self.titles,
            head=core in self.heads,
            label=key in self.labels,
            allah=core == _ALLAH,
            lil=lil,
            adjective=adjective,
            masc_nisba=masc_nisba,
            feminine=core_folded.endswith("ة"),
            entries=multiword.get(key) or (multiword.get(core, ()) if conj else ()),
            word=_UNCASED
            if _UNCASED_WORD.fullmatch(key)
            else _CASED
            if _WORD.fullmatch(key)
            else _NO_WORD,
        )


@functools.lru_cache(maxsize=16)  # one entry per lexicon in use
def _segmenter(lexicon: Lexicon) -> _Segmenter:
    return _Segmenter(lexicon)


_DEFAULT = _segmenter(Lexicon.builtin())
_analyse = _DEFAULT.analyse  # the built-in lexicon's memo


def _units(toks: tuple[_Tok, ...]) -> list[_Unit]:
    """Return *toks* grouped into units: lexicon entries (longest first) and single tokens."""
    units: list[_Unit] = []
    keys = tuple(tok.key for tok in toks)
    i, count = 0, len(toks)
    while i < count:
        tok = toks[i]
        end, name = i + 1, tok.kind != 0
        for rest, is_name in tok.entries:
            if keys[i + 1 : i + 1 + len(rest)] == rest:  # a slice past the end is shorter
                end, name = i + 1 + len(rest), is_name
                break
        units.append(_Unit(i, end, name))
        i = end
    return units


class _Context:
    """The article's own text, folded once, asked whether two keys stand side by side in it.

    A context word is a maximal run of letters, marks, digits, format
    characters and hyphens; two words are side by side when only spaces stand
    between them (punctuation and line breaks end a run).  Most gaps never ask
    (earlier rules decide them), so a short context is searched for each
    asked pair with ``str.find``; when gaps x length is over the budget, all
    adjacent pairs of wanted words are gathered in one pass instead, so the
    work stays linear in both.
    """

    __slots__ = ("_casefolded", "_pairs", "_text")

    def __init__(self, context: str, toks: Iterable[_Tok], gaps: int) -> None:
        text = _fold_context(context)
        while "  " in text:  # spaces at the ends of a line change no search: leave them
            text = text.replace("  ", " ")
        self._text: str | None = None
        self._casefolded: str | None = None
        self._pairs: frozenset[tuple[str, str]] = frozenset()
        if gaps * len(text) <= _SEARCH_BUDGET:
            self._text = text
        else:
            self._pairs = _adjacent_pairs(text.casefold(), frozenset(tok.key for tok in toks))

    def adjacent(self, left: _Tok, right: _Tok) -> bool:
        """Return whether the tokens *left* and *right* stand side by side, as words."""
        if self._text is None:
            return (left.key, right.key) in self._pairs
        if not (left.word and right.word):
            return False
        if left.word == right.word == _UNCASED:
            # Case folding neither makes nor changes these characters, nor turns a
            # word character into another kind: the text need not be case-folded.
            text = self._text
        else:
            if self._casefolded is None:
                self._casefolded = self._text.casefold()
            text = self._casefolded
        pair = f"{left.key} {right.key}"
        start = text.find(pair)
        while start != -1:
            end = start + len(pair)
            if (start == 0 or _WORD_CHAR.match(text, start - 1) is None) and (
                end == len(text) or _WORD_CHAR.match(text, end) is None
            ):
                return True
            start = text.find(pair, start + 1)
        return False


def _adjacent_pairs(text: str, wanted: frozenset[str]) -> frozenset[tuple[str, str]]:
    """Return the side-by-side word pairs of the normalised *text* whose words are *wanted*."""
    pairs: set[tuple[str, str]] = set()
    for run in _NOT_WORD.split(text):
        previous = ""
        for word in run.split():
            if word in wanted:
                if previous:
                    pairs.add((previous, word))
                previous = word
            else:
                previous = ""
    return frozenset(pairs)


_BREAK, _JOIN, _NAME = 0, 1, 2  # _NAME: joined, and the right word is part of a name


def _decide(
    left: _Tok,
    right: _Tok,
    context: _Context,
    *,
    left_name: bool,
    right_name: bool,
    left_multi: bool,
    right_place: bool,
    left_starts_tag: bool,
    left_in_name: bool,
    right_is_date: bool,
) -> int:
    """Return _BREAK, _JOIN or _NAME for the gap between *left*, the last token of a unit,
    and *right*, the first of the next.

    The flags: whether the left and right units are names, whether the left unit is a
    multiword lexicon entry, whether the right unit is a name that is not a person's,
    whether the gap before the left unit was a break, whether the left token was joined
    as part of a personal name, whether the right token is a number followed by a month.
    """
    if left.label or right.label:
        return _BREAK
    if right.conj or left.prep or right.prep:
        return _JOIN
    if left.join_next or left.linker:
        return _NAME
    if right.allah and not left_name and not left.number:
        return _NAME
    if right.linker:
        return _BREAK if (left_name and left_multi) or left.number else _JOIN
    if right.number:
        if not right_is_date:
            return _JOIN
        # a date (7 أكتوبر) completes only an indefinite common noun (هجوم, ثورة)
        common = not (left.definite or left_name or left.adjective or left.number)
        return _JOIN if common and left.arabic and not left.month else _BREAK
    if left.number:
        return _JOIN if right.month else _BREAK
    if left_name and right_name:
        return _BREAK
    if left.title and not left_multi:
        if right_place:
            return _BREAK
        return _JOIN if right.adjective else _NAME  # الرئيس الإيراني is no name
    if left.given and left_starts_tag and not left_multi and not right_place and not right.title:
        return _NAME
    if left.head and not left_multi and (right_name or right.head):
        return _JOIN
    if left_in_name and right.kind == _PERSON and not left_multi:
        return _NAME  # عبد المجيد + تبون: a known surname completes the name
    left_definite = (left.definite and not left_in_name) or left_name
    if (
        not right.title
        and not (left_definite and not right.definite)
        and context.adjacent(left, right)
    ):
        return _JOIN
    if right.lil:
        return _JOIN
    if (
        right.adjective
        and not right_name
        and not right.title
        and (left_multi or not left_name)
        and left.definite == right.definite
        # a one-word feminine noun takes no masculine nisba; after an idafa the
        # adjective may agree with the head instead (برنامج الأغذية العالمي)
        and not (left.feminine and right.masc_nisba and left_starts_tag)
        and left.arabic
        and not left.month
    ):
        return _JOIN
    if (
        right.definite
        and not right_name
        and not left_definite
        and not left.adjective
        and left.arabic
        and not (left.given or left.title or left.month or left_in_name)
    ):
        return _JOIN  # idafa: كرة القدم, مكافحة الإرهاب
    return _BREAK


def segment_keywords(
    raw: str,
    context: str = "",
    *,
    lexicon: Lexicon | None = None,
    vocabulary: Vocabulary | None = None,
) -> tuple[str, ...]:
    """Split a keywords line into tags, de-duplicated by exact string in first-seen order.

    *raw* is the keywords line after its label; *context* is the article's own
    text (title, paragraphs, headings, read-also and related titles, joined by
    newlines), used to confirm phrases.  Tokens are the whitespace-separated
    runs of *raw*; every tag returned is a run of consecutive tokens joined by
    single spaces, kept exactly as written.  Returns ``()`` for a blank line.
    *lexicon* gives the word lists (default: :meth:`Lexicon.builtin`);
    *vocabulary* (learned from a corpus) splits the line by the most probable
    tags, the rules deciding what it does not cover.

    >>> segment_keywords("إيران باكستان مكافحة الإرهاب قصف متبادل عبد اللهيان باکستان وإیران")
    ('إيران', 'باكستان', 'مكافحة الإرهاب', 'قصف متبادل', 'عبد اللهيان', 'باکستان وإیران')
    """
    tokens = raw.split()
    if not tokens:
        return ()
    analyse = _analyse if lexicon is None else _segmenter(lexicon).analyse
    toks = tuple(map(analyse, tokens))
    spans = _rule_spans(toks, context)
    if vocabulary is not None:
        spans = vocabulary.split(tuple(tok.key for tok in toks), spans)
    return tuple(dict.fromkeys(" ".join(tokens[start:end]) for start, end in spans))


def _rule_spans(toks: tuple[_Tok, ...], context: str) -> list[Span]:
    units = _units(toks)
    text = _Context(context, toks, len(units) - 1)
    spans: list[Span] = []
    start = 0
    previous = _BREAK
    for index, (left, right) in enumerate(pairwise(units)):
        following = units[index + 2].start if index + 2 < len(units) else -1
        first = toks[right.start]
        previous = _decide(
            toks[left.end - 1],
            first,
            text,
            left_name=left.name,
            right_name=right.name,
            left_multi=left.end - left.start > 1,
            right_place=right.name and (right.end - right.start > 1 or first.kind != _PERSON),
            left_starts_tag=previous == _BREAK,
            left_in_name=previous == _NAME,
            right_is_date=first.number and following >= 0 and toks[following].month,
        )
        if previous == _BREAK:
            spans.append((start, right.start))
            start = right.start
    if toks:
        spans.append((start, len(toks)))
    return spans
