"""Registries: named, extensible sets of formats and outlet profiles.

A registry is an object, never a module-level list: the default ones hold the
built-ins plus whatever installed packages declare under an entry-point group
(loaded lazily, once, on first use); ``Registry()`` / ``ProfileRegistry()``
build isolated ones for tests or for an application that wants control.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import os
import threading
import warnings
from collections.abc import Callable, Iterator
from importlib.metadata import EntryPoint, entry_points
from typing import Generic, Protocol, TypeVar

from attrs import frozen

from newsparse._errors import FormatError

__all__ = [
    "NO_PLUGINS_VARIABLE",
    "Entry",
    "Named",
    "NamedRegistry",
    "PluginWarning",
    "plugins_allowed",
]

NO_PLUGINS_VARIABLE = "NEWSPARSE_NO_PLUGINS"
"""Set to anything but ``""`` or ``0``, no registry loads entry points (``--no-plugins``)."""


def plugins_allowed() -> bool:
    """Whether entry-point discovery is on: :data:`NO_PLUGINS_VARIABLE` unset, ``""`` or ``0``."""
    return os.environ.get(NO_PLUGINS_VARIABLE, "") in {"", "0"}


class Named(Protocol):
    """Anything registered by name."""

    @property
    def name(self) -> str:
        """The unique name it is registered and looked up under."""
        ...  # pragma: no cover


T = TypeVar("T", bound=Named)


class PluginWarning(UserWarning):
    """An installed plugin could not be loaded; newsparse carries on without it.

    .. versionadded:: 0.2.0
    """


@frozen(kw_only=True)
class Entry(Generic[T]):
    """One registered item and where it came from (``built-in``, ``plugin:DIST``, ``user``)."""

    item: T
    """The registered format or profile."""
    origin: str
    """``built-in``, ``plugin:DISTRIBUTION`` (the package that declared it) or ``user``."""


class NamedRegistry(Generic[T]):
    """Items by unique name, in registration order, plus lazily loaded plugins.

    ``group`` is the entry-point group plugins are read from (``None``: no
    plugins); ``kind`` names the items in messages ("format", "profile").
    """

    def __init__(
        self,
        items: tuple[T, ...] = (),
        *,
        group: str | None = None,
        kind: str = "item",
        check: Callable[[object], T] | None = None,
    ) -> None:
        self._entries: dict[str, Entry[T]] = {}
        self._group = group
        self._kind = kind
        self._check = check
        self._plugins_loaded = group is None
        self._lock = threading.Lock()
        for item in items:
            self.register(item, origin="built-in")

    def register(self, item: T, *, origin: str = "user") -> None:
        """Add *item*; raise :class:`~newsparse.FormatError` (``duplicate-name``) if taken.

        Raises :class:`TypeError` when *item* is not of the registry's kind.
        """
        if self._check is not None:
            item = self._check(item)
        name = item.name
        if name in self._entries:
            raise FormatError(
                f"a {self._kind} named {name!r} is registered already "
                f"({self._entries[name].origin}); choose another name",
                code="duplicate-name",
            )
        self._entries[name] = Entry(item=item, origin=origin)

    def get(self, name: str) -> T:
        """Return the item called *name*.

        Raises :class:`~newsparse.FormatError` (``unknown-format`` or
        ``unknown-profile``) naming the known ones when there is none.
        """
        entries = self._all()
        if name not in entries:
            known = ", ".join(entries) or "none"
            raise FormatError(
                f"no {self._kind} named {name!r}; known: {known}", code=f"unknown-{self._kind}"
            )
        return entries[name].item

    def entries(self) -> list[Entry[T]]:
        """Every registered item with its origin, in registration order."""
        return list(self._all().values())

    def names(self) -> list[str]:
        """The registered names, in registration order."""
        return list(self._all())

    def __iter__(self) -> Iterator[T]:
        return iter([entry.item for entry in self._all().values()])

    def __contains__(self, name: object) -> bool:
        return name in self._all()

    def __len__(self) -> int:
        return len(self._all())

    def __getstate__(self) -> dict[str, object]:
        # A registry crosses to worker processes (iter_results with jobs > 1); its lock
        # cannot, and the worker makes its own.
        return {name: getattr(self, name) for name in _STATE}

    def __setstate__(self, state: dict[str, object]) -> None:
        for name, value in state.items():
            setattr(self, name, value)
        self._lock = threading.Lock()

    def _all(self) -> dict[str, Entry[T]]:
        if not self._plugins_loaded:
            with self._lock:
                if not self._plugins_loaded:
                    try:
                        self._load_plugins()
                    finally:  # once, even if warnings are errors and one stopped the loading
                        self._plugins_loaded = True
        return self._entries

    def _load_plugins(self) -> None:
        if self._group is None:  # pragma: no cover -- _plugins_loaded starts True without one
            return
        if not plugins_allowed():
            return
        for point in entry_points(group=self._group):
            self._load_plugin(point)

    def _load_plugin(self, point: EntryPoint) -> None:
        origin = f"plugin:{point.dist.name}" if point.dist is not None else "plugin"
        try:
            loaded = point.load()
            item = loaded() if isinstance(loaded, type) or _is_factory(loaded) else loaded
            self.register(item, origin=origin)
        except Exception as error:  # noqa: BLE001 -- a broken plugin must not break newsparse
            warnings.warn(
                f"newsparse: skipped the {self._kind} plugin {point.name!r} "
                f"({point.value}) from {origin}: {type(error).__name__}: {error}",
                PluginWarning,
                stacklevel=4,
            )


_STATE = ("_entries", "_group", "_kind", "_check", "_plugins_loaded")


def _is_factory(value: object) -> bool:
    """A plain function given as an entry point is a factory; an instance is the item."""
    return callable(value) and not hasattr(value, "name")
