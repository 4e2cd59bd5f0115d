"""Run the fault tests (signals, worker deaths, kills, full disks) many times on a busy machine.

    python scripts/stress_faults.py [--runs 30] [--hogs 2] [-- PYTEST_ARGS...]

Starts *hogs* CPU-bound processes (one busy loop each), then runs the tests
marked ``faults`` (``tests/test_faults.py``) *runs* times with pytest, one
after another, and prints each run's outcome and time, then the counts.  A
test that passes only on an idle machine fails here: that is the point.  The
exit status is 0 when every run passed.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_HOG = "while True: pass"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--hogs", type=int, default=2, help="CPU-bound processes beside the runs")
    parser.add_argument("pytest_args", nargs="*", help="more pytest arguments, after --")
    args = parser.parse_args(argv)
    hogs = [
        subprocess.Popen([sys.executable, "-c", _HOG])  # noqa: S603 -- our own interpreter
        for _ in range(args.hogs)
    ]
    passed = 0
    try:
        for run in range(1, args.runs + 1):
            start = time.perf_counter()
            done = subprocess.run(  # noqa: S603
                [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "faults",
                 "tests/test_faults.py", *args.pytest_args],
                cwd=ROOT, capture_output=True, text=True, check=False,
            )  # fmt: skip
            seconds = time.perf_counter() - start
            last = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else "(no output)"
            passed += done.returncode == 0
            sys.stdout.write(f"run {run:2d}/{args.runs}: {seconds:5.1f} s  {last}\n")
            if done.returncode != 0:
                sys.stdout.write(done.stdout[-4000:] + done.stderr[-2000:] + "\n")
            sys.stdout.flush()
    finally:
        for hog in hogs:
            hog.kill()
            hog.wait()
    sys.stdout.write(
        f"{passed} of {args.runs} runs passed, beside {args.hogs} CPU-bound processes\n"
    )
    return 0 if passed == args.runs else 1


if __name__ == "__main__":
    sys.exit(main())
