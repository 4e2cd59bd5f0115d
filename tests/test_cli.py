"""The command line: parse, show, exit statuses, python -m."""

from __future__ import annotations

import csv
import io
import json
import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

from newsparse import __version__
from newsparse._cli.main import main

SEED = "tests/data/000_737a97d3fc3c0077.txt"


def test_standard_output_is_json_lines_and_pretty_is_for_people(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Standard output was indented objects one after another: neither JSON nor JSON Lines."""
    assert main(["parse", SEED, SEED]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["path"] for line in lines] == [SEED, SEED]
    assert "الخليج الجديد" in lines[0]  # not ASCII-escaped
    assert main(["parse", "--jsonl", SEED]) == 0  # scripts use it: it still works
    assert capsys.readouterr().out.splitlines()[0] == lines[0]
    assert main(["parse", "--pretty", SEED]) == 0
    out = capsys.readouterr().out
    assert json.loads(out)["path"] == SEED
    assert "\n  " in out  # indented


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


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--jsonl", "-o", "x.json"], "--jsonl contradicts the suffix of 'x.json' (.json)"),
        (["--to", "csv", "-o", "x.json"], "--to csv contradicts the suffix of 'x.json' (.json)"),
        (["--jsonl", "--pretty"], "--jsonl and --pretty contradict each other"),
        (["--jsonl", "--to", "csv"], "--jsonl contradicts --to csv"),
        (["--pretty", "--to", "csv"], "--pretty writes indented JSON: it contradicts --to csv"),
        (["--pretty", "-o", "x.jsonl"], "--pretty is for standard output"),
        (["--resume"], "--resume continues a file output: give -o OUT"),
        (["--csv-keep-formulas", "-o", "x.jsonl"], "--csv-keep-formulas is for CSV output only"),
        (["-o", "x.txt"], "the output must end in .jsonl, .json, .csv, .parquet (or give --to"),
    ],
)
def test_contradictory_options_are_usage_errors(
    argv: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    """`--jsonl -o x.json` once wrote a JSON array without a word."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as caught:
        main(["parse", os.path.abspath(SEED), *argv])
    assert caught.value.code == 2
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []  # nothing was written


def test_an_output_suffix_may_be_anything_with_to(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "records.txt"
    assert main(["parse", "-q", SEED, "--to", "jsonl", "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["path"] == SEED


def test_csv_goes_to_standard_output_too(capsys: pytest.CaptureFixture[str]) -> None:
    """CSV could not go to standard output."""
    assert main(["parse", SEED, "--to", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out.removeprefix("\ufeff"))))
    assert [row["path"] for row in rows] == [SEED]


def test_parquet_is_not_written_to_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    with pytest.raises(SystemExit) as caught:
        main(["parse", SEED, "--to", "parquet"])
    assert caught.value.code == 2
    assert "Parquet is binary" in capsys.readouterr().err


def test_an_output_that_is_also_an_input_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`newsparse parse same.jsonl -o same.jsonl` replaced its input with one error record."""
    same = tmp_path / "same.jsonl"
    same.write_bytes(Path("examples/articles.jsonl").read_bytes())
    before = same.read_bytes()
    with pytest.raises(SystemExit) as caught:
        main(["parse", str(same), "-o", str(same)])
    assert caught.value.code == 2
    assert "is also an input" in capsys.readouterr().err
    assert same.read_bytes() == before
    assert not (tmp_path / "same.jsonl.partial").exists()


def test_an_output_inside_an_input_directory_is_never_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`newsparse parse corpus/ -o corpus/all.jsonl` read its own output: an error every run."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_bytes(Path(SEED).read_bytes())
    out = corpus / "all.jsonl"
    for _ in range(2):
        assert main(["parse", "-q", str(corpus), "-o", str(out)]) == 0
        assert [json.loads(line)["path"] for line in out.read_text().splitlines()] == [
            str(corpus / "a.txt")
        ]


def test_a_mistyped_input_leaves_the_previous_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A mistyped path replaced yesterday's output with one not-found record."""
    out = tmp_path / "corpus.jsonl"
    assert main(["parse", "-q", SEED, "-o", str(out)]) == 0
    before = out.read_bytes()
    assert main(["parse", "-q", str(tmp_path / "corpsu"), "-o", str(out)]) == 2
    assert f"no input exists ({tmp_path / 'corpsu'}); {out} is left as it was" in (
        capsys.readouterr().err
    )
    assert out.read_bytes() == before
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["parse", "-q", "-", "-o", str(out)]) == 2
    assert "no input was named (stdin held none)" in capsys.readouterr().err
    assert out.read_bytes() == before
    assert not (tmp_path / "corpus.jsonl.partial").exists()


def test_a_leftover_of_an_interrupted_run_is_never_overwritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.jsonl"
    partial = tmp_path / "out.jsonl.partial"
    partial.write_bytes(b'{"path": "x", "error": "e", "code": "c"}\n')
    with pytest.raises(SystemExit) as caught:
        main(["parse", SEED, "-o", str(out)])
    assert caught.value.code == 2
    assert "add --resume to continue it, or delete it to start over" in capsys.readouterr().err
    assert partial.read_bytes().startswith(b'{"path": "x"')


def test_resume_refuses_inputs_that_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.jsonl"
    other = "tests/data/001_52f26a06847bab49.txt"
    (tmp_path / "out.jsonl.partial").write_bytes(
        (f'{{"path": "{other}", "error": "e", "code": "c"}}\n' * 2).encode()
        + f'{{"path": "{SEED}", "error": "e", "code": "c"}}\n'.encode()
    )
    with pytest.raises(SystemExit) as caught:
        main(["parse", SEED, "-o", str(out), "--resume"])
    assert caught.value.code == 2
    assert "cannot resume" in capsys.readouterr().err
    assert main(["parse", "-q", other, other, SEED, "-o", str(out), "--resume"]) == 1
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["path"] for r in records] == [other, other, SEED]  # the kept two, then the last
    assert "title" in records[-1]


def test_no_plugins_uses_the_built_ins_only(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsparse._formats import registry as _registry  # noqa: PLC0415

    looked_up: list[str] = []

    def entry_points(*, group: str) -> list[object]:
        looked_up.append(group)
        return []

    monkeypatch.setattr(_registry, "entry_points", entry_points)
    assert main(["formats", "--no-plugins"]) == 0
    assert main(["parse", "--no-plugins", SEED]) == 0
    assert looked_up == []
