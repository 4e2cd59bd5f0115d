"""A corpus run under faults: signals at any moment, dead workers, FIFOs, kills, full disks.

Every test runs the real command in processes of its own and waits on what
it can observe in /proc or on disk.  ``scripts/stress_faults.py`` runs this
module 30 times beside two CPU-bound processes.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import resource
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from newsparse import Article, FormatRegistry, InputError, Paragraph, iter_results, parse_file
from newsparse._corpus.outputs import temporary_path
from tests.processes import (
    catches,
    children,
    command,
    descendants,
    ended,
    feed,
    finish,
    ignores,
    start,
    wait_gone,
    wait_until,
    workers,
    workers_ready,
)

pytestmark = [
    pytest.mark.faults,
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform != "linux", reason="watches processes through /proc"),
]

SEEDS = sorted(Path("tests/data").glob("00[01]_*.txt"))
PREVIOUS = b'{"path": "an earlier run", "title": "kept"}\n'


@pytest.fixture
def corpus(tmp_path: Path) -> list[Path]:
    """400 article files (about 2.3 MB: more than one mebibyte of records, so a run flushes)."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    files = []
    for number in range(400):
        path = folder / f"{number:04d}.txt"
        path.write_bytes(SEEDS[number % 2].read_bytes())
        files.append(path)
    return files


def _records(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_bytes().splitlines()]


def _whole_lines(path: Path) -> list[dict[str, object]]:
    """The records of a JSON Lines file cut short: every line but a last one without an end."""
    data = path.read_bytes()
    return [json.loads(line) for line in data[: data.rfind(b"\n") + 1].splitlines()]


def _phase_reached(run: subprocess.Popen[bytes], phase: str) -> bool:
    if phase == "handlers":  # the first thing the command does: SIGTERM is caught from then on
        return catches(run.pid, signal.SIGTERM)
    if phase == "first worker":
        return bool(children(run.pid))
    return workers_ready(run, 2)()


@pytest.mark.parametrize("phase", ["handlers", "first worker", "workers ready"])
@pytest.mark.parametrize(
    ("signum", "status", "to_group"),
    [(signal.SIGINT, 130, True), (signal.SIGTERM, 143, False)],
    ids=["SIGINT to the process group", "SIGTERM to the command"],
)
def test_a_signal_stops_a_parallel_run_cleanly_however_early(
    corpus: list[Path], tmp_path: Path, phase: str, signum: int, status: int, to_group: bool
) -> None:
    """Once lost (exit 0), or hung with workers left behind, when SIGINT came early.

    A terminal sends Ctrl-C to the whole process group; ``kill`` sends SIGTERM
    to the command alone, which must then stop its workers itself.
    """
    out = tmp_path / "out.jsonl"
    out.write_bytes(PREVIOUS)
    run = start("parse", "-", "--jobs", "2", "-o", str(out))
    if phase != "handlers":
        feed(run, corpus[:8])  # workers start with the first chunk
    wait_until(lambda: _phase_reached(run, phase), f"the command to reach {phase!r}")
    processes = descendants(run.pid)
    if to_group:
        os.killpg(run.pid, signum)
    else:
        os.kill(run.pid, signum)
    code, err = ended(run)  # while the thread that reads stdin still waits there
    assert code == status, err
    assert "Traceback" not in err
    assert not [pid for pid in processes if Path(f"/proc/{pid}").exists()]
    assert out.read_bytes() == PREVIOUS
    partial = Path(temporary_path(str(out)))
    if partial.exists():
        assert all(record["title"] for record in _whole_lines(partial))
        assert "--resume" in err


