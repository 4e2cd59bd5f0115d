"""The public API: ``__all__`` lists it and nothing else, and every name in it is documented.

The docstrings are read the way the documentation site reads them (Griffe,
statically), so what passes here is what docs/reference.md renders.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import types
from pathlib import Path

import griffe
import pytest

import newsparse

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = (ROOT / "docs" / "reference.md").read_text(encoding="utf-8")
PUBLIC_MODULES = (
    "newsparse",
    "newsparse.testing",
    "newsparse.kit",
    "newsparse.dask",
    "newsparse.datatrove",
    "newsparse.hf",
    "newsparse.spark",
)


@pytest.fixture(scope="module")
def package() -> griffe.Module:
    """newsparse as Griffe (and so mkdocstrings) sees it."""
    loaded = griffe.load("newsparse", search_paths=[str(ROOT / "src")])
    assert isinstance(loaded, griffe.Module)
    return loaded


def _exports(module: griffe.Module) -> list[str]:
    return [str(name) for name in module.exports or ()]


def test_the_public_submodules_are_testing_kit_dask_and_the_pipelines() -> None:
    found = {info.name for info in pkgutil.iter_modules(newsparse.__path__) if info.name[0] != "_"}
    assert found == {"testing", "kit", "dask", "datatrove", "hf", "spark"}


@pytest.mark.parametrize("name", PUBLIC_MODULES)
def test_all_holds_public_names_that_exist_once(name: str) -> None:
    module = importlib.import_module(name)
    names = module.__all__
    assert len(names) == len(set(names))
    for public in names:
        assert public == "__version__" or not public.startswith("_"), public
        assert hasattr(module, public), public


def test_all_is_everything_newsparse_offers() -> None:
    """No public-looking name outside ``__all__``: the rest is private or a submodule."""
    offered = {
        name
        for name, value in vars(newsparse).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    assert offered - {"annotations"} == set(newsparse.__all__) - {"__version__"}
    assert dir(newsparse) == newsparse.__all__


def test_every_public_object_is_newsparse_own() -> None:
    for name in newsparse.__all__:
        value = getattr(newsparse, name)
        module = getattr(value, "__module__", "newsparse")
        if isinstance(value, types.UnionType | str):
            continue  # Block, __version__: no __module__ of their own
        assert module.startswith("newsparse"), (name, module)


def test_the_version_is_defined_once() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+([abc]|rc|\.dev|\.post)?\d*", newsparse.__version__)
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject
    assert 'version = { attr = "newsparse._version.__version__" }' in pyproject
    sources = [path for path in (ROOT / "src").rglob("*.py") if "__version__ =" in path.read_text()]
    assert sources == [ROOT / "src" / "newsparse" / "_version.py"]


def _undocumented(obj: griffe.Object | griffe.Alias, path: str) -> list[str]:
    """*path* and its public members (for a class) that have no docstring."""
    missing = [] if obj.docstring and obj.docstring.value.strip() else [path]
    if obj.is_class:
        for name, member in obj.all_members.items():
            if name.startswith("_") or (name in {"name", "suffixes"} and not member.docstring):
                continue  # a format's name and suffixes are documented by the Format protocol
            if not (member.docstring and member.docstring.value.strip()):
                missing.append(f"{path}.{name}")
    return missing


@pytest.mark.parametrize("name", PUBLIC_MODULES)
def test_every_public_name_has_a_docstring(package: griffe.Module, name: str) -> None:
    module = package if name == "newsparse" else package[name.split(".", 1)[1]]
    assert module.docstring is not None
    missing = [
        gap
        for public in _exports(module)
        for gap in _undocumented(module[public], f"{name}.{public}")
    ]
    assert missing == []


def test_functions_say_what_they_return_or_do(package: griffe.Module) -> None:
    """A function's docstring opens with what it returns, yields or checks."""
    for public in _exports(package):
        obj = package[public]
        if obj.is_function:
            assert obj.docstring is not None
            first = obj.docstring.value.split()[0]
            assert first in {"Return", "Yield", "Parse", "Check"}, (public, first)


@pytest.mark.parametrize("name", PUBLIC_MODULES)
def test_the_reference_documents_exactly_the_public_api(name: str) -> None:
    module = importlib.import_module(name)
    if name == "newsparse":
        rendered = set(re.findall(r"^::: newsparse\.(\w+)\s*$", REFERENCE, flags=re.MULTILINE))
        assert rendered - {"testing", "kit", "dask", "datatrove", "hf", "spark"} == set(
            module.__all__
        )
    else:
        assert re.search(rf"^::: {re.escape(name)}\s*$", REFERENCE, flags=re.MULTILINE)
