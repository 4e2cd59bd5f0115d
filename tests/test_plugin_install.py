"""Install newsparse and the example plugin into a fresh virtual environment, for real.

Only a real install proves the plugin machinery: the entry point must come
from installed metadata, not from a source tree on ``sys.path``.  One venv is
built per module and shared by the tests (about 9 s; it needs PyPI, or the
configured index, for setuptools, attrs and regex):

1. ``python -m venv --without-pip`` (a tenth of a second, where ensurepip
   takes five) and the test runner's own pip driving it with ``--python``;
   when the runner's pip is missing or older than 22.3, ``ensurepip`` instead;
2. ``pip install setuptools``, then ``pip install --no-build-isolation`` of a
   copy of the repository (its dependencies come from its metadata), then
   ``pip install --no-deps --no-build-isolation`` of a copy of
   ``examples/plugin``.  Copies, because building in place would write
   ``build/`` and ``*.egg-info`` into the working tree, and setuptools' stale
   ``build/lib`` could slip deleted modules into the wheel.

Every command runs in a scratch directory with the ``PYTHON*`` variables
cleared, so nothing from the repository or the runner leaks in.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = ROOT / "examples" / "plugin"
SAMPLE = PLUGIN / "sample.md"
DUMP = ROOT / "examples" / "000_737a97d3fc3c0077.txt"
BUILTINS = ("aggregator-text", "newsparse-jsonl", "saudinewsnet")
TITLE = "باكستان وإيران تتفقان على مواجهة الإرهاب معا"
TIMEOUT = 600
_SKIP = shutil.ignore_patterns(".*", "__pycache__", "*.egg-info", "build", "dist")


def _run(command: list[str], *, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
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
    """A virtual environment with newsparse and the example plugin installed."""

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
        return _run([str(self.python), *args], env=env or self.env, cwd=self.scratch)

    def install(self, *args: str) -> None:
        """``pip install --quiet *args`` into the venv."""
        _run([*self.pip, "install", "--quiet", *args], env=self.env, cwd=self.scratch)

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


def _create(home: Path, scratch: Path) -> Venv:
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


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Venv:
    """A fresh venv with copies of the repository and of examples/plugin installed."""
    base = tmp_path_factory.mktemp("plugin-install")
    scratch = base / "scratch"
    scratch.mkdir()
    venv = _create(base / "venv", scratch)
    project = base / "newsparse"
    shutil.copytree(ROOT / "src", project / "src", ignore=_SKIP)
    for path in ROOT.iterdir():  # pyproject.toml, README.md, any licence file...
        if path.is_file() and not path.name.startswith("."):
            shutil.copy2(path, project)
    shutil.copytree(PLUGIN, base / "plugin", ignore=_SKIP)
    venv.install("setuptools>=77")
    venv.install("--no-build-isolation", str(project))
    venv.install("--no-deps", "--no-build-isolation", str(base / "plugin"))
    return venv


def _formats(table: str) -> dict[str, tuple[str, str]]:
    """``newsparse formats`` as {name: (suffixes, origin)}."""
    header, *rows = table.splitlines()
    assert header.split() == ["name", "suffixes", "origin"]
    return {name: (suffixes, origin) for name, suffixes, origin in map(str.split, rows)}


def test_formats_lists_the_plugin_and_the_builtins(venv: Venv) -> None:
    formats = _formats(venv.newsparse("formats"))
    assert formats["markdown-news"] == (".md", "plugin:newsparse-markdown-news")
    assert [formats[name][1] for name in BUILTINS] == ["built-in"] * 3
    assert list(formats)[:3] == list(BUILTINS)


def test_parse_with_the_plugin_format(venv: Venv) -> None:
    output = venv.newsparse("parse", "--jsonl", "--format", "markdown-news", str(SAMPLE))
    (record,) = map(json.loads, output.splitlines())
    assert record["path"] == str(SAMPLE)
    assert record["title"] == TITLE
    assert record["format"] == "markdown-news"
    assert record["published"] == "2024-01-29"
    assert [block["type"] for block in record["body"]] == [
        "paragraph",
        "paragraph",
        "heading",
        "paragraph",
        "paragraph",
    ]
    assert record["body"][2]["text"] == "قصف متبادل"
    assert record["source"] == {"name": "الخليج الجديد", "credit": None}
    assert record["diagnostics"] == []


def test_detection_picks_the_plugin_for_markdown_only(venv: Venv) -> None:
    output = venv.newsparse("parse", "--jsonl", str(SAMPLE), str(DUMP))
    records = [json.loads(line) for line in output.splitlines()]
    assert [(r["format"], r["path"]) for r in records] == [
        ("markdown-news", str(SAMPLE)),
        ("aggregator-text", str(DUMP)),
    ]
    assert records[0]["title"] == TITLE


CHECK = """
import json, sys
from importlib.resources import files
from pathlib import Path

import newsparse
from newsparse.testing import check_format

fmt = newsparse.default_registry().get("markdown-news")
check_format(fmt, [Path(sys.argv[1]).read_text("utf-8")])
module = sys.modules[type(fmt).__module__]
print(json.dumps({"file": module.__file__, "typed": files(module).joinpath("py.typed").is_file()}))
"""


def test_check_format_passes_on_the_installed_plugin(venv: Venv) -> None:
    report = json.loads(venv.run("-c", CHECK, str(SAMPLE)).stdout)
    installed = Path(report["file"]).resolve()
    assert installed.is_relative_to(venv.python.parent.parent.resolve())  # not examples/plugin
    assert report["typed"] is True


BROKEN_PYPROJECT = """
[build-system]
requires = ["setuptools>=77"]
build-backend = "setuptools.build_meta"

[project]
name = "newsparse-broken-plugin"
version = "0.1.0"

[project.entry-points."newsparse.formats"]
broken = "newsparse_broken_plugin:BrokenFormat"
"""


def test_a_broken_plugin_warns_and_the_others_still_load(venv: Venv, tmp_path: Path) -> None:
    package = tmp_path / "broken"
    (package / "newsparse_broken_plugin").mkdir(parents=True)
    (package / "pyproject.toml").write_text(textwrap.dedent(BROKEN_PYPROJECT), encoding="utf-8")
    (package / "newsparse_broken_plugin" / "__init__.py").write_text(
        'raise ImportError("this plugin is broken on purpose")\n', encoding="utf-8"
    )
    # Installed into its own directory, so the shared venv stays as the other tests expect.
    target = tmp_path / "site"
    venv.install("--no-deps", "--no-build-isolation", "--target", str(target), str(package))
    done = venv.run("-m", "newsparse", "formats", env=venv.env | {"PYTHONPATH": str(target)})
    formats = _formats(done.stdout)
    assert list(formats) == [*BUILTINS, "markdown-news"]
    assert "PluginWarning" in done.stderr
    assert (
        "skipped the format plugin 'broken' (newsparse_broken_plugin:BrokenFormat) "
        "from plugin:newsparse-broken-plugin: ImportError: this plugin is broken on purpose"
    ) in done.stderr
