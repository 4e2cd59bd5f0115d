"""Inputs on a real S3 API (moto's server on 127.0.0.1): the records of the same files local."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from newsparse import InputError, iter_results, learn, parse_file
from newsparse._cli.main import main
from newsparse._corpus.paths import list_files
from tests.archives import write_zip
from tests.helpers import DATA, outlet_corpus
from tests.s3server import S3Server
from tests.test_archives import corpus_members, records, unpacked, without_place

pytest.importorskip("s3fs")


def upload(s3: S3Server, local: Path, key: str) -> str:
    """*local* (a file or a directory) put at ``s3://BUCKET/key`` in a new bucket; the URL."""
    import s3fs  # noqa: PLC0415 -- optional extra

    bucket = s3.new_bucket()
    source = f"{local}/" if local.is_dir() else str(local)  # a directory: what it holds
    s3fs.S3FileSystem(**s3.options).put(source, f"{bucket}/{key}", recursive=local.is_dir())
    return f"s3://{bucket}/{key}"


def parsed(out: Path, *arguments: str) -> list[dict[str, Any]]:
    """The records of ``newsparse parse ARGUMENTS -o OUT``."""
    main(["parse", "-q", *arguments, "-o", str(out)])
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return unpacked(tmp_path / "corpus", corpus_members())


def test_an_s3_prefix_gives_the_records_of_the_local_directory(
    s3: S3Server, corpus: Path, tmp_path: Path
) -> None:
    url = upload(s3, corpus, "corpus/")
    local = without_place(records(corpus), f"{corpus}/")
    remote = without_place(parsed(tmp_path / "s3.jsonl", url, *s3.option_arguments()), url)
    assert remote == local


def test_an_archive_on_s3_is_read_member_by_member(
    s3: S3Server, corpus: Path, tmp_path: Path
) -> None:
    archive = write_zip(tmp_path / "corpus.zip", corpus_members())
    url = upload(s3, archive, "corpus.zip")
    local = without_place(records(corpus), f"{corpus}/")
    found = parsed(tmp_path / "s3.jsonl", url, *s3.option_arguments())
    remote = without_place(found, "zip://", f"::{url}")
    assert remote == local


