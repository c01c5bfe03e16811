"""JSON-lines throughput: MB/s, CPU and peak RSS of `cleaner clean --jsonl` on one and two cores.

Usage: ``python -m benchmarks.jsonl_throughput DATA_DIR [--megabytes 200] [--rounds 2] [--workdir DIR]``
with DATA_DIR the aeb folder (``<id>.input.txt`` pages, ``index.jsonl`` URLs).

A JSON-lines file of about ``--megabytes`` MB (records ``{"id", "url", "text"}``, the pages
repeated in order) is written into a temporary folder, then the real CLI cleans it into a file
there (``clean --jsonl FILE -o OUT``): in one process, and through ``--scheduler`` on local Dask
clusters of one and of two worker processes (``clean --jsonl`` has no ``--jobs``; a cluster is
how it uses more cores). Each stage keeps its fastest round. MB/s counts input bytes over wall
time (process start-up included); ``CPU ms/rec`` is every process's CPU (the CLI, and for the
clusters the scheduler and workers); peak RSS is the CLI's, and the largest worker's.

Not a test: it prints figures and checks the issue's target (20 MB/s on 2 cores), asserting nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

from benchmarks.dask_throughput import TUNED, _descendants, _tree_cpu, dask_cluster
from benchmarks.throughput import _pages

BIN = Path(sys.executable).parent
MB = 1024 * 1024
TARGET_MB_S = 20.0


def write_stream(path: Path, pages: list[tuple[str, str, str]], total_bytes: int) -> tuple[int, int]:
    """Write records cycling over the pages until total_bytes; returns (records, bytes)."""
    encoded = [
        (json.dumps({"id": pid, "url": url, "text": text}, ensure_ascii=False) + "\n").encode("utf-8")
        for pid, url, text in pages
    ]
    count = size = 0
    with open(path, "wb") as out:
        while size < total_bytes:
            data = encoded[count % len(encoded)]
            out.write(data)
            count, size = count + 1, size + len(data)
    return count, size


def _peak_mb(pids: list[int]) -> float:
    """The largest peak RSS (VmHWM) among the live processes pids and their descendants, in MB."""
    peaks = [0.0]
    for pid in _descendants(pids):
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks.append(int(line.split()[1]) / 1024)
        except OSError:
            continue
    return max(peaks)


def run_clean(stream: Path, out: Path, extra: list[str], cluster: list[int]) -> dict[str, float]:
    """The real CLI once on the stream: wall seconds, CPU seconds of every process, peak RSS, records out."""
    cmd = [str(BIN / "cleaner"), "clean", "--jsonl", str(stream), "-o", str(out), *extra]
    cluster_before = _tree_cpu(cluster) if cluster else 0.0
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) != 0:
            err.seek(0)
            raise SystemExit(f"clean --jsonl failed: {cmd}\n{err.read().decode()}")
    cpu = usage.ru_utime + usage.ru_stime + (_tree_cpu(cluster) - cluster_before if cluster else 0.0)
    with open(out, "rb") as f:
        records = sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(MB), b""))
    return {"seconds": seconds, "cpu": cpu, "peak_mb": usage.ru_maxrss / 1024, "records_out": records}


def main() -> None:
    """Write the stream, run the stages in rounds, print the table and the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--megabytes", type=float, default=200.0, help="size of the stream (default 200)")
    parser.add_argument("--rounds", type=int, default=2, help="rounds over all stages; the fastest counts")
    parser.add_argument("--workdir", type=Path, help="where the stream goes (default: the system temp folder)")
    parser.add_argument("--no-dask", action="store_true", help="only the one-process stage")
    parser.add_argument("extra", nargs="*", help="options passed to every cleaner clean --jsonl run (after --)")
    args = parser.parse_args()
    pages = _pages(args.data_dir)
    print(f"{len(pages)} pages from {args.data_dir}; {os.cpu_count()} cores")
    print(f"load average before the run: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp, ExitStack() as stack:
        root = Path(tmp)
        stream, out = root / "stream.jsonl", root / "out.jsonl"
        records, size = write_stream(stream, pages, int(args.megabytes * MB))
        print(f"stream: {records} records, {size / MB:.1f} MB")
        stages: dict[str, tuple[list[str], list[int]]] = {"clean --jsonl, 1 process": ([], [])}
        if not args.no_dask:
            for workers in (1, 2):
                address, pids = stack.enter_context(dask_cluster(workers, root, TUNED))
                warm = root / "warm.jsonl"
                write_stream(warm, pages, 1)  # workers import cleaner on their first task
                run_clean(warm, root / "warm-out.jsonl", ["--scheduler", address], [])
                stages[f"clean --jsonl --scheduler, {workers} worker(s)"] = (["--scheduler", address], pids)
        best: dict[str, dict[str, float]] = {}
        for n in range(args.rounds):
            for name, (extra, pids) in stages.items():
                result = run_clean(stream, out, [*extra, *args.extra], pids)
                result["worker_peak_mb"] = _peak_mb(pids) if pids else 0.0
                if result["records_out"] != records:
                    raise SystemExit(f"{name}: {result['records_out']} records out of {records}")
                if name not in best or result["seconds"] < best[name]["seconds"]:
                    best[name] = result
            print(f"round {n + 1}: load average {os.getloadavg()[0]:.2f}", flush=True)
    print(f"{'stage':42s} {'seconds':>8s} {'MB/s':>7s} {'CPU ms/rec':>10s} {'CLI RSS MB':>10s} {'worker RSS MB':>13s}")
    rates = {}
    for name, r in best.items():
        rates[name] = size / MB / r["seconds"]
        worker = f"{r['worker_peak_mb']:13.0f}" if r["worker_peak_mb"] else f"{'-':>13s}"
        cpu = r["cpu"] / records * 1000
        print(f"{name:42s} {r['seconds']:8.2f} {rates[name]:7.2f} {cpu:10.2f} {r['peak_mb']:10.0f} {worker}")
    print(f"load average after the run: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    two = rates.get("clean --jsonl --scheduler, 2 worker(s)")
    if two is not None:
        one = rates["clean --jsonl --scheduler, 1 worker(s)"]
        print(f"2 workers / 1 worker: {two / one:.2f}")
        print(f"{'MET ' if two >= TARGET_MB_S else 'MISS'} {TARGET_MB_S:.0f} MB/s on 2 cores: {two:.2f} MB/s")


if __name__ == "__main__":
    main()
