"""Parse a corpus with Dask, on one machine or a cluster (``pip install 'newsparse[dask]'``).

Paths are listed on the client; the parsing runs on the workers, one task
per partition of files.  Four views of the same work::

    results_bag(paths)    # dask.bag of FileResult: articles or the error, per file
    records_bag(paths)    # dask.bag of records: {"path", **Article.to_dict()} or error records
    articles_bag(paths)   # dask.bag of Article (files that failed give none)
    to_dataframe(paths)   # dask.dataframe with the columns of the Parquet output
    learn(paths)          # a CorpusProfile, learned per partition and merged

``to_dataframe(...).to_parquet(out, schema=arrow_schema())`` writes the same
schema as ``newsparse parse -o out.parquet``.  docs/scaling.md shows the same
job on Spark and with ``--jobs``.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import partial
from operator import attrgetter
from typing import Any

import dask.bag as db

from newsparse._corpus.arrow import arrow_schema, article_row, to_arrow_row
from newsparse._corpus.batch import FileResult, Listed, error_record, parse_one
from newsparse._corpus.escape import stored_path
from newsparse._corpus.learn import learn_results, observations
from newsparse._corpus.outputs import _RowGroups
from newsparse._corpus.paths import list_on_driver
from newsparse._formats.builtin import tuned_registry
from newsparse._learn.learner import Learner
from newsparse._model.corpus_profile import CorpusProfile, LearnSettings
from newsparse._storage.options import StorageOptions
from newsparse._text.lexicon import Lexicon

__all__ = [
    "arrow_schema",
    "articles_bag",
    "learn",
    "records_bag",
    "results_bag",
    "to_dataframe",
]


def list_paths(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    storage_options: StorageOptions | None = None,
) -> list[Listed]:
    """The files *paths* stand for: a glob pattern (``"corpus/**/*.txt"``), a file, a
    directory (recursively), a URL, an archive or a list of those, in a stable order; a
    directory or a pattern that stands for no file gives its ``no-files`` error in its place.

    An archive's members are read here, on the client, and cross to the workers
    with their data; remote files are read by the workers."""
    return list_on_driver(paths, storage_options=storage_options)


def results_bag(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    format: str | None = None,
    strict: bool = False,
    partition_size: int = 256,
    lexicon: Lexicon | None = None,
    profile: CorpusProfile | None = None,
    storage_options: StorageOptions | None = None,
) -> db.Bag:
    """A bag of :class:`~newsparse.FileResult`, one per file, in path order; *lexicon*
    (a :class:`~newsparse.Lexicon`) splits the built-in formats' keywords, *profile* (a
    :class:`~newsparse.CorpusProfile`) applies what a corpus taught; URLs are listed and
    read with *storage_options* (docs/storage.md).

    *partition_size* files make one task (256 by default: a task costs tens of
    milliseconds of the scheduler's and workers' time, and ``to_dataframe`` took
    1.5x to 1.7x the CPU time at 64; docs/scaling.md#measured).
    """
    files = list_paths(paths, storage_options)
    registry = None if lexicon is None and profile is None else tuned_registry(lexicon, profile)
    work = partial(
        parse_one, format=format, strict=strict, registry=registry,
        storage_options=storage_options,
    )  # fmt: skip
    bag: db.Bag = db.from_sequence(files, partition_size=partition_size).map(work)
    return bag


def records_bag(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    format: str | None = None,
    strict: bool = False,
    partition_size: int = 256,
    lexicon: Lexicon | None = None,
    profile: CorpusProfile | None = None,
    storage_options: StorageOptions | None = None,
) -> db.Bag:
    """A bag of records: ``{"path", **Article.to_dict()}``, and an error record per failed file."""
    results = results_bag(
        paths,
        format=format,
        strict=strict,
        partition_size=partition_size,
        lexicon=lexicon,
        profile=profile,
        storage_options=storage_options,
    )
    bag: db.Bag = results.map(FileResult.records).flatten()
    return bag


def articles_bag(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    format: str | None = None,
    strict: bool = False,
    partition_size: int = 256,
    lexicon: Lexicon | None = None,
    profile: CorpusProfile | None = None,
    storage_options: StorageOptions | None = None,
) -> db.Bag:
    """A bag of :class:`~newsparse.Article`; files that failed contribute none."""
    results = results_bag(
        paths,
        format=format,
        strict=strict,
        partition_size=partition_size,
        lexicon=lexicon,
        profile=profile,
        storage_options=storage_options,
    )
    bag: db.Bag = results.map(attrgetter("articles")).flatten()
    return bag


def to_dataframe(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    format: str | None = None,
    strict: bool = False,
    partition_size: int = 256,
    lexicon: Lexicon | None = None,
    profile: CorpusProfile | None = None,
    storage_options: StorageOptions | None = None,
) -> Any:
    """A ``dask.dataframe.DataFrame`` with one row per record and the Parquet output's columns.

    Each partition is made on its worker as one ``pyarrow.Table`` of
    :func:`arrow_schema` (as ``newsparse parse -o out.parquet`` makes its row
    groups), and its columns are pyarrow-backed (``pandas.ArrowDtype``), so
    ``to_parquet(out, schema=arrow_schema())`` writes the command's values.
    """
    import dask.dataframe as dd  # noqa: PLC0415 -- dask[dataframe], beside dask.bag

    results = results_bag(
        paths,
        format=format,
        strict=strict,
        partition_size=partition_size,
        lexicon=lexicon,
        profile=profile,
        storage_options=storage_options,
    )
    frames = results.map_partitions(_frame).to_delayed()
    return dd.from_delayed(frames, meta=_frame(()), verify_meta=False)


def _frame(results: Iterable[FileResult]) -> Any:
    """The pandas frame of one partition, made from one Arrow table of its files' rows."""
    import pandas as pd  # type: ignore[import-untyped]  # noqa: PLC0415 -- with dask[dataframe]

    groups = _RowGroups()
    for result in results:
        groups.add(_rows(result))
    table = groups.table()
    if table is None:
        table = groups.schema.empty_table()
    return table.to_pandas(types_mapper=pd.ArrowDtype)


def _rows(result: FileResult) -> list[dict[str, Any]]:
    """The rows of the Arrow schema of one file: its Articles', then its error's."""
    path = stored_path(result.path)
    rows = [article_row(path, article) for article in result.articles]
    if result.error is not None:
        rows.append(to_arrow_row(error_record(path, result.error)))
    return rows


def learn(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    format: str | None = None,
    partition_size: int = 256,
    lexicon: Lexicon | None = None,
    settings: LearnSettings | None = None,
    storage_options: StorageOptions | None = None,
) -> CorpusProfile:
    """The :class:`~newsparse.CorpusProfile` of the files *paths* stand for (as
    :func:`newsparse.learn` learns it): each partition is learned on its worker, and
    the learners merge, so the profile is the same for any partitioning.

    .. versionadded:: 0.2.0
    """
    results = results_bag(
        paths, format=format, partition_size=partition_size, lexicon=lexicon,
        storage_options=storage_options,
    )  # fmt: skip
    per_partition = partial(_learn_partition, settings=settings)
    merge = partial(_merge_learners, settings=settings)
    merged: Learner = results.reduction(per_partition, merge).compute()
    return merged.profile()


def _learn_partition(results: Iterable[FileResult], settings: LearnSettings | None) -> Learner:
    return learn_results(map(observations, results), settings)


def _merge_learners(learners: Iterable[Learner], settings: LearnSettings | None) -> Learner:
    merged = Learner(settings)
    for learner in learners:
        merged.merge(learner)
    return merged
