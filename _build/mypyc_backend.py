"""The build backend: setuptools, with mypyc added when a compiled build is asked for.

``NEWSPARSE_COMPILE=1`` in the environment of a build (``pip install``,
``python -m build``) compiles the parser's hot modules with mypyc (setup.py
lists them).  setup.py then imports mypyc whatever is being built (an sdist,
a wheel, an editable install), so every build environment gets mypy and the
stubs the modules are checked against; only then: a plain build still needs
nothing but setuptools.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from setuptools import build_meta
from setuptools.build_meta import *  # noqa: F403  (the whole PEP 517 interface)

_COMPILER = ["mypy>=1.10", "types-regex", "attrs>=23.1"]


def compile_requested() -> bool:
    """Return whether this build compiles the hot modules (NEWSPARSE_COMPILE=1)."""
    return os.environ.get("NEWSPARSE_COMPILE", "0") == "1"


def _requires(
    setuptools_hook: Callable[[dict[str, str] | None], list[str]],
    config_settings: dict[str, str] | None,
) -> list[str]:
    if compile_requested():
        # setuptools would run setup.py to list its needs, and setup.py imports mypyc
        return list(_COMPILER)
    return setuptools_hook(config_settings)


def get_requires_for_build_wheel(config_settings: dict[str, str] | None = None) -> list[str]:
    return _requires(build_meta.get_requires_for_build_wheel, config_settings)


def get_requires_for_build_sdist(config_settings: dict[str, str] | None = None) -> list[str]:
    return _requires(build_meta.get_requires_for_build_sdist, config_settings)


def get_requires_for_build_editable(config_settings: dict[str, str] | None = None) -> list[str]:
    return _requires(build_meta.get_requires_for_build_editable, config_settings)
