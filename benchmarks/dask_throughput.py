"""Dask throughput: `cleaner batch --scheduler` with 1 and 2 worker processes against a local batch.

Usage: ``python -m benchmarks.dask_throughput DATA_DIR [--copies N] [--rounds R]`` with DATA_DIR
the aeb folder (``<id>.input.txt`` pages, ``index.jsonl`` URLs).

The pages are copied ``--copies`` times into a temporary folder (the file system the workers
share: this machine's). Two clusters are started with Dask's own CLI on 127.0.0.1, one with
``dask worker --nworkers 1`` and one with ``--nworkers 2`` (one thread each), and kept for the
whole run: a cluster is long-lived, so each gets one warm-up job first (workers import cleaner
on their first task). Then, in each of ``--rounds`` rounds, the real CLI cleans the pages four
ways: ``batch -j1``, ``batch -j2``, ``batch --scheduler`` on each cluster (process start-up,
connecting and shipping the rules included). Each keeps its fastest round: on a shared machine
the slower runs measure the neighbours. CPU times, which the neighbours do not inflate, are
given too: ``page CPU`` per page in the workers (from the report), and ``all CPU`` per page of
every process of the run (the CLI and its pool, or the CLI, the scheduler and the workers), so
the overhead is also measured as CPU spent, apart from the machine's load.

Not a test: it prints figures and checks the issue's targets, asserting nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks.throughput import _pages, lay_out

BIN = Path(sys.executable).parent


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


def _tree_cpu(roots: list[int]) -> float:
    """CPU seconds of the processes roots and all their live descendants."""
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
    return sum(_cpu_of(pid) for pid in tree)


@contextmanager
def dask_cluster(workers: int, logs: Path, profile: bool) -> Iterator[tuple[str, list[int]]]:
    """`dask scheduler` and `dask worker --nworkers N --nthreads 1` on 127.0.0.1; yields the address and pids.

    Dask's statistical profiler (a stack sample every 10 ms) costs cleaning ~10% of its CPU, so
    it is off unless ``profile``, as docs/dask.md advises.
    """
    env = {**os.environ, "DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED": str(profile)}
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


def main() -> None:
    """Start the clusters, run the stages in rounds, print the table and the targets."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--copies", type=int, default=40, help="copies of the pages (default 40)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds over all stages; the fastest counts")
    parser.add_argument("--profile", action="store_true", help="keep Dask's statistical profiler on in the workers")
    parser.add_argument("--workdir", type=Path, help="where the copies go (default: the system temp folder)")
    args = parser.parse_args()
    pages = _pages(args.data_dir)
    print(f"{len(pages)} aeb pages x {args.copies} copies from {args.data_dir}; {os.cpu_count()} cores")
    print(f"Dask's profiler in the workers: {'on' if args.profile else 'off'}")
    print(f"load average before the run: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        root = Path(tmp)
        rules_dir, src = lay_out(root, pages, args.copies)
        with (
            dask_cluster(1, root, args.profile) as (one, one_pids),
            dask_cluster(2, root, args.profile) as (two, two_pids),
        ):
            stages = {
                "batch -j1 (local)": (["--jobs", "1"], []),
                "batch -j2 (local)": (["--jobs", "2"], []),
                "batch --scheduler, 1 worker": (["--scheduler", one], one_pids),
                "batch --scheduler, 2 workers": (["--scheduler", two], two_pids),
            }
            warm = root / "warm"
            (warm / "in").mkdir(parents=True)
            for pid, _, text in pages:
                (warm / "in" / f"{pid}.txt").write_text(text, encoding="utf-8")
            for address in (one, two):
                _batch(warm / "in", warm / "out", rules_dir, ["--scheduler", address], [])
            best: dict[str, dict[str, float]] = {}
            for n in range(args.rounds):
                for name, (extra, pids) in stages.items():
                    result = _batch(src, root / "out", rules_dir, extra, pids)
                    if name not in best or result["seconds"] < best[name]["seconds"]:
                        best[name] = result
                print(f"round {n + 1}: load average {os.getloadavg()[0]:.2f}", flush=True)
    print(f"{'stage':30s} {'pages':>7s} {'seconds':>8s} {'pages/s':>9s} {'page CPU':>9s} {'all CPU':>8s} (ms/page)")
    pps, cpu = {}, {}
    for name, r in best.items():
        pps[name] = r["pages"] / r["seconds"]
        cpu[name] = r["all_cpu"] / r["pages"] * 1000
        page = r["cpu"] / r["pages"] * 1000
        print(f"{name:30s} {r['pages']:7.0f} {r['seconds']:8.2f} {pps[name]:9.1f} {page:9.2f} {cpu[name]:8.2f}")
    print(f"load average after the run: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print()
    local1, local2 = pps["batch -j1 (local)"], pps["batch -j2 (local)"]
    dask1, dask2 = pps["batch --scheduler, 1 worker"], pps["batch --scheduler, 2 workers"]
    checks = [
        ("dask 2 workers / 1 worker >= 1.8", dask2 / dask1, dask2 / dask1 >= 1.8),
        ("overhead, 1 worker against batch -j1 <= 15%", local1 / dask1 - 1, local1 / dask1 - 1 <= 0.15),
        ("overhead, 2 workers against batch -j2 <= 15%", local2 / dask2 - 1, local2 / dask2 - 1 <= 0.15),
    ]
    print(f"local batch -j2 / -j1: {local2 / local1:.2f}")
    for name, value, ok in checks:
        shown = f"{value * 100:+.1f}%" if "overhead" in name else f"{value:.2f}"
        print(f"{'MET ' if ok else 'MISS'} {name}: {shown}")
    for n, local in ((1, "batch -j1 (local)"), (2, "batch -j2 (local)")):
        remote = f"batch --scheduler, {n} worker" + ("s" if n > 1 else "")
        print(f"CPU overhead, all processes, {n} worker(s) against {local}: {cpu[remote] / cpu[local] - 1:+.1%}")


if __name__ == "__main__":
    main()
