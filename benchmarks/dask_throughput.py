"""Dask throughput: `cleaner batch --scheduler` with 1 and 2 worker processes against a local batch.

Usage: ``python -m benchmarks.dask_throughput DATA_DIR [--copies N] [--rounds R] [--dask-defaults]``
with DATA_DIR the aeb folder (``<id>.input.txt`` pages, ``index.jsonl`` URLs).

The pages are copied ``--copies`` times into a temporary folder (the file system the workers
share: this machine's). Two clusters are started with Dask's own CLI on 127.0.0.1, one with
``dask worker --nworkers 1`` and one with ``--nworkers 2`` (one thread each), and kept for the
whole run: a cluster is long-lived, so each gets one warm-up job first (workers import cleaner
on their first task). They run with the settings docs/dask.md advises for cleaning (Dask's
profiler off, the event-loop tick every second instead of 20 ms), or Dask's defaults with
``--dask-defaults``. Two plain process pools (1 and 2 processes, started and warmed up once)
give the machine's own ceiling: how much faster two processes run the same ``clean_file`` work
than one, with no CLI, no planning and no cluster around it.

In each of ``--rounds`` rounds every stage runs once: the two pools, and the real CLI cleaning
the pages four ways: ``batch -j1``, ``batch -j2``, ``batch --scheduler`` on each cluster
(process start-up, connecting and shipping the rules included). Each stage keeps its fastest
round: on a shared machine the slower runs measure the neighbours. CPU times, which the
neighbours inflate less, are given too: ``page CPU`` per page in the cleaning thread (from the
outcomes), and ``all CPU`` per page of every process of the run (the CLI and its pool, or the
CLI, the scheduler, the nannies and the workers), so the overhead is also measured as CPU spent.

Not a test: it prints figures and checks the issue's targets, asserting nothing.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from benchmarks.throughput import _pages, lay_out

BIN = Path(sys.executable).parent
# Worker and scheduler settings for cleaning (docs/dask.md): Dask's statistical profiler samples
# the cleaning thread's stack every 10 ms, and every Dask server (scheduler, nanny, worker) wakes
# its event loop every 20 ms to time it; idle, that tick alone costs each process ~1.5% of a core.
TUNED = {"DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED": "False", "DASK_DISTRIBUTED__ADMIN__TICK__INTERVAL": "1s"}


def _free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _cpu_of(pid: int) -> float:
    """CPU seconds of a live process and its reaped children, from /proc (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return sum(int(x) for x in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def _descendants(roots: list[int]) -> set[int]:
    """roots and every live process below them."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError):
                continue
    tree, frontier = set(roots), list(roots)
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent and pid not in tree]
        tree.update(children)
        frontier += children
    return tree


def _tree_cpu(roots: list[int]) -> float:
    """CPU seconds of the processes roots and all their live descendants."""
    return sum(_cpu_of(pid) for pid in _descendants(roots))


@contextmanager
def dask_cluster(workers: int, logs: Path, settings: dict[str, str]) -> Iterator[tuple[str, list[int]]]:
    """`dask scheduler` and `dask worker --nworkers N --nthreads 1` on 127.0.0.1; yields the address and pids."""
    env = {**os.environ, **settings}
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    dask = str(BIN / "dask")
    procs = []
    with open(logs / f"cluster-{workers}.log", "wb") as log:
        scheduler = subprocess.Popen(
            [dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"], stderr=log, env=env
        )
        procs.append(scheduler)
        worker = [dask, "worker", address, "--nworkers", str(workers), "--nthreads", "1", "--no-dashboard"]
        procs.append(subprocess.Popen([*worker, "--memory-limit", "0"], stderr=log, env=env))
        try:
            _wait_for_workers(address, workers)
            yield address, [proc.pid for proc in procs]
        finally:
            for proc in reversed(procs):
                proc.terminate()
            for proc in procs:
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    proc.kill()


def _wait_for_workers(address: str, workers: int) -> None:
    """Block until the scheduler at address has this many workers."""
    from distributed import Client

    with Client(address, timeout="60s") as client:
        client.wait_for_workers(workers, timeout=120)


# ---------------------------------------------------------------------------------------------
# The machine's ceiling: a plain process pool

_POOL: tuple[Any, Any] | None = None


def _pool_init(rules_dir: str) -> None:
    """Pool process start: load the rules as the CLI does."""
    global _POOL
    from cleaner import batch, load_rules

    _POOL = (load_rules([Path(rules_dir)]), batch.Options())


def _pool_warm(barrier: Any, tasks: list[Any]) -> int:
    """Clean a few pages (first-use caches), then wait until every process of the pool has; its pid."""
    _pool_clean(tasks)
    barrier.wait()
    return os.getpid()


def _pool_clean(tasks: list[Any]) -> list[tuple[str, float]]:
    """A chunk of pages through batch.clean_file in a pool process: (status, page CPU) each."""
    from cleaner import batch

    assert _POOL is not None
    rules, options = _POOL
    return [(o.status, o.cpu_seconds) for o in (batch.clean_file(t, rules, options) for t in tasks)]


@contextmanager
def plain_pool(processes: int, rules_dir: Path, warm: list[Any]) -> Iterator[tuple[ProcessPoolExecutor, list[int]]]:
    """A started, warmed-up pool of this many processes; yields it and its pids."""
    context = multiprocessing.get_context("spawn")
    barrier = context.Manager().Barrier(processes)
    with ProcessPoolExecutor(processes, context, initializer=_pool_init, initargs=(str(rules_dir),)) as pool:
        pids = [f.result() for f in [pool.submit(_pool_warm, barrier, warm) for _ in range(processes)]]
        yield pool, pids


def _tasks(src: Path, out: Path) -> list[Any]:
    """One batch task per page under src, its output under out."""
    from cleaner import batch

    tasks = []
    for path in sorted(src.rglob("*.txt")):
        rel = str(path.relative_to(src))
        tasks.append(batch.Task(str(path), str(out / rel), rel, rel))
    return tasks


def _pooled(pool: ProcessPoolExecutor, pids: list[int], src: Path, out: Path) -> dict[str, float]:
    """The pages cleaned by the pool in chunks as a cluster gets them: the batch stage's figures."""
    shutil.rmtree(out, ignore_errors=True)
    tasks = _tasks(src, out)
    for folder in {Path(t.dst).parent for t in tasks}:
        folder.mkdir(parents=True, exist_ok=True)
    size = max(1, min(64, len(tasks) // (len(pids) * 8)))
    before = _tree_cpu(pids)
    started = time.perf_counter()
    chunks = [tasks[i : i + size] for i in range(0, len(tasks), size)]
    results = [r for chunk in pool.map(_pool_clean, chunks) for r in chunk]
    seconds = time.perf_counter() - started
    cpu = _tree_cpu(pids) - before
    cleaned = [c for status, c in results if status == "ok"]
    if len(cleaned) != len(tasks):
        raise SystemExit(f"the pool failed on {len(tasks) - len(cleaned)} pages")
    return {"pages": len(cleaned), "seconds": seconds, "cpu": sum(cleaned), "all_cpu": cpu}


# ---------------------------------------------------------------------------------------------
# The CLI


def _batch(src: Path, out: Path, rules_dir: Path, args: list[str], cluster: list[int]) -> dict[str, float]:
    """The real CLI once on the pages: wall seconds, cleaned pages, page CPU and all processes' CPU seconds."""
    shutil.rmtree(out, ignore_errors=True)
    report = out.with_suffix(".json")
    cmd = [str(BIN / "cleaner"), "batch", str(src), str(out), "--rules", str(rules_dir), "--report", str(report)]
    cluster_before = _tree_cpu(cluster)
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen([*cmd, *args], stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)  # the CLI's CPU with its pool's (reaped children)
        seconds = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) != 0:
            err.seek(0)
            raise SystemExit(f"batch failed: {[*cmd, *args]}\n{err.read().decode()}")
    total_cpu = usage.ru_utime + usage.ru_stime + _tree_cpu(cluster) - cluster_before
    summary = json.loads(report.read_text(encoding="utf-8"))["summary"]
    return {"pages": summary["cleaned"], "seconds": seconds, "cpu": summary["cpu_seconds"], "all_cpu": total_cpu}


POOL1, POOL2 = "plain pool, 1 process", "plain pool, 2 processes"
LOCAL1, LOCAL2 = "batch -j1 (local)", "batch -j2 (local)"
DASK1, DASK2 = "batch --scheduler, 1 worker", "batch --scheduler, 2 workers"


def main() -> None:
    """Start the pools and clusters, run the stages in rounds, print the table and the targets."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--copies", type=int, default=40, help="copies of the pages (default 40)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds over all stages; the fastest counts")
    parser.add_argument(
        "--dask-defaults", action="store_true", help="Dask's default settings on the clusters (profiler on, 20 ms tick)"
    )
    parser.add_argument("--workdir", type=Path, help="where the copies go (default: the system temp folder)")
    args = parser.parse_args()
    settings = {} if args.dask_defaults else TUNED
    pages = _pages(args.data_dir)
    print(f"{len(pages)} aeb pages x {args.copies} copies from {args.data_dir}; {os.cpu_count()} cores")
    shown = " ".join(f"{k}={v}" for k, v in settings.items()) or "Dask's defaults"
    print(f"cluster settings: {shown}")
    print(f"load average before the run: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        root = Path(tmp)
        rules_dir, src = lay_out(root, pages, args.copies)
        warm = root / "warm"
        (warm / "in").mkdir(parents=True)
        for pid, _, text in pages:
            (warm / "in" / f"{pid}.txt").write_text(text, encoding="utf-8")
        warm_tasks = _tasks(warm / "in", warm / "pool")[:20]
        (warm / "pool").mkdir()
        with (
            plain_pool(1, rules_dir, warm_tasks) as (pool1, pool1_pids),
            plain_pool(2, rules_dir, warm_tasks) as (pool2, pool2_pids),
            dask_cluster(1, root, settings) as (one, one_pids),
            dask_cluster(2, root, settings) as (two, two_pids),
        ):
            for address in (one, two):
                _batch(warm / "in", warm / "out", rules_dir, ["--scheduler", address], [])
            stages = {
                POOL1: lambda: _pooled(pool1, pool1_pids, src, root / "out"),
                POOL2: lambda: _pooled(pool2, pool2_pids, src, root / "out"),
                LOCAL1: lambda: _batch(src, root / "out", rules_dir, ["--jobs", "1"], []),
                LOCAL2: lambda: _batch(src, root / "out", rules_dir, ["--jobs", "2"], []),
                DASK1: lambda: _batch(src, root / "out", rules_dir, ["--scheduler", one], one_pids),
                DASK2: lambda: _batch(src, root / "out", rules_dir, ["--scheduler", two], two_pids),
            }
            best: dict[str, dict[str, float]] = {}
            for n in range(args.rounds):
                for name, stage in stages.items():
                    result = stage()
                    if name not in best or result["seconds"] < best[name]["seconds"]:
                        best[name] = result
                print(f"round {n + 1}: load average {os.getloadavg()[0]:.2f}", flush=True)
    _report(best)


def _report(best: dict[str, dict[str, float]]) -> None:
    """The table, the machine's ceiling, and the issue's targets against it."""
    print(f"{'stage':30s} {'pages':>7s} {'seconds':>8s} {'pages/s':>9s} {'page CPU':>9s} {'all CPU':>8s} (ms/page)")
    pps, cpu = {}, {}
    for name, r in best.items():
        pps[name] = r["pages"] / r["seconds"]
        cpu[name] = r["all_cpu"] / r["pages"] * 1000
        page = r["cpu"] / r["pages"] * 1000
        print(f"{name:30s} {r['pages']:7.0f} {r['seconds']:8.2f} {pps[name]:9.1f} {page:9.2f} {cpu[name]:8.2f}")
    print(f"load average after the run: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print()
    ceiling, local, dask = pps[POOL2] / pps[POOL1], pps[LOCAL2] / pps[LOCAL1], pps[DASK2] / pps[DASK1]
    print(f"the machine's ceiling, plain pool 2 / 1 processes: {ceiling:.2f}x")
    print(f"local batch -j2 / -j1: {local:.2f}x ({local / ceiling:.0%} of the ceiling)")
    print(f"dask 2 workers / 1 worker: {dask:.2f}x ({dask / ceiling:.0%} of the ceiling)")
    over1, over2 = pps[LOCAL1] / pps[DASK1] - 1, pps[LOCAL2] / pps[DASK2] - 1
    why = "" if ceiling >= 1.8 else f" (this machine gave two processes only {ceiling:.2f}x in this run)"
    checks = [
        (f"dask 2 workers / 1 worker >= 1.8: {dask:.2f}x{why}", dask >= 1.8),
        (f"overhead, 1 worker against batch -j1 <= 15%: {over1:+.1%}", over1 <= 0.15),
        (f"overhead, 2 workers against batch -j2 <= 15%: {over2:+.1%}", over2 <= 0.15),
    ]
    for text, ok in checks:
        print(f"{'MET ' if ok else 'MISS'} {text}")
    for n, local_name, dask_name in ((1, LOCAL1, DASK1), (2, LOCAL2, DASK2)):
        extra = cpu[dask_name] / cpu[local_name] - 1
        print(f"CPU overhead, all processes, {n} worker(s) against {local_name}: {extra:+.1%}")


if __name__ == "__main__":
    main()
