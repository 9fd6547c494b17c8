"""The map-reduce engine: one function mapped over many items (documents), the results in order.

The corpus path (:mod:`unzh.textstat.streaming`) maps "read, clean, structure, segment, count"
over the documents of a corpus with :func:`map_ordered` and reduces the counts; nothing
corpus-sized comes back.  Where the tasks run is the *scheduler*:

* ``"processes"`` — this process and a process pool of ``workers - 1`` on this machine
  (``concurrent.futures``, workers started by the fork server on Linux, as in
  :mod:`unzh.segment.parallel`); the default, since it starts faster than a Dask cluster on one
  machine (see ``bench/``);
* ``"dask"`` (or ``"local"``) — ``dask.distributed`` on a ``LocalCluster`` over this machine's
  cores;
* ``"tcp://HOST:PORT"`` (any address ``distributed.Client`` takes) — a running Dask cluster
  (``dask-scheduler`` and ``dask-worker``\\ s): every worker must have unzh installed and read the
  documents at the same paths (a shared file system);
* ``"sync"`` — in this process, one item after the other (what a small corpus or one worker gets).

``--scheduler`` on the command line, else the environment variable :data:`SCHEDULER_ENV`
(``UNZH_SCHEDULER``), which the notebooks read too (:func:`client_from_env`).  Every scheduler
gives the same results: each item's result depends on the item only, and results are returned
in the items' order, whatever order they finished in.

May import: the standard library, dask/distributed (lazily), unzh.errors.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import sys
from collections.abc import Callable, Iterator, Sequence

from unzh.errors import InputError

#: The environment variable that names the scheduler (an address, or one of :data:`LOCAL_SCHEDULERS`).
SCHEDULER_ENV = "UNZH_SCHEDULER"
#: The schedulers on this machine; anything else must be a Dask scheduler's address.
LOCAL_SCHEDULERS = ("processes", "dask", "local", "sync")
#: Seconds to wait for a Dask scheduler given by address before giving up (one-line error).
CONNECT_TIMEOUT = 20


def scheduler_from_env(scheduler: str | None = None) -> str:
    """The scheduler to use: ``scheduler`` if given, else ``$UNZH_SCHEDULER``, else ``"processes"``.

    Raises :class:`InputError` for a value that is neither a local scheduler nor an address
    (``scheme://host:port``).
    """
    value = scheduler if scheduler else os.environ.get(SCHEDULER_ENV, "").strip()
    value = value or "processes"
    if value not in LOCAL_SCHEDULERS and "://" not in value:
        source = "--scheduler" if scheduler else SCHEDULER_ENV
        raise InputError(source, f"{value!r} is neither one of {', '.join(LOCAL_SCHEDULERS)} "
                                 "nor a Dask scheduler address such as tcp://HOST:PORT")
    return value


def is_address(scheduler: str) -> bool:
    return "://" in scheduler


def default_workers() -> int:
    """The machine's cores available to this process."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def client_from_env(scheduler: str | None = None, workers: int | None = None):
    """A ``distributed.Client``: to the cluster at ``scheduler`` (or ``$UNZH_SCHEDULER``) if that is
    an address, else on a new ``LocalCluster`` of ``workers`` single-threaded processes (default: the
    cores).  Close it when done (``with client_from_env() as client: ...``); a client that made its
    own cluster shuts that cluster down on close.  For notebooks and scripts; :func:`map_ordered`
    calls it for the ``"dask"`` and address schedulers.
    """
    import logging

    from distributed import Client
    value = scheduler_from_env(scheduler)
    if is_address(value):
        try:
            return Client(value, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as exc:
            raise InputError(value, f"no Dask scheduler answered ({exc})") from None
    n = workers or default_workers()
    return Client(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
                  silence_logs=logging.ERROR)


def _init_process() -> None:
    """A pool worker: BLAS on one thread (the processes are the parallelism); Ctrl-C is for the main
    process, which stops the workers (no traceback from each of them)."""
    import signal

    from threadpoolctl import threadpool_limits
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threadpool_limits(1, user_api="blas")


def _context():
    return mp.get_context("forkserver" if sys.platform.startswith("linux") else None)


class _Failed:
    """An item's exception, kept until the item's turn comes (then raised)."""

    def __init__(self, exc: BaseException):
        self.exc = exc


def _map_here_and_pool(fn: Callable, items: list, order: list[int], n: int) -> Iterator:
    """``fn`` over ``items`` with ``n`` processes: this one and a pool of ``n - 1`` (started by the
    fork server); results yielded in the items' order.

    The pool takes items in ``order`` (the largest first), a few at a time, so that its workers
    never wait; this process takes them from the other end (the smallest) whenever the result it
    must yield next is not ready, instead of waiting for it: it works while the workers start
    (about 1 s each: imports, tokenizer) and after they run out of work.
    """
    from collections import deque
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    pool = ProcessPoolExecutor(max_workers=n - 1, mp_context=_context(), initializer=_init_process)
    queue, futures, results = deque(order), {}, {}
    finished = False

    def top_up() -> None:
        while queue and len(futures) < 2 * (n - 1):
            i = queue.popleft()
            futures[pool.submit(fn, items[i])] = i

    def collect(done) -> None:
        for f in done:
            i = futures.pop(f)
            exc = f.exception()
            results[i] = _Failed(exc) if exc is not None else f.result()

    try:
        top_up()
        for i in range(len(items)):
            while i not in results:
                collect([f for f in futures if f.done()])
                top_up()
                if i in results:
                    break
                if queue:  # work here rather than wait
                    j = queue.pop()
                    try:
                        results[j] = fn(items[j])
                    except Exception as exc:  # raised when item j's turn comes
                        results[j] = _Failed(exc)
                elif futures:
                    collect(wait(list(futures), return_when=FIRST_COMPLETED).done)
            result = results.pop(i)
            if isinstance(result, _Failed):
                raise result.exc
            yield result
        finished = True
    finally:
        running = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=finished, cancel_futures=True)
        if not finished:  # an error, Ctrl-C or an abandoned generator: stop the running tasks too
            for proc in running:
                proc.terminate()


def map_ordered(fn: Callable, items: Sequence, *, scheduler: str = "processes", workers: int | None = None,
                sizes: Sequence[int] | None = None) -> Iterator:
    """``fn(item)`` for every item, yielded in the items' order, run by ``scheduler`` (see the module).

    ``fn`` must be a module-level function (it is pickled to the workers), its items and results
    picklable.  ``workers``: processes on this machine, this one included for ``"processes"``
    (default: the cores; ignored for a cluster).
    ``sizes``: each item's expected cost; the largest are started first, so a big document does
    not finish last.  An exception raised by ``fn`` is raised here when its item's turn comes
    (the other tasks are cancelled).
    """
    items = list(items)
    order = list(range(len(items)))
    if sizes is not None:
        order.sort(key=lambda i: -sizes[i])
    n = max(1, min(workers or default_workers(), len(items)))
    if scheduler == "sync" or (n == 1 and not is_address(scheduler)):
        for item in items:
            yield fn(item)
        return
    if scheduler == "processes":
        yield from _map_here_and_pool(fn, items, order, n)
        return
    with client_from_env(scheduler, n) as client:
        futures = [None] * len(items)
        for rank, i in enumerate(order):
            futures[i] = client.submit(fn, items[i], pure=False, priority=len(items) - rank)
        try:
            for f in futures:
                result = f.result()
                f.release()
                yield result
        finally:
            client.cancel([f for f in futures if f is not None and not f.done()])
