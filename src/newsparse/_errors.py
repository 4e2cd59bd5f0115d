"""The one exception hierarchy of newsparse.

Every error has a stable ``code`` (safe to branch on and to count in a corpus
run), names the input it is about, and says what to do next.
"""

from __future__ import annotations

__all__ = [
    "EncodingError",
    "FormatError",
    "InputError",
    "LexiconError",
    "NewsparseError",
    "OutputError",
    "ParseError",
    "ProfileError",
    "SchemaError",
    "WorkerError",
]

_NO_PATH = "<text>"


class NewsparseError(Exception):
    """Base class of every error newsparse raises on purpose.

    Catch this to keep a corpus run going whatever one file does wrong.

    .. versionadded:: 0.1.0
    """

    code: str = "newsparse"
    """Stable and specific (``empty``, ``not-found``, ``date``...): safe to branch on and count."""


_WINDOW = 120


def _window(line: str, column: int) -> tuple[str, int]:
    """Cut a long source line down to _WINDOW characters around *column*."""
    if len(line) <= _WINDOW:
        return line, column
    start = max(0, min(column - 1 - _WINDOW // 2, len(line) - _WINDOW))
    shown = line[start : start + _WINDOW]
    if start > 0:
        shown, start = "…" + shown, start - 1
    if start + _WINDOW < len(line):
        shown += "…"
    return shown, column - start


class ParseError(NewsparseError, ValueError):
    """The input could not be read as an article, or (with ``strict=True``) had a defect.

    ``str(error)`` reads ``path:line:column: message`` followed by the
    offending line and a caret under the spot, like a compiler message::

        notes.txt:2:15: cannot read the date '31st, February 2024 GMT' ...
            تاريخ النشر: 31st, February 2024 GMT
                          ^

    Attributes: ``code`` (stable, e.g. ``"not-an-article"``, ``"date"``),
    ``path`` (``None`` for text given directly), ``line`` and ``column``
    (1-based), ``message`` (without the location) and ``source_line``.

    .. versionadded:: 0.1.0
    """

    def __init__(
        self,
        message: str,
        *,
        code: str,
        path: str | None = None,
        line: int = 1,
        column: int = 1,
        source_line: str = "",
    ) -> None:
        self.message = message
        """What is wrong and what to do, without the location."""
        self.code = code
        """Stable: ``empty``, ``not-an-article``, ``binary``, ``decode``, or a diagnostic's code."""
        self.path = path
        """The input's path; ``None`` for text or bytes given directly."""
        self.line = line
        """The 1-based line of the input where the problem is."""
        self.column = column
        """The 1-based column of that line."""
        self.source_line = source_line
        """The offending input line, as written (``""`` when there is none)."""
        super().__init__(message)

    def __str__(self) -> str:
        where = f"{self.path or _NO_PATH}:{self.line}:{self.column}: {self.message}"
        if not self.source_line:
            return where
        shown, column = _window(self.source_line, self.column)
        return f"{where}\n    {shown}\n    {' ' * (column - 1)}^"

    def __reduce__(self) -> tuple[object, ...]:
        # Keyword-only arguments do not survive the default pickling of exceptions,
        # and errors cross process boundaries in parallel corpus runs.
        return (
            _rebuild_parse_error,
            (type(self), self.message, self.code, self.path, self.line, self.column,
             self.source_line),
        )  # fmt: skip


def _rebuild_parse_error(
    cls: type[ParseError],
    message: str,
    code: str,
    path: str | None,
    line: int,
    column: int,
    source_line: str,
) -> ParseError:
    return cls(message, code=code, path=path, line=line, column=column, source_line=source_line)


class EncodingError(ParseError):
    """The bytes are not text newsparse can decode: binary data, or no known encoding.

    ``code`` is ``binary`` (NUL bytes, or mostly control characters) or
    ``decode`` (neither UTF-8, nor windows-1256 Arabic, nor anything
    charset-normalizer recognises).

    .. versionadded:: 0.1.0
    """


class LexiconError(ParseError):
    """A lexicon file (:class:`~newsparse.Lexicon`) is not in the lexicon format.

    ``str(error)`` reads ``path:line:column: message`` and shows the line, as
    every ParseError does.  ``code`` is ``lexicon-header`` (the first line does
    not name a known list: it reads ``# newsparse lexicon: persons``),
    ``lexicon-entry`` (an entry of the wrong number of words for its list) or
    ``lexicon-encoding`` (the file is not UTF-8).

    .. versionadded:: 0.2.0
    """


class ProfileError(ParseError):
    """A corpus profile file (:class:`~newsparse.CorpusProfile`) cannot be used.

    ``code`` is ``profile-json`` (not JSON: the line and column are given),
    ``profile-version`` (written by another version of the profile format:
    learn it again with this newsparse), ``profile-field`` (a field is
    missing or of the wrong type: the message names it) or ``profile-merge``
    (profiles learned with different settings cannot be merged).

    .. versionadded:: 0.2.0
    """


class SchemaError(NewsparseError, ValueError):
    """A dict given to :meth:`Article.from_dict` does not follow the record schema.

    ``where`` is the JSON path of the offending value (``"body[3].text"``).

    .. versionadded:: 0.1.0
    """

    code = "schema"
    """Always ``schema``."""

    def __init__(self, message: str, *, where: str) -> None:
        self.message = message
        """What is wrong with the value."""
        self.where = where
        """The JSON path of the offending value (``"body[3].text"``; ``"$"`` for the whole)."""
        super().__init__(f"{where}: {message}")

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_schema_error, (self.message, self.where))


def _rebuild_schema_error(message: str, where: str) -> SchemaError:
    return SchemaError(message, where=where)


class _PathError(NewsparseError):
    """An error about one path, read as ``path: message``; pickles by its fields."""

    def __init__(self, message: str, *, code: str, path: str) -> None:
        self.message = message
        """What went wrong and what to do, without the path."""
        self.code = code
        """Stable: see the class."""
        self.path = path
        """The file it is about."""
        super().__init__(f"{path}: {message}")

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_path_error, (type(self), self.message, self.code, self.path))


