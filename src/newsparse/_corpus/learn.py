"""Learn a corpus profile from many files, in one pass, in one process or several.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from collections.abc import Iterable
from multiprocessing.context import BaseContext

from newsparse._api import DEFAULT_MAX_BYTES, chosen_registry
from newsparse._corpus.batch import FileResult, map_results
from newsparse._corpus.paths import PathsArgument
from newsparse._formats.contract import FormatRegistry
from newsparse._learn.learner import Learner
from newsparse._learn.observe import Observation, observe
from newsparse._model.corpus_profile import CorpusProfile, LearnSettings
from newsparse._storage.options import StorageOptions
from newsparse._text.lexicon import Lexicon

__all__ = ["learn", "learn_results", "observations"]


def observations(result: FileResult) -> tuple[Observation, ...] | None:
    """What a file's articles show the learner (it runs where the file was parsed);
    None for a file that failed."""
    if not result.ok:
        return None
    return tuple(map(observe, result.articles))


def learn_results(
    seen: Iterable[tuple[Observation, ...] | None], settings: LearnSettings | None = None
) -> Learner:
    """A learner that has counted every file's observations (None: a file that failed,
    not counted)."""
    learner = Learner(settings)
    for found in seen:
        if found is not None:
            learner.add_file(found)
    return learner


def learn(
    paths: PathsArgument,
    *,
    format: str | None = None,
    jobs: int = 1,
    glob: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    registry: FormatRegistry | None = None,
    lexicon: Lexicon | None = None,
    settings: LearnSettings | None = None,
    mp_context: BaseContext | None = None,
    storage_options: StorageOptions | None = None,
) -> CorpusProfile:
    """Return the :class:`~newsparse.CorpusProfile` learned from the files *paths* stand for.

    One pass: each file is parsed (leniently, as :func:`iter_results` does,
    with *format*, *jobs*, *glob*, *max_bytes*, *registry*, *lexicon*,
    *mp_context* and *storage_options* as there: URLs and archives too) and
    what its articles show is counted.  Files that fail are skipped
    (``newsparse check`` says why).  The profile is the same for any order of
    the files and any *jobs*; *settings* (a
    :class:`~newsparse.LearnSettings`) sets the caps and thresholds.
    docs/corpus.md shows a corpus run.

    .. versionadded:: 0.2.0
    """
    seen = map_results(
        paths,
        observations,
        format=format,
        jobs=jobs,
        glob=glob,
        max_bytes=max_bytes,
        registry=chosen_registry(registry, lexicon),
        mp_context=mp_context,
        storage_options=storage_options,
    )
    return learn_results(seen, settings).profile()
