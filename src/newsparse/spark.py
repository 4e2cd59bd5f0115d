"""Parse a corpus with Spark, in local mode or on a cluster (``pip install 'newsparse[spark]'``).

Paths are listed on the driver and become a DataFrame of paths, cut into
partitions in path order; each partition is parsed on an executor by
``mapInArrow``, which builds Arrow record batches there::

    frame = to_spark_dataframe(spark, "corpus/")   # a directory, a glob or a list of paths
    frame.write.parquet("corpus-parquet/")          # one part file a partition

The DataFrame has one row per record, exactly as ``newsparse parse -o
out.parquet`` writes them (an article's row, or a failed file's error row),
in the same order, with the columns of :func:`spark_schema` (which is
:func:`~newsparse._corpus.arrow.arrow_schema` in Spark's types).  The
executors must see the files at the same paths (a shared file system) and
run a Python with newsparse installed (``PYSPARK_PYTHON``); the session must
be a classic one, not Spark Connect (the paths go out through its
``sparkContext``).

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import contextlib
import math
import os
import warnings
from collections.abc import Iterable, Iterator
from functools import partial
from typing import Any, Final

try:
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql.pandas.types import from_arrow_schema
    from pyspark.sql.types import BinaryType, IntegerType, StructField, StructType
except ImportError:
    raise ImportError("newsparse.spark needs pyspark: pip install 'newsparse[spark]'") from None

from newsparse._api import chosen_registry
from newsparse._corpus.arrow import arrow_schema
from newsparse._corpus.batch import Listed, articles_of, path_of
from newsparse._corpus.escape import stored_path
from newsparse._corpus.outputs import _RowGroups
from newsparse._corpus.paths import PathsArgument, list_on_driver
from newsparse._corpus.writers import ParquetRows
from newsparse._errors import InputError, NewsparseError
from newsparse._formats.contract import FormatRegistry
from newsparse._model.corpus_profile import CorpusProfile
from newsparse._storage.fetched import Fetched
from newsparse._storage.options import StorageOptions
from newsparse._text.lexicon import Lexicon

__all__ = ["FILES_PER_PARTITION", "list_paths", "spark_schema", "to_spark_dataframe"]

FILES_PER_PARTITION: Final = 1024
"""The files in one partition when ``num_partitions`` is not given (docs/scaling.md, "A
cluster: Spark", has the measurement); there are never fewer partitions than Spark's
default parallelism, so that every core has work."""

# Rows per Arrow record batch an executor yields: the Parquet output's row group size, so
# that a partition of any size takes bounded memory.
_BATCH_ROWS: Final = 1000
# A path crosses to the executors as bytes (os.fsencode), so that a name that is not
# UTF-8 arrives as it was; a listed error (a directory with no file) stays on the driver,
# and its row only says which one it is.
# An archive's member comes with its bytes, read on the driver (an archive is read once,
# from start to end); other files are read by the executor.
_PATHS: Final = StructType(
    [
        StructField("path", BinaryType(), nullable=True),
        StructField("listed", IntegerType()),
        StructField("data", BinaryType(), nullable=True),
    ]
)


def spark_schema() -> StructType:
    """The ``pyspark.sql.types.StructType`` of the rows of :func:`to_spark_dataframe`.

    It is :func:`~newsparse._corpus.arrow.arrow_schema` in Spark's types:
    ``published`` is a ``date``, ``retrieved`` a ``timestamp_ntz`` (the time
    as written), ``retrieved_utc_offset`` an ``interval day to second`` and
    the lists and structs ``array`` and ``struct``.

    .. versionadded:: 0.2.0
    """
    schema: StructType = from_arrow_schema(arrow_schema(), prefer_timestamp_ntz=True)
    return schema


def list_paths(
    paths: PathsArgument,
    *,
    glob: str | None = None,
    storage_options: StorageOptions | None = None,
) -> list[Listed]:
    """The files *paths* stand for, as :func:`to_spark_dataframe` lists them, in a stable
    order: a glob pattern (``"corpus/**/*.txt"``), a file, a directory (recursively, its
    files' names filtered by *glob*), an archive (its members, read), a URL (listed with
    *storage_options*) or a list of those; a directory or a pattern that stands for no
    file gives its ``no-files`` error in its place.

    .. versionadded:: 0.2.0
    """
    return list_on_driver(paths, glob=glob, storage_options=storage_options)


def to_spark_dataframe(
    spark: SparkSession,
    paths: PathsArgument,
    *,
    num_partitions: int | None = None,
    format: str | None = None,
    glob: str | None = None,
    strict: bool = False,
    lexicon: Lexicon | None = None,
    profile: CorpusProfile | None = None,
    storage_options: StorageOptions | None = None,
) -> DataFrame:
    """A Spark DataFrame of the records of the files *paths* stand for, parsed on the executors.

    *paths* is as in :func:`list_paths` (listed here, on the driver).  The
    files are cut into *num_partitions* partitions in path order (by default
    one per :data:`FILES_PER_PARTITION` files, and at least Spark's default
    parallelism); each is parsed in an executor's Python worker, into Arrow
    record batches of :func:`spark_schema`.  The rows are those of
    ``newsparse parse -o out.parquet`` for the same files, in the same order:
    one per article, ``{"path", **Article.to_dict()}`` flattened, and one
    ``path``, ``error``, ``code`` row per file that failed.  *format*,
    *strict*, *lexicon*, *profile* and *storage_options* are as in
    :func:`~newsparse.iter_results` (the executors read URLs with the options).

    .. versionadded:: 0.2.0
    """
    files = list_paths(paths, glob=glob, storage_options=storage_options)
    if num_partitions is None:
        wanted = math.ceil(len(files) / FILES_PER_PARTITION)
        num_partitions = max(wanted, spark.sparkContext.defaultParallelism)
    if num_partitions < 1:
        raise ValueError(f"num_partitions must be at least 1, not {num_partitions}")
    listed: list[InputError] = []
    rows: list[tuple[bytes | None, int | None, bytes | None]] = []
    for item in files:
        if isinstance(item, InputError):
            rows.append((None, len(listed), None))
            listed.append(item)
        elif isinstance(item, Fetched):
            rows.append((os.fsencode(item.name), None, item.data))
        else:
            rows.append((os.fsencode(item), None, None))
    frame = spark.createDataFrame(spark.sparkContext.parallelize(rows, num_partitions), _PATHS)
    parse = partial(
        _parse_partition,
        listed=tuple(listed),
        here=os.getcwd(),
        format=format,
        strict=strict,
        registry=chosen_registry(None, lexicon, profile),
        storage_options=storage_options,
    )
    with warnings.catch_warnings():
        # mapInArrow is built on pandas_udf, which warns about the pandas installed; this
        # path never uses pandas (Arrow batches in and out), so the warning says nothing here.
        warnings.filterwarnings(
            "ignore", "PySpark does not yet fully support pandas", FutureWarning
        )
        return frame.mapInArrow(parse, spark_schema())


def _parse_partition(
    batches: Iterable[Any],
    *,
    listed: tuple[InputError, ...],
    here: str,
    format: str | None,
    strict: bool,
    registry: FormatRegistry | None,
    storage_options: StorageOptions | None,
) -> Iterator[Any]:
    """The Arrow record batches of the files of one partition (on an executor).

    A relative path is relative to the driver's directory *here*: records keep paths as
    given (as the command's do, error messages included), so the files are read from
    there.  A Python worker runs one task at a time, so the change of directory is the
    task's alone; where *here* does not exist (another machine), paths are the worker's.
    """
    encoder = ParquetRows()
    groups = _RowGroups()
    before = os.getcwd()
    try:
        with contextlib.suppress(OSError):
            os.chdir(here)
        for batch in batches:
            columns = (batch.column(0).to_pylist(), batch.column(1).to_pylist(),
                       batch.column(2).to_pylist())  # fmt: skip
            for path, error, data in zip(*columns, strict=True):
                item: Listed
                if path is None:
                    item = listed[error]
                elif data is None:
                    item = os.fsdecode(path)
                else:
                    item = Fetched(name=os.fsdecode(path), data=data)
                rows = _file_rows(
                    item, encoder, format=format, strict=strict, registry=registry,
                    storage_options=storage_options,
                )  # fmt: skip
                groups.add(rows)
                if groups.rows >= _BATCH_ROWS:
                    yield from groups.table().to_batches()
        table = groups.table()
        if table is not None:
            yield from table.to_batches()
    finally:
        os.chdir(before)


def _file_rows(
    item: Listed,
    encoder: ParquetRows,
    *,
    format: str | None,
    strict: bool,
    registry: FormatRegistry | None,
    storage_options: StorageOptions | None,
) -> list[dict[str, Any]]:
    """The rows of one file, as ``newsparse parse`` makes them: its articles', then its
    error's (an article the output cannot store is its ``unwritable`` error)."""
    path = stored_path(path_of(item))
    rows: list[dict[str, Any]] = []
    articles = articles_of(
        item, format=format, strict=strict, registry=registry, storage_options=storage_options
    )
    try:
        for article in articles:
            rows.append(encoder.article(path, article))
    except NewsparseError as error:
        rows.append(encoder.error(path, error))
    return rows
