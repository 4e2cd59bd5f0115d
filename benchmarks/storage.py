"""Where a corpus lives, measured: archives against the same files unpacked, S3 against disk.

    python -m benchmarks.storage [--files 5000] [--repeat 3] [--jobs 2]

Generates a development corpus (``benchmarks/devcorpus.py``), packs its files into a
``.zip``, a ``.tar.gz`` and a ``.tar.zst`` (in the order a directory is read, so that
the records come in the same order), puts the directory and the zip on moto's S3
server on 127.0.0.1 (``tests/s3server.py``), then times ``newsparse parse SOURCE
--jobs N -o out.jsonl`` on each, runs alternated, best of ``--repeat``, and checks
that each run wrote the records of the local directory's (paths aside).  It prints
each source's seconds and its ratio to the local directory; docs/storage.md shows a
run.  It measures, it does not guard: the S3 figures are of a server on the same two
cores as the command.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tarfile
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path

from benchmarks.corpus import measured
from benchmarks.devcorpus import generate
from tests.s3server import S3Server, running_server


def _files(corpus: Path) -> list[Path]:
    """The corpus's dumps, in the order ``newsparse parse DIR --glob '*.txt'`` reads them."""
    from newsparse._corpus.paths import list_files  # noqa: PLC0415 -- after the path is set

    return [Path(str(item)) for item in list_files(corpus, glob="*.txt")]


def _pack(corpus: Path, files: list[Path], work: Path) -> dict[str, Path]:
    import zstandard  # noqa: PLC0415 -- the zstd extra

    packed = {"zip": work / "corpus.zip", "tar.gz": work / "corpus.tar.gz"}
    with zipfile.ZipFile(packed["zip"], "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            archive.write(path, path.relative_to(corpus).as_posix())
    with (
        tarfile.open(packed["tar.gz"], "w:gz") as compressed,
        tarfile.open(work / "corpus.tar", "w") as plain_tar,
    ):
        for path in files:
            compressed.add(path, path.relative_to(corpus).as_posix())
            plain_tar.add(path, path.relative_to(corpus).as_posix())
    packed["tar.zst"] = work / "corpus.tar.zst"
    with (work / "corpus.tar").open("rb") as plain, packed["tar.zst"].open("wb") as out:
        zstandard.ZstdCompressor().copy_stream(plain, out)
    (work / "corpus.tar").unlink()
    return packed


def _upload(s3: S3Server, corpus: Path, files: list[Path], archive: Path) -> tuple[str, str]:
    import s3fs  # noqa: PLC0415 -- the remote extra

    fs = s3fs.S3FileSystem(**s3.options)
    bucket = s3.new_bucket()
    fs.put([str(p) for p in files], [f"{bucket}/corpus/{p.relative_to(corpus).as_posix()}"
                                      for p in files])  # fmt: skip
    fs.put(str(archive), f"{bucket}/corpus.zip")
    return f"s3://{bucket}/corpus/", f"s3://{bucket}/corpus.zip"


def _records(out: Path) -> list[dict[str, object]]:
    found = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return [{key: value for key, value in record.items() if key != "path"} for record in found]


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(None if argv is None else list(argv))
    work = Path(tempfile.mkdtemp(prefix="newsparse-storage-"))
    try:
        corpus = generate(work / "corpus", args.files)
        files = _files(corpus)
        packed = _pack(corpus, files, work)
        size = sum(p.stat().st_size for p in files)
        with running_server() as s3:
            prefix, remote_zip = _upload(s3, corpus, files, packed["zip"])
            options = s3.option_arguments()
            sources: dict[str, list[str]] = {
                "local directory": [str(corpus), "--glob", "*.txt"],
                ".zip": [str(packed["zip"])],
                ".tar.gz": [str(packed["tar.gz"])],
                ".tar.zst": [str(packed["tar.zst"])],
                "s3:// prefix (loopback)": [prefix, "--glob", "*.txt", *options],
                ".zip on s3:// (loopback)": [remote_zip, *options],
            }
            best = dict.fromkeys(sources, float("inf"))
            expected: list[dict[str, object]] | None = None
            for _ in range(args.repeat):
                for name, source in sources.items():
                    out = work / "out.jsonl"
                    arguments = ["parse", *source, "--jobs", str(args.jobs), "-o", str(out)]
                    seconds = measured(arguments)[0]
                    best[name] = min(best[name], seconds)
                    found = _records(out)
                    expected = found if expected is None else expected
                    if found != expected:
                        sys.stderr.write(f"{name}: the records differ from the local run's\n")
                        return 1
        base = best["local directory"]
        lines = [
            f"{len(files):,} files, {size / 2**20:.1f} MiB; archives: "
            + ", ".join(f"{k} {v.stat().st_size / 2**20:.1f} MiB" for k, v in packed.items()),
            f"newsparse parse SOURCE --jobs {args.jobs} -o out.jsonl, best of {args.repeat}:",
            "| source | seconds | files/s | to the local directory |",
            "|---|---|---|---|",
        ]
        lines += [
            f"| {name} | {seconds:.2f} | {len(files) / seconds:,.0f} | {seconds / base:.2f}x |"
            for name, seconds in best.items()
        ]
        sys.stdout.write("\n".join(lines) + "\n")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
