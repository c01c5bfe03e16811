"""Running many pages: :func:`run` maps :func:`cleaner.batch.clean_file` over tasks in a process pool.

Outcomes come back in task order whatever the number of jobs; one job cleans in this process.
The pool's workers tune their garbage collector, ignore Ctrl-C (the parent stops the run) and
exit when orphaned; a pool that breaks is restarted and its chunk resubmitted. Library code: no
printing, no exits.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import suppress

from .batch import FAILED, FileOutcome, Options, Task, clean_file
from .rules import RuleSet

_WORKER: tuple[RuleSet, Options] | None = None
# Cleaning a page allocates thousands of short-lived containers (generic detection's tokens),
# so at the default threshold (700) the young generation is collected ~10 times a page, each
# time scanning what the page still holds: 0.15 ms/page on aeb. While pages are cleaned the
# young generation waits for this many net allocations, and the long-lived objects (rules,
# modules) are frozen out of full collections.
GC_YOUNG_THRESHOLD = 10_000


def _tune_gc() -> tuple[int, ...]:
    """Freeze what exists now and raise the young generation's threshold; return the old thresholds."""
    old = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(old[0], GC_YOUNG_THRESHOLD), *old[1:])
    return old


def _clean_here(tasks: Sequence[Task], rules: RuleSet, options: Options) -> Iterator[FileOutcome]:
    """Clean the tasks in this process with the GC tuned as in a worker, restoring it afterwards."""
    frozen_before = gc.get_freeze_count()
    old = _tune_gc()
    try:
        for task in tasks:
            yield clean_file(task, rules, options)
    finally:
        gc.set_threshold(*old)
        if not frozen_before:  # the caller froze nothing, so everything frozen is ours to release
            gc.unfreeze()


def _init_worker(rules: RuleSet, options: Options) -> None:
    """Worker start: keep the rules, tune the GC, ignore Ctrl-C (the parent stops the run), die with the parent."""
    global _WORKER
    _WORKER = (rules, options)
    _tune_gc()
    # Ctrl-C reaches the whole process group; the parent decides. The worker was started with
    # SIGINT blocked (see _pool), so no signal slipped in before this line.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    parent = os.getppid()

    def watch() -> None:
        # A parent killed with SIGKILL cannot stop its workers; they notice being orphaned.
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _clean_chunk(tasks: Sequence[Task]) -> list[FileOutcome]:
    """Clean a few tasks in a worker (chunks amortise the inter-process round trip)."""
    assert _WORKER is not None
    rules, options = _WORKER
    return [clean_file(task, rules, options) for task in tasks]


# How long stopping an interrupted run waits for terminated workers before killing them.
STOP_GRACE_SECONDS = 2.0