def _rebuild_path_error(cls: type[_PathError], message: str, code: str, path: str) -> _PathError:
    return cls(message, code=code, path=path)


class InputError(_PathError):
    """A file could not be read at all (missing, a directory, no permission, not a file).

    ``str(error)`` reads ``path: message``; ``code`` is one of ``not-found``,
    ``is-a-directory``, ``unreadable``, ``too-large``, ``not-a-file`` (a FIFO,
    device or socket: never opened), ``no-files`` (a directory that holds no
    file to read) and ``is-the-output`` (the output of the run itself, or its
    temporary file).

    .. versionadded:: 0.1.0
    """


class FormatError(NewsparseError, LookupError):
    """A format or outlet profile could not be found, registered or chosen.

    ``code`` is one of ``unknown-format``, ``unknown-profile``,
    ``duplicate-name``, ``undetected-format`` (no format recognises the
    input), ``several-articles`` (``parse_file`` on a file that holds many:
    use ``iter_articles``) and ``no-article``; ``path`` names the input
    when there is one.

    .. versionadded:: 0.2.0
    """

    def __init__(self, message: str, *, code: str, path: str | None = None) -> None:
        self.message = message
        """What went wrong, the known names or the scores, and what to do."""
        self.code = code
        """One of the codes listed above."""
        self.path = path
        """The input it is about, or ``None``."""
        super().__init__(f"{path}: {message}" if path else message)

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_format_error, (self.message, self.code, self.path))


def _rebuild_format_error(message: str, code: str, path: str | None) -> FormatError:
    return FormatError(message, code=code, path=path)


class WorkerError(_PathError):
    """The worker process parsing a file died (killed, out of memory, a crash in C code),
    and died again when the file was retried alone: ``code`` is ``worker-died``.

    The run goes on without it: the file gets this error in its place.

    .. versionadded:: 0.2.0
    """


class OutputError(_PathError):
    """What a run makes cannot be stored in its output.

    ``code`` is ``unwritable`` when a file's record holds a value the output
    format cannot store (a lone surrogate, a number out of range): that file
    gets this error in its place and the run goes on; the command line's
    output errors (a full disk, a closed pipe) end the run instead.

    .. versionadded:: 0.2.0
    """
