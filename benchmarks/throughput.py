"""Throughput: pages/s, MB/s and peak memory of clean, batch and trafilatura, in one run.

Usage: ``python -m benchmarks.throughput DATA_DIR [--copies N]`` with DATA_DIR the aeb folder
(``<id>.input.txt`` text pages, ``<id>.html.gz`` the same pages' HTML, ``index.jsonl`` URLs).

Stages, each in its own process so that its peak RSS is its own (read with ``os.wait4``):

- ``clean rules``: :func:`cleaner.clean` without generic detection, each page with its site's
  rules (a synthetic rule file per aeb site, selected by the page's URL) and the common rules.
- ``clean generic``: the same with generic detection on (the default of ``cleaner clean``).
- ``batch -j1`` / ``batch -j2``: the real ``cleaner batch`` CLI on the text pages copied
  ``--copies`` times into a temporary folder (process start-up included), and again without
  generic detection.
- ``trafilatura``: ``trafilatura.extract`` on the same pages' HTML, in one and in two processes.
- ``rules 10`` / ``rules 1000``: cleaning with 10 or 1,000 synthetic site rule files loaded;
  pages go to the same 10 sites in both, so only the number of files loaded differs.

Every stage runs in each of ``--rounds`` rounds (3), interleaved, and its fastest round counts:
on a shared machine the slower runs measure the neighbours. ``CPU ms/p`` is CPU time per page
(for batch: in the workers, from the report), which the neighbours do not inflate.

Not a test: it prints figures and checks the issue's targets, asserting nothing.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

MB = 1024 * 1024


# ---------------------------------------------------------------------------------------------
# Synthetic rule files


def rule_file_text(n: int, host: str) -> str:
    """A plausible site rule file: 12 line rules, 3 pattern rules, 2 block rules, 2 fingerprints."""
    lines = [
        f"id: bench-{n:04d}",
        f"hosts: [{host}]",
        "fingerprints:",
        f'  - "Benchmark site {n} masthead and slogan"',
        f'  - "Copyright {n} Benchmark Media Group, all rights reserved"',
        "rules:",
    ]
    for i in range(12):
        lines += [f"  - id: line-{i}", "    kind: line", f'    text: "Site {n} boilerplate line {i} follow us today"']
    for i in range(3):
        lines += [f"  - id: pattern-{i}", "    kind: pattern", f'    pattern: "^site {n} promo {i} [0-9]+ offers?$"']
    lines += [
        "  - id: related",
        "    kind: block",
        f'    anchor: "More from site {n}"',
        "    extent: until",
        f'    until: "End of site {n} related list"',
        "  - id: tail",
        "    kind: block",
        f'    anchor: "Site {n} footer navigation"',
        "    extent: end",
    ]
    return "\n".join(lines) + "\n"


def lay_out(root: Path, pages: list[tuple[str, str, str]], copies: int) -> tuple[Path, Path]:
    """A rule file per host of the pages in root/site-rules, and ``copies`` copies of the pages in root/pages."""
    site_rules = root / "site-rules"
    write_rule_files(site_rules, sorted({u.split("//", 1)[-1].split("/", 1)[0] for _, u, _ in pages if u}))
    src = root / "pages"
    for copy in range(copies):
        folder = src / f"c{copy:02d}"
        folder.mkdir(parents=True)
        for pid, _, text in pages:
            (folder / f"{pid}.txt").write_text(text, encoding="utf-8")
    return site_rules, src


def write_rule_files(folder: Path, hosts: list[str]) -> None:
    """One synthetic rule file per host."""
    folder.mkdir(parents=True, exist_ok=True)
    for n, host in enumerate(hosts):
        (folder / f"bench-{n:04d}.yaml").write_text(rule_file_text(n, host), encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Stages (run in a child process: python -m benchmarks.throughput --stage NAME ...)


def _pages(data_dir: Path) -> list[tuple[str, str, str]]:
    """(id, url, text) of every aeb page."""
    index = data_dir / "index.jsonl"
    urls = {}
    for line in index.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            urls[row["id"]] = row.get("url", "")
    out = []
    for path in sorted(data_dir.glob("*.input.txt")):
        pid = path.name.removesuffix(".input.txt")
        out.append((pid, urls.get(pid, ""), path.read_text(encoding="utf-8")))
    return out


def _time_clean(pages: list[tuple[str, str, str]], rules: object, generic: bool, repeat: int) -> dict[str, float]:
    """Clean every page `repeat` times in this process; pages/s and MB/s."""
    from cleaner import clean

    for _, url, text in pages:  # one pass to build each site's matcher, as a long crawl amortises it
        clean(text, rules, url=url, generic=generic)
    size = sum(len(t.encode("utf-8")) for _, _, t in pages) * repeat
    started, cpu = time.perf_counter(), time.process_time()
    for _ in range(repeat):
        for _, url, text in pages:
            clean(text, rules, url=url, generic=generic)
    seconds = time.perf_counter() - started
    return {"pages": len(pages) * repeat, "seconds": seconds, "bytes": size, "cpu": time.process_time() - cpu}


def stage_clean(data_dir: Path, rules_dir: Path, generic: bool, repeat: int) -> dict[str, float]:
    """clean with site rules (and generic detection if asked), in one process."""
    from cleaner import load_rules

    rules = load_rules([rules_dir])
    return _time_clean(_pages(data_dir), rules, generic, repeat)


def stage_rules(data_dir: Path, count: int, repeat: int) -> dict[str, float]:
    """clean with `count` synthetic rule files loaded, pages spread over the first 10 sites."""
    from cleaner import load_rules

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "rules"
        write_rule_files(folder, [f"bench-{n:04d}.example" for n in range(count)])
        started = time.perf_counter()
        rules = load_rules([folder])
        load_seconds = time.perf_counter() - started
    pages = [
        (pid, f"https://bench-{i % 10:04d}.example/{pid}", text) for i, (pid, _, text) in enumerate(_pages(data_dir))
    ]
    by_url = _time_clean(pages, rules, False, repeat)
    unnamed = [(pid, "", text) for pid, _, text in pages]  # site by fingerprint: all sites' index
    by_fingerprint = _time_clean(unnamed, rules, False, repeat)
    return {**by_url, "load_seconds": load_seconds, "fingerprint_seconds": by_fingerprint["seconds"]}


def _extract(path: str) -> int:
    """trafilatura on one page's HTML; returns the input size."""
    import trafilatura

    data = gzip.decompress(Path(path).read_bytes())
    trafilatura.extract(data.decode("utf-8", errors="replace"), include_comments=False)
    return len(data)


