"""Outputs at a URL, against a real S3 API (moto's server on 127.0.0.1): built locally,
uploaded whole once the run is complete, the same bytes as a local output."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any
from unittest import mock

import pyarrow.parquet as pq
import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsparse._cli.main import main
from newsparse._corpus import outputs as outputs_module
from newsparse._corpus.outputs import temporary_path
from newsparse._corpus.remote_outputs import RemotePlacement, staging_target
from newsparse._corpus.signals import Interrupted
from tests.helpers import DATA
from tests.processes import command, ended, feed, start, wait_until
from tests.s3server import S3Server

INPUTS = sorted(DATA.glob("*.txt"))


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache directory of the test's own, where URL outputs are staged."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder


def _parse(s3: S3Server, output: str, *args: str) -> int:
    return main(["parse", "-q", *map(str, INPUTS), "-o", output, *s3.option_arguments(), *args])


def _fs(s3: S3Server) -> Any:
    import s3fs  # noqa: PLC0415 -- optional extra

    fs = s3fs.S3FileSystem(**s3.options, skip_instance_cache=True)
    fs.invalidate_cache()
    return fs


@given(url=st.text(min_size=1))
def test_a_url_is_staged_in_a_directory_of_its_own_under_the_cache(url: str) -> None:
    staged = Path(staging_target(url))
    outputs = Path(os.environ["XDG_CACHE_HOME"], "newsparse", "outputs")
    assert staged.parent.parent == outputs  # no name climbs out of its directory
    assert staged.name not in {"", ".", ".."}
    assert staged.parent != Path(staging_target(url + "x")).parent
    assert Path(temporary_path(str(staged))).parent == staged.parent


@pytest.mark.parametrize("suffix", [".jsonl", ".json", ".csv"])
def test_a_text_output_at_a_url_is_the_local_ones_bytes(
    s3: S3Server, tmp_path: Path, suffix: str
) -> None:
    bucket = s3.new_bucket()
    url = f"s3://{bucket}/out/corpus{suffix}"
    assert _parse(s3, url) == 1  # some inputs fail
    assert _parse(s3, str(tmp_path / f"local{suffix}")) == 1
    assert _fs(s3).cat_file(url) == (tmp_path / f"local{suffix}").read_bytes()
    assert not Path(temporary_path(staging_target(url))).exists()


def test_a_parquet_output_at_a_url_is_the_local_table(s3: S3Server, tmp_path: Path) -> None:
    bucket = s3.new_bucket()
    url = f"s3://{bucket}/corpus.parquet"
    assert _parse(s3, url) == 1
    assert _parse(s3, str(tmp_path / "local.parquet")) == 1
    with _fs(s3).open(url, "rb") as remote:
        table = pq.read_table(remote)
    local = pq.read_table(tmp_path / "local.parquet")
    assert table.num_rows == local.num_rows > 0
    assert table.to_pylist() == local.to_pylist()


def test_a_dataset_at_a_prefix_reads_as_the_local_file(s3: S3Server, tmp_path: Path) -> None:
    """Several parts under the prefix, read back through s3fs as one table; a second run
    with fewer parts deletes the previous parts beyond its own."""
    bucket = s3.new_bucket()
    url = f"s3://{bucket}/ds/"
    with (
        mock.patch.object(outputs_module, "_ROW_GROUP", 7),
        mock.patch.object(outputs_module, "DATASET_PART_BYTES", 4_000),
    ):
        assert _parse(s3, url) == 1
    assert _parse(s3, str(tmp_path / "local.parquet")) == 1
    fs = _fs(s3)
    parts = sorted(fs.ls(f"{bucket}/ds", detail=False))
    assert len(parts) > 2
    assert [p.rsplit("/", 1)[1] for p in parts] == [
        f"part-{n:05d}.parquet" for n in range(len(parts))
    ]
    table = pq.read_table(f"{bucket}/ds", filesystem=fs)
    assert table.to_pylist() == pq.read_table(tmp_path / "local.parquet").to_pylist()
    assert main(["parse", "-q", str(INPUTS[0]), "-o", url, *s3.option_arguments()]) == 0
    fs.invalidate_cache()
    assert fs.ls(f"{bucket}/ds", detail=False) == [f"{bucket}/ds/part-00000.parquet"]
    assert pq.read_table(f"{bucket}/ds", filesystem=fs).column("path").to_pylist() == [
        str(INPUTS[0])
    ]


def test_a_prefix_holding_other_objects_is_not_touched(
    s3: S3Server, capsys: pytest.CaptureFixture[str]
) -> None:
    bucket = s3.new_bucket()
    fs = _fs(s3)
    fs.pipe_file(f"{bucket}/ds/README", b"mine")
    assert _parse(s3, f"s3://{bucket}/ds/") == 2
    assert "README" in capsys.readouterr().err
    fs.invalidate_cache()
    assert fs.ls(f"{bucket}/ds", detail=False) == [f"{bucket}/ds/README"]


@pytest.mark.parametrize("name", ["corpus.jsonl", "corpus.parquet", "ds/"])
def test_a_failed_upload_keeps_the_records_and_resume_uploads_them(
    s3: S3Server, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """A bucket that is not there: status 74, a message naming the URL and --resume; once
    the bucket exists, --resume uploads what one run writes."""
    bucket = f"{s3.new_bucket()}-later"
    url = f"s3://{bucket}/{name}"
    assert _parse(s3, url) == 74
    err = capsys.readouterr().err
    assert url in err
    assert "--resume" in err
    staged = Path(temporary_path(staging_target(url)))
    assert staged.exists()
    fs = _fs(s3)
    fs.mkdir(bucket)
    assert _parse(s3, url, "--resume") == 1
    local = tmp_path / ("local.jsonl" if name.endswith(".jsonl") else "local.parquet")
    assert _parse(s3, str(local)) == 1
    fs.invalidate_cache()
    if name.endswith(".jsonl"):
        assert fs.cat_file(url) == local.read_bytes()
    else:
        remote = pq.read_table(url.removeprefix("s3://").rstrip("/"), filesystem=fs)
        assert remote.to_pylist() == pq.read_table(local).to_pylist()
    assert not staged.exists()


def test_a_run_stopped_during_the_upload_says_so_and_resumes(
    s3: S3Server,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """SIGINT's handler raises Interrupted wherever the main thread is: here, in the upload."""
    url = f"s3://{s3.new_bucket()}/corpus.jsonl"
    fs = _fs(s3)
    fs.pipe_file(url, b"earlier\n")

    def stopped(*_args: object) -> None:
        raise Interrupted(signal.SIGINT)

    with monkeypatch.context() as patched:
        patched.setattr(RemotePlacement, "place", stopped)
        assert _parse(s3, url) == 130
    err = capsys.readouterr().err
    staged = temporary_path(staging_target(url))
    assert f"{url} was being replaced: it holds the previous output or this one" in err
    assert f"the records are in {staged}" in err
    fs.invalidate_cache()
    assert fs.cat_file(url) == b"earlier\n"
    assert _parse(s3, url, "--resume") == 1
    assert _parse(s3, str(tmp_path / "local.jsonl")) == 1
    fs.invalidate_cache()
    assert fs.cat_file(url) == (tmp_path / "local.jsonl").read_bytes()


