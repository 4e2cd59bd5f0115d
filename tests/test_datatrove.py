"""The DataTrove reader in real LocalPipelineExecutor runs, against the command's records."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from benchmarks.datatrove_pipeline import expected_documents, read_jsonl
from newsparse import iter_results, learn
from newsparse._cli.main import main
from tests.helpers import CHROME, DATA, EXAMPLES, SEEDS, outlet_corpus
from tests.s3server import S3Server

slow = pytest.mark.slow  # DataTrove imports slowly and its executor starts processes


def test_without_datatrove_the_import_error_names_the_extra() -> None:
    code = (
        "import sys; sys.modules['datatrove'] = None\n"
        "try:\n    import newsparse.datatrove\n"
        "except ImportError as error:\n    print(error)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )  # fmt: skip
    assert "pip install 'newsparse[datatrove]'" in done.stdout


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """27 files in two folders: seeds, damaged copies, two-article and failing files."""
    pytest.importorskip("datatrove")
    root = tmp_path_factory.mktemp("corpus")
    (root / "more").mkdir()
    sources = [DATA / f"{seed}.txt" for seed in SEEDS] + sorted((DATA / "damaged").glob("*.txt"))
    for i in range(20):
        folder = root if i % 3 else root / "more"
        (folder / f"{i:03d}.txt").write_bytes(sources[i % len(sources)].read_bytes())
    (root / "900-empty.txt").write_text("\n", encoding="utf-8")
    (root / "901-binary.txt").write_bytes(b"\x00\x01" * 40)
    (root / "more" / "902-headline.txt").write_text("عنوان فقط\n", encoding="utf-8")
    articles = (EXAMPLES / "articles.jsonl").read_bytes()
    (root / "903-articles.jsonl").write_bytes(articles)
    (root / "904-bad-line.jsonl").write_bytes(articles + b'{"title": 3\n')  # 2, then an error
    (root / "905-one.jsonl").write_bytes(articles.splitlines(keepends=True)[0])
    os.mkdir(os.path.join(os.fsencode(root), b"\xff-name"))  # a name that is not UTF-8
    (root / os.fsdecode(b"\xff-name") / "906.txt").write_bytes(sources[0].read_bytes())
    return root


@pytest.fixture(scope="module")
def records(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    """What ``newsparse parse CORPUS -o out.jsonl`` writes."""
    out = tmp_path_factory.mktemp("cli") / "out.jsonl"
    assert main(["parse", str(corpus), "-q", "-o", str(out)]) == 1  # some files fail
    return read_jsonl([out])


def jsonl_writer(folder: Path) -> Any:
    """DataTrove's JsonlWriter, uncompressed (it writes with orjson, which the extra brings)."""
    pytest.importorskip("orjson")
    from datatrove.pipeline.writers import JsonlWriter  # noqa: PLC0415

    return JsonlWriter(str(folder), compression=None)


def run(reader: Any, work: Path, *, tasks: int, workers: int) -> tuple[list[dict[str, Any]], Any]:
    """Run ``[reader, JsonlWriter]``; the documents written, task by task, and the stats."""
    from datatrove.executor import LocalPipelineExecutor  # noqa: PLC0415

    out = work / "out"
    executor = LocalPipelineExecutor(
        [reader, jsonl_writer(out)], tasks=tasks, workers=workers, logging_dir=str(work / "logs")
    )
    stats = executor.run()
    return read_jsonl(sorted(out.glob("*.jsonl"))), stats


