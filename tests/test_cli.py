"""The command line: parse, show, exit statuses, python -m."""

from __future__ import annotations

import json
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

from newsparse import __version__
from newsparse._cli import main

SEED = "tests/data/000_737a97d3fc3c0077.txt"


def test_parse_pretty_prints_one_object_per_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", SEED]) == 0
    out = capsys.readouterr().out
    record = json.loads(out)
    assert record["path"] == SEED
    assert "\n  " in out  # indented
    assert "الخليج الجديد" in out  # not ASCII-escaped


def test_failures_become_records_and_the_run_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_text("  \n", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    assert main(["parse", "--jsonl", str(bad), SEED, str(missing)]) == 1
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["path"] for r in records] == [str(bad), SEED, str(missing)]
    assert records[0]["code"] == "empty"
    assert records[0]["error"].startswith(f"{bad}:1:1: the input is empty")
    assert "title" in records[1]
    assert records[2]["code"] == "not-found"


def test_strict_flag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "nodate.txt"
    path.write_text("عنوان الخبر هنا\nنص الخبر الأول هنا وهو طويل بما يكفي.\n", encoding="utf-8")
    assert main(["parse", "--jsonl", str(path)]) == 0
    lenient = json.loads(capsys.readouterr().out)
    assert lenient["diagnostics"][0]["code"] == "date"
    assert main(["parse", "--jsonl", "--strict", str(path)]) == 1
    assert json.loads(capsys.readouterr().out)["code"] == "date"


def test_show(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["show", SEED, "tests/data/001_52f26a06847bab49.txt"]) == 0
    out = capsys.readouterr().out
    assert "published   2024-01-29" in out
    assert "source      الخليج الجديد (credit: المصدر | الخليج الجديد)" in out
    assert "body        8 paragraphs, 1 heading, 2 read-also boxes" in out
    assert "authors     فرانس24" in out
    assert main(["show", str(tmp_path / "none.txt")]) == 1
    assert "error       " in capsys.readouterr().out


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in ([], ["parse"], ["frobnicate"], ["parse", "--nope", SEED]):
        with pytest.raises(SystemExit) as caught:
            main(argv)
        assert caught.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out.strip() == f"newsparse {__version__} (pure Python)"


def test_python_dash_m() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "newsparse", "parse", "--jsonl", SEED],
        capture_output=True, check=False, env={"PYTHONIOENCODING": "ascii", "PATH": ""},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.decode("utf-8"))["source"]["name"] == "الخليج الجديد"


def test_broken_pipe_is_quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    class ClosedPipe:
        def write(self, _data: bytes) -> int:
            raise BrokenPipeError

        def flush(self) -> None:
            raise AssertionError  # never reached

    class Stdout:
        buffer = ClosedPipe()

    monkeypatch.setattr(sys, "stdout", Stdout())
    monkeypatch.setattr(sys, "stderr", open("/dev/null", "w", encoding="utf-8"))  # noqa: SIM115
    assert main(["parse", SEED]) == 0


def test_directory_of_good_and_bad_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "nested").mkdir(parents=True)
    (corpus / "a-good.txt").write_bytes(Path(SEED).read_bytes())
    (corpus / "b-empty.txt").write_text(" \n", encoding="utf-8")
    (corpus / "c-binary.bin").write_bytes(b"\x00\x01" * 50)
    (corpus / "d-headline.txt").write_text("عنوان فقط\n", encoding="utf-8")
    (corpus / "nested" / "e-cp1256.txt").write_bytes(
        Path(SEED).read_text(encoding="utf-8").replace("\u06cc", "\u064a").encode("cp1256")
    )
    (corpus / ".hidden.txt").write_text("x", encoding="utf-8")
    assert main(["parse", "--jsonl", str(corpus), str(tmp_path / "missing.txt")]) == 1
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [Path(r["path"]).name for r in records] == [
        "a-good.txt", "b-empty.txt", "c-binary.bin",
        "d-headline.txt", "e-cp1256.txt", "missing.txt",
    ]  # fmt: skip
    assert [r.get("code") for r in records] == [
        None, "empty", "binary", "not-an-article", None, "not-found",
    ]  # fmt: skip
    assert records[4]["encoding"] == "windows-1256"
    assert records[4]["title"] == records[0]["title"]


def test_all_good_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "one.txt").write_bytes(Path(SEED).read_bytes())
    assert main(["parse", "--jsonl", str(tmp_path)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 1


def test_module_entry_point(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "argv", ["newsparse", "parse", "--jsonl", SEED])
    with pytest.raises(SystemExit) as caught:
        runpy.run_module("newsparse", run_name="__main__")
    assert caught.value.code == 0


def test_formats_lists_the_builtins(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["formats"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["name", "suffixes", "origin"]
    assert lines[1].split() == ["aggregator-text", ".txt", "built-in"]
    assert {line.split()[0] for line in lines[1:]} >= {"newsparse-jsonl", "saudinewsnet"}


def test_parse_with_a_format_and_files_of_many_articles(
    capsys: pytest.CaptureFixture[str],
) -> None:
    sample = "examples/saudinewsnet-sample.json"
    assert main(["parse", "--jsonl", "--format", "saudinewsnet", sample]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(records) == 3
    assert {r["path"] for r in records} == {sample}
    assert all(r["format"] == "saudinewsnet" and r["url"] for r in records)
    assert main(["show", "examples/articles.jsonl"]) == 0
    assert capsys.readouterr().out.count("published   2024-01-") == 2


def test_unknown_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["parse", "--format", "nope", SEED])
    assert caught.value.code == 2
    assert "unknown format 'nope'; known: aggregator-text" in capsys.readouterr().err
