"""Scale of `cleaner batch --learn`: peak memory and CPU time against a plain batch, on many pages.

Usage: ``python -m benchmarks.learn_scale BIG9_DIR [--pages 100000] [--jobs 2] [--keep DIR]``

Pages are synthesised from the 18 big9-dev site-years (:func:`benchmarks.learn_big9._synthetic_site`
with unique article lines: each site's template lines around its own recombined gold paragraphs,
numbers redrawn), an equal share per site-year, in one folder tree. The real CLI then runs
``cleaner batch IN OUT -j N`` and ``cleaner batch IN OUT -j N --learn``; the figures are the CPU
seconds of all their processes (the machine is shared: wall time would count the neighbours) and
the peak resident memory of the largest of their processes (``ru_maxrss``). With ``-j 1`` that is
the whole run. Not a test: it prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.learn_big9 import _synthetic_site


def _cleaner() -> str:
    """The installed console script next to this interpreter."""
    exe = Path(sys.executable).parent / "cleaner"
    return str(exe) if exe.exists() else "cleaner"


def _run(args: list[str]) -> tuple[float, float, float, str]:
    """Run the CLI in a fresh child: its CPU seconds, wall seconds, peak RSS in MB, stderr.

    Each run goes through its own intermediate process so that RUSAGE_CHILDREN's maximum
    is this run's alone.
    """
    probe = (
        "import resource, subprocess, sys, os\n"
        "p = subprocess.run(sys.argv[1:], capture_output=True, env={k: v for k, v in os.environ.items() "
        "if k != 'CLEANER_RULES'})\n"
        "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "sys.stderr.write(p.stderr.decode())\n"
        "print(u.ru_utime + u.ru_stime, u.ru_maxrss, p.returncode)\n"
    )
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, check=False)
    wall = time.perf_counter() - t0
    cpu, rss, code = proc.stdout.decode().split()
    if code != "0":
        sys.exit(f"batch failed ({code}): {proc.stderr.decode()[-2000:]}")
    return float(cpu), wall, int(rss) / 1024, proc.stderr.decode()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("big9", type=Path)
    ap.add_argument("--pages", type=int, default=100_000)
    ap.add_argument("--jobs", "-j", type=int, default=2)
    ap.add_argument("--keep", type=Path, help="synthesise into this folder (reused when it exists)")
    args = ap.parse_args(argv)
    folders = sorted(p.name for p in args.big9.iterdir() if p.is_dir())
    with tempfile.TemporaryDirectory() as tmp:
        src = args.keep or Path(tmp) / "in"
        if not src.exists():
            t0 = time.perf_counter()
            for n, folder in enumerate(folders):
                share = args.pages // len(folders) + (n < args.pages % len(folders))
                out = src / f"part{n:02d}"
                out.mkdir(parents=True)
                _synthetic_site(args.big9, folder, share, out, seed=n, unique=True)
            print(f"synthesised {args.pages} pages in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
        pages = sum(1 for _ in src.rglob("*.txt"))
        rows = []
        for label, extra in (("plain", []), ("--learn", ["--learn"])):
            out = Path(tmp) / f"out-{label.strip('-')}"
            cpu, wall, rss, err = _run([_cleaner(), "batch", str(src), str(out), "-j", str(args.jobs), *extra])
            note = next((line.removeprefix("cleaner: ") for line in err.splitlines() if "learned" in line), "")
            rows.append((label, cpu, wall, rss, note))
        print(f"{pages} pages from {len(folders)} big9-dev site-years, -j {args.jobs}")
        print(f"{'run':<8} {'CPU s':>8} {'wall s':>8} {'peak RSS MB':>12}")
        for label, cpu, wall, rss, note in rows:
            print(f"{label:<8} {cpu:>8.1f} {wall:>8.1f} {rss:>12.0f}  {note}")
        print(f"--learn / plain CPU: {rows[1][1] / rows[0][1]:.2f}x")
        os.sync()
    return 0


if __name__ == "__main__":
    sys.exit(main())
