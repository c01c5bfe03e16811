"""Benchmark of `cleaner batch --learn`: a folder of many sites under neutral names, against plain batch.

Usage: ``python -m benchmarks.learn_batch DATA_DIR [DATA_DIR ...] [--jobs N] [--shuffle-check]``

Each DATA_DIR holds ``<id>.input.txt``/``<id>.gold.txt`` pairs (subfolders searched, for big9-dev).
Its inputs are copied into a temporary folder as ``doc00001.txt``... in an order drawn from a hash
of their paths, so neither names nor folders say which site a page is from; the real CLI then runs
``cleaner batch IN OUT -j N`` and ``cleaner batch IN OUT --learn -j N`` (bundled rules only), and
each output is scored against its gold: corpus shingle F1, per source folder (a site-year for
big9-dev) and overall, with the CPU time of both runs (all their processes) and how pure the groups are (pages of the
group's main source folder over the group's pages). ``--shuffle-check`` runs ``--learn`` again on
the pages under other names, in another order, with one job, and says whether every output is the
same. Not a test: it prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import resource
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from benchmarks.metrics import corpus_shingle_f1, shingle_pr


def _cleaner() -> str:
    """The installed console script next to this interpreter."""
    exe = Path(sys.executable).parent / "cleaner"
    return str(exe) if exe.exists() else "cleaner"


def neutral_folder(root: Path, dest: Path, salt: str = "") -> dict[str, Path]:
    """Copy root's inputs to dest as docNNNNN.txt in a hash order; name -> original input path."""
    inputs = sorted(root.rglob("*.input.txt"))
    order = sorted(inputs, key=lambda p: hashlib.sha1((salt + str(p.relative_to(root))).encode()).hexdigest())
    names = {}
    dest.mkdir(parents=True)
    for n, path in enumerate(order, start=1):
        name = f"doc{n:05d}.txt"
        (dest / name).write_bytes(path.read_bytes())
        names[name] = path
    return names


def _children_cpu() -> float:
    """CPU seconds (user + system) of the finished child processes so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_batch(src: Path, out: Path, jobs: int, *extra: str) -> tuple[float, str]:
    """Run the real CLI; its CPU seconds (all its processes: the machine is shared, wall time
    would count the neighbours' work too) and stderr."""
    env = {k: v for k, v in os.environ.items() if k != "CLEANER_RULES"}
    t0 = _children_cpu()
    proc = subprocess.run(
        [_cleaner(), "batch", str(src), str(out), "-j", str(jobs), *extra], capture_output=True, env=env, check=False
    )
    seconds = _children_cpu() - t0
    if proc.returncode != 0:
        sys.exit(f"batch failed ({proc.returncode}): {proc.stderr.decode()[-2000:]}")
    return seconds, proc.stderr.decode()


def score(names: dict[str, Path], out: Path, root: Path) -> tuple[dict[str, tuple[float, float, float]], tuple]:
    """Corpus shingle F1 per source folder and overall."""
    per: dict[str, list] = defaultdict(list)
    everything = []
    for name, path in names.items():
        gold = path.with_name(path.name.replace(".input.txt", ".gold.txt")).read_text(encoding="utf-8")
        pr = shingle_pr(gold, (out / name).read_text(encoding="utf-8"))
        per[str(path.parent.relative_to(root))].append(pr)
        everything.append(pr)
    return {k: corpus_shingle_f1(v) for k, v in sorted(per.items())}, corpus_shingle_f1(everything)


def purity(names: dict[str, Path], report: str) -> tuple[int, int, float]:
    """Groups, pages in groups, and the share of grouped pages in their group's main folder."""
    groups: dict[str, list[str]] = defaultdict(list)
    for path, group in re.findall(r'"path": "([^"]+)", [^\n]*?"group": (?:"([^"]*)"|null)', report):
        if group:
            groups[group].append(str(names[path].parent))
    grouped = sum(len(v) for v in groups.values())
    main = sum(Counter(v).most_common(1)[0][1] for v in groups.values())
    return len(groups), grouped, main / grouped if grouped else 0.0


def bench(root: Path, jobs: int, shuffle_check: bool) -> None:
    """Plain batch and batch --learn on one data folder under neutral names."""
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        names = neutral_folder(root, tmpdir / "in")
        plain_s, _ = run_batch(tmpdir / "in", tmpdir / "plain", jobs)
        learn_s, err = run_batch(
            tmpdir / "in", tmpdir / "learn", jobs, "--learn", "--report", str(tmpdir / "report.json")
        )
        plain, plain_all = score(names, tmpdir / "plain", root)
        learned, learn_all = score(names, tmpdir / "learn", root)
        n_groups, grouped, pure = purity(names, (tmpdir / "report.json").read_text(encoding="utf-8"))
        print(f"{root.name}: {len(names)} pages under neutral names, -j {jobs}")
        note = next((line for line in err.splitlines() if "learned" in line), "")
        print(f"  {note.removeprefix('cleaner: ')}")
        print(f"  groups learned: {n_groups}, pages in them: {grouped}, purity {pure:.3f}")
        if len(plain) > 1:
            print(f"  {'folder':<20} {'batch F1':>9} {'--learn F1':>10}  delta")
            for key in plain:
                a, b = plain[key][2], learned[key][2]
                print(f"  {key:<20} {a:>9.3f} {b:>10.3f}  {b - a:+.3f}")
        print(
            f"  {'ALL (corpus P/R/F1)':<20} plain {plain_all[0]:.3f} {plain_all[1]:.3f} {plain_all[2]:.3f}   "
            f"--learn {learn_all[0]:.3f} {learn_all[1]:.3f} {learn_all[2]:.3f}   {learn_all[2] - plain_all[2]:+.3f}"
        )
        print(f"  CPU time: plain {plain_s:.2f} s, --learn {learn_s:.2f} s ({learn_s / plain_s:.2f}x)")
        if shuffle_check:
            other = neutral_folder(root, tmpdir / "in2", salt="other order")
            run_batch(tmpdir / "in2", tmpdir / "learn2", 1, "--learn")
            by_source = {path: name for name, path in names.items()}
            same = all(
                (tmpdir / "learn2" / name).read_bytes() == (tmpdir / "learn" / by_source[path]).read_bytes()
                for name, path in other.items()
            )
            print(f"  other names and order, -j 1: outputs {'identical' if same else 'DIFFERENT'}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data_dirs", type=Path, nargs="+")
    ap.add_argument("--jobs", "-j", type=int, default=2)
    ap.add_argument("--shuffle-check", action="store_true")
    args = ap.parse_args(argv)
    for root in args.data_dirs:
        bench(root, args.jobs, args.shuffle_check)
    return 0


if __name__ == "__main__":
    sys.exit(main())
