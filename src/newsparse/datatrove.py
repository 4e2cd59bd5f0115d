"""Read a corpus in a DataTrove pipeline (``pip install 'newsparse[datatrove]'``).

:class:`NewsparseReader` is a DataTrove reader step: the first step of a
pipeline, it turns article files into DataTrove ``Document`` objects, one
per article::

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.writers import JsonlWriter
    from newsparse.datatrove import NewsparseReader

    LocalPipelineExecutor(
        [NewsparseReader("corpus/", glob_pattern="**/*.txt"), JsonlWriter("out/")],
        tasks=2, logging_dir="logs/",
    ).run()

It is a ``BaseDiskReader``, so DataTrove does the rest as for its own
readers: listing the folder (local, ``s3://`` or any fsspec file system; a
``(path, storage_options)`` tuple or a ``DataFolder``), sharding the files
over the tasks by rank, ``limit``, ``skip``, ``paths_file`` and the progress
bars.  A local folder's files are read as ``newsparse parse`` reads them,
any other file system's through fsspec, as bytes; either way each is parsed
as :func:`newsparse.iter_results` parses a file: its format detected (its
suffix breaking ties), decoded, and named by its full path.

A Document is the record ``newsparse parse`` writes for the article:

- ``id``: the record's ``path``, the file's full path (``s3://bucket/key``
  or the local path), stored as records store it (docs/robustness.md); the
  articles of a file that holds several (JSON Lines, SaudiNewsNet) are
  ``path#1``, ``path#2``..., in file order;
- ``text``: :attr:`Article.text <newsparse.Article.text>`, the main body's
  paragraphs separated by blank lines (headings and read-also boxes are left
  out of it); an article without a paragraph gives a Document with an empty
  text, kept so that no record goes missing (DataTrove's own readers drop
  those);
- ``metadata``: the rest of the record, :meth:`Article.to_dict
  <newsparse.Article.to_dict>` without ``body`` (its paragraphs are the
  text); with ``keep_body=True`` the ``body`` stays, headings and boxes
  included, so that ``{"path": ..., **metadata}`` is the record itself (at
  the cost of the text twice in what a writer writes).

A file that fails gives no Document (as DataTrove's own readers skip a bad
line): the pipeline goes on, the file is counted in the step's stats
(``newsparse_errors``, and ``newsparse_error.<code>``, e.g.
``newsparse_error.binary``) and logged as a warning that names it and says
why.  The articles a file gave before its error (a JSON Lines file with a bad
line) are yielded, as ``newsparse parse`` writes them before its error record.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from newsparse._api import DEFAULT_MAX_BYTES, chosen_registry
from newsparse._corpus.batch import FileResult, parse_one
from newsparse._corpus.escape import storable_text, stored_path
from newsparse._errors import InputError
from newsparse._model.corpus_profile import CorpusProfile
from newsparse._model.records import Article
from newsparse._storage.archives import archive_kind, iter_members
from newsparse._storage.fetched import Fetched
from newsparse._text.lexicon import Lexicon

try:
    from datatrove.data import Document
    from datatrove.pipeline.readers.base import BaseDiskReader
    from datatrove.utils.logging import logger
    from fsspec.implementations.local import LocalFileSystem
except ImportError as missing:
    raise ImportError(
        "newsparse.datatrove needs DataTrove, which is not installed: "
        "pip install 'newsparse[datatrove]'"
    ) from missing

__all__ = ["NewsparseReader"]


class NewsparseReader(BaseDiskReader):  # type: ignore[misc]  # DataTrove has no type hints
    """A DataTrove reader of article files: one ``Document`` per article (see the module).

    *data_folder*, *paths_file*, *glob_pattern* (``"**/*.txt"``; relative to
    the folder), *recursive*, *limit* and *skip* (per task, in Documents),
    *file_progress*, *doc_progress*, *shuffle_files* and *default_metadata*
    are DataTrove's, as for its ``JsonlReader``.  *format* is a format name
    (``newsparse formats`` lists them) or ``None`` to detect each file's;
    *strict* turns every diagnostic into an error; files over *max_bytes* are
    refused (``too-large``).  *keep_body* keeps the record's ``body`` in the
    metadata (see the module).  *lexicon* (a :class:`~newsparse.Lexicon`) and
    *profile* (a :class:`~newsparse.CorpusProfile`) are as in
    :func:`newsparse.parse_text`; they travel to the tasks with the step.

    .. versionadded:: 0.2.0
    """

    name = "📰 newsparse"

    def __init__(
        self,
        data_folder: Any,
        *,
        paths_file: Any = None,
        glob_pattern: str | None = None,
        recursive: bool = True,
        format: str | None = None,
        strict: bool = False,
        max_bytes: int = DEFAULT_MAX_BYTES,
        limit: int = -1,
        skip: int = 0,
        file_progress: bool = False,
        doc_progress: bool = False,
        shuffle_files: bool = False,
        default_metadata: dict[str, Any] | None = None,
        keep_body: bool = False,
        lexicon: Lexicon | None = None,
        profile: CorpusProfile | None = None,
    ) -> None:
        super().__init__(
            data_folder,
            paths_file=paths_file,
            limit=limit,
            skip=skip,
            file_progress=file_progress,
            doc_progress=doc_progress,
            default_metadata=default_metadata,
            recursive=recursive,
            glob_pattern=glob_pattern,
            shuffle_files=shuffle_files,
        )
        self.format = format
        """The format name every file is read as, or ``None`` to detect each file's."""
        self.strict = strict
        """Whether every diagnostic is an error (the file gives its error, not its articles)."""
        self.max_bytes = max_bytes
        """Files over this size are refused (``too-large``)."""
        self.keep_body = keep_body
        """Whether the metadata keeps the record's ``body``."""
        self.registry = chosen_registry(None, lexicon, profile)
        """The formats the files are parsed with: the default's, tuned by the lexicon and
        the profile (``None``: the default registry)."""
        self._local = isinstance(self.data_folder.fs, LocalFileSystem)

    def read_file(self, filepath: str) -> Iterator[Document]:
        """The Documents of the file at *filepath* (relative to the data folder); an archive
        gives its members' (docs/storage.md), each member counted as a file."""
        if archive_kind(filepath) is None:
            with self.track_time(unit="file"):
                result = self.parse(filepath)
            yield from self.documents(result)
            return
        path: str = self.data_folder.resolve_paths(filepath)
        try:
            with self.data_folder.open(filepath, "rb") as stream:
                for member in iter_members(stream, path, max_bytes=self.max_bytes):
                    with self.track_time(unit="file"):
                        result = parse_one(
                            member, format=self.format, strict=self.strict,
                            max_bytes=self.max_bytes, registry=self.registry,
                        )  # fmt: skip
                    yield from self.documents(result)
        except OSError as error:
            yield from self.documents(FileResult(path=path, error=_unreadable(path, error)))

    def documents(self, result: FileResult) -> Iterator[Document]:
        """The Documents of one file's :class:`~newsparse.FileResult`; its error counted."""
        if result.error is not None:
            # Counted before any Document is yielded: a limit reached in this file still counts it.
            self.stat_update("newsparse_errors", f"newsparse_error.{result.error.code}")
            logger.warning(f"newsparse: {storable_text(str(result.error))} [{result.error.code}]")
        path = stored_path(result.path)
        if len(result.articles) == 1:
            yield self.document(path, result.articles[0])
            return
        for number, article in enumerate(result.articles, start=1):
            yield self.document(f"{path}#{number}", article)

    def parse(self, filepath: str) -> FileResult:
        """The :class:`~newsparse.FileResult` of the file at *filepath* (relative to the data
        folder), named by its full path; never raises a NewsparseError."""
        path: str = self.data_folder.resolve_paths(filepath)
        if self._local:  # read as the command reads a file: fewer calls, the same errors
            return parse_one(
                path, format=self.format, strict=self.strict, max_bytes=self.max_bytes,
                registry=self.registry,
            )  # fmt: skip
        data = self._bytes(filepath, path)
        if isinstance(data, InputError):
            return FileResult(path=path, error=data)
        return parse_one(
            Fetched(name=path, data=data), format=self.format, strict=self.strict,
            max_bytes=self.max_bytes, registry=self.registry,
        )  # fmt: skip

    def document(self, identifier: str, article: Article) -> Document:
        """The Document of *article*, with the id *identifier* (see the module)."""
        metadata = article.to_dict()
        if not self.keep_body:
            del metadata["body"]
        if self.default_metadata:
            metadata = self.default_metadata | metadata
        return Document(text=article.text, id=identifier, metadata=metadata)

    def _bytes(self, filepath: str, path: str) -> bytes | InputError:
        try:
            with self.data_folder.open(filepath, "rb") as file:
                return _read_bounded(file, self.max_bytes)
        except FileNotFoundError:
            return InputError(
                "no such file (it went away after the listing); check the path",
                code="not-found",
                path=path,
            )
        except IsADirectoryError:
            return InputError(
                "is a directory; pass article files", code="is-a-directory", path=path
            )
        except OSError as error:
            return _unreadable(path, error)


def _unreadable(path: str, error: OSError) -> InputError:
    return InputError(
        f"cannot read the file ({error.strerror or error}); check its permissions",
        code="unreadable",
        path=path,
    )


def _read_bounded(file: IO[bytes], limit: int) -> bytes:
    """The bytes of *file*, at most *limit* plus one (one more tells a file over the limit).

    The size fsspec's files know is asked for, plus one: asking for the limit at
    once would allocate the limit for every file.
    """
    size = getattr(file, "size", None)
    if isinstance(size, int) and 0 <= size <= limit:
        data = file.read(size + 1)
        if len(data) <= size:  # the end came where the size said
            return data
        return data + file.read(limit - size)
    return file.read(limit + 1)
