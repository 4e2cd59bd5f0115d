"""Work on many items in worker processes, in order, surviving the death of a worker.

:func:`ordered_map` sends items to a :class:`~concurrent.futures.ProcessPoolExecutor`
in chunks and yields the results in input order.  A worker that dies (killed, out
of memory, a crash in C code) breaks the pool, which the executor reports
(``BrokenProcessPool``); the chunks that had no result yet are then worked item
by item in a fresh one-worker pool, so the item that kills its worker again is
found, and gets ``died(item)`` in its place, while the others get their results.
A fresh pool then takes the rest.  Stopping early (an exception, Ctrl-C, the
caller closing the generator) terminates the workers: no process outlives the run.
"""

from __future__ import annotations

import collections
import multiprocessing
import os
import queue
import sys
import threading
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from multiprocessing.context import BaseContext
from typing import Any, NamedTuple, TypeVar

from newsparse._corpus.signals import check_stopped, held, in_worker, waking

__all__ = ["default_context", "ordered_map"]

I = TypeVar("I")  # noqa: E741 -- an item
R = TypeVar("R")

# Chunks double from 1 item to this many: the first results come at once, and a long run
# pays the pool's per-task cost (pickling, pipes, its threads: about 1 ms) once per 256
# files; sending 16-file chunks cost the main process 2.0 s of CPU over 20,000 files,
# 256-file ones 1.0 s.
_LARGEST_CHUNK = 256
# A chunk also ends once its files hold this many bytes: a worker keeps a chunk's results
# until it is done, so big files go in small chunks (a file over it, in one of its own).
_CHUNK_BYTES = 16 << 20
_GRACE = 5.0  # seconds a terminated worker has to end before it is killed


def default_context() -> BaseContext:
    """How worker processes start, chosen when a pool starts.

    On Linux, ``fork`` when this process runs one thread (as the kernel counts
    them, native threads included), which a fork copies safely; otherwise
    ``forkserver`` where the platform has it, else ``spawn``.  macOS never forks.
    Why not always the forkserver: docs/performance.md#kept-tricks.
    """
    if sys.platform == "linux" and _threads() == 1:
        return multiprocessing.get_context("fork")
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    return multiprocessing.get_context(method)


