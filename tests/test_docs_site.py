"""The documentation site's plumbing: mkdocs.yml and the docstring extension.

``make test`` builds the site with ``mkdocs build --strict``; these tests pin
what that build relies on, so a change that would quietly stop rendering a
docstring (or a page) fails here with a readable message.
"""

from __future__ import annotations

import re

import griffe
import pytest

import newsparse
from tests.helpers import ROOT

CONFIG = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
EXTENSION = "scripts/griffe_docstrings.py:NewsparseDocstrings"


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
