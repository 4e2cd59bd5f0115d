"""newsparse.dask on a two-worker LocalCluster reading (and writing) s3:// on moto's server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("s3fs")
pytest.importorskip("distributed")

from distributed import Client, LocalCluster

from newsparse import learn
from newsparse._cli.main import main
from newsparse.dask import learn as dask_learn
from newsparse.dask import records_bag, to_dataframe
from tests.archives import write_zip
from tests.helpers import outlet_corpus
from tests.s3server import S3Server
from tests.test_archives import corpus_members, unpacked, without_place
from tests.test_remote_inputs import upload

pytestmark = pytest.mark.slow  # a local cluster of worker processes


@pytest.fixture(scope="module")
def client(s3: S3Server) -> Iterator[Client]:
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as dask_client,
    ):
        yield dask_client


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return unpacked(tmp_path / "corpus", corpus_members())


def test_records_from_s3_are_those_of_the_local_files(
    client: Client, s3: S3Server, corpus: Path
) -> None:
    assert len(client.scheduler_info()["workers"]) == 2
    url = upload(s3, corpus, "corpus/")
    remote = records_bag(url, partition_size=3, storage_options=s3.options).compute()
    local = records_bag(corpus, partition_size=3).compute()
    assert without_place(remote, url) == without_place(local, f"{corpus}/")


def test_an_archive_on_s3_crosses_to_the_workers_member_by_member(
    client: Client, s3: S3Server, corpus: Path, tmp_path: Path
) -> None:
    url = upload(s3, write_zip(tmp_path / "c.zip", corpus_members()), "c.zip")
    remote = records_bag(url, partition_size=3, storage_options=s3.options).compute()
    local = records_bag(corpus, partition_size=3).compute()
    assert without_place(remote, "zip://", f"::{url}") == without_place(local, f"{corpus}/")


def test_a_dataframe_read_from_s3_and_written_to_s3_holds_the_local_rows(
    client: Client, s3: S3Server, corpus: Path
) -> None:
    import pyarrow.parquet as pq  # noqa: PLC0415 -- optional extra
    import s3fs  # noqa: PLC0415

    from newsparse._corpus.arrow import arrow_schema  # noqa: PLC0415

    url = upload(s3, corpus, "corpus/")
    out = url.replace("/corpus/", "/out/")
    frame = to_dataframe(url, partition_size=3, storage_options=s3.options)
    frame.to_parquet(out, schema=arrow_schema(), write_index=False, storage_options=s3.options)
    fs = s3fs.S3FileSystem(**s3.options)
    table = pq.read_table(out.removeprefix("s3://"), filesystem=fs, schema=arrow_schema())
    command = corpus.parent / "command.parquet"
    main(["parse", "-q", str(corpus), "-o", str(command)])
    local = pq.read_table(command).to_pylist()
    assert relative(table.to_pylist(), url) == relative(local, f"{corpus}/")


def relative(rows: list[dict[str, Any]], prefix: str) -> list[dict[str, Any]]:
    """The rows with *prefix* cut from their paths, and from the error messages naming them."""
    cut = []
    for row in rows:
        path = row["path"].removeprefix(prefix)
        error = row["error"] and row["error"].replace(row["path"], path)
        cut.append({**row, "path": path, "error": error})
    return cut


def test_learning_from_s3_on_the_cluster_gives_the_local_profile(
    client: Client, s3: S3Server, tmp_path: Path
) -> None:
    corpus = tmp_path / "outlets"
    corpus.mkdir()
    outlet_corpus(corpus, 40)
    url = upload(s3, corpus, "outlets/")
    profile = dask_learn(url, partition_size=7, storage_options=s3.options)
    assert profile == learn(corpus)
    assert profile.outlets


def test_a_pattern_of_urls_lists_the_matching_objects(s3: S3Server, corpus: Path) -> None:
    from newsparse.dask import list_paths  # noqa: PLC0415

    url = upload(s3, corpus, "corpus/")
    found = list_paths(f"{url}*.txt", storage_options=s3.options)
    assert found == sorted(f"{url}{path.name}" for path in corpus.glob("*.txt"))
    [none] = list_paths(f"{url}*.nothing", storage_options=s3.options)
    assert getattr(none, "code", None) == "no-files"
