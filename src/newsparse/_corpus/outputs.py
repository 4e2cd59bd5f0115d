"""Where a run's records go: standard output, or a file that is only ever replaced whole.

A file output is written to a temporary file beside it (``OUT.partial``; a
directory of part files for Parquet), whole records at a time, flushed at
least every few seconds, and renamed over ``OUT`` once the run is complete.
So a run that is interrupted, killed or out of disk space leaves the previous
``OUT`` as it was, and a temporary file that holds whole records, from which
``--resume`` continues (:mod:`newsparse._corpus.resume`).  Writes happen with SIGINT
and SIGTERM held, so a signal never cuts a record in two; only a kill or a
full disk can, and then only the last one, which a resume drops.  The
temporary file is locked while a run writes it, so two runs cannot both.

A Parquet *dataset* (``-o DIR/``) is built the same way: its rows are staged
as the part files of ``DIR.partial/``, and only a complete run makes them
into ``DIR/part-00000.parquet``, ... of about :data:`DATASET_PART_BYTES`
each and puts that directory in the place of the previous ``DIR``.  Where the
complete output goes is a :class:`Placement`: a local rename here, an upload
for a URL (:mod:`newsparse._corpus.remote_outputs`).

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import ctypes
import errno
import os
import re
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any, Final, NamedTuple, Protocol

from newsparse._corpus.arrow import arrow_schema, arrow_table_of_rows, to_arrow_row
from newsparse._corpus.batch import error_record
from newsparse._corpus.resume import Recorded, Summary, csv_summaries, groups, json_summaries
from newsparse._corpus.signals import held
from newsparse._corpus.writers import CSV_HEAD, unwritable
from newsparse._errors import OutputError

if sys.platform != "win32":  # Windows has no advisory locks: there, one run at a time
    import fcntl

__all__ = [
    "DATASET_PART_BYTES",
    "SUFFIXES",
    "FileFailure",
    "Output",
    "Placement",
    "dataset_part",
    "foreign_to_dataset",
    "is_dataset_target",
    "not_a_dataset",
    "open_file_output",
    "open_stream_output",
    "temporary_path",
]

SUFFIXES: Final = {".jsonl": "jsonl", ".json": "json", ".csv": "csv", ".parquet": "parquet"}
"""The output kind each file suffix stands for."""

_FLUSH_BYTES = 1 << 20  # whole records are written out a mebibyte at a time...
_FLUSH_SECONDS = 5.0  # ...or once this long has passed since the last write
_ROW_GROUP = 1000  # records per Parquet row group: bounded memory, few enough groups
_PART_SECONDS = 30.0  # a Parquet part file is written once this long has passed too

DATASET_PART_BYTES: Final = 128 << 20
"""The size at which a Parquet dataset's part file ends (at the next file boundary): the
lower end of the 128 MiB to 1 GiB that Spark, DuckDB and polars read best."""

_DATASET_PART = re.compile(r"part-\d{5}\.parquet")


def _bare(target: str) -> str:
    """*target* without the trailing separators that say "a directory" (``DIR/``)."""
    return target.rstrip("/" + os.sep) or target


def temporary_path(target: str) -> str:
    """Where the output *target* is written until the run is complete (``DIR/``: in
    ``DIR.partial``)."""
    return _bare(target) + ".partial"


def is_dataset_target(target: str) -> bool:
    """Whether ``-o target`` names a Parquet dataset: it ends with a separator
    (``corpus-parquet/``, ``s3://bucket/prefix/``) or is a local directory already."""
    return target.endswith(("/", os.sep)) or os.path.isdir(target)


def dataset_part(number: int) -> str:
    """The name of a dataset's part file *number* (``part-00000.parquet``)."""
    return f"part-{number:05d}.parquet"


def foreign_to_dataset(names: list[str]) -> list[str]:
    """The names among *names* (a dataset directory's entries) that no run writes there."""
    return sorted(name for name in names if not _DATASET_PART.fullmatch(name))


class Placement(Protocol):
    """Where a file output's complete result goes: its target (a path, or a URL)."""

    def exists(self) -> bool:
        """Whether the target holds an earlier output (a run that read nothing keeps it)."""
        ...

    def place(self, built: str, temp: str) -> None:
        """Put *built* (a complete file, or a dataset's directory) in the target's place; a
        failure raises :class:`~newsparse.OutputError`.  *temp* is the run's temporary
        directory or file, kept until this returns."""
        ...


_AT_FDCWD = -100  # <fcntl.h>: a path relative to the working directory
_RENAME_EXCHANGE = 2  # <linux/fs.h>
_CANNOT_EXCHANGE = frozenset({errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP})


def _exchange(first: str, second: str) -> bool:
    """Swap the two paths at once (Linux's renameat2); False where that cannot be done (no
    such call, a file system without it), and the caller renames one after the other."""
    if sys.platform != "linux":
        return False
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:  # a C library older than glibc 2.28
        return False
    paths = os.fsencode(first), os.fsencode(second)
    if renameat2(_AT_FDCWD, paths[0], _AT_FDCWD, paths[1], _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in _CANNOT_EXCHANGE:
        return False
    raise OSError(code, os.strerror(code), second)


class _Rename:
    """A local target, replaced by renaming the complete output over it."""

    def __init__(self, target: str) -> None:
        self.target = target

    def exists(self) -> bool:
        return os.path.lexists(self.target)

    def place(self, built: str, temp: str) -> None:
        try:
            with held():
                if not (os.path.isdir(built) and os.path.isdir(self.target)):
                    os.replace(built, self.target)
                elif not _exchange(built, self.target):
                    # A directory cannot be renamed over another that holds files: the
                    # previous one goes into the temporary directory, which is removed next,
                    # and only a kill between the two renames leaves no DIR (but that one).
                    os.rename(self.target, os.path.join(temp, "replaced"))
                    os.rename(built, self.target)
                _sync_directory(self.target)
        except OSError as error:
            raise _write_error(self.target, error, temp) from None


class _Layout(NamedTuple):
    head: bytes  # before the first record
    separator: bytes  # between two files' records
    tail: bytes  # after the last record
    empty: bytes  # after the head when there is no record


_LAYOUTS: Final = {
    "jsonl": _Layout(b"", b"", b"", b""),
    "pretty": _Layout(b"", b"", b"", b""),
    "json": _Layout(b"[\n", b",\n", b"\n]\n", b"]\n"),
    "csv": _Layout(CSV_HEAD, b"", b"", b""),
}


class FileFailure(NamedTuple):
    """A file whose records the output could not store, and stored as its error instead."""

    path: str
    articles: int
    code: str


class Output:
    """Where a run's records go; ``kept`` holds what an interrupted run left (``--resume``)."""

    kept: list[Recorded]
    """The files an earlier run recorded that this one keeps, in order."""
    name: str
    """What messages call it: the output's path, or ``standard output``."""
    closed = False
    """Whether it was finished, abandoned or discarded: nothing more is written to it."""
    temp: str | None = None
    """Where a file output is written until the run is complete (kept for ``--resume``)."""
    placing = False
    """Whether the complete output was being put in place (uploaded) when the run stopped."""

    def target_exists(self) -> bool:
        """Whether the output's target holds an earlier run's output (standard output: no)."""
        return False

    def write(self, encoded: Any) -> None:
        """Store one file's records, as its encoder joined them."""
        raise NotImplementedError  # pragma: no cover

    def take_failures(self) -> list[FileFailure]:
        """The files turned into error records since the last call (Parquet only)."""
        return []

    def finish(self) -> None:
        """Complete the output: a file output replaces its target only now."""
        raise NotImplementedError  # pragma: no cover

    def abandon(self) -> None:
        """Stop without completing: what is whole is written out, a file's target untouched."""
        raise NotImplementedError  # pragma: no cover

    def discard(self) -> None:
        """Stop and throw away what this run wrote: a file's target untouched, no temporary."""
        self.abandon()


def _write_error(name: str, error: OSError, keep: str | None) -> OutputError:
    where = "" if keep is None else f"; the records written so far are kept in {keep}: " \
        "fix the cause and run again with --resume"  # fmt: skip
    return OutputError(f"cannot write ({error.strerror or error}){where}", code="write", path=name)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _lock(fd: int, name: str) -> None:
    if sys.platform == "win32":  # pragma: no cover
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise OutputError(
            "another newsparse run is writing this output (its temporary file is locked); "
            "wait for that run to end",
            code="busy",
            path=name,
        ) from None


def _fsync(path: str) -> None:
    with open(path, "rb+") as done:
        os.fsync(done.fileno())


def _sync_directory(path: str) -> None:
    """Make a rename in *path*'s directory durable (POSIX; elsewhere renames are)."""
    if os.name != "posix":  # pragma: no cover
        return
    fd = os.open(os.path.dirname(os.path.abspath(path)), os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class _Stream(Output):
    """Standard output (or any binary stream): written a file at a time, as records come."""

    def __init__(self, out: IO[bytes], layout: _Layout) -> None:
        self.out = out
        self.layout = layout
        self.kept = []
        self.name = "standard output"
        self.count = 0
        self.broken = False
        self._put(layout.head)

    def _put(self, data: bytes) -> None:
        try:
            with held():
                self.out.write(data)
                self.out.flush()
        except OSError as error:
            self.broken = True
            if isinstance(error, BrokenPipeError):
                raise
            raise _write_error(self.name, error, None) from None

    def write(self, encoded: Any) -> None:
        self._put((self.layout.separator if self.count else b"") + encoded)
        self.count += 1

    def finish(self) -> None:
        self.closed = True
        self._put(self.layout.tail if self.count else self.layout.empty)

    def abandon(self) -> None:
        if not (self.broken or self.closed):
            self.finish()  # what was written is whole: close the JSON array too


class _FileOutput(Output):
    """A file output: written as ``OUT.partial``, locked by the run, renamed over ``OUT``."""

    temp: str

    def __init__(self, target: str, *, placement: Placement | None, name: str | None) -> None:
        self.target = _bare(target)
        self.name = name or target
        self.temp = temporary_path(target)
        self.placement = placement or _Rename(self.target)
        self.kept = []
        self.broken = False  # a write failed: what is in the temporary file stays as it is
        self.last = time.monotonic()
        # The descriptor that holds the run's lock till the end: the temporary file itself,
        # or for Parquet a lock file in its directory.
        self.fd = -1

    def _locked(self, opened: Callable[[], int]) -> None:
        """Open the descriptor *opened* gives, as ``fd``, and lock it for this run."""
        try:
            self.fd = opened()
        except OSError as error:
            raise OutputError(
                f"cannot create the output ({error.strerror or error}); check the directory "
                "and its permissions",
                code="write",
                path=self.temp,
            ) from None
        _lock(self.fd, self.temp)

    def _pending(self) -> bool:
        raise NotImplementedError  # pragma: no cover

    def _flush(self) -> None:
        raise NotImplementedError  # pragma: no cover

    def _close(self) -> None:
        if not self.closed:
            self.closed = True
            os.close(self.fd)

    def target_exists(self) -> bool:
        return self.placement.exists()

    def _place(self, built: str) -> None:
        self.placing = True
        self.placement.place(built, self.temp)
        self.placing = False

    def abandon(self) -> None:
        if self.closed:
            return
        try:
            if self._pending() and not self.broken:
                self._flush()
        finally:
            self._close()

    def discard(self) -> None:
        self._close()
        if os.path.isdir(self.temp):
            shutil.rmtree(self.temp)
        else:
            os.unlink(self.temp)


class _TextFile(_FileOutput):
    """A text output (JSON Lines, JSON, CSV) written to ``OUT.partial``, renamed at the end."""

    def __init__(
        self,
        target: str,
        kind: str,
        *,
        resume: bool,
        placement: Placement | None = None,
        name: str | None = None,
    ) -> None:
        super().__init__(target, placement=placement, name=name)
        self.kind = kind
        self.layout = _LAYOUTS[kind]
        self.pending: list[bytes] = []
        self.size = 0
        self.count = 0
        self.cut: int | None = None
        if resume and os.path.exists(self.temp):
            self._locked(lambda: os.open(self.temp, os.O_RDWR))
            self._resume()
        else:
            flags = os.O_RDWR | os.O_CREAT | os.O_EXCL
            self._locked(lambda: os.open(self.temp, flags, 0o666))
            self._write(self.layout.head)

    def _resume(self) -> None:
        """Keep the whole files an earlier run recorded but the last, and write on after them."""
        head = self.layout.head
        with os.fdopen(os.dup(self.fd), "rb") as handle:
            start = handle.read(len(head))
            if len(start) < len(head) and head.startswith(start):  # cut before a record
                os.ftruncate(self.fd, 0)
                os.lseek(self.fd, 0, os.SEEK_SET)
                _write_all(self.fd, head)
                return
            if start != head:
                raise OutputError(
                    f"does not start as the {self.kind} output a run writes, so it cannot be "
                    "resumed; delete it to start over",
                    code="cannot-resume",
                    path=self.temp,
                )
            summaries: Iterator[Summary]
            if self.kind == "csv":
                summaries = csv_summaries(handle)
            else:
                summaries = json_summaries(handle, separated=self.kind == "json")
            recorded = groups(summaries)
        self.kept = recorded[:-1]  # the last file's records may have been cut short
        self.count = len(self.kept)
        # Cut there at the first write, not now: a resume refused later (the inputs changed)
        # leaves the file as it found it.
        self.cut = self.kept[-1].end if self.kept else len(head)

    def write(self, encoded: Any) -> None:
        data = (self.layout.separator if self.count else b"") + encoded
        self.count += 1
        self.pending.append(data)
        self.size += len(data)
        if self.size >= _FLUSH_BYTES or time.monotonic() - self.last >= _FLUSH_SECONDS:
            self._flush()

    def _flush(self) -> None:
        data = b"".join(self.pending)
        self.pending, self.size, self.last = [], 0, time.monotonic()
        self._write(data)

    def _write(self, data: bytes) -> None:
        try:
            with held():
                if self.cut is not None:
                    os.ftruncate(self.fd, self.cut)
                    os.lseek(self.fd, self.cut, os.SEEK_SET)
                    self.cut = None
                _write_all(self.fd, data)
        except OSError as error:
            self.broken = True  # what is in the temporary file stays; resume redoes the rest
            raise _write_error(self.temp, error, self.temp) from None

    def _pending(self) -> bool:
        return bool(self.pending)

    def finish(self) -> None:
        self.pending.append(self.layout.tail if self.count else self.layout.empty)
        self._flush()
        try:
            with held():
                os.fsync(self.fd)
                self._close()
        except OSError as error:
            raise _write_error(self.target, error, self.temp) from None
        # Renamed, the temporary file is gone; uploaded, it is left with its tail, which a
        # resume cuts off with the last file's records.
        self._place(self.temp)
        if os.path.exists(self.temp):
            os.unlink(self.temp)


class _RowGroups:
    """Rows of the Arrow schema gathered a file at a time, made into tables.

    A table that cannot be built (a value Arrow cannot store) is built again
    file by file, and each file whose rows fail becomes its error row.
    """

    def __init__(self) -> None:
        self.schema = arrow_schema()  # first: it says what to install when pyarrow is missing
        self.files: list[list[dict[str, Any]]] = []
        self.rows = 0
        self.failures: list[FileFailure] = []

    def add(self, rows: list[dict[str, Any]]) -> None:
        self.files.append(rows)
        self.rows += len(rows)

    def table(self) -> Any:
        """The gathered rows as one table (emptied); None when there is none."""
        files, self.files, self.rows = self.files, [], 0
        if not files:
            return None
        try:
            return arrow_table_of_rows([row for rows in files for row in rows], self.schema)
        except (ValueError, TypeError, OverflowError):
            pass
        tables = []
        for rows in files:
            try:
                tables.append(arrow_table_of_rows(rows, self.schema))
            except (ValueError, TypeError, OverflowError) as problem:
                path = rows[0]["path"]
                error = unwritable(path, "Parquet", problem)
                articles = sum(row.get("error") is None for row in rows)
                self.failures.append(FileFailure(path, articles, error.code))
                kept = [row for row in rows if row.get("error") is not None]
                error_row = to_arrow_row(error_record(path, error))
                tables.append(arrow_table_of_rows([*kept, error_row], self.schema))
        import pyarrow as pa  # noqa: PLC0415 -- optional extra, there once arrow_schema() ran

        return pa.concat_tables(tables)

    def take_failures(self) -> list[FileFailure]:
        failures, self.failures = self.failures, []
        return failures


class _ParquetStream(Output):
    """Parquet on standard output (a pipe): one row group per _ROW_GROUP records."""

    def __init__(self, out: IO[bytes]) -> None:
        import pyarrow.parquet as pq  # noqa: PLC0415 -- optional extra

        self.groups = _RowGroups()
        self.writer = pq.ParquetWriter(out, self.groups.schema)
        self.kept = []
        self.name = "standard output"

    def write(self, encoded: Any) -> None:
        self.groups.add(encoded)
        if self.groups.rows >= _ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        table = self.groups.table()
        if table is not None:
            try:
                with held():
                    self.writer.write_table(table)
            except OSError as error:
                raise _write_error(self.name, error, None) from None

    def take_failures(self) -> list[FileFailure]:
        return self.groups.take_failures()

    def finish(self) -> None:
        self.closed = True
        self._flush()
        with held():
            self.writer.close()

    def abandon(self) -> None:
        if not self.closed:
            self.finish()


class _ParquetFile(_FileOutput):
    """Parquet written as part files in ``OUT.parquet.partial/``, merged into ``OUT`` at the end.

    A part file is written under a temporary name and renamed, so each one
    there is whole; parts end at file boundaries, so a file's rows are in one.
    With *dataset*, the parts are made at the end into a directory of part
    files of about *part_bytes* each (``DIR/``) instead of one file.
    """

    def __init__(
        self,
        target: str,
        *,
        resume: bool,
        dataset: bool = False,
        part_bytes: int | None = None,
        placement: Placement | None = None,
        name: str | None = None,
    ) -> None:
        super().__init__(target, placement=placement, name=name)
        self.dataset = dataset
        self.part_bytes = DATASET_PART_BYTES if part_bytes is None else part_bytes
        self.groups = _RowGroups()
        self.last_rows = 0
        self._locked(lambda: self._directory(resume=resume))
        self.parts = self._resume()

    def _directory(self, *, resume: bool) -> int:
        """Make the directory of part files (or keep it, with *resume*); its lock file's fd."""
        if not (resume and os.path.isdir(self.temp)):
            os.mkdir(self.temp)
        return os.open(os.path.join(self.temp, "lock"), os.O_RDWR | os.O_CREAT, 0o666)

    def _part(self, number: int) -> Path:
        return Path(self.temp, f"part-{number:06d}.parquet")

    def _resume(self) -> int:
        """Keep the parts an earlier run wrote but the last file's rows; return the parts' count."""
        import pyarrow.parquet as pq  # noqa: PLC0415 -- optional extra

        summaries: list[Summary] = []
        number = 0
        while self._part(number).exists():
            table = pq.read_table(self._part(number), columns=["path", "code", "diagnostics"])
            for row in table.to_pylist():
                codes = tuple(d["code"] for d in row["diagnostics"] or ())
                summaries.append(Summary(number, row["path"], row["code"], codes))
            number += 1
        recorded = groups(summaries)
        if not recorded:
            return 0
        self.kept = recorded[:-1]  # the last file's rows may have been cut short
        # A file's rows are all in one part, so the last file's are the end of the last part.
        last_file = 0
        for summary in reversed(summaries):
            if summary.path != recorded[-1].path:
                break
            last_file += 1
        self.last_rows = last_file  # dropped at the first write: see _TextFile._resume
        return number

    def _drop_last_rows(self) -> None:
        import pyarrow.parquet as pq  # noqa: PLC0415 -- optional extra

        rows, self.last_rows = self.last_rows, 0
        if not rows:
            return
        last = self._part(self.parts - 1)
        table = pq.read_table(last)
        if table.num_rows > rows:
            self._write_part(self.parts - 1, table.slice(0, table.num_rows - rows))
        else:
            last.unlink()
            self.parts -= 1

    def _write_part(self, number: int, table: Any) -> None:
        import pyarrow.parquet as pq  # noqa: PLC0415 -- optional extra

        part = self._part(number)
        building = part.with_suffix(".building")
        try:
            with held():
                pq.write_table(table, building)
                os.replace(building, part)
        except OSError as error:
            raise _write_error(self.temp, error, self.temp) from None

    def write(self, encoded: Any) -> None:
        self.groups.add(encoded)
        if self.groups.rows >= _ROW_GROUP or time.monotonic() - self.last >= _PART_SECONDS:
            self._flush()

    def _flush(self) -> None:
        self.last = time.monotonic()
        table = self.groups.table()
        if table is not None:
            self._drop_last_rows()
            self._write_part(self.parts, table)
            self.parts += 1

    def take_failures(self) -> list[FileFailure]:
        return self.groups.take_failures()

    def _staged(self) -> Iterator[Any]:
        """The tables of the part files, in order, gathered into row groups of _ROW_GROUP
        rows or more: the rows of whole part files, so a file's rows are in one."""
        import pyarrow as pa  # noqa: PLC0415 -- optional extra
        import pyarrow.parquet as pq  # noqa: PLC0415

        waiting: list[Any] = []
        rows = 0
        for number in range(self.parts):
            table = pq.read_table(self._part(number), schema=self.groups.schema)
            waiting.append(table)
            rows += table.num_rows
            if rows >= _ROW_GROUP:
                yield pa.concat_tables(waiting)
                waiting, rows = [], 0
        if waiting:
            yield pa.concat_tables(waiting)

    def _merged(self) -> str:
        """The part files merged into one Parquet file in the temporary directory."""
        import pyarrow.parquet as pq  # noqa: PLC0415 -- optional extra

        merged = os.path.join(self.temp, "merged.building")
        writer = pq.ParquetWriter(merged, self.groups.schema)
        written = False
        for table in self._staged():
            writer.write_table(table, row_group_size=_ROW_GROUP)
            written = True
        if not written:
            writer.write_table(self.groups.schema.empty_table())
        writer.close()
        _fsync(merged)
        return merged

    def _dataset(self) -> str:
        """The part files made into a dataset's directory in the temporary directory: parts
        of about part_bytes, each ending at a file boundary; one empty part for no rows,
        so that a reader still finds the schema."""
        import pyarrow.parquet as pq  # noqa: PLC0415 -- optional extra

        built = os.path.join(self.temp, "dataset.building")
        if os.path.isdir(built):  # an upload of an earlier run failed
            shutil.rmtree(built)
        os.mkdir(built)
        number = 0
        writer = None
        for table in self._staged():
            path = os.path.join(built, dataset_part(number))
            if writer is None:
                writer = pq.ParquetWriter(path, self.groups.schema)
            writer.write_table(table, row_group_size=_ROW_GROUP)
            if os.path.getsize(path) >= self.part_bytes:
                writer.close()
                _fsync(path)
                writer, number = None, number + 1
        if writer is None and number == 0:
            writer = pq.ParquetWriter(os.path.join(built, dataset_part(0)), self.groups.schema)
            writer.write_table(self.groups.schema.empty_table())
        if writer is not None:
            writer.close()
            _fsync(os.path.join(built, dataset_part(number)))
        return built

    def finish(self) -> None:
        self._flush()
        self._drop_last_rows()
        try:
            with held():
                built = self._dataset() if self.dataset else self._merged()
        except OSError as error:
            raise _write_error(self.target, error, self.temp) from None
        self._place(built)
        try:
            with held():
                self._close()
                shutil.rmtree(self.temp)
        except OSError as error:
            raise _write_error(self.target, error, self.temp) from None

    def _pending(self) -> bool:
        return bool(self.groups.rows)


def open_file_output(
    target: str,
    kind: str,
    *,
    resume: bool,
    dataset: bool = False,
    part_bytes: int | None = None,
    placement: Placement | None = None,
    name: str | None = None,
) -> Output:
    """The output of *kind* (``jsonl``, ``json``, ``csv``, ``parquet``) at the path *target*.

    With *resume*, an interrupted run's temporary file is continued (``kept``
    says what it held); without, the temporary file must not exist yet.  With
    *dataset* (Parquet only), *target* is a directory of part files of about
    *part_bytes* each (default :data:`DATASET_PART_BYTES`); an existing one must
    hold nothing else.  *placement* puts the complete output in its place
    (default: renamed over *target*); *name* is what messages call the output
    (default: *target*).
    Raises :class:`~newsparse.OutputError` (``write``, ``busy``,
    ``cannot-resume``, ``not-a-dataset``) and, for Parquet without pyarrow, ImportError.
    """
    if dataset:
        if kind != "parquet":
            raise ValueError(f"a dataset is Parquet, not {kind}")
        if placement is None:
            _check_dataset_directory(_bare(target))
        return _ParquetFile(
            target, resume=resume, dataset=True, part_bytes=part_bytes, placement=placement,
            name=name,
        )  # fmt: skip
    if kind == "parquet":
        return _ParquetFile(target, resume=resume, placement=placement, name=name)
    return _TextFile(target, kind, resume=resume, placement=placement, name=name)


def _check_dataset_directory(target: str) -> None:
    """Refuse to replace a directory that holds what a dataset output does not write."""
    if not os.path.lexists(target):
        return
    if not os.path.isdir(target):
        raise OutputError(
            "is a file, and a dataset output is a directory: name another one",
            code="not-a-dataset",
            path=target,
        )
    names = os.listdir(target)
    foreign = foreign_to_dataset(names)
    foreign += [
        n for n in names if n not in foreign and not os.path.isfile(os.path.join(target, n))
    ]
    if foreign:
        raise not_a_dataset(target, foreign)


def not_a_dataset(target: str, foreign: list[str]) -> OutputError:
    """The error of a dataset output whose directory holds *foreign* entries, which a run
    would throw away with it."""
    shown = ", ".join(foreign[:3]) + (", ..." if len(foreign) > 3 else "")
    return OutputError(
        f"holds what a dataset output does not write ({shown}), and a run replaces the "
        "whole directory: name a new or empty directory, or one an earlier run wrote",
        code="not-a-dataset",
        path=target,
    )


def open_stream_output(out: IO[bytes], kind: str) -> Output:
    """The output of *kind* (or ``pretty``) on the binary stream *out* (standard output)."""
    if kind == "parquet":
        return _ParquetStream(out)
    return _Stream(out, _LAYOUTS[kind])
