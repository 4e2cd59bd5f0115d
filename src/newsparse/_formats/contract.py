"""The format contract, the format registry, and detection.

A format turns text into Articles.  It has a ``name``, the file ``suffixes``
it claims, a ``sniff(text)`` confidence from 0 to 1, and a ``parse`` step
that yields every Article in the text (one for a dump, many for a JSON array
or JSON Lines).  Detection runs every format's sniff and picks the highest
score; ties go to a format claiming the file's suffix, then to the one
registered first.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Protocol, runtime_checkable

from newsparse._errors import FormatError
from newsparse._formats.registry import NamedRegistry
from newsparse._model.records import Article

__all__ = ["ENTRY_POINT_GROUP", "Format", "FormatRegistry"]

ENTRY_POINT_GROUP = "newsparse.formats"
SNIFF_SAMPLE = 8192
"""How much of the text (in characters) a sniff needs to look at, at most."""


@runtime_checkable
class Format(Protocol):
    """What a source format provides (a structural protocol: no base class needed).

    .. versionadded:: 0.2.0
    """

    @property
    def name(self) -> str:
        """A unique, lowercase, hyphenated name (``aggregator-text``)."""
        ...  # pragma: no cover

    @property
    def suffixes(self) -> tuple[str, ...]:
        """File suffixes this format claims (``(".txt",)``); used to break sniff ties."""
        ...  # pragma: no cover

    def sniff(self, text: str) -> float:
        """Return how sure the format is that *text* is its own, from 0.0 (no) to 1.0.

        Only the first :data:`SNIFF_SAMPLE` characters need to be looked at;
        must never raise.
        """
        ...  # pragma: no cover

    def parse(
        self, text: str, *, path: str | None = None, strict: bool = False
    ) -> Iterator[Article]:
        """Yield every Article in *text*; raise only :class:`~newsparse.NewsparseError`."""
        ...  # pragma: no cover


def _check_format(item: object) -> Format:
    if not isinstance(item, Format):
        raise TypeError(
            f"{item!r} is not a newsparse Format (it needs name, suffixes, sniff and parse)"
        )
    return item


class FormatRegistry(NamedRegistry[Format]):
    """Formats by name, plus detection.

    ``FormatRegistry()`` is empty and isolated; :func:`default_registry` holds
    the built-ins and the installed plugins.  ``FormatRegistry(formats)``
    starts with *formats* registered; ``plugins=True`` adds the installed
    plugins (entry-point group ``newsparse.formats``) on first use.

    .. versionadded:: 0.2.0
    """

    def __init__(self, formats: tuple[Format, ...] = (), *, plugins: bool = False) -> None:
        super().__init__(
            formats,
            group=ENTRY_POINT_GROUP if plugins else None,
            kind="format",
            check=_check_format,
        )

    def resolve(self, format: str | Format | None, text: str, *, path: str | None = None) -> Format:
        """Return *format* itself, the format called so, or (``None``) the detected one.

        Raises :class:`~newsparse.FormatError` (``unknown-format``) for a name
        nobody registered, (``undetected-format``) when nothing recognises
        *text*, and :class:`TypeError` for an object that is not a Format.
        """
        if format is None:
            return self.detect(text, path=path)
        if isinstance(format, str):
            return self.get(format)
        return _check_format(format)

    def detect(self, text: str, *, path: str | None = None) -> Format:
        """Return the format most sure that *text* is its own.

        Each format sniffs the first ``SNIFF_SAMPLE`` characters; the highest
        score wins, ties go to the format claiming *path*'s suffix, then to the
        one registered first.  A score of 1.0 is certainty: the formats after
        it are not asked, unless one of them could still win on the suffix.

        Raises :class:`~newsparse.FormatError` (``undetected-format``) naming
        every candidate's score when none scores above 0.
        """
        sample = text[:SNIFF_SAMPLE]
        suffix = os.path.splitext(path)[1].lower() if path else ""
        scored: list[tuple[float, Format]] = []
        best: tuple[float, bool, int] = (0.0, False, 0)
        chosen: Format | None = None
        for order, fmt in enumerate(self):
            score = fmt.sniff(sample)
            scored.append((score, fmt))
            key = (score, suffix in fmt.suffixes, -order)
            if score > 0 and (chosen is None or key > best):
                best, chosen = key, fmt
            if score >= 1.0 and (key[1] or not suffix):
                break  # certain, and no later format can win a tie on the suffix
        if chosen is not None:
            return chosen
        scores = ", ".join(f"{fmt.name} {score:.2f}" for score, fmt in scored) or "none"
        raise FormatError(
            f"no format recognises this input (scores: {scores}); "
            "pass format=NAME (newsparse formats lists them)",
            code="undetected-format",
            path=path,
        )