class Run:
    """The outcomes of a batch run, in task order; ``close()`` stops it at once (after Ctrl-C).

    While a pooled run goes on, the first SIGINT raises KeyboardInterrupt in the caller and
    later ones are ignored until :meth:`close` has stopped the workers: two Ctrl-C in quick
    succession used to interrupt the pool's own shutdown and hang the exit in multiprocessing.
    """

    def __init__(self, tasks: Sequence[Task], rules: RuleSet, options: Options, jobs: int) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._closed = False
        self._interrupted = False
        self._old_handler: object = None
        self._outcomes: Iterator[FileOutcome] = iter(())
        if jobs <= 1 or len(tasks) <= 1:
            self._outcomes = _clean_here(tasks, rules, options)
            return
        if threading.current_thread() is threading.main_thread():
            self._old_handler = signal.signal(signal.SIGINT, self._on_sigint)
        try:
            self._pool = _pool(jobs, rules, options)
        except BaseException:
            self.close()
            raise
        self._outcomes = self._run_pool(tasks, rules, options, jobs)

    def _on_sigint(self, signum: int, frame: object) -> None:
        """First Ctrl-C: KeyboardInterrupt for the caller; the next ones while stopping: ignored."""
        if self._interrupted:
            return
        self._interrupted = True
        raise KeyboardInterrupt

    def __iter__(self) -> Run:
        return self

    def __next__(self) -> FileOutcome:
        return next(self._outcomes)

    def close(self) -> None:
        """Stop the run: cancel what waits, terminate the workers, join them for a bounded time."""
        if self._closed:
            return
        self._closed = True
        self._interrupted = True  # from here on a Ctrl-C changes nothing
        pool, self._pool = self._pool, None
        if pool is not None:
            _terminate(pool)
        close_outcomes = getattr(self._outcomes, "close", None)  # a generator: runs its finally
        if close_outcomes is not None:
            close_outcomes()
        self._restore_handler()

    def _restore_handler(self) -> None:
        """Put back the SIGINT handler the run replaced, unless the caller has set another since."""
        if self._old_handler is not None:
            if signal.getsignal(signal.SIGINT) == self._on_sigint:
                signal.signal(signal.SIGINT, self._old_handler)  # type: ignore[arg-type]
            self._old_handler = None

    def _restart(self, pool: ProcessPoolExecutor, jobs: int, rules: RuleSet, options: Options) -> None:
        """Replace a pool that a dead worker broke; what it held is retried by the caller."""
        self._pool = None
        _terminate(pool)
        self._pool = _pool(jobs, rules, options)

    def _run_pool(self, tasks: Sequence[Task], rules: RuleSet, options: Options, jobs: int) -> Iterator[FileOutcome]:
        """The parallel part: chunks in flight, results in order, restarts after a dead worker."""
        chunk = max(1, min(32, len(tasks) // (jobs * 8)))
        pending: deque[tuple[list[Task], bool]] = deque(
            (list(tasks[i : i + chunk]), False) for i in range(0, len(tasks), chunk)
        )
        ahead = jobs * 4
        inflight: deque[tuple[list[Task], bool, Future[list[FileOutcome]]]] = deque()
        while pending or inflight:
            pool = self._pool
            assert pool is not None
            while pending and len(inflight) < ahead:
                part, single = pending.popleft()
                try:
                    future = pool.submit(_clean_chunk, part)
                except BrokenProcessPool:  # a worker died since the last result: submit again after the restart
                    pending.appendleft((part, single))
                    break
                inflight.append((part, single, future))
            if not inflight:  # the pool broke before anything of this round was submitted
                self._restart(pool, jobs, rules, options)
                continue
            part, single, future = inflight.popleft()
            try:
                outcomes = future.result()
            except BrokenProcessPool:
                self._restart(pool, jobs, rules, options)
                retry = [(other, was_single) for other, was_single, _ in inflight]
                inflight.clear()
                if single:
                    yield FileOutcome(part[0].rel, part[0].out_rel, FAILED, "the worker process died on this page")
                else:
                    retry[:0] = [([task], True) for task in part]
                pending.extendleft(reversed(retry))
                continue
            yield from outcomes
        # The normal end: the workers are idle, so a waiting shutdown is quick.
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True)
        self._closed = True
        self._restore_handler()


def run(tasks: Sequence[Task], rules: RuleSet, options: Options, jobs: int = 1) -> Run:
    """Clean the tasks with ``jobs`` processes, yielding outcomes in task order.

    jobs=1 runs in this process. Otherwise the worker processes are started now, before the
    caller iterates (and, say, starts a progress-bar thread): see :func:`_pool`. A worker that
    dies (killed, out of memory) costs only its pages: the pool is restarted, the pages of the
    broken chunk are retried one by one, and a page that kills a worker on its own is reported
    as failed. Call ``close()`` on the result when stopping early (Ctrl-C).
    """
    return Run(tasks, rules, options, jobs)


def _terminate(pool: ProcessPoolExecutor) -> None:
    """Stop a pool now: cancel waiting work, SIGTERM the workers, bounded joins, SIGKILL stragglers."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with suppress(Exception):
            process.terminate()
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    for process in processes:
        with suppress(Exception):
            process.join(max(0.0, deadline - time.monotonic()))
    for process in processes:
        with suppress(Exception):
            if process.is_alive():
                process.kill()
                process.join(STOP_GRACE_SECONDS)
    manager = getattr(pool, "_executor_manager_thread", None)
    if manager is not None:
        manager.join(STOP_GRACE_SECONDS)


def _noop() -> None:
    """A task that only makes the pool start its workers."""


def _pool(jobs: int, rules: RuleSet, options: Options) -> ProcessPoolExecutor:
    """A process pool with its workers already started.

    fork when this process has no other thread: a worker is then a copy of this process, with
    the rules loaded and the modules imported, started in milliseconds (forkserver costs about
    0.4 s per run, a tenth of a 4,000-page batch). Forking while another thread may hold a lock
    (a progress bar's, say) can deadlock the child, so otherwise, as when the pool is restarted
    mid-run, forkserver. SIGINT is blocked while the workers start, so that each one begins
    with it blocked and ignores it before unblocking (a Ctrl-C waits here until then).
    """
    method = "fork" if sys.platform.startswith("linux") and threading.active_count() == 1 else "forkserver"
    pool = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context(method),
        initializer=_init_worker,
        initargs=(rules, options),
    )
    old_mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        for future in [pool.submit(_noop) for _ in range(jobs)]:
            future.result()
    except BaseException:
        _terminate(pool)
        raise
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old_mask)
    return pool
