"""How sure a format's ``sniff`` is: named levels instead of bare numbers.

Detection picks the format with the highest sniff, so the levels only have
to be ordered the same way by every format; the names say what evidence
each stands for.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import enum

__all__ = ["Confidence"]


class Confidence(float, enum.Enum):
    """A sniff score: a float (``Format.sniff`` may return one as it is).

    >>> Confidence.CERTAIN > Confidence.MARKED > Confidence.LIKELY
    True
    >>> float(Confidence.FALLBACK)
    0.1
    """

    CERTAIN = 1.0
    """The format's defining mark where it must stand (a dump's date line under its headline)."""
    MARKED = 0.95
    """The format's own record shape or keys (a SaudiNewsNet array, a newsparse record)."""
    LIKELY = 0.8
    """Markers of the format, but not where they usually stand."""
    PLAUSIBLE = 0.5
    """Text of the kind the format reads (mostly Arabic prose), with no marker of it."""
    WEAK = 0.3
    """The right container (a JSON object) holding something else."""
    FALLBACK = 0.1
    """Any text: the format parses it, and its errors say what is missing."""
    UNLIKELY = 0.05
    """Text that looks like another kind of file (JSON, for a plain-text format)."""
    NONE = 0.0
    """Not this format."""

    def __str__(self) -> str:
        return f"{self.name} ({float(self)})"
