"""The documentation site's plumbing: mkdocs.yml and the docstring extension.

``make test`` builds the site with ``mkdocs build --strict``; these tests pin
what that build relies on, so a change that would quietly stop rendering a
docstring (or a page) fails here with a readable message.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import griffe
import pytest

import newsparse
from tests.helpers import ROOT

CONFIG = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
EXTENSION = "scripts/griffe_docstrings.py:NewsparseDocstrings"
CHROMIUM = Path("/usr/bin/chromium")  # Debian's; `make chromium` installs it


@pytest.fixture(scope="module")
def package() -> griffe.Module:
    """newsparse as the site's mkdocstrings handler loads it, extension included."""
    extensions = griffe.load_extensions(str(ROOT / EXTENSION))
    loaded = griffe.load("newsparse", search_paths=[str(ROOT / "src")], extensions=extensions)
    assert isinstance(loaded, griffe.Module)
    return loaded


def _doc(package: griffe.Module, path: str) -> str:
    docstring = package[path].docstring
    assert docstring is not None
    return str(docstring.value)


def test_the_extension_is_the_one_configured() -> None:
    assert EXTENSION in CONFIG
    assert re.search(r"^docs_dir: docs$", CONFIG, flags=re.MULTILINE)


def test_every_page_is_in_the_nav() -> None:
    pages = {path.name for path in (ROOT / "docs").glob("*.md")}
    listed = set(re.findall(r"(\w+\.md)$", CONFIG, flags=re.MULTILINE))
    assert pages == listed


def test_roles_become_cross_references_to_public_paths(package: griffe.Module) -> None:
    article = _doc(package, "Article")
    assert "[`newsparse.parse_file`][newsparse.parse_file]" in article
    assert "[`newsparse.render`][newsparse.render]" in article  # no ~: the full name shows
    assert "[`to_dict`][newsparse.Article.to_dict]" in article  # relative to the class
    assert ":func:" not in article
    assert "[`default_registry`][newsparse.default_registry]" in _doc(package, "FormatRegistry")


def test_roles_to_private_names_become_code(package: griffe.Module) -> None:
    profile = _doc(package, "OutletProfile")
    assert "`outlet_key`" in profile
    assert "][newsparse._formats.profiles" not in profile


def test_directives_and_doctests_become_markdown(package: griffe.Module) -> None:
    article = _doc(package, "Article")
    assert "*Added in version 0.1.0.*" in article
    assert ".. versionadded" not in article
    parse_file = _doc(package, "parse_file")
    assert '```pycon\n>>> parse_file("examples/000_737a97d3fc3c0077.txt").source.name' in parse_file
    assert parse_file.rstrip().endswith("```")
    assert "like a compiler message:\n" in _doc(package, "ParseError")  # '::' made ':'


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def test_every_version_note_is_a_released_or_the_coming_version() -> None:
    """A note naming a version after this one promises what no release has."""
    current = _version(newsparse.__version__)
    notes = [
        (path.relative_to(ROOT), match.group(1))
        for path in sorted((ROOT / "src").rglob("*.py"))
        for match in re.finditer(
            r"\.\. version(?:added|changed):: (\S+)", path.read_text(encoding="utf-8")
        )
    ]
    assert notes, "the pattern finds the notes"
    assert [(str(path), note) for path, note in notes if _version(note) > current] == []


def test_the_changelog_keeps_a_changelog() -> None:
    """https://keepachangelog.com/en/1.1.0/: one Unreleased section first, then the
    releases, each split into the six kinds of change and nothing else."""
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    sections = re.findall(r"^## (.+)$", changelog, flags=re.MULTILINE)
    assert sections[0] == "[Unreleased]"
    assert all(
        re.fullmatch(r"\[\d+\.\d+\.\d+\] - (\d{4}-\d\d-\d\d|unreleased)", s) for s in sections[1:]
    )
    kinds = set(re.findall(r"^### (.+)$", changelog, flags=re.MULTILINE))
    assert kinds <= {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}


