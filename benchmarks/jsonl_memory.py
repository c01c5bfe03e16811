"""Show that `cleaner clean --jsonl` streams: a 1 GB stream through the real CLI, flat peak memory.

Usage: ``python -m benchmarks.jsonl_memory DATA_DIR [--gigabytes 1.0] [-- extra cleaner options]``

Records are generated on the fly from DATA_DIR's ``*.input.txt`` pages (id, url, text fields)
and piped into the real CLI; the output is read and counted, never kept. The child's peak RSS
comes from ``os.wait4``. Also runs a 1/64 size stream first, so the two peaks can be compared.
Not a test: prints figures.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

MB = 1024 * 1024


def records(data_dir: Path, total_bytes: int) -> tuple[list[bytes], int]:
    """One encoded record per page (cycled until total_bytes); returns the records and the count needed."""
    pages = sorted(data_dir.glob("*.input.txt"))
    encoded = []
    for n, path in enumerate(pages):
        record = {"id": n, "url": f"https://example.org/{path.name}", "text": path.read_text(encoding="utf-8")}
        encoded.append((json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))
    mean = sum(map(len, encoded)) / len(encoded)
    return encoded, max(1, int(total_bytes / mean))


def run(data_dir: Path, total_bytes: int, extra: list[str]) -> dict[str, float]:
    """Pipe about total_bytes of records through `cleaner clean --jsonl`; sizes, time, peak RSS."""
    encoded, count = records(data_dir, total_bytes)
    exe = shutil.which("cleaner", path=str(Path(sys.executable).parent)) or "cleaner"
    proc = subprocess.Popen(
        [exe, "clean", "--jsonl", *extra], stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=MB
    )
    assert proc.stdin is not None and proc.stdout is not None
    sent = [0]

    def feed() -> None:
        for i in range(count):
            data = encoded[i % len(encoded)]
            proc.stdin.write(data)  # type: ignore[union-attr]
            sent[0] += len(data)
        proc.stdin.close()  # type: ignore[union-attr]

    started = time.perf_counter()
    feeder = threading.Thread(target=feed)
    feeder.start()
    received = lines = 0
    while chunk := proc.stdout.read(MB):
        received += len(chunk)
        lines += chunk.count(b"\n")
    feeder.join()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"cleaner exited with {os.waitstatus_to_exitcode(status)}")
    return {
        "records": count,
        "records_out": lines,
        "mb_in": sent[0] / MB,
        "mb_out": received / MB,
        "seconds": seconds,
        "peak_mb": usage.ru_maxrss / 1024,
    }


def main() -> None:
    """Run a small and a big stream; print both peaks."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--gigabytes", type=float, default=1.0)
    parser.add_argument("extra", nargs="*", help="options passed to cleaner clean --jsonl (after --)")
    args = parser.parse_args()
    big = int(args.gigabytes * 1024 * MB)
    for size in (big // 64, big):
        r = run(args.data_dir, size, args.extra)
        print(
            f"{r['mb_in']:9.1f} MB in ({r['records']} records) -> {r['mb_out']:8.1f} MB out "
            f"({r['records_out']} records) in {r['seconds']:7.1f} s ({r['mb_in'] / r['seconds']:.2f} MB/s); "
            f"peak RSS {r['peak_mb']:.0f} MB",
            flush=True,
        )


if __name__ == "__main__":
    main()
