"""The release: build the wheel and the sdist, check them, install the wheel and use it.

``python -m build`` (isolated: its build environment gets setuptools from the
package index, as on a release machine) builds the sdist of a copy of the
repository and the wheel from that sdist, so a file missing from the sdist
breaks the wheel.  ``twine check --strict`` must accept both.  The wheel is
then installed into a fresh virtual environment (its dependencies, attrs and
regex, from the index) where the installed command and module must work,
and a downstream module must pass ``mypy --strict`` against the installed
package alone: that needs its ``py.typed`` and its annotations.  About 15 s.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tarfile
import textwrap
import zipfile
from dataclasses import dataclass
from email.parser import Parser
from pathlib import Path

import pytest

from newsparse._text.lexicon import KINDS
from tests.helpers import ROOT
from tests.venvs import Venv, build_copy, run

pytestmark = pytest.mark.slow  # builds, installs or runs whole programs: `make test` only

DUMP = ROOT / "examples" / "000_737a97d3fc3c0077.txt"
TITLE = "بعد تبادلهما القصف.. باكستان وإيران تتفقان على مواجهة الإرهاب معا"
_DEFINED = re.search(
    r'^__version__ = "([^"]+)"$',
    (ROOT / "src" / "newsparse" / "_version.py").read_text(encoding="utf-8"),
    flags=re.MULTILINE,
)
assert _DEFINED is not None, "src/newsparse/_version.py defines __version__"
VERSION = _DEFINED[1]


@dataclass(frozen=True)
class Dist:
    """The built distributions, and a venv with the wheel installed."""

    wheel: Path
    sdist: Path
    venv: Venv


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Dist:
    base = tmp_path_factory.mktemp("wheel")
    venv, out = build_copy(base)
    (wheel,) = out.glob("*.whl")
    (sdist,) = out.glob("*.tar.gz")
    run(
        [sys.executable, "-m", "twine", "check", "--strict", str(wheel), str(sdist)],
        env=venv.env,
        cwd=base,
    )
    venv.install(str(wheel))
    return Dist(wheel, sdist, venv)


def test_the_version_is_the_one_in_version_py(dist: Dist) -> None:
    assert dist.wheel.name == f"newsparse-{VERSION}-py3-none-any.whl"
    assert dist.sdist.name == f"newsparse-{VERSION}.tar.gz"
    done = _command(dist, "--version")
    assert done.stdout == f"newsparse {VERSION} (pure Python)\n"


def _command(dist: Dist, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the installed ``newsparse`` script (not ``python -m``: the entry point itself)."""
    script = dist.venv.python.parent / "newsparse"
    return run([str(script), *args], env=dist.venv.env, cwd=dist.venv.scratch)


def test_the_wheel_ships_the_package_typed_and_licensed(dist: Dist) -> None:
    with zipfile.ZipFile(dist.wheel) as wheel:
        names = set(wheel.namelist())
        info = f"newsparse-{VERSION}.dist-info"
        metadata = Parser().parsestr(wheel.read(f"{info}/METADATA").decode("utf-8"))
        entry_points = wheel.read(f"{info}/entry_points.txt").decode("utf-8")
    assert {"newsparse/__init__.py", "newsparse/py.typed", f"{info}/licenses/LICENSE"} <= names
    lexicons = {name for name in names if name.startswith("newsparse/_text/lexicons/")}
    assert {f"newsparse/_text/lexicons/{kind}.txt" for kind in KINDS} == lexicons
    assert not [name for name in names if name.startswith(("tests/", "examples/", "docs/"))]
    assert "newsparse = newsparse._cli.command:main" in entry_points
    assert metadata["License-Expression"] == "MIT"
    assert metadata["Requires-Python"] == ">=3.10"
    assert metadata["Description-Content-Type"] == "text/markdown"
    urls = dict(url.split(", ", 1) for url in metadata.get_all("Project-URL") or [])
    assert {"Homepage", "Documentation", "Changelog", "Issues"} <= set(urls)
    classifiers = metadata.get_all("Classifier") or []
    assert "Typing :: Typed" in classifiers
    assert "Programming Language :: Python :: 3.10" in classifiers
    requires = [req for req in metadata.get_all("Requires-Dist") or [] if "extra ==" not in req]
    assert requires == ["attrs>=23.1", "regex>=2023.10.3"]


