"""Builders of archives for tests: members with the exact name bytes a creator wrote."""

from __future__ import annotations

import io
import tarfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

Members = Sequence[tuple[bytes, bytes]]
"""An archive's members: each one's name as bytes, and its data."""


class _RawName(zipfile.ZipInfo):
    """A zip entry whose name is written as the given bytes, with bit 11 (UTF-8) as given:
    zipfile itself writes any name that is not ASCII as UTF-8."""

    raw = b""

    def _encodeFilenameFlags(self) -> tuple[bytes, int]:  # noqa: N802 -- zipfile's name
        return self.raw, self.flag_bits


def write_zip(
    path: Path, members: Members, *, utf8_flag: bool = False, flagged: frozenset[int] = frozenset()
) -> Path:
    """A zip at *path* holding *members*, their names as their bytes (bit 11 set for all with
    *utf8_flag*, else for the members whose index is in *flagged*)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for number, (raw, data) in enumerate(members):
            info = _RawName(raw.decode("cp437"), date_time=(2024, 1, 29, 0, 0, 0))
            info.raw = raw
            info.compress_type = zipfile.ZIP_DEFLATED
            if utf8_flag or number in flagged:
                info.flag_bits |= 0x800
            archive.writestr(info, data)
    return path


def write_tar(path: Path, members: Members, *, mode: str = "w:gz") -> Path:
    """A tar at *path* (compressed as *mode* says) holding *members*, names as their bytes."""
    archive = tarfile.open(  # noqa: SIM115 -- closed by the with below
        path, mode, format=tarfile.GNU_FORMAT, encoding="utf-8", errors="surrogateescape"
    )  # type: ignore[call-overload]
    with archive:
        for raw, data in members:
            info = tarfile.TarInfo(raw.decode("utf-8", "surrogateescape"))
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def write_tar_zst(path: Path, members: Members) -> Path:
    """A zstandard-compressed tar at *path* holding *members*."""
    import zstandard  # noqa: PLC0415 -- optional extra

    plain = write_tar(path.with_suffix(".plain"), members, mode="w")
    path.write_bytes(zstandard.ZstdCompressor().compress(plain.read_bytes()))
    plain.unlink()
    return path
