"""The outlet profiles that apply to one article, applied to its byline and keywords line.

A format finds the article's outlet (its source line, or the byline) and
asks :meth:`OutletRules.for_article` for the rules; the rules then clean
the byline and the keywords line the same way for every format.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from collections.abc import Iterable

from newsparse._formats.aggregator.byline import authors_and_junk
from newsparse._formats.aggregator.chrome import chrome_of
from newsparse._formats.aggregator.keywords import segment_keywords
from newsparse._formats.aggregator.vocabulary import Vocabulary
from newsparse._formats.profiles import OutletProfile, ProfileRegistry, builtin_profiles
from newsparse._text.arabic import fold
from newsparse._text.lexicon import Lexicon

__all__ = ["OutletRules"]


class OutletRules:
    """What the outlet profiles that apply to one article do to it.

    >>> rules = OutletRules.for_article(None, source="فرانس24", byline=None)
    >>> [profile.name for profile in rules.profiles]
    ['default', 'france24']
    >>> rules.authors("إعداد: فرانس24 تابِع إعلان")
    ('فرانس24',)
    """

    __slots__ = ("_junk", "_lexicon", "_noise", "_prefixes", "_vocabulary", "profiles")

    def __init__(
        self,
        profiles: Iterable[OutletProfile],
        *,
        lexicon: Lexicon | None = None,
        vocabulary: Vocabulary | None = None,
    ) -> None:
        self.profiles = tuple(profiles)
        """The profiles that apply, in registry order."""
        self._lexicon = lexicon
        self._vocabulary = vocabulary
        # Site chrome is byline junk whatever the outlet (docs/format.md, Site chrome).
        profile_junk = (phrase for profile in self.profiles for phrase in profile.byline_junk)
        self._junk = (*profile_junk, *chrome_of(lexicon).entries)
        self._prefixes = [words for profile in self.profiles for words in profile.folded_prefixes]
        self._noise = frozenset().union(*(profile.folded_noise for profile in self.profiles))

    @classmethod
    def for_article(
        cls,
        registry: ProfileRegistry | None,
        *,
        source: str | None,
        byline: str | None,
        lexicon: Lexicon | None = None,
        vocabulary: Vocabulary | None = None,
    ) -> OutletRules:
        """The rules of the profiles in *registry* (``None``: the built-in ones) that apply
        to an article with this source name and byline; *lexicon* (default: the built-in
        one) gives the site chrome and the keyword segmenter's word lists, *vocabulary*
        (learned from a corpus) the tags it splits keyword lines into first."""
        profiles = builtin_profiles() if registry is None else registry
        return cls(profiles.for_article(source, byline), lexicon=lexicon, vocabulary=vocabulary)

    def authors(self, byline: str) -> tuple[str, ...]:
        """The authors *byline* names, without the profiles' junk and the site chrome."""
        return self.authors_and_cut(byline)[0]

    def authors_and_cut(self, byline: str) -> tuple[tuple[str, ...], list[str]]:
        """:meth:`authors`, and what was cut, as written (to record it)."""
        return authors_and_junk(byline, self._junk)

    def keywords(self, line: str, context: str) -> tuple[str, ...]:
        """The tags of a keywords *line* (its label already cut): the profiles' page labels
        cut from its start, split into tags (*context*: the article's text, which the
        segmenter looks phrases up in), the profiles' noise tags dropped."""
        tags = segment_keywords(
            self._without_prefixes(line),
            context,
            lexicon=self._lexicon,
            vocabulary=self._vocabulary,
        )
        if not self._noise:
            return tags
        return tuple(tag for tag in tags if fold(tag) not in self._noise)

    def _without_prefixes(self, line: str) -> str:
        """*line* without a page-label prefix (compared folded, word by word)."""
        labels = self._prefixes
        head = line.split(maxsplit=1)
        if not head or fold(head[0]) not in {words[0] for words in labels}:
            return line  # the usual case: no prefix starts with the first word
        words = line.split()
        folded = tuple(fold(word) for word in words[: max(map(len, labels))])
        for prefix in labels:
            if folded[: len(prefix)] == prefix:
                return " ".join(words[len(prefix) :])
        return line
