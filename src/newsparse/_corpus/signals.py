"""SIGINT and SIGTERM in a corpus run: an exception in the main process, nothing in a worker.

A run stops on either signal as it stops on Ctrl-C: the main process raises
:class:`Interrupted` (a ``KeyboardInterrupt``), finishes what it holds and
stops its workers.  Workers leave both to it: a terminal's Ctrl-C reaches the
whole process group, and a worker that took it would print a traceback of its
own.  Worker processes start with the two signals held (blocked), so one that
arrives while a worker is being born waits until the worker ignores it, and
the worker dies with the process that runs the pool, however that one ends.

Only the standard library is imported here: the command installs these
handlers before it imports anything else.
"""

from __future__ import annotations

import ctypes
import os
import select
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from types import FrameType
from typing import Any

__all__ = [
    "STOPS",
    "Interrupted",
    "check_stopped",
    "held",
    "in_worker",
    "stop_on_signals",
    "waking",
]

STOPS = (signal.SIGINT, signal.SIGTERM)
"""The signals that stop a run (SIGINT: Ctrl-C; SIGTERM: ``kill``, a service manager)."""

_CAN_HOLD = hasattr(signal, "pthread_sigmask")
_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>, where there is no pidfd_open


class Interrupted(KeyboardInterrupt):
    """A run was stopped by a signal; ``status`` is the exit status that says so (130, 143)."""

    def __init__(self, signum: int) -> None:
        self.signum = signum
        """The number of the signal that stopped the run."""
        super().__init__(signal.Signals(signum).name)

    @property
    def status(self) -> int:
        """128 plus the signal number, as a shell reports a process ended by it."""
        return 128 + self.signum


# The signals received inside stop_on_signals, and what to call when one comes.  The
# exception a handler raises is lost when it lands in a finaliser (an object's __del__,
# which Python runs anywhere and whose exceptions it only prints): the run then sees the
# signal here, at its next check_stopped, and a waiting pool is woken to get there.
_received: list[int] = []
_wakers: list[Callable[[], None]] = []
_depth = 0


def _stop(signum: int, _frame: FrameType | None) -> None:
    # The first signal stops the run; a second one ends the process at once.
    for stop in STOPS:
        signal.signal(stop, signal.SIG_DFL)
    _received.append(signum)
    for wake in _wakers:
        wake()
    raise Interrupted(signum)


def check_stopped() -> None:
    """Raise :class:`Interrupted` if a stop signal came whose exception was lost."""
    if _received:
        raise Interrupted(_received[0])


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """Inside, SIGINT and SIGTERM raise :class:`Interrupted` in the main thread.

    Handlers can only be set from the main thread; elsewhere this changes nothing.
    """
    global _depth  # noqa: PLW0603 -- process-wide, as signal handlers are
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {stop: signal.getsignal(stop) for stop in STOPS}
    for stop in STOPS:
        signal.signal(stop, _stop)
    hook = sys.unraisablehook
    sys.unraisablehook = partial(_unless_stopped, hook)
    _depth += 1
    try:
        yield
    finally:
        _depth -= 1
        if not _depth:
            _received.clear()
        sys.unraisablehook = hook
        for stop, handler in previous.items():
            signal.signal(stop, handler)


def _unless_stopped(hook: Callable[[Any], object], unraisable: Any) -> None:
    """An exception a finaliser lost is reported by *hook*, but a stop: check_stopped sees it."""
    if not isinstance(unraisable.exc_value, Interrupted):
        hook(unraisable)


@contextmanager
def waking(wake: Callable[[], None]) -> Iterator[None]:
    """Inside, a stop signal also calls *wake* (it must be safe in a signal handler, as
    ``queue.SimpleQueue.put`` is), so that a thread waiting for work sees the stop."""
    _wakers.append(wake)
    try:
        yield
    finally:
        _wakers.remove(wake)


@contextmanager
def held() -> Iterator[None]:
    """Hold (block) SIGINT and SIGTERM in this thread inside: a process or thread started
    here starts with them held, and one that arrives meanwhile is delivered on the way out."""
    if not _CAN_HOLD:  # pragma: no cover -- Windows
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, STOPS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def in_worker(owner: int) -> None:
    """Worker initializer: ignore SIGINT, die of SIGTERM, die with the *owner* process.

    The worker started with both signals held (see :func:`held`); they are let
    through once SIGINT is ignored.  *owner* is the pid of the process that
    runs the pool, which is not the worker's parent under a forkserver: a
    thread waits on a pidfd of it and ends the worker when it ends, so not even
    a ``kill -9`` of the command leaves workers behind (they would hold the
    forkserver, and it them, forever).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with(owner)
    if _CAN_HOLD:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOPS)


def _die_with(owner: int) -> None:
    try:
        watched = os.pidfd_open(owner)  # Linux 5.3 and newer
    except ProcessLookupError:
        os._exit(1)  # the owner is gone already: nobody wants this worker's results
    except (AttributeError, OSError):  # no pidfd: the kernel can still watch a parent
        if sys.platform == "linux" and os.getppid() == owner:
            ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        return
    threading.Thread(target=_end_with, args=(watched,), name="newsparse-owner", daemon=True).start()


def _end_with(watched: int) -> None:
    select.select([watched], [], [])  # readable once the owner process has ended
    os._exit(1)
