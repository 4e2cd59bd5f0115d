"""The built-in ``aggregator-text`` format: the news aggregator's plain-text dumps.

.. versionadded:: 0.2.0 (0.1.0 called it ``aggregator-dump`` and had no registry)
"""

from __future__ import annotations

from collections.abc import Iterator

from newsparse._formats.aggregator.grammar import is_bare_marker, keywords_line, last_source_label
from newsparse._formats.aggregator.learned import learned_of
from newsparse._formats.aggregator.parser import FORMAT_NAME, parse_dump
from newsparse._formats.confidence import Confidence
from newsparse._formats.profiles import ProfileRegistry
from newsparse._model.corpus_profile import CorpusProfile
from newsparse._model.records import Article
from newsparse._text.arabic import ARABIC_LETTER
from newsparse._text.lexicon import Lexicon

__all__ = ["AggregatorText"]

_SNIFF_LINES = 200
_DATE_LABEL = "تاريخ النشر"


def _first_lines(text: str, count: int) -> list[str]:
    """The first *count* non-blank lines of *text*, stripped, reading no further."""
    lines: list[str] = []
    start = 0
    while len(lines) < count and start < len(text):
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        if line := text[start:end].strip():
            lines.append(line)
        start = end + 1
    return lines


class AggregatorText:
    """One article per file: headline, date line, byline, body, source, keywords, trailer.

    ``sniff`` (:class:`~newsparse.kit.Confidence`) is ``CERTAIN`` when the date
    line stands where it should, ``LIKELY`` when a keywords line, a source line
    or a read-also marker shows, ``PLAUSIBLE`` for other mostly Arabic text,
    ``FALLBACK`` for any other text (it is the fallback for plain text, so that
    its own errors explain what is missing) and ``UNLIKELY`` for text that
    opens like JSON.
    """

    name = FORMAT_NAME
    suffixes = (".txt",)

    def __init__(
        self,
        *,
        profiles: ProfileRegistry | None = None,
        lexicon: Lexicon | None = None,
        corpus_profile: CorpusProfile | None = None,
    ) -> None:
        """Use the outlet *profiles* given; by default the built-in ones, without plugins
        (``default_registry()`` gives its own the installed plugins:
        :func:`~newsparse.default_profiles`); split keywords with the word lists of
        *lexicon* (default :meth:`Lexicon.builtin <newsparse.Lexicon.builtin>`); drop
        the chrome and split keywords by the tags that *corpus_profile* learned
        (:func:`newsparse.learn`)."""
        self.profiles = profiles
        """The outlet profiles it applies; ``None``: the built-in ones, without plugins."""
        self.lexicon = lexicon
        """The keyword segmenter's word lists; ``None``: the built-in ones."""
        self.corpus_profile = corpus_profile
        """What a corpus taught (:class:`~newsparse.CorpusProfile`); ``None``: nothing."""
        self._learned = None if corpus_profile is None else learned_of(corpus_profile)

    def sniff(self, text: str) -> float:
        """Return how sure we are that *text* is an aggregator dump (see the class)."""
        if any(line.startswith(_DATE_LABEL) for line in _first_lines(text, 2)):
            return Confidence.CERTAIN  # the usual case, decided without splitting the whole sample
        lines = [line for raw in text.splitlines()[:_SNIFF_LINES] if (line := raw.strip())]
        if not lines:
            return Confidence.NONE
        if any(line.startswith(_DATE_LABEL) for line in lines[:2]):
            return Confidence.CERTAIN  # lines that end in a lone \r or another separator than \n
        if lines[0][0] in "[{":
            return Confidence.UNLIKELY
        if any(
            keywords_line(line) or is_bare_marker(line) or last_source_label(line) for line in lines
        ):
            return Confidence.LIKELY
        sample = "".join(lines)
        arabic = len(ARABIC_LETTER.findall(sample)) * 2 >= len(sample)
        return Confidence.PLAUSIBLE if arabic else Confidence.FALLBACK

    def parse(
        self, text: str, *, path: str | None = None, strict: bool = False
    ) -> Iterator[Article]:
        """Yield the one Article of the dump *text*."""
        yield parse_dump(
            text,
            path=path,
            strict=strict,
            profiles=self.profiles,
            lexicon=self.lexicon,
            learned=self._learned,
        )
