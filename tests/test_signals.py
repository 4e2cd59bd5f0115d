"""The stop signals inside the command: raised, never lost, never reported as a traceback."""

from __future__ import annotations

import os
import signal
import sys
from typing import Any

import pytest

from newsparse._corpus.signals import Interrupted, check_stopped, stop_on_signals, waking

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


class Finalised:
    """An object whose finaliser takes a SIGINT, as a regex group once did during an import."""

    def __del__(self) -> None:
        os.kill(os.getpid(), signal.SIGINT)
        for _ in range(1000):  # bytecode to run the handler on, inside this finaliser
            pass


def test_a_stop_that_lands_in_a_finaliser_is_not_lost(monkeypatch: pytest.MonkeyPatch) -> None:
    """Python only reports an exception raised in __del__: the Ctrl-C was lost and the run
    went on, with an "Exception ignored" traceback on stderr."""
    reported: list[Any] = []
    monkeypatch.setattr(sys, "unraisablehook", reported.append)
    woken: list[str] = []
    with stop_on_signals(), waking(lambda: woken.append("woken")):
        Finalised()  # collected at once: its finaliser runs, and swallows the Interrupted
        assert woken == ["woken"]  # a waiting pool would see it
        with pytest.raises(Interrupted) as caught:
            check_stopped()
    assert caught.value.status == 130
    assert reported == []  # no traceback for a stop
    check_stopped()  # outside the command, nothing is pending any more
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def _terminate_myself() -> None:
    os.kill(os.getpid(), signal.SIGTERM)
    for _ in range(1000):  # bytecode to run the handler on
        pass


def test_sigterm_stops_like_sigint() -> None:
    with stop_on_signals(), pytest.raises(Interrupted) as caught:
        _terminate_myself()
    assert (caught.value.signum, caught.value.status, str(caught.value)) == (15, 143, "SIGTERM")
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # restored as it was