@pytest.mark.slow  # the client retries a refused connection for some 15 s
def test_a_place_that_cannot_be_reached_is_one_line(
    capsys: pytest.CaptureFixture[str], cache: Path
) -> None:
    """No server at the endpoint: a dataset's prefix cannot be looked at before the run."""
    status = main([
        "parse", "-q", str(INPUTS[0]), "-o", "s3://bucket/ds/",
        "--storage-option=key=k", "--storage-option=secret=s",
        "--storage-option=client_kwargs.endpoint_url=http://127.0.0.1:1",
        "--storage-option=client_kwargs.region_name=eu-west-1",
    ])  # fmt: skip
    err = capsys.readouterr().err
    assert status == 74
    assert err.startswith("newsparse: error: s3://bucket/ds/: cannot look at the output's place")
    assert "Traceback" not in err
    assert not cache.exists()


def test_a_bad_storage_option_is_a_usage_error(s3: S3Server) -> None:
    url = f"s3://{s3.new_bucket()}/out.jsonl"
    with pytest.raises(SystemExit) as stop:
        main(["parse", "-q", str(INPUTS[0]), "-o", url, "--storage-option", "anon"])
    assert stop.value.code == 2
    assert not _fs(s3).exists(url)


def test_without_fsspec_a_url_output_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], cache: Path
) -> None:
    for name in [name for name in sys.modules if name == "fsspec" or name.startswith("fsspec.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "fsspec", None)  # import fsspec raises ImportError
    assert main(["parse", "-q", str(INPUTS[0]), "-o", "s3://bucket/out.parquet"]) == 2
    err = capsys.readouterr().err
    assert "s3://bucket/out.parquet" in err
    assert "pip install 'newsparse[remote]'" in err
    assert not cache.exists()  # nothing was staged


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="watches processes through /proc")
def test_a_stopped_run_leaves_the_previous_object_and_resumes(
    s3: S3Server, tmp_path: Path, cache: Path
) -> None:
    """The command as users run it (a process, credentials in its environment): SIGINT
    while files are parsed leaves the previous object as it was; --resume uploads the
    output one run writes."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    files = []
    for number in range(400):  # more than a mebibyte of records: the staging file is flushed
        path = corpus / f"{number:04d}.txt"
        path.write_bytes(INPUTS[number % 2].read_bytes())
        files.append(path)
    url = f"s3://{s3.new_bucket()}/corpus.jsonl"
    fs = _fs(s3)
    fs.pipe_file(url, b'{"path": "an earlier run"}\n')
    previous = fs.info(url)["ETag"]
    options = [f"--storage-option=client_kwargs.endpoint_url={s3.endpoint_url}"]
    environment = {**os.environ, **s3.environment(), "XDG_CACHE_HOME": str(cache)}
    with mock.patch.dict(os.environ, environment):
        run = start("parse", "-", "-o", url, *options)
    feed(run, files)
    staged = Path(temporary_path(staging_target(url)))
    wait_until(lambda: staged.exists() and staged.stat().st_size > 0, "a first flush")
    os.killpg(run.pid, signal.SIGINT)
    code, err = ended(run)
    assert code == 130, err
    assert f"{url} is untouched; the records so far are in {staged}" in err
    fs.invalidate_cache()
    assert fs.info(url)["ETag"] == previous
    assert fs.cat_file(url) == b'{"path": "an earlier run"}\n'
    listing = "".join(f"{path}\n" for path in files).encode()
    resumed = subprocess.run(
        command("parse", "-", "-q", "--resume", "-o", url, *options),
        input=listing, env=environment, capture_output=True, check=False,
    )  # fmt: skip
    assert resumed.returncode == 0, resumed.stderr
    local = tmp_path / "local.jsonl"
    subprocess.run(command("parse", "-", "-q", "-o", str(local)), input=listing, check=True)
    fs.invalidate_cache()
    assert fs.cat_file(url) == local.read_bytes()
    assert not staged.exists()
