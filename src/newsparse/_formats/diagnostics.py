"""The defects found in one text: recorded as diagnostics, or raised in strict mode.

Every format meets the same choice at every defect it works around (a date
it cannot read, a marker with nothing after it): lenient, the parse goes on
and the Article says what happened; strict, the first defect is a
:class:`~newsparse.ParseError` that points at it.  :class:`Diagnostics`
makes that choice in one place.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from newsparse._errors import ParseError
from newsparse._model.records import Diagnostic

__all__ = ["Diagnostics", "empty_input"]


def empty_input(path: str | None) -> ParseError:
    """The error for text with nothing in it: every format gives this one."""
    return ParseError(
        "the input is empty or only whitespace: there is no article to parse",
        code="empty",
        path=path,
        line=1,
        column=1,
    )


class Diagnostics:
    """The defects of one article, recorded (lenient) or raised (``strict=True``).

    *label* names the part of the file the text comes from (``"object 3"``);
    the errors raised say it first.

    >>> found = Diagnostics(strict=False, path="a.txt")
    >>> found.defect("date", "cannot read the date line", line=2)
    >>> [(diagnostic.code, diagnostic.line) for diagnostic in found.found]
    [('date', 2)]
    >>> Diagnostics(strict=True, path="a.txt").defect("date", "cannot read it", line=2)
    Traceback (most recent call last):
    ...
    newsparse._errors.ParseError: a.txt:2:1: cannot read it
    """

    __slots__ = ("_found", "label", "path", "strict")

    def __init__(self, *, strict: bool = False, path: str | None = None, label: str = "") -> None:
        self.strict = strict
        """Whether a defect raises (``True``) or is recorded."""
        self.path = path
        """The file the text comes from, which every error names."""
        self.label = label
        """The part of the file the text comes from, which the errors raised say first."""
        self._found: list[Diagnostic] = []

    @property
    def found(self) -> tuple[Diagnostic, ...]:
        """What was recorded, in the order it was found."""
        return tuple(self._found)

    def error(
        self,
        message: str,
        *,
        code: str,
        line: int = 1,
        column: int = 1,
        source_line: str = "",
    ) -> ParseError:
        """A :class:`~newsparse.ParseError` at *line* of this text (for a defect no mode
        can work around: raise it)."""
        shown, line = self._placed(message, line)
        return ParseError(
            shown, code=code, path=self.path, line=line, column=column, source_line=source_line
        )

    def _placed(self, message: str, line: int) -> tuple[str, int]:
        """The message and line of an error raised at *line* of this text."""
        return (f"{self.label}: {message}" if self.label else message), line

    def defect(
        self,
        code: str,
        message: str,
        *,
        line: int | None = None,
        column: int = 1,
        source_line: str = "",
        strict_message: str | None = None,
    ) -> None:
        """A defect the parse works around: recorded, or with ``strict`` raised there
        (saying *strict_message*, when what to do differs from what was done)."""
        if self.strict:
            raise self.error(
                message if strict_message is None else strict_message,
                code=code,
                line=line or 1,
                column=column,
                source_line=source_line,
            )
        self.note(code, message, line=line)

    def note(self, code: str, message: str, *, line: int | None = None) -> None:
        """A repair that loses nothing (mojibake, say): recorded in both modes."""
        self._found.append(Diagnostic(code=code, message=message, line=line))

    def embedded(self, *, line: int, name: str) -> Diagnostics:
        """A view for a text that stands on *line* of the file (a JSON string, whose line
        breaks are escapes): what it records is at *line*, its message naming the line
        inside the text (``... (line 3 of the content)``); it shares this collector's
        record."""
        return _Embedded(self, line=line, name=name)


class _Embedded(Diagnostics):
    __slots__ = ("at", "name")

    def __init__(self, outer: Diagnostics, *, line: int, name: str) -> None:
        super().__init__(strict=outer.strict, path=outer.path, label=outer.label)
        self._found = outer._found  # one record: what the view finds is the article's
        self.at = line
        self.name = name

    def _placed(self, message: str, line: int) -> tuple[str, int]:
        where = f"line {line} of its {self.name}"
        return f"{self.label}, {where}: {message}" if self.label else f"{where}: {message}", self.at

    def note(self, code: str, message: str, *, line: int | None = None) -> None:
        shown = message if line is None else f"{message} (line {line} of the {self.name})"
        self._found.append(Diagnostic(code=code, message=shown, line=self.at))
