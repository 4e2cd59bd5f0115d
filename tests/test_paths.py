"""Directory listing: sorted like os.walk would list it, with the names held packed."""

from __future__ import annotations

import heapq
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsparse._corpus import paths as _paths
from newsparse._corpus.batch import parse_one
from newsparse._corpus.paths import list_files

NAMES = st.lists(
    st.text(st.characters(blacklist_characters="\0/", codec="utf-8"), min_size=1, max_size=8),
    max_size=40,
)


def _files(paths: list[str | Path]) -> list[str]:
    """What list_files gives for *paths* that all stand for files: only paths, no error."""
    found = list(list_files(paths))
    paths_only = [path for path in found if isinstance(path, str)]
    assert paths_only == found
    return paths_only


def _walked(top: Path) -> list[str]:
    """What list_files promises of a directory, written with os.walk and whole sorted lists."""
    found = []
    for root, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [os.path.join(root, f) for f in sorted(files) if not f.startswith(".")]
    return found


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "tree"
    for relative in [
        "b.txt", "a.txt", "a10.txt", "a9.txt", "ز.txt", ".hidden.txt",
        "sub2/x.txt", "sub1/y.txt", "sub1/deeper/z.txt", ".git/config", "sub1/.cache/w.txt",
    ]:  # fmt: skip
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    (root / "linked-dir").symlink_to(root / "sub2", target_is_directory=True)
    (root / "linked-file.txt").symlink_to(root / "a.txt")
    return root


def test_files_first_then_subdirectories_in_name_order(tree: Path) -> None:
    found = [os.path.relpath(p, tree) for p in _files([tree])]
    assert found == [
        "a.txt", "a10.txt", "a9.txt", "b.txt", "linked-file.txt", "ز.txt",
        "sub1/y.txt", "sub1/deeper/z.txt", "sub2/x.txt",
    ]  # fmt: skip
    assert found == [os.path.relpath(p, tree) for p in _walked(tree)]


def test_runs_merge_into_the_same_order(
    tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    many = tmp_path / "many"
    many.mkdir()
    for number in range(50):
        (many / f"{(number * 37) % 101:03d}-{number}.txt").write_text("x", encoding="utf-8")
    monkeypatch.setattr(_paths, "_RUN", 3)
    assert list(_files([many])) == _walked(many)
    assert list(_files([tree])) == _walked(tree)


@given(NAMES, st.integers(1, 7))
def test_packed_runs_merge_to_the_sorted_names(names: list[str], run: int) -> None:
    runs = [_paths._pack(names[i : i + run]) for i in range(0, len(names), run)]
    merged: Iterator[str] = heapq.merge(*map(_paths._unpack, runs))
    assert list(merged) == sorted(names)


def test_a_directory_that_cannot_be_listed_gets_its_own_error(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = str(tree / "sub1")
    real_scandir = os.scandir

    def scandir(path: str) -> Iterator[os.DirEntry[str]]:
        if os.fspath(path) == locked:
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = list(_files([tree]))
    assert locked in found
    assert not any(p.startswith(locked + os.sep) for p in found)
    error = parse_one(locked, format=None, strict=False).error
    assert error is not None
    assert error.code == "unreadable"
    assert str(error) == (
        f"{locked}: cannot list the directory (Permission denied); check its permissions"
    )


def test_paths_that_are_not_directories_pass_through(tmp_path: Path) -> None:
    missing, plain = str(tmp_path / "missing.txt"), tmp_path / "plain.txt"
    plain.write_text("x", encoding="utf-8")
    assert list(_files([missing, plain])) == [missing, str(plain)]


class _Unstattable:
    """A directory entry whose type cannot be read (as on a stale network mount)."""

    name = "gone.txt"

    def is_dir(self) -> bool:
        raise OSError(5, "Input/output error")


def test_an_entry_whose_type_cannot_be_read_is_listed_as_a_file() -> None:
    # as os.walk does: reading the file then reports the error, with its path
    assert _paths._is_directory(_Unstattable()) is False  # type: ignore[arg-type]
