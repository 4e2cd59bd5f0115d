"""The layers of src/newsparse/, and the one direction imports may go between them.

A module may import from its own layer and from the layers below it, never from one
above: text repair knows nothing of records, a format nothing of the corpus tools, and
so on up to the command.  Imports inside functions and under ``TYPE_CHECKING`` count.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"

# Bottom to top; a module belongs to the layer of its longest prefix listed here.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("newsparse._version", "newsparse._errors"),
    ("newsparse._storage",),
    ("newsparse._text",),
    ("newsparse._model",),
    ("newsparse._formats.registry", "newsparse._formats.contract", "newsparse._formats.profiles"),
    ("newsparse._formats.confidence", "newsparse._formats.diagnostics"),
    (
        "newsparse._formats.aggregator",
        "newsparse._formats.json_shared",
        "newsparse._formats.jsonl",
        "newsparse._formats.saudinewsnet",
    ),
    ("newsparse._formats.builtin", "newsparse.testing", "newsparse.kit"),
    ("newsparse._api", "newsparse._learn"),
    ("newsparse._corpus",),
    (
        "newsparse._cli",
        "newsparse.dask",
        "newsparse.hf",
        "newsparse.datatrove",
        "newsparse.spark",
        "newsparse.__main__",
    ),
    ("newsparse",),
)


def layer_of(module: str) -> int:
    """The index in LAYERS of *module*'s layer (its longest listed prefix)."""
    best, best_length = -1, -1
    for rank, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best_length:
                best, best_length = rank, len(prefix)
    if best < 0:
        raise LookupError(f"{module} is in no layer: add it to LAYERS in {__file__}")
    return best


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported(tree: ast.AST, importer: str, is_package: bool) -> Iterator[tuple[int, str]]:
    """Every newsparse module *tree* imports, with its line: ``from a import b`` names
    ``a.b`` when that is a module, else ``a``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "newsparse":
                    yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = importer.split(".")
                up = node.level - 1 if is_package else node.level
                base = ".".join(package[: len(package) - up] + ([base] if base else []))
            if base.split(".")[0] != "newsparse":
                continue
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                as_path = SRC / Path(*candidate.split("."))
                module = (
                    candidate if as_path.with_suffix(".py").exists() or as_path.is_dir() else base
                )
                yield node.lineno, module


def upward_imports(source: str, importer: str, *, is_package: bool = False) -> list[str]:
    """The imports in *source* (the text of module *importer*) that go up the layers."""
    rank = layer_of(importer)
    return [
        f"line {line}: {importer} (layer {rank}) imports {module} (layer {layer_of(module)})"
        for line, module in imported(ast.parse(source), importer, is_package)
        if layer_of(module) > rank
    ]


def modules() -> list[Path]:
    return sorted((SRC / "newsparse").rglob("*.py"))


@pytest.mark.parametrize("path", modules(), ids=module_name)
def test_imports_go_down_the_layers(path: Path) -> None:
    name = module_name(path)
    source = path.read_text(encoding="utf-8")
    assert upward_imports(source, name, is_package=path.name == "__init__.py") == []


def test_every_module_is_in_a_layer() -> None:
    for path in modules():
        layer_of(module_name(path))  # raises LookupError for an unplaced module


def test_an_upward_import_is_reported() -> None:
    """The check itself: a format importing the corpus layer, at any depth, is caught."""
    source = (
        "from newsparse._text.arabic import fold\n"
        "def f() -> None:\n"
        "    from newsparse._corpus import batch\n"
        "    import newsparse._cli.main\n"
    )
    found = upward_imports(source, "newsparse._formats.aggregator.parser")
    assert found == [
        "line 3: newsparse._formats.aggregator.parser (layer 6) imports "
        "newsparse._corpus.batch (layer 9)",
        "line 4: newsparse._formats.aggregator.parser (layer 6) imports "
        "newsparse._cli.main (layer 10)",
    ]


def test_a_relative_import_is_resolved() -> None:
    found = upward_imports("from .._corpus import paths\n", "newsparse._text.arabic")
    assert found == [
        "line 1: newsparse._text.arabic (layer 2) imports newsparse._corpus.paths (layer 9)"
    ]


def test_a_module_outside_the_layers_is_an_error() -> None:
    with pytest.raises(LookupError, match="in no layer"):
        layer_of("elsewhere.module")
