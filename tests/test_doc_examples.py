"""Every code example in README.md and docs/*.md runs against the real package.

Each page runs like a notebook, its blocks in order, in a scratch directory
that holds a copy of ``examples/`` and a small ``corpus/`` of dumps (the
directory the pages talk about), with the test environment's ``newsparse``
and ``python`` first on ``PATH``:

- ```` ```python ```` blocks are executed in one namespace per page, and a
  block that defines ``test_*`` functions has them called.  A ```` ```pycon ````
  block, or a python block whose first line starts with ``>>>``, is a doctest
  in the same namespace: its shown values are compared (``...`` matches
  anything).  A value written as a comment after a bare expression
  (``article.published  # datetime.date(...)``) would never be checked, so
  such a comment fails the test: write that example as a doctest.
- ```` ```console ```` blocks are transcripts: each ``$ command`` runs in bash
  and its output (standard output and standard error, as a terminal shows
  them) must be the lines under it.  A command must exit with status 0 unless
  the next command is ``echo $?``, which then shows the status.
- ```` ```sh ```` blocks are run as scripts and must exit with status 0.
- ```` ```toml ```` blocks must parse, and ```` ```json ```` blocks must parse
  and, when they show an article record, follow ``docs/article.schema.json``.

Blocks in any other language (``text``) are not run.  The few that cannot
run here (they install packages or run for minutes)
are listed in ``NOT_RUN`` with the reason; a listed block that no longer
exists fails the test too, so the list cannot go stale, and a shell block
that would install or build anything fails unless it is listed.
docs/extending.md gets the files it names and sees examples/plugin as an
installed plugin (``SETUP``).
"""

from __future__ import annotations

import doctest
import importlib.metadata
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tokenize
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import tomli

from tests.helpers import ROOT

pytestmark = pytest.mark.slow  # builds, installs or runs whole programs: `make test` only

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
SCHEMA = json.loads((ROOT / "docs" / "article.schema.json").read_text(encoding="utf-8"))
PLUGIN = ROOT / "examples" / "plugin"
TIMEOUT = 300

NOT_RUN: dict[tuple[str, str], str] = {
    ("README.md", "pip install newsparse"): "installs from PyPI; tests/test_wheel.py does it",
    ("README.md", "make demo"): "runs make itself; `make test` is what runs these tests",
    ("docs/index.md", "pip install newsparse"): "installs from PyPI; tests/test_wheel.py does it",
    ("docs/robustness.md", "pip install -e '.[fuzz]'"): (
        "needs atheris and fuzzes for minutes; tests/test_fuzz_target.py runs the target"
    ),
    ("docs/extending.md", "pip install ./examples/plugin"): (
        "installs packages; tests/test_plugin_install.py does exactly this in a fresh venv"
    ),
    ("docs/performance.md", "make bench"): "the benchmarks run for minutes; `make bench`",
    ("docs/performance.md", "NEWSPARSE_COMPILE=1 pip install"): (
        "installs from PyPI and compiles; tests/test_compiled.py builds and installs the wheel"
    ),
    ("docs/scaling.md", "import os"): (
        "starts a JVM of its own (half a minute of the suite's ten); tests/test_spark.py "
        "makes the same calls, on the corpus and back through Parquet, on its own session"
    ),
}
"""(page, start of the first line of the block) -> why the block is not run."""

FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>```+)(?P<lang>[\w+-]*)[^`]*$")
PROMPT = "$ "
MARK = "@@newsparse-doc-example-status"
SHOWN_VALUE = re.compile(r"""^(['"\[({\d-]|(True|False|None)\b|[\w.]+\()""")


@dataclass(frozen=True)
class Block:
    """One fenced code block of a page."""

    page: str
    line: int  # 1-based line of the first line of code
    lang: str
    code: str

    @property
    def first_line(self) -> str:
        return next((line.strip() for line in self.code.splitlines() if line.strip()), "")

    @property
    def where(self) -> str:
        return f"{self.page}:{self.line}"


