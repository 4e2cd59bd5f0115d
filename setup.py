"""Compiled modules, built only when NEWSPARSE_COMPILE=1 (docs/performance.md).

Everything else about the distribution is in pyproject.toml.  The modules
listed are the ones a parse runs through; mypyc compiles them to C extensions
that import in place of the .py files, which stay in the wheel.  Without the
variable the build is pure Python, with the same behaviour.
"""

from __future__ import annotations

import os

from setuptools import setup

HOT_MODULES = (
    "_api",
    "_text.arabic",
    "_text.decoding",
    "_text.mojibake",
    "_formats.aggregator.byline",
    "_formats.aggregator.dates",
    "_formats.aggregator.format",
    "_formats.aggregator.grammar",
    "_formats.aggregator.keywords",
    "_formats.aggregator.parser",
)


def _ext_modules() -> list[object]:
    if os.environ.get("NEWSPARSE_COMPILE", "0") != "1":
        return []
    from mypyc.build import mypycify  # noqa: PLC0415 -- only a compiled build has mypy

    paths = [f"src/newsparse/{name.replace('.', '/')}.py" for name in HOT_MODULES]
    return list(mypycify(paths, opt_level="3", group_name="newsparse"))


setup(ext_modules=_ext_modules())
