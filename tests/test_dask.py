"""The Dask path on a real distributed.LocalCluster with two worker processes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from distributed import Client, LocalCluster

from newsparse import Article, iter_results
from newsparse._corpus.arrow import arrow_schema, from_arrow_row
from newsparse.dask import articles_bag, list_paths, records_bag, results_bag, to_dataframe
from tests.helpers import CHROME, DATA, SEEDS, outlet_corpus

pytestmark = pytest.mark.slow  # a local cluster of worker processes


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as dask_client,
    ):
        yield dask_client


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """40 files: the seeds and their damaged copies many times over, plus bad files."""
    root = tmp_path_factory.mktemp("corpus")
    sources = [DATA / f"{seed}.txt" for seed in SEEDS] + sorted((DATA / "damaged").glob("*.txt"))
    for i in range(36):
        source = sources[i % len(sources)]
        (root / f"{i:03d}.txt").write_bytes(source.read_bytes())
    (root / "900-empty.txt").write_text("\n", encoding="utf-8")
    (root / "901-binary.txt").write_bytes(b"\x00\x01" * 40)
    (root / "902-headline.txt").write_text("عنوان فقط\n", encoding="utf-8")
    (root / "903-articles.jsonl").write_bytes(Path("examples/articles.jsonl").read_bytes())
    return root


def test_paths_from_a_glob_a_directory_or_a_list(corpus: Path) -> None:
    assert len(list_paths(str(corpus / "*.txt"))) == 39
    assert len(list_paths(corpus)) == 40
    assert list_paths([corpus / "000.txt"]) == [str(corpus / "000.txt")]


def test_counts_on_a_local_cluster(client: Client, corpus: Path) -> None:
    assert len(client.scheduler_info()["workers"]) == 2
    results = results_bag(corpus, partition_size=5).compute()
    assert [r.path for r in results] == list_paths(corpus)
    assert sum(not r.ok for r in results) == 3
    assert articles_bag(corpus, partition_size=5).count().compute() == 36 + 2
    assert records_bag(corpus, partition_size=5).count().compute() == 36 + 2 + 3


def test_same_articles_as_parsing_here(client: Client, corpus: Path) -> None:
    here = [a for r in iter_results([corpus]) for a in r.articles]
    assert articles_bag(corpus, partition_size=7).compute() == here


def test_dataframe_round_trips_through_parquet(
    client: Client, corpus: Path, tmp_path: Path
) -> None:
    frame = to_dataframe(corpus, partition_size=8)
    assert list(frame.columns) == arrow_schema().names
    out = tmp_path / "corpus.parquet"
    frame.to_parquet(out, schema=arrow_schema(), write_index=False)
    table = pq.read_table(out)
    assert table.num_rows == 41
    rows: list[dict[str, Any]] = table.to_pylist()
    errors = [row for row in rows if row["error"] is not None]
    assert sorted(row["code"] for row in errors) == ["binary", "empty", "not-an-article"]
    back = [Article.from_dict(from_arrow_row(row)) for row in rows if row["error"] is None]
    here = [a for r in iter_results([corpus]) for a in r.articles]
    assert back == here  # partitions keep the path order


def test_learning_by_partitions_gives_the_profile_of_one_pass(
    client: Client, tmp_path: Path
) -> None:
    from newsparse import learn as learn_here  # noqa: PLC0415
    from newsparse.dask import learn  # noqa: PLC0415

    paths = outlet_corpus(tmp_path, 60)
    expected = learn_here(paths).to_json()
    assert learn(paths, partition_size=7).to_json() == expected
    assert learn(paths[::-1], partition_size=25).to_json() == expected
    assert any(chrome.lines for chrome in learn(paths, partition_size=7).outlets)


def test_the_bags_apply_a_profile(client: Client, tmp_path: Path) -> None:
    from newsparse import learn as learn_here  # noqa: PLC0415

    paths = outlet_corpus(tmp_path, 40)
    profile = learn_here(paths)
    expected = [r.articles[0] for r in iter_results(paths, profile=profile)]
    assert CHROME not in [b.text for a in expected for b in a.body]  # type: ignore[union-attr]
    assert articles_bag(paths, profile=profile, partition_size=7).compute() == expected
    records = records_bag(paths, profile=profile).compute()
    assert [r["body"] for r in records] == [a.to_dict()["body"] for a in expected]


def test_dataframe_parquet_has_the_rows_of_the_command(
    client: Client, corpus: Path, tmp_path: Path
) -> None:
    from newsparse._cli.main import main  # noqa: PLC0415

    command_out = tmp_path / "command.parquet"
    assert main(["parse", str(corpus), "-o", str(command_out), "--quiet"]) == 1  # 3 failed
    frame = to_dataframe(corpus, partition_size=7)
    assert frame.npartitions == 6
    assert all(str(dtype).endswith("[pyarrow]") for dtype in frame.dtypes)
    out = tmp_path / "frame"
    frame.to_parquet(out, schema=arrow_schema(), write_index=False)
    parts = sorted(out.glob("*.parquet"), key=lambda part: int(part.stem.split(".")[-1]))
    assert len(parts) == 6
    tables = [pq.read_table(part) for part in parts]
    expected = pq.read_table(command_out)
    assert all(table.schema.remove_metadata() == arrow_schema() for table in tables)
    assert expected.schema.remove_metadata() == arrow_schema()
    rows = [row for table in tables for row in table.to_pylist()]
    assert len(rows) == expected.num_rows == 41
    for row, command_row in zip(rows, expected.to_pylist(), strict=True):
        assert row == command_row


def test_a_partition_keeps_its_other_files_when_one_cannot_be_stored() -> None:
    """As the command's row groups: the file whose rows Arrow cannot store gets its error row."""
    from newsparse import FileResult  # noqa: PLC0415
    from newsparse.dask import _frame  # noqa: PLC0415

    good = Article(title="عنوان")
    bad = Article(title="\ud800")  # a lone surrogate, as a plugin could make it
    results = [FileResult(path=name, articles=[article]) for name, article in
               (("a.txt", good), ("b.txt", bad), ("c.txt", good))]  # fmt: skip
    frame = _frame(results)
    assert list(frame["path"]) == ["a.txt", "b.txt", "c.txt"]
    codes = frame["code"].astype(object).where(frame["code"].notna(), None).tolist()
    assert codes == [None, "unwritable", None]
    assert len(_frame(())) == 0