def _threads() -> int:
    """This process's threads as the kernel counts them, or 0 if it cannot be read."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return 0


class _Workers:
    """A pool of worker processes, started on first use with the stop signals held."""

    def __init__(self, jobs: int, context: BaseContext | None) -> None:
        self.jobs = jobs
        self.context = context
        self.executor: ProcessPoolExecutor | None = None

    def submit(self, work: Callable[[I], R], item: I) -> Future[R]:
        """Run ``work(item)`` in a worker; raises BrokenProcessPool if the pool broke."""
        # Held: a worker started here (they start on a submit) is born with SIGINT and SIGTERM
        # blocked, and lets them through once it ignores SIGINT (_signals.in_worker).
        with held():
            if self.executor is None:
                self.executor = ProcessPoolExecutor(
                    self.jobs,
                    mp_context=self.context or default_context(),
                    initializer=in_worker,
                    initargs=(os.getpid(),),
                )
            return self.executor.submit(work, item)

    def close(self) -> None:
        """Let the workers finish and end (every result has been taken)."""
        if self.executor is not None:
            self.executor.shutdown(wait=True)
            self.executor = None

    def stop(self) -> None:
        """Terminate the workers now, killing those that do not end within _GRACE seconds.

        Python 3.14's ``terminate_workers`` terminates them; before it, the
        executor's processes, its thread and its result pipe are reachable only
        through private attributes, which this reads where they exist.
        """
        executor, self.executor = self.executor, None
        if executor is None:
            return
        with held():  # a second Ctrl-C must not leave the workers half stopped
            processes = list((getattr(executor, "_processes", None) or {}).values())
            manager = getattr(executor, "_executor_manager_thread", None)
            results = getattr(executor, "_result_queue", None)
            executor.shutdown(wait=False, cancel_futures=True)
            for process in processes:
                if process.is_alive():
                    process.terminate()
            for process in processes:
                process.join(_GRACE)
                if process.is_alive():  # pragma: no cover -- a worker stuck in the kernel
                    process.kill()
                    process.join()
            # A worker terminated while it sent a result left half a message in the result
            # pipe, on which the executor's thread would wait forever, and Python at exit with
            # it: this process holds the pipe's last write end, and closing it gives that
            # thread an end of file instead, which it takes for a broken pool, and ends.
            writer = getattr(results, "_writer", None)
            if writer is not None:
                writer.close()
            if manager is not None:
                manager.join()


def _run_chunk(work: Callable[[I], R], chunk: list[I]) -> list[R]:
    return [work(item) for item in chunk]


def ordered_map(
    work: Callable[[I], R],
    items: Iterable[I],
    *,
    jobs: int,
    died: Callable[[I], R],
    weight: Callable[[I], int],
    mp_context: BaseContext | None = None,
) -> Generator[R, None, None]:
    """Yield ``work(item)`` for every item, in order, computed in *jobs* worker processes.

    *work* must pickle (a module-level function or a ``functools.partial`` of
    one); *items* is consumed lazily, a window of items ahead, and results
    come as soon as they are ready, even while *items* waits for more (paths
    read from a pipe).  An item whose worker dies twice, once among others and
    once alone, gives ``died(item)`` (computed here).  With *jobs* 1
    everything runs in this process.
    """
    if jobs <= 1:
        yield from map(work, items)
        return
    run = _Run(work, jobs, died, weight, mp_context)
    try:
        yield from run.results(iter(items))
    finally:
        run.stop()


_WAKE = object()  # a chunk's future is done
_END = object()  # no more items
# A chunk that is not full is sent once no item has come for this long: the listing waits
# (for paths from a pipe), and the files listed so far should not.
_STALL = 0.05


class _ListingFailed(NamedTuple):
    error: BaseException


class _Run:
    """One ordered_map: the workers, the chunks in flight, and the thread that lists items.

    The first item is listed and sent here, which starts the workers (so they
    fork from a process that runs one thread); the rest are listed, and
    weighed, by a thread of their own, at most a window of items ahead, into
    *events*, where every chunk's future also says when it is done: the main
    thread waits there only.  It gathers items into chunks of 1, 2, 4, ... up
    to _LARGEST_CHUNK items or _CHUNK_BYTES, so the first results come at
    once and a long run pays the pool's per-task cost once per 256 files.
    """

    def __init__(
        self,
        work: Callable[[I], R],
        jobs: int,
        died: Callable[[I], R],
        weight: Callable[[I], int],
        context: BaseContext | None,
    ) -> None:
        self.work = work
        self.run = partial(_run_chunk, work)
        self.died = died
        self.weight = weight
        self.context = context
        self.workers = _Workers(jobs, context)
        # Pool.imap would list every item and queue every result as fast as it can: a window
        # of items in flight keeps memory flat however many items and however slow the reader.
        self.room = threading.Semaphore((2 * jobs + 2) * _LARGEST_CHUNK)
        self.events: queue.SimpleQueue[object] = queue.SimpleQueue()
        self.pending: collections.deque[tuple[list[Any], Future[list[Any]] | None]] = (
            collections.deque()
        )
        self.stopping = False
        self.chunk: list[Any] = []
        self.chunk_bytes = 0
        self.chunk_size = 1

    def results(self, items: Iterator[Any]) -> Iterator[Any]:
        for first in items:  # noqa: B007 -- the first item, taken here: see the class
            break
        else:
            return
        self.room.acquire()
        self._add(first, self.weight(first))
        lister = threading.Thread(target=self._list, args=(items,), name="newsparse-list")
        lister.daemon = True  # it may wait on a pipe for paths that never come
        lister.start()
        with waking(self._wake_up):  # a stop signal whose exception was lost wakes the wait
            yield from self._loop()

    def _wake_up(self) -> None:
        self.events.put(_WAKE)

    def _loop(self) -> Iterator[Any]:
        listed = False
        while self.pending or self.chunk or not listed:
            check_stopped()
            while self.pending and _ready(self.pending[0][1]):
                yield from self._next_results()
            if listed:
                self._send()
                if not self.pending:
                    break
            try:
                event = self.events.get(timeout=_STALL if self.chunk else None)
            except queue.Empty:
                self._send()
                continue
            if event is _END:
                listed = True
            elif isinstance(event, _ListingFailed):
                raise event.error
            elif isinstance(event, tuple):
                self._add(*event)
        self.workers.close()

    def _list(self, items: Iterator[Any]) -> None:
        try:
            for item in items:
                weight = self.weight(item)
                self.room.acquire()
                if self.stopping:
                    return
                self.events.put((item, weight))
            self.events.put(_END)
        except BaseException as error:  # noqa: BLE001 -- handed to the main thread, raised there
            self.events.put(_ListingFailed(error))

    def _add(self, item: Any, weight: int) -> None:
        self.chunk.append(item)
        self.chunk_bytes += weight
        if len(self.chunk) >= self.chunk_size or self.chunk_bytes >= _CHUNK_BYTES:
            self._send()
            self.chunk_size = min(2 * self.chunk_size, _LARGEST_CHUNK)

    def _send(self) -> None:
        chunk, self.chunk, self.chunk_bytes = self.chunk, [], 0
        if not chunk:
            return
        try:
            future = self.workers.submit(self.run, chunk)
        except BrokenProcessPool:
            self.pending.append((chunk, None))  # worked alone, with the other chunks in flight
            return
        future.add_done_callback(self._wake)
        self.pending.append((chunk, future))

    def _wake(self, _future: Future[list[Any]]) -> None:
        self.events.put(_WAKE)

    def _next_results(self) -> Iterator[Any]:
        """The results of the first pending chunk; after a break, of every pending chunk."""
        chunk, future = self.pending[0]
        if future is not None:
            try:
                results = future.result()
            except BrokenProcessPool:
                pass
            else:
                self.pending.popleft()
                self._free(chunk)
                yield from results
                return
        broken = list(self.pending)
        self.pending.clear()
        self.workers.stop()  # the next chunk starts a fresh pool
        for chunk, sent in broken:
            self._free(chunk)
            settled = _settled(sent)
            if settled is None:
                yield from _alone(chunk, self.work, self.died, self.context)
            else:
                yield from settled

    def _free(self, chunk: list[Any]) -> None:
        for _ in chunk:
            self.room.release()

    def stop(self) -> None:
        self.stopping = True
        self.room.release()  # a listing thread waiting for room wakes, and ends
        self.workers.stop()


def _ready(future: Future[list[Any]] | None) -> bool:
    return future is None or future.done()


def _settled(future: Future[list[R]] | None) -> list[R] | None:
    """The results of a chunk sent to a pool that broke, or None when it has to be redone.

    A chunk that finished before the break keeps its results; one that did not
    (or never got to a pool) is redone; an error of *work* itself is raised.
    """
    if future is None or not future.done() or future.cancelled():
        return None
    problem = future.exception()
    if problem is None:
        return future.result()
    if isinstance(problem, BrokenProcessPool):
        return None
    raise problem


def _alone(
    chunk: list[I], work: Callable[[I], R], died: Callable[[I], R], context: BaseContext | None
) -> Iterator[R]:
    """Each item of *chunk* worked alone in a one-worker pool, which is renewed when it dies."""
    solo = _Workers(1, context)
    try:
        for item in chunk:
            try:
                result = solo.submit(work, item).result()
            except BrokenProcessPool:
                solo.stop()
                result = died(item)
            yield result
        solo.close()
    finally:
        solo.stop()