def test_the_command_takes_fsspec_s_own_configuration(
    s3: S3Server, corpus: Path, tmp_path: Path
) -> None:
    url = upload(s3, corpus, "corpus/")
    out = tmp_path / "out.jsonl"
    environment = {**os.environ, **s3.environment(), "FSSPEC_S3": json.dumps(s3.options)}
    done = subprocess.run(
        [sys.executable, "-m", "newsparse", "parse", "-q", url, "-o", str(out)],
        env=environment,
        capture_output=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr  # the corpus holds a file that is no article
    remote = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert without_place(remote, url) == without_place(records(corpus), f"{corpus}/")


def test_iter_results_in_two_processes_reads_s3_as_local_files(s3: S3Server, corpus: Path) -> None:
    url = upload(s3, corpus, "corpus/")
    remote = list(iter_results(url, jobs=2, storage_options=s3.options))
    local = list(iter_results(corpus))
    assert [r.path.removeprefix(url) for r in remote] == [
        r.path.removeprefix(f"{corpus}/") for r in local
    ]
    assert [r.articles for r in remote] == [r.articles for r in local]
    assert [None if r.error is None else r.error.code for r in remote] == [
        None if r.error is None else r.error.code for r in local
    ]


def test_learn_from_s3_gives_the_profile_of_the_local_files(s3: S3Server, tmp_path: Path) -> None:
    corpus = tmp_path / "outlets"
    corpus.mkdir()
    outlet_corpus(corpus, 40)
    url = upload(s3, corpus, "outlets/")
    from_local = tmp_path / "local.json"
    from_s3 = tmp_path / "s3.json"
    assert main(["learn", "-q", str(corpus), "-o", str(from_local)]) == 0
    assert main(["learn", "-q", url, "-o", str(from_s3), *s3.option_arguments()]) == 0
    assert from_s3.read_bytes() == from_local.read_bytes()
    assert learn(url, storage_options=s3.options) == learn(corpus)
    assert learn(url, storage_options=s3.options).outlets  # it learned something to compare


def test_a_profile_and_a_lexicon_live_on_s3_too(s3: S3Server, tmp_path: Path) -> None:
    import s3fs  # noqa: PLC0415 -- optional extra

    corpus = tmp_path / "outlets"
    corpus.mkdir()
    outlet_corpus(corpus, 40)
    bucket = s3.new_bucket()
    options = s3.option_arguments()
    local_profile = tmp_path / "local.json"
    assert main(["learn", "-q", str(corpus), "-o", str(local_profile)]) == 0
    assert main(["learn", "-q", str(corpus), "-o", f"s3://{bucket}/p.json", *options]) == 0
    fs = s3fs.S3FileSystem(**s3.options)
    assert fs.cat_file(f"{bucket}/p.json") == local_profile.read_bytes()
    lexicon = tmp_path / "tags.txt"
    lexicon.write_text("# newsparse lexicon: names\nنادي الوحدة الرياضي\n", encoding="utf-8")
    fs.put_file(str(lexicon), f"{bucket}/tags.txt")
    from_s3 = parsed(tmp_path / "s3.jsonl", str(corpus), "--profile", f"s3://{bucket}/p.json",
                     "--lexicon", f"s3://{bucket}/tags.txt", *options)  # fmt: skip
    local = parsed(tmp_path / "local.jsonl", str(corpus), "--profile", str(local_profile),
                   "--lexicon", str(lexicon))  # fmt: skip
    assert from_s3 == local
    assert from_s3 != parsed(tmp_path / "plain.jsonl", str(corpus))  # the profile did something


def test_a_missing_object_is_not_found(s3: S3Server) -> None:
    bucket = s3.new_bucket()
    with pytest.raises(InputError) as raised:
        parse_file(f"s3://{bucket}/missing.txt", storage_options=s3.options)
    assert raised.value.code == "not-found"
    assert raised.value.path == f"s3://{bucket}/missing.txt"


def test_one_object_parses_as_its_local_file(s3: S3Server) -> None:
    seed = DATA / "000_737a97d3fc3c0077.txt"
    url = upload(s3, seed, "one.txt")
    assert parse_file(url, storage_options=s3.options) == parse_file(seed)


def test_a_url_without_fsspec_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for name in [name for name in sys.modules if name == "fsspec" or name.startswith("fsspec.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "fsspec", None)
    monkeypatch.setitem(sys.modules, "fsspec.core", None)
    with pytest.raises(InputError) as raised:
        parse_file("s3://bucket/a.txt")
    assert raised.value.code == "missing-extra"
    assert "pip install 'newsparse[remote]'" in raised.value.message
    [listed] = list(list_files("s3://bucket/corpus/"))
    assert isinstance(listed, InputError)
    assert listed.code == "missing-extra"
    out = tmp_path / "out.jsonl"
    assert main(["parse", "-q", "s3://bucket/corpus/", "-o", str(out)]) == 1
    [record] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["code"] == "missing-extra"


@pytest.mark.parametrize("pair", ["anon", "=true", "a..b=1", "a=1 --storage-option=a.b=2"])
def test_a_storage_option_that_is_no_pair_is_a_usage_error(
    pair: str, capsys: pytest.CaptureFixture[str]
) -> None:
    arguments = pair.split(" --storage-option=")
    with pytest.raises(SystemExit) as exited:
        main(["check", str(DATA), *(f"--storage-option={a}" for a in arguments)])
    assert exited.value.code == 2
    assert "--storage-option" in capsys.readouterr().err


def test_small_remote_files_are_fetched_together_and_big_ones_by_their_worker(
    s3: S3Server, tmp_path: Path
) -> None:
    import s3fs  # noqa: PLC0415 -- optional extra

    from newsparse._storage.fetched import Fetched  # noqa: PLC0415
    from newsparse._storage.reading import fetch_many  # noqa: PLC0415

    seed = (DATA / "000_737a97d3fc3c0077.txt").read_bytes()
    bucket = s3.new_bucket()
    fs = s3fs.S3FileSystem(**s3.options)
    fs.pipe({f"{bucket}/c/a.txt": seed, f"{bucket}/c/b.txt": seed + b"\n" * (1 << 20)})
    small, big = list(list_files(f"s3://{bucket}/c/", storage_options=s3.options))
    assert small == Fetched(name=f"s3://{bucket}/c/a.txt", data=seed)
    assert big == f"s3://{bucket}/c/b.txt"
    missing, found = fetch_many([f"s3://{bucket}/c/gone.txt", small.name], s3.options, 1 << 20)
    assert isinstance(missing, InputError)
    assert missing.code == "not-found"
    assert found == small
    [over] = fetch_many([small.name], s3.options, 100)
    assert isinstance(over, InputError)
    assert over.code == "too-large"


def test_s3_to_s3_parquet_holds_the_rows_of_the_local_run(
    s3: S3Server, corpus: Path, tmp_path: Path
) -> None:
    """The issue's own command: ``parse s3://bucket/corpus/ -o s3://bucket/out.parquet``."""
    import pyarrow.parquet as pq  # noqa: PLC0415 -- optional extra
    import s3fs  # noqa: PLC0415

    url = upload(s3, corpus, "corpus/")
    out = url.replace("/corpus/", "/out.parquet")
    assert main(["parse", "-q", url, "-o", out, *s3.option_arguments()]) == 1  # a bad file
    local = tmp_path / "local.parquet"
    assert main(["parse", "-q", str(corpus), "-o", str(local)]) == 1
    fs = s3fs.S3FileSystem(**s3.options)
    with fs.open(out.removeprefix("s3://"), "rb") as remote:
        rows = pq.read_table(remote).to_pylist()
    expected = pq.read_table(local).to_pylist()
    assert len(rows) == len(expected) > len(corpus_members())
    for row, want in zip(rows, expected, strict=True):
        path = row["path"].removeprefix(url)
        error = row["error"] and row["error"].replace(row["path"], path)
        local_path = want["path"].removeprefix(f"{corpus}/")
        local_error = want["error"] and want["error"].replace(want["path"], local_path)
        assert {**row, "path": path, "error": error} == {
            **want,
            "path": local_path,
            "error": local_error,
        }


def test_a_url_that_cannot_be_read_or_listed_says_why(tmp_path: Path) -> None:
    with pytest.raises(InputError) as unknown:
        parse_file("nosuch://bucket/a.txt")
    assert unknown.value.code == "unreadable"
    assert "nosuch" in unknown.value.message
    with pytest.raises(InputError) as directory:
        parse_file(f"file://{tmp_path}")
    assert directory.value.code == "is-a-directory"
    [listed] = list(list_files("nosuch://bucket/corpus/"))
    assert isinstance(listed, InputError)
    assert listed.code == "unreadable"
    assert listed.message.startswith("cannot list it")


def test_a_batch_that_fails_as_a_whole_reads_each_file_alone(tmp_path: Path) -> None:
    from newsparse._storage.fetched import Fetched  # noqa: PLC0415
    from newsparse._storage.reading import fetch_many  # noqa: PLC0415

    (tmp_path / "a.txt").write_bytes(b"one")
    good, bad = fetch_many([f"file://{tmp_path}/a.txt", "nosuch://b/c.txt"], {}, 100)
    assert good == Fetched(name=f"file://{tmp_path}/a.txt", data=b"one")
    assert isinstance(bad, InputError)
    assert bad.code == "unreadable"


def test_a_profile_that_cannot_be_written_to_its_url_leaves_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "outlets"
    corpus.mkdir()
    outlet_corpus(corpus, 4)
    assert main(["learn", "-q", str(corpus), "-o", "nosuch://bucket/p.json"]) == 74
    said = capsys.readouterr().err
    assert "nosuch://bucket/p.json: cannot write the profile" in said
