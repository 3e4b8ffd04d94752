"""Where the work runs: in this process, in a pool of local worker processes,
or on a Dask distributed cluster. Every engine maps a function over a stream
of work items and yields the results in input order, with a bounded number of
items in flight, so a run over millions of records never holds more than a
few batches in memory, whatever the engine.

Workers live for the whole run (a local pool is started once; a Dask
cluster's workers are long-lived), so models and lexicons load once per
worker process and stay loaded for every item it is given.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

def default_jobs() -> int:
    """Worker processes to use by default: the cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # macOS, Windows
        return max(1, os.cpu_count() or 1)


class Engine(Protocol):
    workers: int

    def map(self, function: Callable[[Any, Any], Any], shared: Any, items: Iterable[Any]) -> Iterator[Any]: ...

    def start(self) -> None: ...

    def close(self) -> None: ...


class InlineEngine:
    """No workers: each item runs in this process, as it is read."""

    workers = 1

    def map(self, function: Callable[[Any, Any], Any], shared: Any, items: Iterable[Any]) -> Iterator[Any]:
        for item in items:
            yield function(item, shared)

    def start(self) -> None:
        pass

    def close(self) -> None:
        pass


def _call(function: Callable[[Any, Any], Any], shared: Any, item: Any) -> Any:
    return function(item, shared)


class LocalEngine:
    """A pool of ``jobs`` worker processes on this machine, started on first
    use and kept for the whole run: a folder of a thousand shards starts its
    workers (and loads their models) once, not once per shard. The shared
    argument travels with each work item; it is a configuration of a few
    kilobytes next to a batch of records."""

    def __init__(self, jobs: int) -> None:
        self.workers = jobs
        self._pool: ProcessPoolExecutor | None = None

    def _started(self) -> ProcessPoolExecutor:
        if self._pool is None:
            from concurrent.futures import ProcessPoolExecutor  # not at import: one-file runs never need it

            self._pool = ProcessPoolExecutor(max_workers=self.workers)
        return self._pool

    def start(self) -> None:
        """Start the workers now, before the caller opens an output file. A
        worker forked later inherits every file the parent has open: a record
        output's partial file, removed after a full disk stopped it, kept its
        space in the workers until the run ended, and the inputs after it
        found the disk still full. (Forking starts every worker at the first
        task; other start methods do not pass open files on.)"""
        self._started().submit(int).result()

    def map(self, function: Callable[[Any, Any], Any], shared: Any, items: Iterable[Any]) -> Iterator[Any]:
        pool = self._started()

        def submit(item: Any) -> Future:
            return pool.submit(_call, function, shared, item)

        return _ordered(submit, items, window=self.workers * 3)

    def close(self) -> None:
        if self._pool is not None:
            # cancel_futures: a Ctrl-C or a failed write must not wait for the
            # queued batches of a million-record run
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


class DaskEngine:
    """Tasks on an existing Dask distributed cluster (``--scheduler ADDRESS``),
    or on a client the caller already holds."""

    def __init__(self, scheduler: str | None = None, client: Any = None) -> None:
        try:
            from distributed import Client
        except ImportError:  # pragma: no cover - depends on the install
            raise RuntimeError("--engine dask needs the distributed package: pip install 'cleanse[dask]'") from None
        self._owns_client = client is None
        try:
            # the connect timeout is Dask's own setting (distributed.comm.timeouts.connect,
            # 30 s unless DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT says otherwise)
            self.client = client if client is not None else Client(scheduler)
        except OSError as err:
            raise RuntimeError(f"cannot reach the Dask scheduler at {scheduler}: {err}") from None
        self.workers = max(1, sum(self.client.nthreads().values()))
        self._scattered: list[Any] = []

    def map(self, function: Callable[[Any, Any], Any], shared: Any, items: Iterable[Any]) -> Iterator[Any]:
        # hash=False: a fresh key per run. With the default content hash, a
        # second map over the same configuration (text files after a record
        # file) reuses the key the first map's future is releasing, and its
        # tasks are cancelled for "lost dependencies".
        shared_future = self.client.scatter(shared, broadcast=True, hash=False)
        self._scattered.append(shared_future)  # held until close(): tasks may still need it

        def submit(item: Any) -> Future:
            return self.client.submit(function, item, shared_future, pure=False)

        return _ordered(submit, items, window=self.workers * 3)

    def start(self) -> None:
        pass  # the cluster's workers are other processes already

    def close(self) -> None:
        self._scattered.clear()
        if self._owns_client:
            self.client.close()


def _ordered(submit: Callable[[Any], Any], items: Iterable[Any], window: int) -> Iterator[Any]:
    """Results of ``items`` in order, with at most ``window`` submitted and not yet yielded."""
    pending: deque[Any] = deque()
    iterator = iter(items)
    try:
        while True:
            try:
                item = next(iterator)
            except StopIteration:
                break
            except Exception:
                # The input failed part-way (a .jsonl.gz cut short: "Compressed
                # file ended before the end-of-stream marker was reached"). The
                # batches read before it are in flight; they are still cleaned
                # and handed back, then the error, as one process would.
                while pending:
                    yield _result(pending.popleft())
                raise
            pending.append(submit(item))
            if len(pending) >= window:
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())
    finally:
        for future in pending:
            future.cancel()


class EngineError(Exception):
    """A worker died or a task could not run (not a bad input: those are outcomes)."""


def _result(future: Any) -> Any:
    try:
        return future.result()
    except (KeyboardInterrupt, MemoryError):
        raise
    except Exception as err:  # BrokenProcessPool (a worker killed, e.g. out of memory), a lost Dask worker
        raise EngineError(f"a worker failed ({type(err).__name__}: {err})") from err


def make_engine(name: str = "local", jobs: int | None = None, scheduler: str | None = None) -> Engine:
    """The engine for ``--engine``/``--jobs``/``--scheduler``."""
    if name == "dask":
        return DaskEngine(scheduler)
    jobs = default_jobs() if jobs is None else jobs
    return InlineEngine() if jobs <= 1 else LocalEngine(jobs)
