"""A Griffe extension that lets mkdocstrings render newsparse's reST-flavoured docstrings.

newsparse's docstrings are written to read well in ``help()`` and in an
editor: Sphinx roles (``:func:`~newsparse.fold```), ``.. versionadded::``
directives, ``::`` literal blocks and doctest examples.  Markdown knows none
of these, so before mkdocstrings renders a docstring this extension rewrites

- each role into an autorefs cross-reference (``[`fold`][newsparse.fold]``)
  when the name resolves inside the package, or into a code span otherwise
  (``:class:`AssertionError```);
- ``.. versionadded:: X`` / ``.. versionchanged:: X`` into a line in italics;
- a paragraph ending in ``::`` into one ending in ``:`` (its indented block
  is already a Markdown code block);
- every run of ``>>>`` lines, with their expected output, into a ``pycon``
  fenced block.

A cross-reference that does not resolve makes ``mkdocs build --strict``
fail, so a docstring that names a missing object breaks the build.
Configured in ``mkdocs.yml`` under ``plugins.mkdocstrings.handlers.python``.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:func|class|meth|attr|exc|data|mod|obj):`(?P<tilde>~?)(?P<target>[\w.]+)`")
_DIRECTIVE = re.compile(r"^(?P<indent>\s*)\.\. version(?P<kind>added|changed):: *(?P<version>\S+)")
_VERBS = {"added": "Added", "changed": "Changed"}


class NewsparseDocstrings(griffe.Extension):
    """Rewrite every docstring of the loaded package once its tree is complete."""

    def on_package(self, *, pkg: griffe.Module, loader: griffe.GriffeLoader, **kwargs: Any) -> None:
        """Walk the package and rewrite the docstring of each object it defines."""
        public = public_paths(pkg)
        for obj in _walk(pkg):
            if obj.docstring is not None:
                obj.docstring.value = rewrite(obj.docstring.value, obj, loader, public)


def _walk(obj: griffe.Object) -> list[griffe.Object]:
    found = [obj]
    for member in obj.members.values():
        if isinstance(member, griffe.Alias):
            continue
        found.extend(_walk(member))
    return found


def public_paths(pkg: griffe.Module) -> dict[str, str]:
    """Map the canonical path of every documented object to its public path.

    The public objects are the names in ``__all__`` of the package and of its
    public submodules, and the public members of those that are classes: what
    docs/reference.md renders, hence what a cross-reference can point at.
    """
    public: dict[str, str] = {}
    modules = [pkg] + [
        member
        for name, member in pkg.members.items()
        if not name.startswith("_") and isinstance(member, griffe.Module)
    ]
    for module in modules:
        public[module.canonical_path] = module.path
        for name in module.exports or ():
            member = module.get_member(str(name))
            public[member.canonical_path] = f"{module.path}.{name}"
            if member.is_class:
                for inner in member.members:
                    if not inner.startswith("_"):
                        public[f"{member.canonical_path}.{inner}"] = f"{module.path}.{name}.{inner}"
    return public


def _canonical(path: str, loader: griffe.GriffeLoader) -> str | None:
    try:
        found = loader.modules_collection.get_member(path)
        return str(found.canonical_path)
    except (KeyError, ValueError, AttributeError, griffe.AliasResolutionError):
        return None


def _resolve(
    target: str, obj: griffe.Object, loader: griffe.GriffeLoader, public: dict[str, str]
) -> str | None:
    """The public path *target* names, seen from *obj* (its class, its module, the package)."""
    scopes: list[str] = []
    scope: griffe.Object | None = obj
    while scope is not None:
        scopes.append(scope.path)
        scope = scope.parent
    package = obj.package.path
    for candidate in (target, *(f"{path}.{target}" for path in scopes)):
        if candidate.split(".")[0] != package:
            continue
        canonical = _canonical(candidate, loader)
        if canonical is not None:
            return public.get(canonical)
    return None


def rewrite(
    text: str, obj: griffe.Object, loader: griffe.GriffeLoader, public: dict[str, str]
) -> str:
    """Return *text* (a docstring of *obj*) as Markdown that mkdocstrings renders."""

    def role(match: re.Match[str]) -> str:
        target = match["target"]
        shown = target.rsplit(".", 1)[-1] if match["tilde"] else target
        path = _resolve(target, obj, loader, public)
        return f"`{shown}`" if path is None else f"[`{shown}`][{path}]"

    text = _ROLE.sub(role, text)
    lines: list[str] = []
    in_example = False
    for line in text.split("\n"):
        stripped = line.strip()
        directive = _DIRECTIVE.match(line)
        if in_example and not stripped:
            lines.append("```")
            in_example = False
        if directive:
            verb = _VERBS[directive["kind"]]
            lines.append(f"{directive['indent']}*{verb} in version {directive['version']}.*")
            continue
        if stripped.startswith(">>>") and not in_example:
            lines.append("```pycon")
            in_example = True
        lines.append(line[:-1] if stripped.endswith("::") and not in_example else line)
    if in_example:
        lines.append("```")
    return "\n".join(lines)