def test_the_sdist_holds_what_the_wheel_is_built_from(dist: Dist) -> None:
    with tarfile.open(dist.sdist) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    assert {"pyproject.toml", "README.md", "LICENSE", "src/newsparse/py.typed"} <= names
    assert {f"src/newsparse/_text/lexicons/{kind}.txt" for kind in KINDS} <= names


def test_the_installed_package_imports_and_parses(dist: Dist) -> None:
    report = dist.venv.run(
        "-c",
        "import json, newsparse; "
        "print(json.dumps({'file': newsparse.__file__, 'version': newsparse.__version__}))",
    )
    imported = json.loads(report.stdout)
    assert Path(imported["file"]).is_relative_to(dist.venv.python.parent.parent)  # not src/
    assert imported["version"] == VERSION
    done = _command(dist, "parse", str(DUMP), "--jsonl")
    (record,) = map(json.loads, done.stdout.splitlines())
    assert record["title"] == TITLE
    assert record["published"] == "2024-01-29"


DOWNSTREAM = """
from __future__ import annotations

import datetime
from collections.abc import Iterator
from pathlib import Path

import newsparse
from newsparse import Article, FileResult, NewsparseError


def dated(paths: list[str]) -> Iterator[tuple[str, datetime.date]]:
    for result in newsparse.iter_results(paths):
        if result.error is not None:
            code: str = result.error.code
            continue
        for article in result.articles:
            if article.published is not None:
                yield article.title, article.published


def first(path: Path) -> Article | None:
    try:
        article = newsparse.parse_file(path)
    except NewsparseError:
        return None
    source = article.source.name if article.source is not None else ""
    keywords: tuple[str, ...] = article.keywords
    record: dict[str, object] = article.to_dict()
    return article.evolve(title=source or article.title) if keywords and record else article


results: list[FileResult] = list(newsparse.iter_results(["a.txt"], jobs=2))
reveal_type(newsparse.parse_file("a.txt").published)
reveal_type(newsparse.iter_results)
"""

MISTAKE = """
import newsparse

title: int = newsparse.parse_file("a.txt").title
"""


def _mypy(dist: Dist, name: str, source: str) -> tuple[int, str]:
    """``mypy --strict`` on *source*, resolving imports in the fresh venv only."""
    (dist.venv.scratch / "mypy.ini").write_text("[mypy]\n", encoding="utf-8")
    (dist.venv.scratch / name).write_text(textwrap.dedent(source), encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--config-file",
            "mypy.ini",
            "--no-incremental",
            "--python-executable",
            str(dist.venv.python),
            name,
        ],
        env={k: v for k, v in dist.venv.env.items() if k != "MYPYPATH"},
        cwd=dist.venv.scratch,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
        check=False,
    )
    return done.returncode, done.stdout + done.stderr


def test_a_downstream_module_type_checks_against_the_installed_wheel(dist: Dist) -> None:
    status, output = _mypy(dist, "downstream.py", DOWNSTREAM)
    assert status == 0, output
    revealed = [line.split("Revealed type is ", 1)[1] for line in output.splitlines()
                if "Revealed type is" in line]  # fmt: skip
    assert revealed[0] == '"datetime.date | None"'
    assert "Iterator[newsparse._corpus.batch.FileResult]" in revealed[1]  # annotated, not Any
    status, output = _mypy(dist, "mistake.py", MISTAKE)
    assert status == 1, output
    assert 'expression has type "str", variable has type "int"' in output