def test_ctrl_c_while_files_are_parsed_keeps_whole_records_for_resume(
    corpus: list[Path], tmp_path: Path
) -> None:
    out = tmp_path / "out.jsonl"
    run = start("parse", "-", "--jobs", "2", "-o", str(out))
    feed(run, corpus)
    partial = Path(temporary_path(str(out)))
    wait_until(lambda: partial.exists() and partial.stat().st_size > 1 << 20, "a first flush")
    os.killpg(run.pid, signal.SIGINT)
    code, err = ended(run)
    assert code == 130, err
    assert err.startswith("newsparse: interrupted (SIGINT) after ")
    assert not out.exists()
    kept = _whole_lines(partial)
    assert [record["path"] for record in kept] == [str(path) for path in corpus[: len(kept)]]
    _resume_gives_the_whole_run(corpus, out)


def _resume_gives_the_whole_run(corpus: list[Path], out: Path, *extra: str) -> None:
    """``--resume`` over the same inputs gives what one uninterrupted run gives, byte for byte."""
    listing = "".join(f"{path}\n" for path in corpus)
    done = subprocess.run(
        command("parse", "-", "--resume", "-o", str(out), *extra),
        input=listing.encode(), capture_output=True, check=False, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert b"kept from the interrupted run" in done.stderr
    assert not Path(temporary_path(str(out))).exists()
    whole = out.with_name("whole" + out.suffix)
    subprocess.run(
        command("parse", "-", "-q", "-o", str(whole), *extra),
        input=listing.encode(), check=True, timeout=120,
    )  # fmt: skip
    assert out.read_bytes() == whole.read_bytes()


def test_a_killed_command_leaves_no_worker_and_its_output_untouched(
    corpus: list[Path], tmp_path: Path
) -> None:
    """SIGKILL (an out-of-memory kill of the command): its workers die with it (the kernel
    kills them), the previous output stays, and --resume finishes the run."""
    out = tmp_path / "out.jsonl"
    out.write_bytes(PREVIOUS)
    run = start("parse", "-", "--jobs", "2", "-o", str(out))
    feed(run, corpus[:300])
    partial = Path(temporary_path(str(out)))
    wait_until(lambda: partial.exists() and partial.stat().st_size > 1 << 20, "a first flush")
    wait_until(workers_ready(run, 2), "the workers")
    left = descendants(run.pid)
    run.kill()
    run.communicate(timeout=60)  # and its pipes closed
    for pid in left:
        wait_gone(pid)
    assert out.read_bytes() == PREVIOUS
    kept = _whole_lines(partial)
    assert kept  # a mebibyte of whole records, the first files' in order
    assert [record["path"] for record in kept] == [str(path) for path in corpus[: len(kept)]]
    out.unlink()  # so that the resumed run replaces nothing: it is compared with a whole one
    _resume_gives_the_whole_run(corpus, out)


def test_a_killed_worker_costs_nothing(corpus: list[Path], tmp_path: Path) -> None:
    """kill -9 of one worker (the out-of-memory killer's choice) once hung the run forever:
    the files it held are parsed again, and every record comes, in order."""
    out = tmp_path / "out.jsonl"
    run = start("parse", "-", "--jobs", "2", "-o", str(out))
    feed(run, corpus[:20])
    wait_until(workers_ready(run, 2), "the workers")
    os.kill(workers(run.pid)[0], signal.SIGKILL)
    feed(run, corpus[20:60])
    code, err = finish(run)
    assert code == 0, err
    records = _records(out)
    assert [record["path"] for record in records] == [str(path) for path in corpus[:60]]
    assert all("title" in record for record in records)


class Deadly:
    """A format whose parse kills its own process on a file that says ``die``."""

    name = "deadly"
    suffixes = (".deadly",)

    def sniff(self, text: str) -> float:
        return 1.0

    def parse(
        self, text: str, *, path: str | None = None, strict: bool = False
    ) -> Iterator[Article]:
        if text.strip() == "die":
            os.kill(os.getpid(), signal.SIGKILL)
        yield Article(title=text.strip(), body=[Paragraph(text=text.strip())], format=self.name)


def test_a_file_that_kills_its_worker_gets_worker_died(tmp_path: Path) -> None:
    names = ["a", "b", "die", "c", "d", "e", "f", "g"]
    for name in names:
        (tmp_path / f"{name}.deadly").write_text(name if name == "die" else f"{name}.")
    results = list(iter_results(tmp_path, jobs=2, registry=FormatRegistry((Deadly(),))))
    assert [Path(result.path).stem for result in results] == sorted(names)
    died = [result for result in results if not result.ok]
    assert [(Path(r.path).stem, r.error.code if r.error else None) for r in died] == [
        ("die", "worker-died")
    ]
    assert all(len(result.articles) == 1 for result in results if result.ok)
    assert multiprocessing.active_children() == []  # every pool's workers ended


def test_a_fifo_among_the_inputs_is_not_opened(tmp_path: Path) -> None:
    """A FIFO once hung the run (and parse_file), losing the records buffered before it."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_bytes(SEEDS[0].read_bytes())
    os.mkfifo(folder / "b.txt")
    (folder / "c.txt").write_bytes(SEEDS[1].read_bytes())
    with pytest.raises(InputError) as caught:
        parse_file(folder / "b.txt")
    assert caught.value.code == "not-a-file"
    out = tmp_path / "out.jsonl"
    done = subprocess.run(
        command("parse", str(folder), "-o", str(out)), capture_output=True, timeout=60, check=False
    )
    assert done.returncode == 1
    records = _records(out)
    assert [(Path(str(r["path"])).name, r.get("code")) for r in records] == [
        ("a.txt", None), ("b.txt", "not-a-file"), ("c.txt", None),
    ]  # fmt: skip


def _limit_file_size(limit: int) -> None:
    """In the child: files over *limit* bytes cannot be written (a full disk, for one file)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of the signal's kill
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def test_a_full_disk_is_one_line_and_its_own_status(corpus: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_bytes(PREVIOUS)
    done = subprocess.run(
        command("parse", str(corpus[0].parent), "-o", str(out)),
        capture_output=True, timeout=120, check=False,
        preexec_fn=lambda: _limit_file_size(1_500_000),
    )  # fmt: skip
    assert done.returncode == 74, done.stderr
    err = done.stderr.decode()
    assert "Traceback" not in err
    assert "usage:" not in err
    assert err.startswith(
        f"newsparse: error: {temporary_path(str(out))}: cannot write (File too large)"
    )
    assert "--resume" in err
    assert out.read_bytes() == PREVIOUS
    out.unlink()
    _resume_gives_the_whole_run(corpus, out)


def test_standard_output_on_a_full_device_is_one_line(tmp_path: Path) -> None:
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            command("parse", str(SEEDS[0])), stdout=full, stderr=subprocess.PIPE, timeout=60,
            check=False,
        )  # fmt: skip
    assert done.returncode == 74
    assert done.stderr.decode().startswith(
        "newsparse: error: standard output: cannot write (No space left on device)"
    )
    assert b"Traceback" not in done.stderr


def test_a_closed_pipe_ends_the_run_quietly(corpus: list[Path]) -> None:
    """``newsparse parse corpus/ | head -c 100``: no traceback, the status of SIGPIPE."""
    run = subprocess.Popen(
        command("parse", str(corpus[0].parent), "--jobs", "2"),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert run.stdout is not None
    assert len(run.stdout.read(100)) == 100
    run.stdout.close()
    workers = descendants(run.pid)
    _, err = run.communicate(timeout=60)
    assert (run.returncode, err) == (141, b"")
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()]


def test_the_stop_signals_are_held_while_workers_are_born(tmp_path: Path) -> None:
    """A worker ignores SIGINT before it lets one through (the mask is inherited)."""
    run = start("parse", "-", "--jobs", "2", "-o", str(tmp_path / "out.jsonl"))
    feed(run, SEEDS)
    wait_until(workers_ready(run, 2), "the workers")
    for worker in workers(run.pid):
        assert ignores(worker, signal.SIGINT)
        assert not ignores(worker, signal.SIGTERM)
    code, _ = finish(run)
    assert code == 0


_HALF_SENT = """
import multiprocessing, os, sys, time
from pathlib import Path
from newsparse._corpus.pool import _Workers

def big(_item):
    return b"x" * (200 << 20)  # sent through a pipe, it takes a while: the worker is cut there

workers = _Workers(1, None)
workers.submit(big, 0)
(worker,) = [child.pid for child in multiprocessing.active_children()]
wchan = Path(f"/proc/{worker}/wchan")
deadline = time.monotonic() + 60
while time.monotonic() < deadline:
    try:
        if "pipe_write" in wchan.read_text():  # blocked writing its result into the pipe
            break
    except OSError:
        pass
    time.sleep(0.001)
workers.stop()
print("stopped", flush=True)
"""


def test_a_worker_stopped_while_it_sends_a_result_leaves_no_thread_waiting() -> None:
    """Terminated in the middle of a result, a worker left half a message in the result pipe;
    the pool's thread waited for the rest forever, and the command's exit with it."""
    done = subprocess.run(
        [sys.executable, "-c", _HALF_SENT], capture_output=True, text=True, timeout=120,
        check=False,
    )  # fmt: skip
    assert (done.returncode, done.stdout) == (0, "stopped\n"), done.stderr


def test_a_killed_parquet_run_leaves_the_previous_table_readable(
    corpus: list[Path], tmp_path: Path
) -> None:
    """SIGKILL left an unreadable .parquet (no footer) where the previous output was.

    Parquet's threads make the command start its workers from a forkserver, so
    this also checks that those die with the command: they are not its children,
    and once they outlived it (and kept the forkserver alive) for ever.
    """
    out = tmp_path / "out.parquet"
    subprocess.run(command("parse", "-q", str(SEEDS[0]), "-o", str(out)), check=True, timeout=120)
    previous = pq.read_table(out)
    run = start("parse", "-", "--jobs", "2", "-o", str(out))
    feed(run, corpus[:300])
    wait_until(workers_ready(run, 2), "the workers")
    left = descendants(run.pid)
    run.kill()
    run.communicate(timeout=60)  # ends once no process holds the command's pipes
    for pid in left:
        wait_gone(pid)
    assert pq.read_table(out).equals(previous)
    assert Path(temporary_path(str(out))).is_dir()
    out.unlink()
    listing = "".join(f"{path}\n" for path in corpus[:300]).encode()
    resumed = subprocess.run(
        command("parse", "-", "-q", "--resume", "-o", str(out)), input=listing, timeout=120,
        check=False,
    )  # fmt: skip
    assert resumed.returncode == 0
    whole = tmp_path / "whole.parquet"
    subprocess.run(
        command("parse", "-", "-q", "-o", str(whole)), input=listing, check=True, timeout=120
    )
    assert pq.read_table(out).equals(pq.read_table(whole))


@pytest.mark.parametrize(
    ("signum", "status", "to_group"),
    [(signal.SIGINT, 130, True), (signal.SIGTERM, 143, False)],
    ids=["SIGINT to the process group", "SIGTERM to the command"],
)
def test_a_signal_stops_learning_and_leaves_the_previous_profile(
    corpus: list[Path], tmp_path: Path, signum: int, status: int, to_group: bool
) -> None:
    out = tmp_path / "profile.json"
    out.write_bytes(PREVIOUS)
    run = start("learn", "-", "--jobs", "2", "-o", str(out))
    feed(run, corpus[:8])  # stdin stays open: the run waits for more paths
    wait_until(workers_ready(run, 2), "the workers to start")
    processes = descendants(run.pid)
    if to_group:
        os.killpg(run.pid, signum)
    else:
        os.kill(run.pid, signum)
    code, err = ended(run)
    assert code == status, err
    assert "Traceback" not in err
    assert f"{out} is untouched" in err
    assert not [pid for pid in processes if Path(f"/proc/{pid}").exists()]
    assert out.read_bytes() == PREVIOUS
    assert not list(tmp_path.glob("profile.json.*"))  # no temporary file left
