"""The compiled build: ``NEWSPARSE_COMPILE=1`` gives a wheel whose parser is mypyc-compiled.

The sdist and, from it, the wheel are built as a release machine would
(``python -m build``, isolated: the backend asks the index for mypy, for
both, only because the variable is set),
installed into a fresh virtual environment, and must give, record for record,
the JSON Lines that the pure-Python package of this checkout gives: on every
fixture, on damaged files, and on several hundred files recombined from their
lines at random.  The rest of the suite runs on the pure-Python modules,
where coverage is measured.  About 40 s (mypy from the index, 15 s of C).
"""

from __future__ import annotations

import ast
import random
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers import DATA, ROOT
from tests.venvs import Venv, build_copy

pytestmark = pytest.mark.slow  # builds, installs or runs whole programs: `make test` only


def _hot_modules() -> tuple[str, ...]:
    """HOT_MODULES as setup.py lists them (read, not imported: importing runs setup())."""
    tree = ast.parse((ROOT / "setup.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) == "HOT_MODULES":
            names = ast.literal_eval(node.value)
            assert isinstance(names, tuple)
            return tuple(str(name) for name in names)
    raise AssertionError("setup.py defines HOT_MODULES")


def _has_compiler() -> bool:
    compiler = (sysconfig.get_config_var("CC") or "cc").split()[0]
    headers = Path(sysconfig.get_paths()["include"]) / "Python.h"
    return shutil.which(compiler) is not None and headers.is_file()


@dataclass(frozen=True)
class Compiled:
    wheel: Path
    venv: Venv


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> Compiled:
    if not _has_compiler():
        pytest.skip("no C compiler or Python headers: the compiled build cannot be made here")
    base = tmp_path_factory.mktemp("compiled")
    venv, out = build_copy(base, env={"NEWSPARSE_COMPILE": "1"})  # the sdist, then the wheel
    (wheel,) = out.glob("*.whl")
    venv.install(str(wheel))
    return Compiled(wheel, venv)


def test_the_wheel_holds_a_compiled_module_for_each_hot_module(compiled: Compiled) -> None:
    assert not compiled.wheel.name.endswith("-py3-none-any.whl")  # a platform wheel
    with zipfile.ZipFile(compiled.wheel) as wheel:
        names = wheel.namelist()
    for module in _hot_modules():
        stem = "newsparse/" + module.replace(".", "/")
        assert [name for name in names if name.startswith(f"{stem}.cpython-")]
        assert f"{stem}.py" in names  # the source stays, for tracebacks and docs
    assert [name for name in names if name.startswith("newsparse__mypyc.")]


def test_the_installed_modules_are_the_compiled_ones(compiled: Compiled) -> None:
    modules = ", ".join(f"newsparse.{name}" for name in _hot_modules())
    done = compiled.venv.run(
        "-c",
        f"import sys, {modules}\nfor name in '{modules}'.split(', '): "
        "print(sys.modules[name].__file__)",
    )
    files = done.stdout.splitlines()
    assert len(files) == len(_hot_modules())
    assert [name for name in files if name.endswith(".py")] == []
    assert compiled.venv.newsparse("--version").endswith("(compiled with mypyc)\n")


def _recombined(directory: Path, count: int) -> list[Path]:
    """*count* files made of the fixtures' lines, shuffled and cut at random (seeded)."""
    pool = [
        line
        for path in sorted(DATA.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    rng = random.Random(5)  # noqa: S311 -- reproducible data, not secrets
    paths = []
    for index in range(count):
        lines = rng.sample(pool, rng.randint(1, 40))
        if rng.random() < 0.5:  # most real files open with a header
            lines[1:1] = ["تاريخ النشر: 29th, January 2024 GMT"]
        path = directory / f"{index:04d}.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def test_the_compiled_parser_gives_the_records_of_the_pure_one(
    compiled: Compiled, tmp_path: Path
) -> None:
    inputs = [
        *sorted(DATA.glob("*.txt")),
        *sorted((DATA / "damaged").glob("*.txt")),
        *sorted((ROOT / "fuzz" / "corpus").glob("*.txt")),
        *sorted((ROOT / "examples").glob("*.json*")),
        *_recombined(tmp_path, 400),
    ]
    command = ["-m", "newsparse", "parse", "--quiet", "--jsonl", *map(str, inputs)]
    ours, pure = (
        subprocess.run(
            [str(python), *command],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=600,
            check=False,
        )
        for python, env in ((compiled.venv.python, compiled.venv.env), (sys.executable, None))
    )
    assert (ours.returncode, ours.stderr) == (pure.returncode, pure.stderr)
    records = pure.stdout.splitlines()
    assert len(records) >= len(inputs)
    articles = [record for record in records if '"error": ' not in record]
    assert len(articles) > len(inputs) / 2  # not a comparison of error records alone
    assert ours.stdout.splitlines() == records