def blocks(path: Path) -> Iterator[Block]:
    """The fenced code blocks of the Markdown file at *path*, dedented, in order."""
    lines = path.read_text(encoding="utf-8").splitlines()
    page = path.relative_to(ROOT).as_posix()
    i = 0
    while i < len(lines):
        opening = FENCE.match(lines[i])
        i += 1
        if not opening:
            continue
        indent, fence = len(opening["indent"]), opening["fence"]
        start, body = i, []
        while i < len(lines) and lines[i].strip() != fence:
            line = lines[i]
            body.append(line[indent:] if not line[:indent].strip() else line.lstrip())
            i += 1
        if i == len(lines):
            raise AssertionError(f"{page}:{start}: a code block is never closed")
        i += 1
        yield Block(page, start + 1, opening["lang"].lower(), "\n".join(body) + "\n")


def _left_out(block: Block) -> bool:
    return any(page == block.page and block.first_line.startswith(line) for page, line in NOT_RUN)


def _run_by_default(block: Block) -> bool:
    return block.lang in {"python", "py", "pycon", "console", "sh", "bash", "shell", "toml", "json"}


@dataclass
class Page:
    """The state a page's blocks share: a scratch directory and a namespace."""

    directory: Path
    env: dict[str, str]
    namespace: dict[str, Any] = field(default_factory=dict)
    cleanups: list[Callable[[], None]] = field(default_factory=list)


def _sandbox(directory: Path) -> None:
    """A copy of examples/ and a corpus/ of the two example dumps, in subdirectories."""
    shutil.copytree(
        ROOT / "examples",
        directory / "examples",
        ignore=shutil.ignore_patterns(".*", "__pycache__", "*.egg-info", "build", "dist"),
    )
    for month, name in (("01", "000_737a97d3fc3c0077.txt"), ("02", "001_52f26a06847bab49.txt")):
        (directory / "corpus" / "2024" / month).mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "examples" / name, directory / "corpus" / "2024" / month / name)


