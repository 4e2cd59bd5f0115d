"""Outputs at a URL (``s3://bucket/out.parquet``, ``s3://bucket/prefix/``), built here, uploaded.

A URL output is written exactly as a local one (:mod:`newsparse._corpus.outputs`),
to a staging path in the user's cache directory that the URL names
(:func:`staging_target`), and uploaded through fsspec once the run is
complete.  So a run that is stopped before then leaves the remote object as
it was, and its staging directory, which ``--resume`` continues; an upload
that fails keeps the staging directory too, and ``--resume`` parses only the
last file again and uploads.  An object store replaces an object whole when
its upload completes, so a run stopped during the upload of a file leaves the
previous object or the new one, never a mix; a dataset's parts are uploaded
one after another, then the previous parts beyond the new ones deleted.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import hashlib
import os

from newsparse._corpus.outputs import (
    Output,
    foreign_to_dataset,
    not_a_dataset,
    open_file_output,
)
from newsparse._errors import OutputError
from newsparse._storage.options import StorageOptions
from newsparse._storage.remote import MISSING_OUTPUT_EXTRA, filesystem

__all__ = ["RemotePlacement", "open_remote_output", "staging_target"]


def _cache_home() -> str:
    return os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")


def staging_target(url: str) -> str:
    """The local path a run writes the output *url* as before it uploads it:
    ``$XDG_CACHE_HOME/newsparse/outputs/KEY/NAME`` (default ``~/.cache``), KEY made of the
    URL, NAME its last part; its temporary file or directory is ``NAME.partial`` there."""
    key = hashlib.sha256(url.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    name = url.rstrip("/").rsplit("/", 1)[-1]
    if name in {"", ".", ".."} or os.sep in name or (os.altsep and os.altsep in name):
        name = "output"  # a name that would not stay in its directory
    return os.path.join(_cache_home(), "newsparse", "outputs", key, name)


class RemotePlacement:
    """The URL an output is uploaded to, on its fsspec file system."""

    def __init__(self, url: str, options: StorageOptions, *, dataset: bool) -> None:
        self.url = url
        self.dataset = dataset
        try:
            self.fs, path = filesystem(url, options)
        except ImportError:
            raise OutputError(MISSING_OUTPUT_EXTRA, code="missing-extra", path=url) from None
        except ValueError as error:  # fsspec knows no such protocol
            raise OutputError(
                f"is not a URL fsspec can write ({error})", code="bad-url", path=url
            ) from None
        self.path: str = path.rstrip("/")

    def _parts(self) -> list[str]:
        """The names of the objects under the dataset's prefix (none when it is not there)."""
        self.fs.invalidate_cache()
        try:
            found = self.fs.ls(self.path, detail=False)
        except FileNotFoundError:
            return []
        except Exception as error:  # noqa: BLE001 -- see place()
            raise self._unreachable(error) from None
        return [str(entry).rstrip("/").rsplit("/", 1)[-1] for entry in found]

    def _unreachable(self, error: Exception) -> OutputError:
        return OutputError(
            f"cannot look at the output's place ({type(error).__name__}: {error}); check the "
            "URL, the credentials and --storage-option",
            code="remote",
            path=self.url,
        )

    def check(self) -> None:
        """Refuse a dataset prefix that holds objects a run does not write (it deletes parts)."""
        if self.dataset and (foreign := foreign_to_dataset(self._parts())):
            raise not_a_dataset(self.url, foreign)

    def exists(self) -> bool:
        if self.dataset:
            return bool(self._parts())
        self.fs.invalidate_cache()
        try:
            return bool(self.fs.exists(self.path))
        except Exception as error:  # noqa: BLE001 -- see place()
            raise self._unreachable(error) from None

    def place(self, built: str, temp: str) -> None:
        try:
            if not self.dataset:
                self.fs.put_file(built, self.path)
                return
            before = set(self._parts())
            names = sorted(os.listdir(built))
            for name in names:
                self.fs.put_file(os.path.join(built, name), f"{self.path}/{name}")
            stale = sorted(before - set(names))
            if stale:
                self.fs.rm([f"{self.path}/{name}" for name in stale])
        # fsspec's file systems raise their own errors as well as OSError (botocore's, aiohttp's).
        except Exception as error:  # noqa: BLE001
            raise OutputError(
                f"cannot upload the output ({type(error).__name__}: {error}); its records are "
                f"kept in {temp}: fix the cause and run the same command with --resume, which "
                "parses only the last file again and uploads",
                code="upload",
                path=self.url,
            ) from None


def open_remote_output(
    url: str,
    kind: str,
    *,
    resume: bool,
    options: StorageOptions,
    dataset: bool = False,
    part_bytes: int | None = None,
) -> Output:
    """The output of *kind* at *url* (with *dataset*, a Parquet dataset under the prefix
    *url*), staged at :func:`staging_target` and uploaded when it is complete.

    Raises :class:`~newsparse.OutputError`: ``missing-extra`` without fsspec,
    ``bad-url``, ``not-a-dataset``, and those of
    :func:`~newsparse._corpus.outputs.open_file_output`.
    """
    placement = RemotePlacement(url, options, dataset=dataset)
    placement.check()
    staged = staging_target(url)
    os.makedirs(os.path.dirname(staged), exist_ok=True)
    return open_file_output(
        staged, kind, resume=resume, dataset=dataset, part_bytes=part_bytes,
        placement=placement, name=url,
    )  # fmt: skip
