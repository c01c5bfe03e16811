"""The compiled and the pure-Python path give the same verdicts: build a compiled wheel, compare on every page.

Usage: ``python -m benchmarks.compiled_verdicts [DATA_DIR ...]``; without a folder, the aeb,
wcxb-dev and big9-dev folders of ``../shared/data`` from the repository root (as CI runs it).
Steps:

1. ``pip wheel`` builds this checkout's wheel with ``CLEANER_REQUIRE_COMPILED=1``, the build a
   ``pip install .`` makes (hatch_build.py), failing if any module of cleaner/_compiled.py
   cannot be compiled; the wheel is unpacked into a temporary folder.
2. :mod:`benchmarks.verdicts` dumps every line's verdict of ``clean()`` and ``detect()`` on the
   pages twice from that folder: as installed (every listed module must run compiled) and with
   ``CLEANER_PURE=1`` (none may).
3. The two dumps must be identical; the first differing page is printed otherwise.

Exit status 0 when they match, 1 when they differ or a path is not the one asked for. It also
prints each path's seconds, so a run shows what compiling brings.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DEFAULT = [ROOT.parent / "shared" / "data" / name for name in ("aeb", "wcxb-dev", "big9-dev")]

_PROBE = "from cleaner._compiled import compiled_modules; print(','.join(compiled_modules()))"


def build_site(root: Path, into: Path) -> Path:
    """Build the compiled wheel of the checkout at root and unpack it; the folder to import from."""
    dist = into / "dist"
    env = {**os.environ, "CLEANER_REQUIRE_COMPILED": "1"}
    env.pop("CLEANER_PURE", None)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(root)],
        check=True,
        env=env,
        timeout=1800,
    )
    site = into / "site"
    with zipfile.ZipFile(next(dist.glob("cleaner-*.whl"))) as wheel:
        wheel.extractall(site)
    return site


def run_path(site: Path, pure: bool, out: Path, data: list[Path]) -> tuple[list[str], float]:
    """Dump the verdicts with the wheel's cleaner, compiled or pure; the compiled modules and seconds."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(ROOT)])}
    env.pop("CLEANER_PURE", None)
    env.pop("CLEANER_RULES", None)
    if pure:
        env["CLEANER_PURE"] = "1"
    # From a neutral folder, so that the checkout's own cleaner/ is not the one imported.
    probe = subprocess.run(
        [sys.executable, "-c", _PROBE], check=True, env=env, cwd=out.parent, capture_output=True, text=True
    )
    compiled = [name for name in probe.stdout.strip().split(",") if name]
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "benchmarks.verdicts", str(out), *map(str, data)], check=True, env=env, cwd=out.parent
    )
    return compiled, time.perf_counter() - started


def first_difference(a: Path, b: Path) -> str | None:
    """The first page whose verdicts differ between two dumps, with the differing line; None if equal."""
    page = ""
    with a.open(encoding="utf-8") as fa, b.open(encoding="utf-8") as fb:
        for n, (la, lb) in enumerate(zip(fa, fb, strict=False), 1):
            if la.startswith("## "):
                page = la.strip()
            if la != lb:
                return f"{page}: dump line {n}: compiled {la.strip()!r}, pure {lb.strip()!r}"
    return None if a.stat().st_size == b.stat().st_size else "the dumps differ in length"


def main(argv: list[str] | None = None) -> int:
    """Build, dump both paths, compare; print what differs."""
    data = [Path(a).resolve() for a in (sys.argv[1:] if argv is None else argv)] or DATA_DEFAULT
    missing = [str(d) for d in data if not d.is_dir()]
    if missing:
        print(f"no such data folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    from cleaner._compiled import COMPILED

    with tempfile.TemporaryDirectory(prefix="cleaner-compiled-") as tmp:
        work = Path(tmp)
        started = time.perf_counter()
        site = build_site(ROOT, work)
        print(f"compiled wheel built in {time.perf_counter() - started:.0f} s")
        compiled, compiled_s = run_path(site, False, work / "compiled.txt", data)
        pure, pure_s = run_path(site, True, work / "pure.txt", data)
        print(f"compiled path: {len(compiled)} of {len(COMPILED)} modules compiled, verdicts in {compiled_s:.1f} s")
        print(f"pure path: {len(pure)} modules compiled, verdicts in {pure_s:.1f} s")
        if sorted(compiled) != sorted(COMPILED) or pure:
            print("FAIL: a path did not run the modules it should", file=sys.stderr)
            return 1
        pages = sum(1 for line in (work / "pure.txt").open(encoding="utf-8") if line.startswith("## "))
        diff = first_difference(work / "compiled.txt", work / "pure.txt")
        if diff is not None:
            print(f"FAIL: verdicts differ: {diff}", file=sys.stderr)
            return 1
        print(f"verdicts identical on {pages} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