def stage_trafilatura(data_dir: Path, jobs: int) -> dict[str, float]:
    """trafilatura.extract on every page's HTML with `jobs` processes."""
    import trafilatura  # noqa: F401  (import time is not extraction time)

    paths = [str(p) for p in sorted(data_dir.glob("*.html.gz"))]
    if jobs == 1:
        _extract(paths[0])  # warm up, as the pool below is
        started, cpu = time.perf_counter(), time.process_time()
        size = sum(_extract(p) for p in paths)
        seconds = time.perf_counter() - started
        return {"pages": len(paths), "seconds": seconds, "bytes": size, "cpu": time.process_time() - cpu}
    with ProcessPoolExecutor(jobs) as pool:
        list(pool.map(_extract, paths[: jobs * 2]))  # start the workers and import trafilatura there
        started = time.perf_counter()
        size = sum(pool.map(_extract, paths, chunksize=4))
        return {"pages": len(paths), "seconds": time.perf_counter() - started, "bytes": size}


# ---------------------------------------------------------------------------------------------
# The driver


def _child(args: list[str]) -> tuple[dict[str, float], float]:
    """Run a stage in a child process; its result and its peak RSS in MB."""
    proc = subprocess.Popen([sys.executable, "-m", "benchmarks.throughput", *args], stdout=subprocess.PIPE)
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"stage {args} failed with {proc.returncode}")
    return json.loads(out), usage.ru_maxrss / 1024


