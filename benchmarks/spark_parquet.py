"""Spark against the command: the same files to Parquet on the same cores.

    python -m benchmarks.devcorpus /tmp/spc --files 5000
    python -m benchmarks.spark_parquet /tmp/spc [--repeat 5] [--cores 2]
                                       [--files-per-partition 64,128,256,512,1024]

Times, on the ``*.txt`` files under the corpus directory:

- ``newsparse parse DIR --glob '*.txt' -j CORES -o x.parquet`` (a child process);
- ``to_spark_dataframe(spark, DIR, glob="*.txt").write.parquet(...)`` in
  ``local[CORES]``, in a session started once and warmed up by one run
  (the JVM's and the Python workers' start excluded), runs alternated with
  the command's;
- the same Spark job in a child process of its own, the JVM's start included;
- the warm Spark job for each ``--files-per-partition`` (the default
  partitioning's measurement).

Each figure is the best and the median of ``--repeat`` runs (a shared machine
only ever adds time), with the load average before and after; the ratios are
Spark's time over the command's.  The first Spark run's rows are checked
against the command's output, record by record.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GLOB = "*.txt"


def session(cores: int) -> Any:
    """A local SparkSession of *cores* cores, its Python workers this interpreter."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession  # noqa: PLC0415 -- optional extra

    builder: Any = SparkSession.builder
    return (
        builder.master(f"local[{cores}]")
        .appName("newsparse-bench")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", str(cores))
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )


def spark_run(spark: Any, corpus: Path, out: Path, num_partitions: int | None = None) -> None:
    from newsparse.spark import to_spark_dataframe  # noqa: PLC0415 -- optional extra

    frame = to_spark_dataframe(spark, corpus, glob=GLOB, num_partitions=num_partitions)
    frame.write.mode("overwrite").parquet(str(out))


def cli_run(corpus: Path, out: Path, cores: int) -> None:
    command = [sys.executable, "-m", "newsparse", "parse", str(corpus), "--glob", GLOB]
    command += ["-j", str(cores), "-o", str(out), "--quiet"]
    subprocess.run(command, check=True)  # noqa: S603 -- our own interpreter and arguments


def cold_spark_run(corpus: Path, out: Path, cores: int) -> None:
    command = [sys.executable, "-m", "benchmarks.spark_parquet", str(corpus), "--once", str(out)]
    subprocess.run([*command, "--cores", str(cores)], check=True, cwd=ROOT)  # noqa: S603


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()  # a long run shows each figure as it comes


def timed(run: Callable[[], None]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def load() -> str:
    return "/".join(f"{figure:.1f}" for figure in os.getloadavg())


def summary(name: str, times: list[float]) -> str:
    return f"{name:<34} best {min(times):6.2f} s  median {statistics.median(times):6.2f} s"


def check_same_rows(spark_out: Path, cli_out: Path) -> int:
    """The number of rows, after checking that both outputs hold the same, in order."""
    import pyarrow.parquet as pq  # noqa: PLC0415 -- optional extra

    from newsparse._corpus.arrow import arrow_schema  # noqa: PLC0415

    parts = sorted(spark_out.glob("part-*.parquet"))
    spark_rows = [
        row for part in parts for row in pq.read_table(part, schema=arrow_schema()).to_pylist()
    ]
    cli_rows = pq.read_table(cli_out).to_pylist()
    if spark_rows != cli_rows:
        raise SystemExit(
            f"Spark's rows differ from the command's ({len(spark_rows)}, {len(cli_rows)})"
        )
    return len(cli_rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--files-per-partition", default="128,256,512,1024,2500")
    parser.add_argument("--once", type=Path, help=argparse.SUPPRESS)  # cold_spark_run's child
    args = parser.parse_args(argv)
    if args.once is not None:
        spark = session(args.cores)
        spark_run(spark, args.corpus, args.once)
        spark.stop()
        return 0
    work = Path(tempfile.mkdtemp(prefix="spark-bench-"))
    try:
        say(f"load before: {load()}")
        started = time.perf_counter()
        spark = session(args.cores)
        spark.sparkContext.setLogLevel("ERROR")
        say(f"SparkSession start: {time.perf_counter() - started:.2f} s")
        first = timed(lambda: spark_run(spark, args.corpus, work / "spark"))
        say(f"first Spark run (Python workers start): {first:.2f} s")
        cli_run(args.corpus, work / "cli.parquet", args.cores)
        rows = check_same_rows(work / "spark", work / "cli.parquet")
        say(f"same {rows} rows, in order, from Spark and from the command")
        cli, warm, cold = [], [], []
        for _ in range(args.repeat):
            cli.append(timed(lambda: cli_run(args.corpus, work / "cli.parquet", args.cores)))
            warm.append(timed(lambda: spark_run(spark, args.corpus, work / "spark")))
        for _ in range(max(1, args.repeat // 2)):
            cold.append(timed(lambda: cold_spark_run(args.corpus, work / "cold", args.cores)))
        say(summary(f"newsparse parse -j {args.cores}", cli))
        say(summary(f"Spark local[{args.cores}], warm", warm))
        say(summary(f"Spark local[{args.cores}], with JVM start", cold))
        best = min(cli)
        say(f"ratio warm/command: best {min(warm) / best:.2f}x  "
              f"median {statistics.median(warm) / statistics.median(cli):.2f}x")  # fmt: skip
        say(f"ratio with JVM start/command: best {min(cold) / best:.2f}x")
        for size in [int(size) for size in args.files_per_partition.split(",")]:
            files = sum(1 for _ in args.corpus.rglob(GLOB))
            partitions = max(args.cores, -(-files // size))
            times = [
                timed(partial(spark_run, spark, args.corpus, work / "spark", partitions))
                for _ in range(args.repeat)
            ]
            say(summary(f"{size} files a partition ({partitions})", times)
                  + f"  ratio best {min(times) / best:.2f}x")  # fmt: skip
        spark.stop()
        say(f"load after: {load()}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
