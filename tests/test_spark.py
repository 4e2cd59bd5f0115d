"""newsparse.spark on a local SparkSession: the same rows as the command's Parquet output.

One session (``local[2]``, a JVM and its Python workers) serves every test: starting
it costs seconds.  Without Java on PATH the Spark tests are skipped, saying so.
"""

from __future__ import annotations

import importlib
import json
import os
import shutil
import signal
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

import newsparse
from newsparse._cli.main import main
from tests.helpers import CHROME, DATA, SEEDS, outlet_corpus

F = TypeVar("F", bound=Callable[..., Any])

NO_JAVA = "Spark needs a Java runtime on PATH and there is none"


def spark_test(test: F) -> F:
    """Mark a test that runs on the Spark session: slow, and skipped without Java."""
    marked: F = pytest.mark.slow(test)
    skipped: F = pytest.mark.skipif(shutil.which("java") is None, reason=NO_JAVA)(marked)
    return skipped


@pytest.fixture(scope="session")
def spark(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A local SparkSession with two cores, whose Python workers run this newsparse."""
    pytest.importorskip("pyspark")
    from pyspark.sql import SparkSession  # noqa: PLC0415 -- optional extra

    left = SparkSession.getActiveSession()
    if left is not None:  # one that a failed example left running has none of this setup
        left.stop()
    here = tmp_path_factory.mktemp("spark")
    source = str(Path(newsparse.__file__).resolve().parents[1])
    with pytest.MonkeyPatch.context() as patch:
        # The JVM starts the workers with its environment: this interpreter, this source.
        patch.setenv("PYSPARK_PYTHON", sys.executable)
        patch.setenv("PYTHONPATH", os.pathsep.join([source, os.environ.get("PYTHONPATH", "")]))
        builder: Any = SparkSession.builder
        interrupt = signal.getsignal(signal.SIGINT)
        session = (
            builder.master("local[2]")
            .appName("newsparse-tests")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.sql.warehouse.dir", str(here / "warehouse"))
            .config("spark.local.dir", str(here / "local"))
            .config("spark.executorEnv.PYTHONPATH", source)  # in a JVM that another test started
            .getOrCreate()
        )
        session.sparkContext.setLogLevel("ERROR")
        # Its context takes SIGINT over in this process for good; the signal tests need it.
        signal.signal(signal.SIGINT, interrupt)
        try:
            yield session
        finally:
            session.stop()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Seeds and damaged copies, bad files, JSON Lines (one of two articles, one with a time
    and its zone) and a name not UTF-8."""
    root = tmp_path_factory.mktemp("corpus")
    sources = [DATA / f"{seed}.txt" for seed in SEEDS] + sorted((DATA / "damaged").glob("*.txt"))
    for i in range(30):
        (root / f"{i:03d}.txt").write_bytes(sources[i % len(sources)].read_bytes())
    (root / "900-empty.txt").write_text("\n", encoding="utf-8")
    (root / "901-binary.txt").write_bytes(b"\x00\x01" * 40)
    (root / "902-headline.txt").write_text("عنوان فقط\n", encoding="utf-8")
    (root / "903-articles.jsonl").write_bytes(Path("examples/articles.jsonl").read_bytes())
    zoned = json.loads(Path("examples/articles.jsonl").read_text(encoding="utf-8").splitlines()[0])
    zoned["retrieved"], zoned["url"] = "2024-01-29T10:05:11+03:00", "https://example.com/a"
    (root / "906-zoned.jsonl").write_text(json.dumps(zoned, ensure_ascii=False), encoding="utf-8")
    (root / os.fsdecode(b"904-\xff.txt")).write_bytes(sources[0].read_bytes())
    (root / "sub").mkdir()
    (root / "sub" / "905.txt").write_bytes(sources[1].read_bytes())
    return root


def command_rows(tmp_path: Path, *arguments: str) -> list[dict[str, Any]]:
    """The rows of ``newsparse parse ARGUMENTS -o out.parquet``, read back with pyarrow."""
    import pyarrow.parquet as pq  # noqa: PLC0415 -- optional extra

    out = tmp_path / "command.parquet"
    assert main(["parse", *arguments, "-o", str(out), "--quiet"]) in (0, 1)
    rows: list[dict[str, Any]] = pq.read_table(out).to_pylist()
    return rows


def spark_rows(frame: Any) -> list[dict[str, Any]]:
    return [row.asDict(recursive=True) for row in frame.collect()]


@spark_test
@pytest.mark.usefixtures("spark")
def test_the_spark_schema_is_the_arrow_schema() -> None:
    from pyspark.sql.pandas.types import to_arrow_schema  # noqa: PLC0415
    from pyspark.sql.types import DayTimeIntervalType, TimestampNTZType  # noqa: PLC0415

    from newsparse._corpus.arrow import arrow_schema  # noqa: PLC0415
    from newsparse.spark import spark_schema  # noqa: PLC0415

    schema = spark_schema()
    assert to_arrow_schema(schema).equals(arrow_schema())
    assert isinstance(schema["retrieved"].dataType, TimestampNTZType)  # the time as written
    assert isinstance(schema["retrieved_utc_offset"].dataType, DayTimeIntervalType)


@spark_test
def test_the_rows_are_the_commands_record_by_record(
    spark: Any, corpus: Path, tmp_path: Path
) -> None:
    from newsparse.spark import to_spark_dataframe  # noqa: PLC0415

    expected = command_rows(tmp_path, str(corpus))
    assert len(expected) == 30 + 3 + 3 + 2  # files, three from JSON Lines, three errors
    assert sorted(row["code"] for row in expected if row["error"]) == [
        "binary", "empty", "not-an-article"
    ]  # fmt: skip
    for partitions in (None, 1, 3, 50):
        frame = to_spark_dataframe(spark, corpus, num_partitions=partitions)
        assert frame.schema.names == list(expected[0])
        rows = spark_rows(frame)
        assert len(rows) == len(expected)
        for row, wanted in zip(rows, expected, strict=True):
            assert row == wanted


@spark_test
def test_listing_errors_a_glob_and_a_name_not_utf8(
    spark: Any, corpus: Path, tmp_path: Path
) -> None:
    from newsparse.spark import to_spark_dataframe  # noqa: PLC0415

    (tmp_path / "empty").mkdir()
    named = [str(corpus / "sub"), str(tmp_path / "missing.txt"), str(tmp_path / "empty"),
             os.fsdecode(bytes(corpus) + b"/904-\xff.txt")]  # fmt: skip
    expected = command_rows(tmp_path, *named)
    assert [row["code"] for row in expected] == [None, "not-found", "no-files", None]
    assert expected[3]["path"].endswith("904-%FF.txt")  # its bytes, as every output stores them
    assert spark_rows(to_spark_dataframe(spark, named, num_partitions=2)) == expected
    by_glob = command_rows(tmp_path, str(corpus), "--glob", "90*.txt")
    assert len(by_glob) == 5  # 900 to 904 and sub/905
    assert spark_rows(to_spark_dataframe(spark, corpus, glob="90*.txt")) == by_glob
    pattern = to_spark_dataframe(spark, str(corpus / "**" / "90*.txt"))
    assert [row["path"] for row in spark_rows(pattern)] == [row["path"] for row in by_glob]


@spark_test
def test_relative_paths_are_the_drivers_and_stay_relative(
    spark: Any, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsparse.spark import to_spark_dataframe  # noqa: PLC0415

    monkeypatch.chdir(corpus)
    named = ["sub", "000.txt", "missing.txt"]
    expected = command_rows(tmp_path, *named)
    assert [row["path"] for row in expected] == ["sub/905.txt", "000.txt", "missing.txt"]
    assert expected[2]["code"] == "not-found"
    assert spark_rows(to_spark_dataframe(spark, named)) == expected


@spark_test
def test_a_profile_is_applied_on_the_executors(spark: Any, tmp_path: Path) -> None:
    from newsparse import learn  # noqa: PLC0415
    from newsparse.spark import to_spark_dataframe  # noqa: PLC0415

    files = tmp_path / "files"
    files.mkdir()
    outlet_corpus(files, 30)
    profile = learn([files])
    profile_file = tmp_path / "profile.json"
    profile_file.write_text(profile.to_json(), encoding="utf-8")
    expected = command_rows(tmp_path, str(files), "--profile", str(profile_file))
    plain = command_rows(tmp_path, str(files))
    texts = {block["text"] for row in plain for block in row["body"]}
    assert CHROME in texts  # without the profile the chrome stays
    assert CHROME not in {block["text"] for row in expected for block in row["body"]}
    rows = spark_rows(to_spark_dataframe(spark, files, profile=profile, num_partitions=3))
    assert rows == expected
    assert spark_rows(to_spark_dataframe(spark, files, num_partitions=3)) == plain


@spark_test
def test_a_lexicon_is_applied_on_the_executors(spark: Any, tmp_path: Path) -> None:
    from newsparse import Lexicon  # noqa: PLC0415
    from newsparse.spark import to_spark_dataframe  # noqa: PLC0415

    persons = tmp_path / "persons.txt"
    persons.write_text("# newsparse lexicon: persons\nحمدوك\n", encoding="utf-8")
    dump = tmp_path / "a.txt"
    dump.write_text(
        "عنوان الخبر\nتاريخ النشر: 29th, January 2024 GMT\nنص الخبر.\n"
        "الكلمات الدلالية: عبد الله حمدوك السودان\n",
        encoding="utf-8",
    )
    expected = command_rows(tmp_path, str(dump), "--lexicon", str(persons))
    assert expected[0]["keywords"] == ["عبد الله حمدوك", "السودان"]  # one name, not two
    frame = to_spark_dataframe(spark, [dump], lexicon=Lexicon.read(persons))
    assert spark_rows(frame) == expected


@spark_test
def test_parquet_written_by_spark_reads_back_with_the_schema(
    spark: Any, corpus: Path, tmp_path: Path
) -> None:
    import pyarrow.parquet as pq  # noqa: PLC0415

    from newsparse._corpus.arrow import arrow_schema  # noqa: PLC0415
    from newsparse.spark import to_spark_dataframe  # noqa: PLC0415

    out = tmp_path / "spark.parquet"
    to_spark_dataframe(spark, corpus, num_partitions=3).write.parquet(str(out))
    parts = sorted(out.glob("part-*.parquet"))
    assert len(parts) == 3
    assert pq.read_schema(parts[0]).names == arrow_schema().names
    # Spark stores the UTC offset (a day-time interval) as int64 microseconds, which
    # pyarrow reads as durations again when given the schema.
    tables = [pq.read_table(part, schema=arrow_schema()) for part in parts]
    assert all(table.schema.equals(arrow_schema()) for table in tables)
    rows = [row for table in tables for row in table.to_pylist()]
    assert rows == command_rows(tmp_path, str(corpus))
    assert any(row["retrieved_utc_offset"] is not None for row in rows)


@spark_test
def test_num_partitions_below_one_is_refused(spark: Any, corpus: Path) -> None:
    from newsparse.spark import to_spark_dataframe  # noqa: PLC0415

    with pytest.raises(ValueError, match="num_partitions must be at least 1"):
        to_spark_dataframe(spark, corpus, num_partitions=0)


def test_without_pyspark_the_import_error_names_the_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "pyspark", None)  # what importing a missing package does
    for name in [name for name in sys.modules if name.startswith("pyspark.")]:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.delitem(sys.modules, "newsparse.spark", raising=False)
    with pytest.raises(ImportError, match=r"pip install 'newsparse\[spark\]'"):
        importlib.import_module("newsparse.spark")


@spark_test
def test_an_archive_and_an_s3_prefix_give_the_rows_of_the_local_files(
    spark: Any, s3: Any, tmp_path: Path
) -> None:
    from newsparse.spark import to_spark_dataframe  # noqa: PLC0415
    from tests.archives import write_zip  # noqa: PLC0415
    from tests.test_archives import corpus_members, unpacked  # noqa: PLC0415
    from tests.test_remote_inputs import upload  # noqa: PLC0415

    local = unpacked(tmp_path / "corpus", corpus_members())
    archive = write_zip(tmp_path / "corpus.zip", corpus_members())
    url = upload(s3, local, "corpus/")

    def relative(rows: list[dict[str, Any]], prefix: str, suffix: str = "") -> list[Any]:
        cut = []
        for row in rows:
            path = row["path"].removeprefix(prefix).removesuffix(suffix)
            error = row["error"] and row["error"].replace(row["path"], path)
            cut.append({**row, "path": path, "error": error})
        return cut

    expected = relative(command_rows(tmp_path, str(local)), f"{local}/")
    from_zip = spark_rows(to_spark_dataframe(spark, archive, num_partitions=2))
    assert relative(from_zip, "zip://", f"::{archive}") == expected
    frame = to_spark_dataframe(spark, url, num_partitions=2, storage_options=s3.options)
    assert relative(spark_rows(frame), url) == expected
