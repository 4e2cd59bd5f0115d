"""A corpus as a Hugging Face ``datasets`` dataset (``pip install 'newsparse[hf]'``).

Two builders, one row per record, the rows of ``newsparse parse -o out.parquet``
(an article's, or the error record of a file that failed), with
:func:`features` (the :func:`~newsparse._corpus.arrow.arrow_schema` of
docs/schema.md) as their ``Features``::

    to_dataset(paths)            # a datasets.Dataset: in memory, or memory-mapped from cache_dir
    to_iterable_dataset(paths)   # a datasets.IterableDataset: parsed as it is read, in shards

:func:`to_dataset` parses as the command does (in *jobs* worker processes that
turn each file's records into Arrow rows), builds a ``pyarrow`` table every
1,000 records and makes the dataset from those tables as they are (not through
``Dataset.from_list``, pandas or a generator).  Without *cache_dir* the
tables stay in memory; with it they are written as they are built to an
Arrow file there, which the dataset maps into memory, so that a corpus
larger than memory fits.

:func:`to_iterable_dataset` parses nothing up front: each of its shards is
parsed when it is read, so that ``DataLoader`` workers (or
``datasets.distributed.split_dataset_by_node``) share the shards.

Nothing here reaches the Hugging Face Hub.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import contextlib
import importlib.util
import itertools
import os
import secrets
import tempfile
from collections.abc import Generator, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any, Final

from newsparse._api import chosen_registry
from newsparse._corpus.arrow import arrow_schema
from newsparse._corpus.batch import FileResult, map_results, path_of
from newsparse._corpus.escape import stored_path
from newsparse._corpus.outputs import _RowGroups
from newsparse._corpus.paths import PathsArgument, as_many, list_files
from newsparse._corpus.writers import ParquetRows
from newsparse._errors import OutputError
from newsparse._formats.contract import FormatRegistry
from newsparse._model.corpus_profile import CorpusProfile
from newsparse._storage.options import StorageOptions
from newsparse._text.lexicon import Lexicon

if TYPE_CHECKING:
    import datasets

__all__ = ["features", "to_dataset", "to_iterable_dataset"]

_MISSING: Final = "newsparse.hf needs Hugging Face datasets: pip install 'newsparse[hf]'"
if importlib.util.find_spec("datasets") is None:
    raise ImportError(_MISSING)
# datasets itself is imported where it is used: the worker processes import this module
# for _file_rows, and importing datasets (and pyarrow) there took seconds of each worker.


def _datasets() -> Any:
    import datasets  # noqa: PLC0415 -- see above

    return datasets


_ENCODER: Final = ParquetRows()
_TABLE_ROWS: Final = 1000  # records a table: as the Parquet output's row groups


def features() -> datasets.Features:
    """The ``datasets.Features`` of a record: ``features().arrow_schema`` equals
    :func:`~newsparse._corpus.arrow.arrow_schema` (``published`` is
    ``Value("date32")``, ``retrieved`` ``Value("timestamp[us]")``, its offset
    ``Value("duration[us]")``, lists are ``List``, structs dicts of features)."""
    return _datasets().Features.from_arrow_schema(arrow_schema())


def _file_rows(result: FileResult) -> list[dict[str, Any]]:
    """The Arrow rows of one file, as the command's Parquet output makes them (in the worker):
    an article that cannot be stored ends the file with its ``unwritable`` error row."""
    path = stored_path(result.path)
    rows = []
    for article in result.articles:
        try:
            rows.append(_ENCODER.article(path, article))
        except OutputError as error:
            rows.append(_ENCODER.error(path, error))
            return rows
    if result.error is not None:
        rows.append(_ENCODER.error(path, result.error))
    return rows


def _tables(
    paths: PathsArgument,
    *,
    format: str | None,
    strict: bool,
    glob: str | None,
    jobs: int,
    registry: FormatRegistry | None,
    storage_options: StorageOptions | None,
) -> Generator[Any, None, None]:
    """``pyarrow`` tables of :func:`arrow_schema` of about :data:`_TABLE_ROWS` records each,
    in input order; a file whose rows Arrow cannot hold becomes its ``unwritable`` row."""
    groups = _RowGroups()
    results = map_results(
        paths, _file_rows, format=format, strict=strict, jobs=jobs, glob=glob, registry=registry,
        storage_options=storage_options,
    )  # fmt: skip
    for rows in results:
        groups.add(rows)
        if groups.rows >= _TABLE_ROWS:
            yield groups.table()
    if groups.rows:
        yield groups.table()


def to_dataset(
    paths: PathsArgument,
    *,
    format: str | None = None,
    strict: bool = False,
    glob: str | None = None,
    jobs: int = 1,
    registry: FormatRegistry | None = None,
    lexicon: Lexicon | None = None,
    profile: CorpusProfile | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
    storage_options: StorageOptions | None = None,
) -> datasets.Dataset:
    """A ``datasets.Dataset`` of every record of the files *paths* stand for, in input order.

    *paths*, *format*, *strict*, *glob*, *jobs*, *registry*, *lexicon*,
    *profile* and *storage_options* are those of :func:`~newsparse.iter_results`
    (archives and URLs included: docs/storage.md).  The dataset's rows
    are the rows of ``newsparse parse -o out.parquet`` and its features
    :func:`features`.  Without *cache_dir* the dataset is held in memory; with
    it, its Arrow data is written to a new ``newsparse-*.arrow`` file in that
    directory (created if need be) as it is parsed, and the dataset maps that
    file: memory stays flat, and the file is yours to delete when the dataset
    is no longer used.

    .. versionadded:: 0.2.0
    """
    datasets = _datasets()
    import pyarrow as pa  # noqa: PLC0415 -- there with datasets

    info = datasets.DatasetInfo(features=features())
    tables = _tables(
        paths, format=format, strict=strict, glob=glob, jobs=jobs,
        registry=chosen_registry(registry, lexicon, profile), storage_options=storage_options,
    )  # fmt: skip
    with contextlib.closing(tables):  # stopped early (an error, Ctrl-C): the workers stop now
        if cache_dir is None:
            table = pa.concat_tables([arrow_schema().empty_table(), *tables])
            # Given, the fingerprint spares datasets hashing every byte of the table to make one.
            return datasets.Dataset(table, info=info, fingerprint=secrets.token_hex(8))
        os.makedirs(cache_dir, exist_ok=True)
        descriptor, name = tempfile.mkstemp(prefix="newsparse-", suffix=".arrow", dir=cache_dir)
        try:
            with (
                os.fdopen(descriptor, "wb") as sink,
                pa.ipc.new_stream(sink, arrow_schema()) as out,
            ):
                for table in tables:
                    out.write_table(table)
        except BaseException:
            os.unlink(name)
            raise
    return datasets.Dataset.from_file(name, info=info)


def _shard_rows(
    shards: list[list[str]],
    *,
    format: str | None,
    strict: bool,
    glob: str | None,
    jobs: int,
    registry: FormatRegistry | None,
    storage_options: StorageOptions | None,
) -> Iterator[dict[str, Any]]:
    """The rows of *shards*, parsed as they are read (the generator of the iterable dataset):
    one run over them all, so that with *jobs* > 1 one pool of workers parses every shard."""
    every = itertools.chain.from_iterable(shards)
    tables = _tables(
        every, format=format, strict=strict, glob=glob, jobs=jobs, registry=registry,
        storage_options=storage_options,
    )  # fmt: skip
    for table in tables:
        yield from table.to_pylist()


def _split(items: list[str], shards: int) -> list[list[str]]:
    """*items* cut into *shards* runs of consecutive items whose sizes differ by one at most
    (as many runs as items when there are fewer)."""
    size, extra = divmod(len(items), shards)
    pieces, start = [], 0
    for number in range(min(shards, len(items))):
        end = start + size + (number < extra)
        pieces.append(items[start:end])
        start = end
    return pieces


def to_iterable_dataset(
    paths: PathsArgument,
    *,
    format: str | None = None,
    strict: bool = False,
    glob: str | None = None,
    jobs: int = 1,
    registry: FormatRegistry | None = None,
    lexicon: Lexicon | None = None,
    profile: CorpusProfile | None = None,
    shards: int | None = None,
    storage_options: StorageOptions | None = None,
) -> datasets.IterableDataset:
    """A ``datasets.IterableDataset`` of the records :func:`to_dataset` gives, parsed as
    they are read.

    The dataset has shards (``num_shards``), which ``DataLoader`` workers and
    ``split_dataset_by_node`` share out.  By default each path in *paths* is
    a shard, and nothing is listed or parsed until it is read.  With *shards*
    = N, the files are listed now (not parsed) and cut into N shards of
    consecutive files, of as near the same number of files as can be (fewer
    shards when there are fewer files).  Read in one process the shards come
    in order, so the records do too.  An archive is best left a shard of its
    own (the default): with *shards* its members are listed by name, and each
    is found in the archive again when it is read.  With *jobs* > 1 each shard is parsed in
    that many worker processes, which the (daemonic) ``DataLoader`` workers
    cannot start: keep *jobs* = 1 there.  The other arguments are those of
    :func:`to_dataset`.

    .. versionadded:: 0.2.0
    """
    if shards is not None and shards < 1:
        raise ValueError(f"shards must be a positive number of shards, not {shards}")
    registry = chosen_registry(registry, lexicon, profile)
    if shards is None:
        pieces = [[os.fspath(path)] for path in as_many(paths)]
    else:
        # A directory with no file (its no-files error) is named again, to be listed again.
        listed = list_files(
            paths, glob=glob, storage_options=storage_options, read_members=False,
            read_ahead=False,
        )  # fmt: skip
        pieces = _split([path_of(item) for item in listed], shards)
    generate = partial(
        _shard_rows, format=format, strict=strict, glob=glob, jobs=jobs, registry=registry,
        storage_options=storage_options,
    )  # fmt: skip
    dataset: datasets.IterableDataset = _datasets().IterableDataset.from_generator(
        generate, features=features(), gen_kwargs={"shards": pieces or [[]]}
    )
    return dataset
