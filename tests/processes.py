"""Watching a command's processes through /proc (Linux): conditions a test can wait on.

A test never sleeps to let something happen: it waits until a condition it
can observe holds (a worker exists, ignores SIGINT, a file has grown), and
fails with what it waited for if that takes longer than a generous deadline.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

DEADLINE = 60.0  # seconds: a busy 2-core machine is slow, a hang is forever


def wait_until(condition: Callable[[], bool], what: str, deadline: float = DEADLINE) -> None:
    """Return once *condition()* holds; fail the test naming *what* after *deadline* seconds."""
    end = time.monotonic() + deadline
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"waited {deadline:.0f} s for {what}")
        time.sleep(0.01)  # a poll of the condition, not a wait for something to happen


def _status(pid: int) -> dict[str, str]:
    try:
        text = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:  # gone
        return {}
    return dict(line.split(":\t", 1) for line in text.splitlines() if ":\t" in line)


def children(pid: int) -> list[int]:
    """The pids of *pid*'s children (of every thread of it)."""
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            found += map(int, Path(f"/proc/{pid}/task/{task}/children").read_text().split())
        except OSError:
            continue
    return found


def descendants(pid: int) -> set[int]:
    """Every process below *pid* (children, their children...)."""
    found: set[int] = set()
    stack = children(pid)
    while stack:
        child = stack.pop()
        if child not in found:
            found.add(child)
            stack += children(child)
    return found


def _mask(pid: int, field: str) -> int:
    return int(_status(pid).get(field, "0"), 16)


def ignores(pid: int, signum: int) -> bool:
    """Whether the process *pid* ignores *signum* (False once it is gone)."""
    return bool(_mask(pid, "SigIgn") & (1 << (signum - 1)))


def catches(pid: int, signum: int) -> bool:
    """Whether the process *pid* has a handler for *signum* installed."""
    return bool(_mask(pid, "SigCgt") & (1 << (signum - 1)))


def alive(pid: int) -> bool:
    """Whether *pid* is a running process (a zombie, dead but not reaped, is not)."""
    state = _status(pid).get("State", "")
    return bool(state) and not state.startswith(("Z", "X"))


def wait_gone(pid: int, deadline: float = DEADLINE) -> None:
    """Return once the process *pid* (not necessarily a child) has ended."""
    try:
        handle = os.pidfd_open(pid)
    except ProcessLookupError:
        return
    try:
        ready, _, _ = select.select([handle], [], [], deadline)
        if not ready and alive(pid):
            raise AssertionError(f"process {pid} still runs after {deadline:.0f} s")
    finally:
        os.close(handle)


def command(*args: str) -> list[str]:
    """``python -m newsparse ARGS`` (the command as its users run it)."""
    return [sys.executable, "-m", "newsparse", *args]


def start(*args: str, cwd: Path | None = None) -> subprocess.Popen[bytes]:
    """The command in a session (and process group) of its own, paths fed on its stdin."""
    return subprocess.Popen(
        command(*args),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        cwd=cwd,
    )


def feed(run: subprocess.Popen[bytes], paths: list[Path]) -> None:
    """Write *paths* to the command's stdin, one a line (stdin stays open)."""
    assert run.stdin is not None
    run.stdin.write(b"".join(os.fsencode(path) + b"\n" for path in paths))
    run.stdin.flush()


def finish(run: subprocess.Popen[bytes], deadline: float = DEADLINE) -> tuple[int, str]:
    """Close the command's stdin and wait for it: its status and its stderr."""
    _, err = run.communicate(timeout=deadline)
    return run.returncode, err.decode("utf-8", "replace")


def ended(run: subprocess.Popen[bytes], deadline: float = DEADLINE) -> tuple[int, str]:
    """Wait for the command to end by itself, its stdin still open (a pipe whose writer has
    more to say): its status and its stderr.  Its output must fit the pipes' buffers."""
    run.wait(timeout=deadline)
    return finish(run, deadline)


def _command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def workers(pid: int) -> list[int]:
    """The pool workers of the command *pid*: its children, or its forkserver's (a command
    that runs threads starts its workers from one), without multiprocessing's helpers."""
    found = []
    for child in children(pid):
        line = _command_line(child)
        if "multiprocessing.forkserver" in line:
            found += children(child)
        elif "multiprocessing.resource_tracker" not in line:
            found.append(child)
    return found


def workers_ready(run: subprocess.Popen[bytes], jobs: int) -> Callable[[], bool]:
    """Whether the command runs its *jobs* workers, each ignoring SIGINT (set up)."""

    def ready() -> bool:
        found = workers(run.pid)
        return len(found) >= jobs and all(ignores(pid, signal.SIGINT) for pid in found)

    return ready
