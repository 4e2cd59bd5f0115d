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

import json
import shutil
import textwrap
from pathlib import Path

import pytest

from tests.helpers import ROOT
from tests.venvs import SKIP_COPY, Venv, copy_project, create_venv

pytestmark = pytest.mark.slow  # builds, installs or runs whole programs: `make test` only

PLUGIN = ROOT / "examples" / "plugin"
SAMPLE = PLUGIN / "sample.md"
DUMP = ROOT / "examples" / "000_737a97d3fc3c0077.txt"
BUILTINS = ("aggregator-text", "newsparse-jsonl", "saudinewsnet")
TITLE = "باكستان وإيران تتفقان على مواجهة الإرهاب معا"


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Venv:
    """A fresh venv with copies of the repository and of examples/plugin installed."""
    base = tmp_path_factory.mktemp("plugin-install")
    scratch = base / "scratch"
    scratch.mkdir()
    venv = create_venv(base / "venv", scratch)
    project = copy_project(base / "newsparse")
    shutil.copytree(PLUGIN, base / "plugin", ignore=SKIP_COPY)
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
