"""The build backend: setuptools, with mypyc added when a compiled build is asked for.

``NEWSPARSE_COMPILE=1`` in the environment of a build (``pip wheel .``,
``python -m build``) compiles the parser's hot modules with mypyc (setup.py
lists them), which needs mypy and the stubs the modules are checked against
in the isolated build environment: they are asked for here, and only then,
so a plain build from the sdist still needs nothing but setuptools.
"""

from __future__ import annotations

import os

from setuptools import build_meta
from setuptools.build_meta import *  # noqa: F403  (the whole PEP 517 interface)

_COMPILER = ["mypy>=1.10", "types-regex", "attrs>=23.1"]


def compile_requested() -> bool:
    """Return whether this build compiles the hot modules (NEWSPARSE_COMPILE=1)."""
    return os.environ.get("NEWSPARSE_COMPILE", "0") == "1"


def get_requires_for_build_wheel(config_settings: dict[str, str] | None = None) -> list[str]:
    if compile_requested():
        # setuptools would run setup.py to list its needs, and setup.py imports mypyc
        return list(_COMPILER)
    requires: list[str] = build_meta.get_requires_for_build_wheel(config_settings)
    return requires
