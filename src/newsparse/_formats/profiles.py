"""Outlet profiles: the junk each outlet republished by the aggregator leaves behind.

A profile is keyed by the outlet named on the source line (or in the byline)
and carries rules the parser applies once it knows the outlet: byline words
that are website UI rather than names, page labels that open a keywords
line, and tags that are site navigation.  Profiles without outlets apply to
every article.  They are registered like formats: built-ins, entry points in
the group ``newsparse.profiles``, or an isolated :class:`ProfileRegistry`.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import functools

from attrs import field, frozen

from newsparse._formats.registry import NamedRegistry
from newsparse._model.records import str_tuple
from newsparse._text.arabic import fold

__all__ = [
    "DEFAULT_PROFILE",
    "FRANCE24",
    "PROFILE_ENTRY_POINT_GROUP",
    "OutletProfile",
    "ProfileRegistry",
    "builtin_profiles",
    "default_profiles",
    "outlet_key",
]

PROFILE_ENTRY_POINT_GROUP = "newsparse.profiles"


@functools.lru_cache(maxsize=4096)  # outlet names and bylines recur from article to article
def outlet_key(name: str) -> str:
    """Return the comparison key of an outlet name: folded, without spaces, case-folded.

    >>> outlet_key("فرانس 24") == outlet_key("فرانس24")
    True
    """
    return "".join(fold(name).split()).casefold()


@frozen(kw_only=True)
class OutletProfile:
    """The rules for one outlet (or, with no ``outlets``, for every article).

    ``outlets``: names as written on the source line or in the byline
    (compared with :func:`outlet_key`); ``byline_junk``: words and phrases
    dropped from bylines; ``keyword_prefixes``: page labels dropped from the
    start of the keywords line (``keywords`` only: ``keywords_raw`` keeps
    them); ``keyword_noise``: tags dropped from ``keywords`` wherever they
    stand.

    .. versionadded:: 0.2.0
    """

    name: str
    """The unique name it is registered under."""
    outlets: tuple[str, ...] = field(default=(), converter=str_tuple)
    """The outlets it applies to, as written; empty: every article."""
    byline_junk: tuple[str, ...] = field(default=(), converter=str_tuple)
    """Words and phrases dropped from bylines (compared folded, word by word)."""
    keyword_prefixes: tuple[str, ...] = field(default=(), converter=str_tuple)
    """Page labels dropped from the start of the keywords line."""
    keyword_noise: tuple[str, ...] = field(default=(), converter=str_tuple)
    """Tags dropped from ``keywords`` wherever they stand."""

    _keys: frozenset[str] = field(init=False, eq=False, repr=False)
    folded_prefixes: tuple[tuple[str, ...], ...] = field(init=False, eq=False, repr=False)
    """``keyword_prefixes`` folded (:func:`~newsparse.fold`) and split into words; derived."""
    folded_noise: frozenset[str] = field(init=False, eq=False, repr=False)
    """``keyword_noise`` folded (:func:`~newsparse.fold`); derived."""

    @_keys.default
    def _outlet_keys(self) -> frozenset[str]:
        return frozenset(outlet_key(outlet) for outlet in self.outlets)

    @folded_prefixes.default
    def _folded_prefixes(self) -> tuple[tuple[str, ...], ...]:
        return tuple(
            words for prefix in self.keyword_prefixes if (words := tuple(fold(prefix).split()))
        )

    @folded_noise.default
    def _folded_noise(self) -> frozenset[str]:
        return frozenset(fold(tag) for tag in self.keyword_noise)

    def matches(self, source: str | None, byline: str | None) -> bool:
        """Whether this profile applies to an article with this source name and byline."""
        if not self.outlets:
            return True
        keys = self._keys
        if source is not None and outlet_key(source) in keys:
            return True
        if byline is None:
            return False
        byline_key = outlet_key(byline)
        return any(key in byline_key for key in keys)


DEFAULT_PROFILE = OutletProfile(
    name="default",
    byline_junk=("شارك", "مشاركة", "طباعة", "حفظ", "تابعنا"),
    keyword_prefixes=("التشابه الوصف التاريخ",),
)
"""Rules for every article: share/print buttons in bylines, the page labels
``التشابه الوصف التاريخ`` (similarity, description, date) before the tags."""

FRANCE24 = OutletProfile(
    name="france24",
    outlets=("فرانس24", "فرانس 24", "France 24", "France24"),
    byline_junk=("تابِع", "تابع", "إعلان", "اقرأ المزيد"),
)
"""France 24's website labels (follow, advertisement, read more) that its bylines carry."""


class ProfileRegistry(NamedRegistry[OutletProfile]):
    """Outlet profiles by name.

    ``ProfileRegistry()`` is empty and isolated; :func:`default_profiles`
    holds the built-ins and the installed plugins.  ``ProfileRegistry(profiles)``
    starts with *profiles* registered; ``plugins=True`` adds the installed
    plugins (entry-point group ``newsparse.profiles``) on first use.

    .. versionadded:: 0.2.0
    """

    def __init__(self, profiles: tuple[OutletProfile, ...] = (), *, plugins: bool = False) -> None:
        super().__init__(
            profiles,
            group=PROFILE_ENTRY_POINT_GROUP if plugins else None,
            kind="profile",
            check=_check_profile,
        )

    def for_article(self, source: str | None, byline: str | None) -> tuple[OutletProfile, ...]:
        """The profiles that apply to an article with this source name and byline, in order."""
        return tuple(profile for profile in self if profile.matches(source, byline))


def _check_profile(item: object) -> OutletProfile:
    if not isinstance(item, OutletProfile):
        raise TypeError(f"{item!r} is not a newsparse OutletProfile")
    return item


@functools.cache
def builtin_profiles() -> ProfileRegistry:
    """The built-in profiles only: what a format applies unless given others (one object).

    Discovering plugins runs their code, so a format object that a program
    builds itself (``AggregatorText()``) never does: only
    :func:`default_profiles` loads plugins, and ``default_registry()``'s formats use it.
    """
    return ProfileRegistry((DEFAULT_PROFILE, FRANCE24))


@functools.cache
def default_profiles() -> ProfileRegistry:
    """Return the registry of the built-in profiles and the installed plugins (one object).

    >>> [profile.name for profile in default_profiles().for_article("فرانس24", None)]
    ['default', 'france24']
    """
    return ProfileRegistry((DEFAULT_PROFILE, FRANCE24), plugins=True)