def _batch(src: Path, out: Path, jobs: int, generic: bool, rules_dir: Path) -> tuple[dict[str, float], float]:
    """The real CLI on the copied pages; wall time, pages and bytes, peak RSS of its processes."""
    cleaner = shutil.which("cleaner", path=str(Path(sys.executable).parent)) or "cleaner"
    shutil.rmtree(out, ignore_errors=True)
    report = out.with_suffix(".json")
    cmd = [
        cleaner,
        "batch",
        str(src),
        str(out),
        "--jobs",
        str(jobs),
        "--rules",
        str(rules_dir),
        "--report",
        str(report),
    ]
    if not generic:
        cmd.append("--no-generic")
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"batch failed: {cmd}")
    summary = json.loads(report.read_text(encoding="utf-8"))["summary"]
    result = {
        "pages": summary["cleaned"],
        "seconds": seconds,
        "bytes": summary["bytes_in"],
        "cpu": summary["cpu_seconds"],
    }
    return result, usage.ru_maxrss / 1024


def _row(name: str, result: dict[str, float], peak: float) -> float:
    """Print one figure row; return pages/s."""
    pps = result["pages"] / result["seconds"]
    mbs = result.get("bytes", 0) / MB / result["seconds"]
    cpu = f"{result['cpu'] / result['pages'] * 1000:8.2f}" if "cpu" in result else f"{'-':>8s}"
    print(f"{name:34s} {result['pages']:7.0f} {result['seconds']:8.2f} {pps:9.1f} {mbs:7.2f} {cpu} {peak:8.0f}")
    return pps


