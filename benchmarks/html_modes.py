"""Score the two HTML modes against the gold text: which one is `--html-mode`'s default.

Usage: ``python -m benchmarks.html_modes DATA_DIR [--jobs N]`` with DATA_DIR the aeb folder
(``<id>.html.gz`` + ``<id>.gold.txt``, ``index.jsonl`` for URLs).

Rows: (a) ``trafilatura``: trafilatura's extraction, then our site and generic rules;
(b) ``lines``: the body as scraper lines, then our rules and generic detection; each also
with rule files only (``--no-generic``); and, for reference, trafilatura alone and the scraper
lines unchanged. Scores are shingle F1 and word F1
as the data README defines them (``benchmarks.metrics``). Not a test: prints, asserts nothing.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from benchmarks.metrics import corpus_shingle_f1, shingle_pr, word_f1
from cleaner import clean, load_rules
from cleaner.html import decode_html, html_to_lines, page_url, trafilatura_text

ROWS = (
    "trafilatura + cleaner",
    "lines + cleaner",
    "trafilatura + rules only",  # --no-generic
    "lines + rules only",
    "trafilatura alone",
    "lines unchanged",
)


def _urls(root: Path) -> dict[str, str]:
    """Page id -> URL from index.jsonl, when there is one."""
    index = root / "index.jsonl"
    if not index.exists():
        return {}
    rows = (json.loads(line) for line in index.read_text(encoding="utf-8").splitlines() if line.strip())
    return {row["id"]: row.get("url", "") for row in rows}


def _one(args: tuple[str, str | None]) -> tuple[str, dict[str, str], dict[str, float]]:
    """All rows' outputs for one page, with the seconds each HTML-to-text step took."""
    path, url = args
    rules = load_rules()
    html, _ = decode_html(gzip.decompress(Path(path).read_bytes()), path)
    url = url or page_url(html)
    t0 = time.perf_counter()
    extracted = trafilatura_text(html, url)
    t1 = time.perf_counter()
    lines = html_to_lines(html)
    t2 = time.perf_counter()
    outputs = {
        ROWS[0]: clean(extracted, rules, url=url).text,
        ROWS[1]: clean(lines, rules, url=url).text,
        ROWS[2]: clean(extracted, rules, url=url, generic=False).text,
        ROWS[3]: clean(lines, rules, url=url, generic=False).text,
        ROWS[4]: extracted,
        ROWS[5]: lines,
    }
    return path, outputs, {"trafilatura": t1 - t0, "lines": t2 - t1}


def main() -> None:
    """Run every page, print one row per mode."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    urls = _urls(args.data_dir)
    pages = sorted(args.data_dir.glob("*.html.gz"))
    work = [(str(p), urls.get(p.name.removesuffix(".html.gz"))) for p in pages]
    with ProcessPoolExecutor(args.jobs) as pool:
        results = list(pool.map(_one, work, chunksize=4))
    print(f"{len(results)} pages from {args.data_dir}")
    print(f"{'mode':26s} {'shingle P':>9s} {'R':>6s} {'F1':>6s} {'word F1':>8s} {'empty':>6s}")
    for row in ROWS:
        prs, words, empty = [], [], 0
        for path, outputs, _ in results:
            gold = Path(path.removesuffix(".html.gz") + ".gold.txt").read_text(encoding="utf-8")
            out = outputs[row]
            prs.append(shingle_pr(gold, out))
            words.append(word_f1(gold, out))
            empty += not out.strip()
        p, r, f1 = corpus_shingle_f1(prs)
        print(f"{row:26s} {p:9.3f} {r:6.3f} {f1:6.3f} {sum(words) / len(words):8.3f} {empty:6d}")
    for step in ("trafilatura", "lines"):
        total = sum(t[step] for _, _, t in results)
        print(f"HTML to text by {step}: {len(results) / total:.1f} pages/s per core")


if __name__ == "__main__":
    main()