# Read in the page as the reader's browser laid it out: where the tokens of the
# quickstart's line and the synopsis box of the CLI page are drawn.  Run at the end of
# the page; the result goes into the title, which --dump-dom prints.
PROBE = """
(() => {
  const report = {};
  const codes = [...document.querySelectorAll("pre > code")];
  // A line of code, and a line of output (one token for Pygments), each with its tokens.
  const lines = [
    ['{"الخليج الجديد": 1, "فرانس24": 1}', ["{", "الخليج الجديد", "1", "فرانس24", "1", "}"]],
    ["('الخليج الجديد', ('إيران', 'باكستان', 'مكافحة الإرهاب'))",
     ["('", "الخليج الجديد", "('", "إيران", "باكستان", "مكافحة الإرهاب", "))"]],
  ];
  report.lines = [];
  for (const [line, tokens] of lines) {
    const code = codes.find((c) => c.textContent.includes(line));
    if (!code) continue;
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    const nodes = [];
    let text = "";
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      nodes.push([node, text.length]);
      text += node.data;
    }
    // The box of text[index, index + length), which may span text nodes.
    const box = (index, length) => {
      const at = (position) => {
        const [node, start] = nodes.findLast(([, begins]) => begins <= position);
        return [node, position - start];
      };
      const range = document.createRange();
      range.setStart(...at(index));
      range.setEnd(...at(index + length - 1));
      range.setEnd(range.endContainer, range.endOffset + 1);
      return range.getBoundingClientRect();
    };
    let from = text.indexOf(line);
    const found = [];
    for (const token of tokens) {
      const index = text.indexOf(token, from);
      const drawn = box(index, token.length);
      found.push({token, left: drawn.left, right: drawn.right, top: drawn.top});
      from = index + token.length;
    }
    report.lines.push(found);
  }
  // How far left of its box a code block draws anything: a line that overflows to the
  // left cannot be scrolled to.
  report.overflowLeft = Math.max(0, ...codes.map((c) => {
    const range = document.createRange();
    range.selectNodeContents(c);
    const lefts = [...range.getClientRects()].map((r) => r.left);
    return c.getBoundingClientRect().left - Math.min(...lefts);
  }));
  const synopsis = codes.find((c) => c.textContent.startsWith("newsparse parse PATH"));
  if (synopsis) {
    report.synopsis = {scrollWidth: synopsis.scrollWidth, clientWidth: synopsis.clientWidth};
  }
  document.title = JSON.stringify(report);
})();
"""
BROWSER_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--host-resolver-rules=MAP * ~NOTFOUND",  # the theme's web fonts: fail at once, offline
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as `make docs` builds it."""
    built = tmp_path_factory.mktemp("site")
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(built)],
        cwd=ROOT,
        check=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=300,
    )
    return built


def _browse(page: Path, tmp_path: Path, width: int, *task: str) -> str:
    """Open *page* in headless chromium, a window *width* pixels wide, and do *task*."""
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    profile.mkdir()
    window = f"--window-size={width},2000"  # the quickstart's line is about 1,700 px down
    done = subprocess.run(
        [str(CHROMIUM), *BROWSER_FLAGS, f"--user-data-dir={profile}", window, *task, page.as_uri()],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done.stdout


def _seen(site: Path, page: str, tmp_path: Path, width: int) -> dict[str, Any]:
    """What PROBE reads in *page* of *site*; a screenshot of the page goes in *tmp_path*."""
    original = site / page
    shot = tmp_path / f"{page.replace('/', '-')}-{width}.png"
    _browse(original, tmp_path, width, f"--screenshot={shot}")
    assert shot.read_bytes().startswith(b"\x89PNG")
    probed = original.with_name("probed.html")  # beside it: the same relative links
    source = original.read_text(encoding="utf-8")
    probed.write_text(source.replace("</body>", f"<script>{PROBE}</script></body>"), "utf-8")
    dom = _browse(probed, tmp_path, width, "--dump-dom")
    title = re.search(r"<title>(.*?)</title>", dom, flags=re.DOTALL)
    assert title is not None, dom[:2000]
    seen: dict[str, Any] = json.loads(html.unescape(title[1]))
    return seen


@pytest.mark.slow
@pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium: `make chromium`")
@pytest.mark.parametrize("width", [1280, 500])
def test_a_browser_shows_arabic_in_code_as_written(site: Path, tmp_path: Path, width: int) -> None:
    """Left to right, a code line is drawn in the order it is written: the digits and
    punctuation between two Arabic strings did not join them into one right-to-left run,
    which drew {"1 :"فرانس24" ,1 :"الخليج الجديد"}; nor do the quotes and commas of a
    line of output, which drew its strings in reverse order."""
    seen = _seen(site, "index.html", tmp_path, width)
    assert len(seen["lines"]) == 2, "the quickstart shows both lines"
    for tokens in seen["lines"]:
        assert len({token["top"] for token in tokens}) == 1, tokens  # one line, not wrapped
        lefts = [token["left"] for token in tokens]
        assert lefts == sorted(lefts), [token["token"] for token in sorted(tokens, key=_left)]
    assert seen["overflowLeft"] < 1, "a code line runs off the left of its box"


def _left(token: dict[str, Any]) -> float:
    return float(token["left"])


@pytest.mark.slow
@pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium: `make chromium`")
@pytest.mark.parametrize("width", [1280, 500])
def test_a_browser_shows_the_whole_synopsis(site: Path, tmp_path: Path, width: int) -> None:
    """The CLI page's synopsis fits its box: it ran past the right edge, where the scroll
    bar is hidden until the pointer is over it, and read `diagnostics b`."""
    seen = _seen(site, "cli/index.html", tmp_path, width)
    assert seen["synopsis"]["scrollWidth"] <= seen["synopsis"]["clientWidth"], seen
    assert seen["overflowLeft"] < 1, "a code line runs off the left of its box"
