"""Fresh virtual environments for tests that install newsparse for real.

``create_venv`` makes one with ``python -m venv --without-pip`` (a tenth of a
second, where ensurepip takes five) and drives it with the test runner's own
pip through ``--python``; when the runner's pip is missing or older than
22.3, ``ensurepip`` instead.  Every command runs in a scratch directory with
the ``PYTHON*`` variables cleared, so nothing from the repository or the
runner leaks in.
"""

from __future__ import annotations

import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

TIMEOUT = 600
SKIP_COPY = shutil.ignore_patterns(".*", "__pycache__", "*.egg-info", "build", "dist")
REPOSITORY = Path(__file__).resolve().parent.parent


def copy_project(destination: Path) -> Path:
    """Copy what a build of newsparse needs (src/, _build/ and the top-level files).

    Building a copy writes no build/ or *.egg-info into the working tree.
    """
    for tree in ("src", "_build"):  # the package, and the in-tree build backend
        shutil.copytree(REPOSITORY / tree, destination / tree, ignore=SKIP_COPY)
    for path in REPOSITORY.iterdir():  # pyproject.toml, README.md, LICENSE, ...
        if path.is_file() and not path.name.startswith("."):
            shutil.copy2(path, destination)
    return destination


def build_copy(base: Path, *options: str, env: dict[str, str] | None = None) -> tuple[Venv, Path]:
    """A fresh venv in *base*, and ``python -m build *options`` of a copy of the project.

    The build runs isolated, in the venv's clean environment plus *env*; the
    distributions land in ``base / "dist"``, which is returned with the venv.
    """
    scratch = base / "scratch"
    scratch.mkdir()
    venv = create_venv(base / "venv", scratch)
    project = copy_project(base / "newsparse")
    out = base / "dist"
    command = [sys.executable, "-m", "build", *options, "--outdir", str(out), str(project)]
    run(command, env=venv.env | (env or {}), cwd=base)
    return venv, out


def run(command: list[str], *, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run *command*; fail the test with its whole output when it fails."""
    done = subprocess.run(
        command,
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=TIMEOUT,
        check=False,
    )
    if done.returncode != 0:
        pytest.fail(
            f"{' '.join(command)}\nexited with {done.returncode}\n"
            f"--- stdout\n{done.stdout}\n--- stderr\n{done.stderr}"
        )
    return done


class Venv:
    """A virtual environment, its interpreter, a clean environment and a scratch directory."""

    def __init__(self, home: Path, scratch: Path) -> None:
        self.scratch = scratch
        bin_dir = home / ("Scripts" if os.name == "nt" else "bin")
        self.python = bin_dir / ("python.exe" if os.name == "nt" else "python")
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
        for name in ("PIP_USER", "PIP_TARGET", "PIP_PREFIX"):
            self.env.pop(name, None)
        self.env |= {"PYTHONUTF8": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_INPUT": "1"}
        self.pip = [str(self.python), "-m", "pip"]

    def run(
        self, *args: str, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        """Run the venv's ``python *args`` in the scratch directory; it must succeed."""
        return run([str(self.python), *args], env=env or self.env, cwd=self.scratch)

    def install(self, *args: str) -> None:
        """``pip install --quiet *args`` into the venv."""
        run([*self.pip, "install", "--quiet", *args], env=self.env, cwd=self.scratch)

    def newsparse(self, *args: str, env: dict[str, str] | None = None) -> str:
        """The standard output of ``python -m newsparse *args``, which must not warn.

        The only line allowed on standard error is the closing summary of a run.
        """
        done = self.run("-m", "newsparse", *args, env=env)
        if env is None:
            noise = [line for line in done.stderr.splitlines() if not _SUMMARY.match(line)]
            assert noise == []
        return done.stdout


_SUMMARY = re.compile(r"newsparse: \d+ files, \d+ articles, \d+ failed.* files/s$")


def _runner_pip() -> tuple[int, int]:
    try:
        match = re.match(r"(\d+)\.(\d+)", importlib.metadata.version("pip"))
    except importlib.metadata.PackageNotFoundError:
        return (0, 0)
    return (int(match[1]), int(match[2])) if match else (0, 0)


def create_venv(home: Path, scratch: Path) -> Venv:
    """Create an empty virtual environment at *home*; skip the test if that is impossible."""
    try:
        subprocess.run(
            [sys.executable, "-m", "venv", "--without-pip", str(home)],
            check=True,
            capture_output=True,
            timeout=TIMEOUT,
        )
    except (OSError, subprocess.SubprocessError) as error:
        pytest.skip(f"cannot create a virtual environment with {sys.executable} -m venv: {error}")
    venv = Venv(home, scratch)
    if _runner_pip() >= (22, 3):
        venv.pip = [sys.executable, "-m", "pip", "--python", str(venv.python)]
        return venv
    ensurepip = subprocess.run(
        [str(venv.python), "-m", "ensurepip", "--default-pip"],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    if ensurepip.returncode != 0:
        pytest.skip(f"the runner has no pip >= 22.3 and ensurepip failed: {ensurepip.stderr}")
    return venv
