"""The ``newsparse`` command's entry point: the stop signals are handled before anything else.

SIGINT and SIGTERM raise :class:`~newsparse._corpus.signals.Interrupted` from the
first moment this runs, so one that arrives while the parser's modules are
still being imported ends the command at once with 130 or 143, without a
traceback; ``newsparse/__init__.py`` imports nothing itself, so that moment
comes a few milliseconds after Python starts.
"""

from __future__ import annotations

from newsparse._corpus.signals import Interrupted, stop_on_signals

__all__ = ["main"]


def main() -> int:
    """Run the command on ``sys.argv[1:]``; return its exit status (````newsparse._cli.main``)."""
    with stop_on_signals():
        try:
            from newsparse._cli.main import main as run  # noqa: PLC0415 -- after the handlers

            return run()
        except Interrupted as stop:
            return stop.status