def _install_example_plugin(page: Page) -> None:
    """Make examples/plugin look installed, to this process and to the commands it runs.

    A ``*.dist-info`` with the plugin's entry points goes into a directory put on
    ``sys.path`` (and ``PYTHONPATH``) with the plugin's sources: entry points are
    read from there exactly as from site-packages.  The default registry is
    rebuilt on entering and on leaving the page.
    """
    from newsparse import default_registry  # noqa: PLC0415

    project = tomli.loads((PLUGIN / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    site = page.directory / "site"
    info = site / f"{project['name'].replace('-', '_')}-{project['version']}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {project['name']}\nVersion: {project['version']}\n",
        encoding="utf-8",
    )
    points = "".join(
        f"[{group}]\n" + "".join(f"{name} = {value}\n" for name, value in entries.items())
        for group, entries in project["entry-points"].items()
    )
    (info / "entry_points.txt").write_text(points, encoding="utf-8")
    paths = [str(site), str(PLUGIN / "src")]
    sys.path[:0] = paths
    default_registry.cache_clear()
    page.env["PYTHONPATH"] = os.pathsep.join(paths)

    def leave() -> None:
        for path in paths:
            sys.path.remove(path)
        default_registry.cache_clear()

    page.cleanups.append(leave)


def _extending(page: Page) -> None:
    """The files docs/extending.md reads, and its plugin package ``newsparse_header_news``."""
    _install_example_plugin(page)
    sample = (PLUGIN / "sample.md").read_text(encoding="utf-8")
    news = (
        "Title: Pakistan and Iran agree to fight terrorism together\n"
        "Date: 2024-01-29\n"
        "Source: Example Wire\n\n"
        "The two neighbours agreed to work together.\n\n"
        "They exchanged strikes last week.\n"
    )
    (page.directory / "story.news").write_text(news, encoding="utf-8")
    (page.directory / "tests" / "samples").mkdir(parents=True)
    (page.directory / "tests" / "samples" / "story.news").write_text(news, encoding="utf-8")
    (page.directory / "notes.md").write_text(sample, encoding="utf-8")
    (page.directory / "digest.md").write_text(sample + "\n" + sample, encoding="utf-8")
    (page.directory / "archive").mkdir()
    (page.directory / "archive" / "one.md").write_text(sample, encoding="utf-8")
    shutil.copy(ROOT / "examples" / "000_737a97d3fc3c0077.txt", page.directory / "article.txt")
    # The test module of the page imports the format the page wrote, as a package would.
    module = types.ModuleType("newsparse_header_news")

    def written(name: str) -> Any:
        try:
            return page.namespace[name]
        except KeyError:
            raise AttributeError(name) from None

    module.__getattr__ = written  # type: ignore[method-assign]
    sys.modules[module.__name__] = module

    def forget() -> None:
        sys.modules.pop(module.__name__, None)

    page.cleanups.append(forget)
    page.namespace["__file__"] = str(page.directory / "tests" / "test_header_news.py")


SETUP: dict[str, Callable[[Page], None]] = {"docs/extending.md": _extending}
"""Page-specific files and fixtures, beyond the common sandbox."""


def _fail(block: Block, message: str) -> None:
    pytest.fail(f"{block.where} ({block.lang} block):\n{message}", pytrace=False)


def _shown_values(block: Block) -> list[str]:
    """Lines of *block* that show a value in a comment after a bare expression."""
    import ast  # noqa: PLC0415

    tree = ast.parse(block.code)
    expression_lines = {
        node.end_lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and not isinstance(node.value, ast.Constant)
    }
    comments = {
        token.start[0]: token.string.lstrip("#").strip()
        for token in tokenize.generate_tokens(io.StringIO(block.code).readline)
        if token.type == tokenize.COMMENT
    }
    return [
        block.code.splitlines()[number - 1].strip()
        for number, comment in comments.items()
        if number in expression_lines and SHOWN_VALUE.match(comment)
    ]


def _python(block: Block, page: Page) -> None:
    if block.first_line.startswith(">>>"):
        _doctest(block, page)
        return
    shown = _shown_values(block)
    if shown:
        _fail(block, "a value shown in a comment is never checked; write it as a doctest:\n"
              + "\n".join(shown))  # fmt: skip
    source = "\n" * (block.line - 1) + block.code  # tracebacks point into the page
    before = set(page.namespace)
    exec(compile(source, str(ROOT / block.page), "exec"), page.namespace)  # noqa: S102
    for name in sorted(set(page.namespace) - before):  # a block that defines tests runs them
        if name.startswith("test_") and callable(page.namespace[name]):
            page.namespace[name]()


def _doctest(block: Block, page: Page) -> None:
    parser = doctest.DocTestParser()
    test = parser.get_doctest(
        block.code, page.namespace, block.where, str(ROOT / block.page), block.line - 1
    )
    test.globs = page.namespace  # get_doctest copies it; the page's blocks share one
    report: list[str] = []
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    result = runner.run(test, out=report.append, clear_globs=False)
    if result.failed:
        _fail(block, "".join(report))


INSTALLS = re.compile(r"\b(pip|pip3|uv|conda|apt-get|make)\b")


def _bash(block: Block, script: str, page: Page) -> subprocess.CompletedProcess[str]:
    if INSTALLS.search(block.code):  # never let a documented command change the environment
        _fail(block, "installs or builds: list it in NOT_RUN with the reason")
    return subprocess.run(
        ["bash", "-c", script],
        cwd=page.directory,
        env=page.env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=TIMEOUT,
        check=False,
    )


def _commands(block: Block) -> list[tuple[str, str]]:
    """The ``$ command`` lines of a console block with the output shown under each."""
    steps: list[tuple[str, list[str]]] = []
    continued = False
    for line in block.code.splitlines():
        if continued:
            steps[-1] = (steps[-1][0] + "\n" + line, steps[-1][1])
        elif line.startswith(PROMPT):
            steps.append((line[len(PROMPT) :], []))
        elif steps:
            steps[-1][1].append(line)
        elif line.strip():
            _fail(block, f"output before the first {PROMPT.strip()} prompt: {line!r}")
        continued = bool(steps) and not steps[-1][1] and line.endswith("\\")
    return [(command, "\n".join(output)) for command, output in steps]


def _normal(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip("\n").splitlines()) + "\n"


def _console(block: Block, page: Page) -> None:
    steps = _commands(block)
    script = ["exec 2>&1"]
    for command, _ in steps:
        script += [
            command,
            f'__status=$?; printf "\\n{MARK} %d\\n" "$__status"; (exit "$__status")',
        ]
    done = _bash(block, "\n".join(script), page)
    parts = re.split(rf"\n{MARK} (\d+)\n", done.stdout)
    outputs, statuses = parts[0:-1:2], [int(status) for status in parts[1::2]]
    if len(statuses) != len(steps):
        _fail(block, f"the transcript stopped early (status {done.returncode}):\n{done.stdout}")
    checker = doctest.OutputChecker()
    for i, ((command, want), got, status) in enumerate(zip(steps, outputs, statuses, strict=True)):
        if not checker.check_output(_normal(want), _normal(got), doctest.ELLIPSIS):
            _fail(block, f"$ {command}\n--- shown\n{want}\n--- got\n{got}")
        next_command = steps[i + 1][0].strip() if i + 1 < len(steps) else ""
        if status != 0 and next_command != "echo $?":
            _fail(block, f"$ {command}\nexited with {status}; show it with `echo $?`\n{got}")


def _sh(block: Block, page: Page) -> None:
    done = _bash(block, "set -e\n" + block.code, page)
    if done.returncode != 0:
        _fail(
            block,
            f"exited with {done.returncode}\n--- stdout\n{done.stdout}\n--- stderr\n{done.stderr}",
        )


def _toml(block: Block, page: Page) -> None:
    tomli.loads(block.code)


def _json(block: Block, page: Page) -> None:
    data = json.loads(block.code)
    if isinstance(data, dict) and "title" in data and "body" in data:
        jsonschema.validate(data, SCHEMA)


RUNNERS: dict[str, Callable[[Block, Page], None]] = {
    "python": _python,
    "py": _python,
    "pycon": _doctest,
    "console": _console,
    "sh": _sh,
    "bash": _sh,
    "shell": _sh,
    "toml": _toml,
    "json": _json,
}


def _page_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env | {"PYTHONUTF8": "1", "COLUMNS": "80", "NO_COLOR": "1", "LC_ALL": "C.UTF-8"}


@pytest.mark.parametrize("path", PAGES, ids=[p.relative_to(ROOT).as_posix() for p in PAGES])
def test_every_example_of_the_page_runs(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _sandbox(tmp_path)
    monkeypatch.chdir(tmp_path)
    page = Page(tmp_path, _page_env(), {"__name__": "__doc_example__"})
    relative = path.relative_to(ROOT).as_posix()
    if relative in SETUP:
        SETUP[relative](page)
    try:
        for block in blocks(path):
            if _left_out(block) or not _run_by_default(block):
                continue
            RUNNERS[block.lang](block, page)
    finally:
        for cleanup in reversed(page.cleanups):
            cleanup()


def test_the_pages_are_all_there() -> None:
    names = {path.relative_to(ROOT).as_posix() for path in PAGES}
    assert {"README.md", "docs/index.md", "docs/cli.md", "docs/api.md"} <= names


def test_every_block_left_out_exists() -> None:
    every = [block for path in PAGES for block in blocks(path)]
    for page, line in NOT_RUN:
        matching = [b for b in every if b.page == page and b.first_line.startswith(line)]
        assert len(matching) == 1, f"NOT_RUN entry {(page, line)} matches {len(matching)} blocks"


def test_a_shown_value_is_checked(tmp_path: Path) -> None:
    """The collector itself: a wrong doctest value, a failing command and a raising block fail."""
    page = Page(tmp_path, _page_env())
    cases = [
        Block("x.md", 1, "python", ">>> 1 + 1\n3\n"),
        Block("x.md", 1, "python", "x = 1\nx  # 2\n"),
        Block("x.md", 1, "python", "raise ValueError('boom')\n"),
        Block("x.md", 1, "console", "$ echo one\ntwo\n"),
        Block("x.md", 1, "console", "$ false\n"),
        Block("x.md", 1, "sh", "true\nfalse\ntrue\n"),
        Block("x.md", 1, "sh", "pip install newsparse\n"),
    ]
    for block in cases:
        with pytest.raises((pytest.fail.Exception, ValueError)):
            RUNNERS[block.lang](block, page)
    RUNNERS["console"](Block("x.md", 1, "console", "$ false\n$ echo $?\n1\n"), page)
    RUNNERS["python"](Block("x.md", 1, "python", "x = 1\nx  # the value\n"), page)


def test_the_package_is_the_one_under_test() -> None:
    """The examples run against this checkout's package, installed (``make install``)."""
    import newsparse  # noqa: PLC0415

    assert Path(newsparse.__file__).resolve().is_relative_to(ROOT / "src")
    assert importlib.metadata.version("newsparse") == newsparse.__version__