def main() -> None:
    """Run every stage and print the table and the targets."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--copies", type=int, default=60, help="copies of the pages for batch (default 60)")
    parser.add_argument(
        "--workdir", type=Path, help="where batch's input and output copies go (default: the system temp folder)"
    )
    parser.add_argument("--repeat", type=int, default=3, help="passes over the pages for in-process clean")
    parser.add_argument("--rounds", type=int, default=3, help="rounds over all stages; the fastest counts")
    parser.add_argument("--only", help="run only the stages whose name contains this text (e.g. 'batch -j')")
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    parser.add_argument("--rules-dir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--count", type=int, default=10, help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--generic", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage:
        result = {
            "clean": lambda: stage_clean(args.data_dir, args.rules_dir, args.generic, args.repeat),
            "rules": lambda: stage_rules(args.data_dir, args.count, args.repeat),
            "trafilatura": lambda: stage_trafilatura(args.data_dir, args.jobs),
        }[args.stage]()
        print(json.dumps(result))
        return
    data = args.data_dir
    pages = _pages(data)
    print(f"{len(pages)} aeb pages from {data}; {os.cpu_count()} cores; Python {sys.version.split()[0]}")
    from cleaner._compiled import COMPILED, compiled_modules

    print(f"compiled modules: {len(compiled_modules())} of {len(COMPILED)} (CLEANER_PURE=1: none)")
    print(
        f"load average before the run: {os.getloadavg()[0]:.2f}; work folder: {args.workdir or tempfile.gettempdir()}"
    )
    print(f"{'stage':34s} {'pages':>7s} {'seconds':>8s} {'pages/s':>9s} {'MB/s':>7s} {'CPU ms/p':>8s} {'peak MB':>8s}")
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        root = Path(tmp)
        site_rules, src = lay_out(root, pages, args.copies)
        clean_stage = ["--stage", "clean", str(data), "--rules-dir", str(site_rules), "--repeat", str(args.repeat)]
        stages: dict[str, object] = {
            "clean, site rules (1 process)": lambda: _child(clean_stage),
            "clean, generic mode (1 process)": lambda: _child([*clean_stage, "--generic"]),
        }
        for generic in (True, False):
            for jobs in (1, 2):
                name = f"batch -j{jobs}" + ("" if generic else ", --no-generic")
                stages[name] = lambda j=jobs, g=generic: _batch(src, root / "out", j, g, site_rules)
        for jobs in (1, 2):
            name = f"trafilatura on HTML, {jobs} process" + ("es" if jobs > 1 else "")
            stages[name] = lambda j=jobs: _child(["--stage", "trafilatura", str(data), "--jobs", str(j)])
        for count in (10, 1000):
            stage = ["--stage", "rules", str(data), "--count", str(count), "--repeat", str(args.repeat)]
            stages[f"clean, {count} rule files loaded"] = lambda s=stage: _child(s)
        if args.only:
            stages = {name: run for name, run in stages.items() if args.only in name or "trafilatura" in name}
        # Rounds interleave the stages, so a busy spell on the machine hits all of them alike;
        # each stage keeps its fastest round.
        results: dict[str, tuple[dict[str, float], float]] = {}
        for _ in range(args.rounds):
            for name, run in stages.items():
                result, peak = run()  # type: ignore[operator]
                old = results.get(name)
                if old is None or result["seconds"] < old[0]["seconds"]:
                    results[name] = (result, max(peak, old[1] if old else 0))
        pps = {name: _row(name, *results[name]) for name in stages}
    print()
    rules_runs = {
        c: results[f"clean, {c} rule files loaded"][0] for c in (10, 1000) if f"clean, {c} rule files loaded" in results
    }
    if len(rules_runs) == 2:
        loads = rules_runs[10]["load_seconds"], rules_runs[1000]["load_seconds"]
        print(f"rule files: load 10 in {loads[0]:.2f} s, 1000 in {loads[1]:.2f} s (once per run)")
    traf1, traf2 = "trafilatura on HTML, 1 process", "trafilatura on HTML, 2 processes"
    nogen = "batch -j2, --no-generic"

    def cpu_per_page(stage: str) -> float:
        """CPU seconds per page of a stage's fastest round."""
        return results[stage][0]["cpu"] / results[stage][0]["pages"]

    checks = [
        ("batch -j2 / trafilatura (1 process) >= 20", lambda: pps["batch -j2"] / pps[traf1], 20, True),
        ("batch -j2 / trafilatura (2 processes) >= 20", lambda: pps["batch -j2"] / pps[traf2], 20, True),
        (f"{nogen} / trafilatura (1 process) >= 20", lambda: pps[nogen] / pps[traf1], 20, True),
        (f"{nogen} / trafilatura (2 processes) >= 20", lambda: pps[nogen] / pps[traf2], 20, True),
        ("batch -j2 / batch -j1 >= 1.7", lambda: pps["batch -j2"] / pps["batch -j1"], 1.7, True),
        (
            "batch -j2 / -j1, --no-generic >= 1.7",
            lambda: pps["batch -j2, --no-generic"] / pps["batch -j1, --no-generic"],
            1.7,
            True,
        ),
        (
            "CPU per page: trafilatura / batch >= 10 (20x with 2 cores against 1)",
            lambda: cpu_per_page(traf1) / cpu_per_page("batch -j2"),
            10,
            True,
        ),
        (
            "CPU per page: trafilatura / batch, --no-generic >= 10",
            lambda: cpu_per_page(traf1) / cpu_per_page(nogen),
            10,
            True,
        ),
        (
            "cost 1000 / 10 rule files < 2 (site by URL)",
            lambda: rules_runs[1000]["seconds"] / rules_runs[10]["seconds"],
            2,
            False,
        ),
        (
            "cost 1000 / 10 rule files < 2 (by fingerprint)",
            lambda: rules_runs[1000]["fingerprint_seconds"] / rules_runs[10]["fingerprint_seconds"],
            2,
            False,
        ),
    ]
    for name, compute, target, at_least in checks:
        try:
            value = compute()
        except KeyError:
            continue  # a stage left out by --only
        ok = value >= target if at_least else value < target
        print(f"{'MET ' if ok else 'MISS'} {name}: {value:.2f}")


if __name__ == "__main__":
    main()