def by_id(documents: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    found = {d["id"]: {"text": d.get("text", ""), "metadata": d["metadata"]} for d in documents}
    assert len(found) == len(documents), "two documents have the same id"
    return found


def reader_stats(stats: Any) -> dict[str, int]:
    """The reader step's counters, merged over the tasks."""
    step = next(s for s in stats.stats if "newsparse" in s.name)
    return {name: int(value.total) for name, value in step.stats.items()}


@slow
def test_the_documents_are_the_records_of_the_command(
    corpus: Path, records: list[dict[str, Any]], tmp_path: Path
) -> None:
    from newsparse.datatrove import NewsparseReader  # noqa: PLC0415

    documents, stats = run(NewsparseReader(str(corpus)), tmp_path, tasks=2, workers=2)
    expected = expected_documents(records)
    assert by_id(documents) == expected  # id, text and metadata of every article
    assert f"{corpus}/903-articles.jsonl#2" in expected
    assert f"{corpus}/905-one.jsonl" in expected
    assert f"{corpus}/%FF-name/906.txt" in expected
    errors = Counter(record["code"] for record in records if "error" in record)
    assert errors == {"empty": 1, "binary": 1, "not-an-article": 1, "json": 1}
    counted = reader_stats(stats)
    assert counted["newsparse_errors"] == errors.total()
    assert {code: counted[f"newsparse_error.{code}"] for code in errors} == errors
    assert counted["input_files"] == 27
    logs = "".join(path.read_text("utf-8") for path in (tmp_path / "logs/logs").glob("*.log"))
    assert f"{corpus}/901-binary.txt" in logs  # each failed file is named in a warning


@slow
def test_keep_body_keeps_the_whole_record(
    corpus: Path, records: list[dict[str, Any]], tmp_path: Path
) -> None:
    from newsparse.datatrove import NewsparseReader  # noqa: PLC0415

    reader = NewsparseReader(str(corpus), keep_body=True, glob_pattern="**/*.txt")
    documents, _ = run(reader, tmp_path, tasks=2, workers=1)
    txt = [r for r in records if r["path"].endswith(".txt")]
    assert by_id(documents) == expected_documents(txt, keep_body=True)
    assert all("body" in d["metadata"] for d in documents)
    rebuilt = [{"path": d["id"], **d["metadata"]} for d in documents]  # one article a file
    articles = [r for r in txt if "error" not in r]
    assert sorted(rebuilt, key=json.dumps) == sorted(articles, key=json.dumps)


@slow
def test_the_tasks_share_the_files_without_losing_or_repeating_one(
    corpus: Path, records: list[dict[str, Any]], tmp_path: Path
) -> None:
    from newsparse.datatrove import NewsparseReader  # noqa: PLC0415

    documents, stats = run(NewsparseReader(str(corpus)), tmp_path, tasks=3, workers=1)
    assert by_id(documents).keys() == expected_documents(records).keys()
    written = [read_jsonl([path]) for path in sorted((tmp_path / "out").glob("*.jsonl"))]
    assert len(written) == 3
    assert all(written)  # every task read some of the files
    files = [{d["id"].partition("#")[0] for d in task} for task in written]
    assert sum(map(len, files)) == len(set().union(*files))  # no file in two tasks
    assert reader_stats(stats)["input_files"] == 27


@slow
def test_a_profile_is_applied(tmp_path: Path) -> None:
    pytest.importorskip("datatrove")
    from newsparse.datatrove import NewsparseReader  # noqa: PLC0415

    (tmp_path / "corpus").mkdir()
    paths = outlet_corpus(tmp_path / "corpus", 30)
    profile = learn(paths)
    applied = [r for p in iter_results(paths, profile=profile) for r in p.records()]
    plain = [r for p in iter_results(paths) for r in p.records()]
    blocks = [block["text"] for record in plain for block in record["body"]]
    assert CHROME in blocks  # so that a reader ignoring the profile fails the test
    assert CHROME not in [block["text"] for record in applied for block in record["body"]]
    reader = NewsparseReader(str(tmp_path / "corpus"), profile=profile, keep_body=True)
    documents, _ = run(reader, tmp_path / "run", tasks=2, workers=2)
    assert by_id(documents) == expected_documents(applied, keep_body=True)


@slow
def test_an_s3_folder_gives_the_documents_of_the_same_local_files(
    corpus: Path, records: list[dict[str, Any]], s3: S3Server, tmp_path: Path
) -> None:
    import s3fs  # noqa: PLC0415

    from newsparse.datatrove import NewsparseReader  # noqa: PLC0415

    bucket = s3.new_bucket()
    remote = s3fs.S3FileSystem(**s3.options)
    for path in sorted(corpus.rglob("*.txt")):
        relative = path.relative_to(corpus).as_posix()
        if relative.isascii():  # moto's keys are UTF-8: the non-UTF-8 name stays local
            remote.pipe_file(f"{bucket}/corpus/{relative}", path.read_bytes())
    reader = NewsparseReader((f"s3://{bucket}/corpus", s3.options), glob_pattern="**/*.txt")
    documents, stats = run(reader, tmp_path, tasks=2, workers=2)
    local = f"{corpus}/"
    txt = [
        {**r, "path": f"s3://{bucket}/corpus/" + r["path"].removeprefix(local)}
        for r in records
        if r["path"].endswith(".txt") and "%FF" not in r["path"]
    ]
    assert by_id(documents) == expected_documents(txt)
    errors = Counter(record["code"] for record in txt if "error" in record)
    counted = reader_stats(stats)
    assert {code: counted[f"newsparse_error.{code}"] for code in errors} == errors


@slow
def test_a_file_over_max_bytes_is_refused_on_any_file_system(tmp_path: Path) -> None:
    pytest.importorskip("datatrove")
    import fsspec  # noqa: PLC0415

    from newsparse.datatrove import NewsparseReader  # noqa: PLC0415

    seed = (DATA / f"{SEEDS[0]}.txt").read_bytes()
    (tmp_path / "a.txt").write_bytes(seed)
    memory = fsspec.filesystem("memory")
    memory.pipe_file(f"/{tmp_path.name}/a.txt", seed)
    try:
        for folder in (str(tmp_path), f"memory:///{tmp_path.name}"):
            small = NewsparseReader(folder, max_bytes=len(seed) - 1)
            assert list(small.run()) == []
            assert small.stats["newsparse_error.too-large"].total == 1
            exact = NewsparseReader(folder, max_bytes=len(seed))
            [document] = exact.run()
            assert document.id.endswith("/a.txt")
            assert document.metadata["title"]
    finally:
        memory.rm(f"/{tmp_path.name}", recursive=True)  # the memory file system is the process's


@slow
@given(
    content=st.binary(max_size=64),
    limit=st.integers(min_value=0, max_value=80),
    said=st.one_of(st.none(), st.integers(min_value=0, max_value=80)),
)
def test_a_bounded_read_gives_the_bytes_up_to_one_over_the_limit(
    content: bytes, limit: int, said: int | None
) -> None:
    """Whatever size the file says (none, the true one, a stale one), the read gives the
    first limit + 1 bytes."""
    pytest.importorskip("datatrove")
    from newsparse.datatrove import _read_bounded  # noqa: PLC0415

    file = io.BytesIO(content)
    if said is not None:
        file.size = said  # type: ignore[attr-defined]
    assert _read_bounded(file, limit) == content[: limit + 1]


@slow
def test_an_archive_in_the_folder_gives_the_documents_of_its_members(tmp_path: Path) -> None:
    from newsparse.datatrove import NewsparseReader  # noqa: PLC0415
    from tests.archives import write_zip  # noqa: PLC0415
    from tests.test_archives import corpus_members, unpacked  # noqa: PLC0415

    members = corpus_members()
    local = unpacked(tmp_path / "corpus", members)
    (tmp_path / "packed").mkdir()
    archive = write_zip(tmp_path / "packed" / "corpus.zip", members)
    out = tmp_path / "out.jsonl"
    assert main(["parse", str(local), "-q", "-o", str(out)]) == 1  # some files fail
    expected = expected_documents(read_jsonl([out]))
    documents, stats = run(NewsparseReader(str(tmp_path / "packed")), tmp_path / "run",
                           tasks=1, workers=1)  # fmt: skip
    found = {
        key.removeprefix("zip://").replace(f"::{archive}", ""): value
        for key, value in by_id(documents).items()
    }
    assert found == {key.removeprefix(f"{local}/"): value for key, value in expected.items()}
    assert reader_stats(stats)["newsparse_errors"] == sum(
        1 for record in read_jsonl([out]) if "error" in record
    )
