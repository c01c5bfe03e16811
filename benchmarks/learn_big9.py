"""Benchmark of `cleaner learn`: quality on big9-dev, seed-site agreement, and scaling.

Usage: ``python -m benchmarks.learn_big9 DATA_DIR [--part quality|few|seeds|scale|other|all] [--wcxb DIR]
[--scale-pages 1000,5000,10000]``

DATA_DIR is the big9-dev folder (``<site>-<year>/<id>.input.txt`` + ``.gold.txt``); nothing is copied
into the repo. Not a test: it prints figures and asserts nothing.

* quality: per site-year folder (a site's template changes between 2005 and 2009, so a folder is the
  honest unit), rules are learned on half of the pages (sorted names, even indices) and the other
  half is cleaned; then again per site with both years pooled (10 pages to learn, 10 to clean).
  Shingle F1 against gold for generic detection alone, for a plain batch (the bundled rules and
  generic detection) and for the learned file with them (as ``batch --learn``), side by side,
  with the corpus figure over all held-out pages.
* few: the support rule at work: rules learned from only 2, 3 or 5 pages of each site-year (a
  line must then be in every page of 2 or 3), the same held-out pages cleaned.
* seeds: pages generated from the two seed sites' layouts (:mod:`benchmarks.seedgen`); learn from
  them and report line-level agreement with what the hand-written rules in ``rules/`` remove.
* other (with ``--wcxb DIR``): the same split on the wcxb-dev hosts with 8 pages or more (shops,
  docs: not news), a check outside the domain the defaults were chosen on.
* scale: 1k/5k/10k pages synthesised from one big9 site (its template lines, its article
  paragraphs recombined, fresh dates and numbers); time and peak traced memory of learning,
  against the number of distinct lines and of pages x lines.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from urllib.parse import urlsplit

from benchmarks import seedgen
from benchmarks.metrics import corpus_shingle_f1, shingle_pr
from cleaner.core import clean
from cleaner.folder import FolderPages
from cleaner.generic import detect
from cleaner.learn import learn, mask
from cleaner.normalize import is_blank, normalize, split_lines
from cleaner.rules import RuleSet, build_ruleset, load_rules

# What every page is cleaned with besides the learned file, as in `cleaner batch`: the bundled rule
# files (the common ones apply to every page) and generic detection; $CLEANER_RULES is ignored.
BUNDLED = load_rules(env={})


def _generic_only(text: str) -> str:
    """Generic detection with no rules decided: the lines it keeps."""
    lines = split_lines(text)
    verdicts = detect(lines, [None] * len(lines), [False] * len(lines))
    return "\n".join(line for line, v in zip(lines, verdicts, strict=True) if v is None and not is_blank(line))


def _plain(text: str) -> str:
    """A plain batch's output: the bundled rules (no site file matches) and generic detection."""
    return clean(text, BUNDLED).text


def _with_learned(rule_file) -> RuleSet:
    """The bundled rules plus one learned file, as `batch --learn` cleans a group's pages."""
    return build_ruleset([[*BUNDLED.sites.values(), *BUNDLED.common], [rule_file]])


def quality(root: Path, show_rules: bool, pooled: bool = False) -> None:
    """Learn on even pages, clean odd pages, per site-year (or per site, both years pooled); print F1."""
    folders = sorted(p for p in root.iterdir() if p.is_dir() and any(p.glob("*.input.txt")))
    units: dict[str, list[Path]] = {}
    for folder in folders:
        name = folder.name.rsplit("-", 1)[0] if pooled else folder.name
        units.setdefault(name, []).append(folder)
    label = "site (2005+2009)" if pooled else "site-year"
    print(f"{label:<18} {'rules':>5} {'generic':>7} {'plain':>6} {'learned P/R/F1':>20}  vs generic  vs plain")
    all_gen, all_plain, all_learn, per_site = [], [], [], []
    t0 = time.perf_counter()
    for name, group in units.items():
        train, test = [], []
        for folder in group:  # even pages of each year to learn, odd pages to clean
            inputs = sorted(folder.glob("*.input.txt"))
            train += [p.read_text(encoding="utf-8") for p in inputs[0::2]]
            test += inputs[1::2]
        result = learn(train, name)
        ruleset = _with_learned(result.rule_file)
        gen, plain, lrn = [], [], []
        for path in test:
            text = path.read_text(encoding="utf-8")
            gold = path.with_name(path.name.replace(".input.txt", ".gold.txt")).read_text(encoding="utf-8")
            gen.append(shingle_pr(gold, _generic_only(text)))
            plain.append(shingle_pr(gold, _plain(text)))
            lrn.append(shingle_pr(gold, clean(text, ruleset, site=name).text))
        g, b, s = corpus_shingle_f1(gen)[2], corpus_shingle_f1(plain)[2], corpus_shingle_f1(lrn)
        per_site.append((g, b, s[2]))
        all_gen += gen
        all_plain += plain
        all_learn += lrn
        print(
            f"{name:<18} {len(result.rules):>5} {g:7.3f} {b:6.3f}   {s[0]:6.3f} {s[1]:6.3f} {s[2]:6.3f}"
            f"      {s[2] - g:+.3f}    {s[2] - b:+.4f}"
        )
        if show_rules:
            print(result.report())
    g, b, s = corpus_shingle_f1(all_gen)[2], corpus_shingle_f1(all_plain)[2], corpus_shingle_f1(all_learn)
    print(
        f"{'ALL (corpus)':<18} {'':>5} {g:7.3f} {b:6.3f}   {s[0]:6.3f} {s[1]:6.3f} {s[2]:6.3f}"
        f"      {s[2] - g:+.3f}    {s[2] - b:+.4f}"
    )
    mg, mb, ms = (sum(site[k] for site in per_site) / len(per_site) for k in range(3))
    print(
        f"{'mean of sites':<18} {'':>5} {mg:7.3f} {mb:6.3f}   {'':>13} {ms:6.3f}      {ms - mg:+.3f}    {ms - mb:+.4f}"
    )
    below_generic = [n for n, (a, _, c) in zip(units, per_site, strict=True) if c < a]
    below_plain = [n for n, (_, a, c) in zip(units, per_site, strict=True) if c < a]
    print(f"corpus F1 to four places: generic {g:.4f}, plain {b:.4f}, learned {s[2]:.4f}")
    print(
        f"held-out pages: {len(all_gen)}; below generic alone: {below_generic or 'none'}; "
        f"below plain: {below_plain or 'none'}"
    )
    print("generic: generic detection alone, no rules; plain: a plain batch (bundled rules + generic);")
    print("learned: the group's learned file + bundled rules + generic, as `batch --learn` cleans.")
    print(f"time: {time.perf_counter() - t0:.1f}s")


def few(root: Path, sizes: tuple[int, ...] = (2, 3, 5)) -> None:
    """Learn from only the first 2, 3 or 5 training pages of each site-year; clean the same 5 held-out pages."""
    folders = sorted(p for p in root.iterdir() if p.is_dir() and any(p.glob("*.input.txt")))
    results: dict[int, list] = {k: [] for k in sizes}
    gen, below = [], {k: [] for k in sizes}
    for folder in folders:
        inputs = sorted(folder.glob("*.input.txt"))
        train, test = inputs[0::2], inputs[1::2]
        golds = [p.with_name(p.name.replace(".input.txt", ".gold.txt")).read_text(encoding="utf-8") for p in test]
        texts = [p.read_text(encoding="utf-8") for p in test]
        g = [shingle_pr(gold, _generic_only(text)) for gold, text in zip(golds, texts, strict=True)]
        gen += g
        for k in sizes:
            result = learn([p.read_text(encoding="utf-8") for p in train[:k]], folder.name)
            ruleset = _with_learned(result.rule_file)
            prs = [
                shingle_pr(gold, clean(text, ruleset, site=folder.name).text)
                for gold, text in zip(golds, texts, strict=True)
            ]
            results[k] += prs
            if corpus_shingle_f1(prs)[2] < corpus_shingle_f1(g)[2]:
                below[k].append(folder.name)
    print(f"{'pages learned from':<20} {'learned+generic F1':>18}  site-years below generic alone")
    print(f"{'0 (generic alone)':<20} {corpus_shingle_f1(gen)[2]:>18.3f}")
    for k in sizes:
        print(f"{k:<20} {corpus_shingle_f1(results[k])[2]:>18.3f}  {below[k] or 'none'}")
    print("the same 5 held-out pages per site-year; the training pages are the first k of the other 5.")


def seeds(count: int = 10) -> None:
    """Learn from generated seed-layout pages; compare line by line with the hand-written rules."""
    hand = load_rules(env={})
    head = f"{'seed site (test pages)':<30} {'pages':>5} {'rules':>5} {'lines':>6} {'hand':>5} {'learn':>5}"
    print(f"{head} {'both':>5} {'agree':>6}")
    for layout, site in (("interfax", "interfax.com.ua"), ("ostro", "ostro.org")):
        train = seedgen.pages(layout, count, seed=1)
        test = seedgen.pages(layout, count, seed=2)
        result = learn(train, f"learned-{layout}")
        learned = build_ruleset([[result.rule_file]])
        real = sorted((Path(__file__).resolve().parent.parent / "golden" / site).glob("*.input.txt"))
        _agreement(f"{site} (generated)", count, result, hand, learned, site, test)
        _agreement(f"{site} (golden)", len(real), result, hand, learned, site, [p.read_text("utf-8") for p in real])
    print("hand/learn: non-blank lines the hand-written / learned rules remove (no generic detection); rules")
    print("learned on 10 generated pages, compared on 10 other generated pages and on the golden/ inputs.")


def _agreement(label, count, result, hand, learned, site, texts) -> None:
    """One row: how many lines each rule set removes and how often they agree."""
    lines = hand_n = learn_n = both = agree = 0
    for text in texts:
        by_hand = clean(text, hand, site=site, generic=False)
        by_learn = clean(text, learned, site=result.site, generic=False)
        for a, b in zip(by_hand.lines, by_learn.lines, strict=True):
            if is_blank(a.text):
                continue
            lines += 1
            hand_n += not a.kept
            learn_n += not b.kept
            both += not a.kept and not b.kept
            agree += a.kept == b.kept
    row = f"{label:<30} {count:>5} {len(result.rules):>5} {lines:>6} {hand_n:>5} {learn_n:>5} {both:>5}"
    print(f"{row} {agree / lines:6.1%}")


def _synthetic_site(root: Path, folder: str, count: int, out: Path, seed: int = 0, unique: bool = False) -> list[Path]:
    """Write ``count`` pages of one big9 site: a real page's template around recombined paragraphs.

    Template lines are the lines of the site's pages that are in no gold text; the article is a
    random draw of the site's gold lines; numbers in half of the template lines are redrawn (1-28,
    as days are), so stamps and counters vary as on a live site while distinct lines level off:
    the table then shows memory following distinct lines, not pages x lines. With ``unique``
    every article line gets a page-specific word, as real articles are unique: distinct lines
    then grow with the pages, and memory with them.
    """
    paths = sorted((root / folder).glob("*.input.txt"))
    pages, gold_lines = [], set()
    for path in paths:
        gold = path.with_name(path.name.replace(".input.txt", ".gold.txt")).read_text(encoding="utf-8")
        gold_lines |= {normalize(line) for line in split_lines(gold) if line.strip()}
        pages.append(split_lines(path.read_text(encoding="utf-8")))
    paragraphs = sorted(gold_lines)
    digits = re.compile(r"\d+")
    rng = random.Random(seed)
    written = []
    for n in range(count):
        lines, body_done = [], False
        for line in rng.choice(pages):
            if normalize(line) in gold_lines:
                if not body_done:
                    body = rng.sample(paragraphs, k=min(len(paragraphs), rng.randint(8, 30)))
                    tag = "".join(chr(ord("a") + int(d)) for d in str(n))  # letters: masking keeps them
                    lines += [f"{p} {tag}" for p in body] if unique else body
                    body_done = True
                continue
            lines.append(digits.sub(lambda m: str(rng.randint(1, 28)), line) if rng.random() < 0.5 else line)
        path = out / f"page-{n:05d}.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        written.append(path)
    return written


def scale(root: Path, sizes: list[int], folder: str = "bbc-2009") -> None:
    """Time and traced peak memory of learning from 1k, 5k, 10k synthesised page files of one site."""
    head = f"{'articles':<9} {'pages':>6} {'lines':>9} {'distinct':>9} {'masked':>7}"
    print(f"{head} {'seconds':>8} {'peak MB':>8} {'rules':>6}")
    for unique, n in [(u, n) for u in (False, True) for n in sizes]:
        with tempfile.TemporaryDirectory() as tmp:
            paths = _synthetic_site(root, folder, n, Path(tmp), unique=unique)
            total, distinct, masked = 0, set(), set()
            for path in paths:
                keys = [normalize(line) for line in split_lines(path.read_text(encoding="utf-8"))]
                total += len(keys)
                distinct.update(keys)
            masked = {mask(k) for k in distinct}
            t0 = time.perf_counter()
            result = learn(FolderPages(paths), folder)
            seconds = time.perf_counter() - t0
            tracemalloc.start()
            learn(FolderPages(paths), folder)
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
        kind = "unique" if unique else "reused"
        row = f"{kind:<9} {n:>6} {total:>9} {len(distinct):>9} {len(masked):>7} {seconds:>8.1f} {peak:>8.1f}"
        print(f"{row} {len(result.rules):>6}")
    print(f"page files synthesised from big9-dev/{folder}, read from disk as `cleaner learn` reads them;")
    print("articles: reused = paragraphs drawn from the site's gold texts; unique = each page's own lines;")
    print("lines: pages x lines; distinct: distinct normalised lines; masked: distinct keys after masking;")
    print("seconds: one learn() run; peak MB: Python heap at its highest during a second run (tracemalloc).")


def other_sites(root: Path, min_pages: int = 8) -> None:
    """Out-of-domain check: wcxb-dev hosts with several pages (products, listings, docs), same split."""
    groups: dict[str, list[str]] = {}
    for raw in (root / "index.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(raw)
        host = (urlsplit(rec.get("url", "")).hostname or "").removeprefix("www.")
        if host:
            groups.setdefault(host, []).append(rec["id"])
    print(f"{'host (wcxb-dev)':<26} {'train':>5} {'rules':>5} {'generic F1':>10} {'learned+generic F1':>18}  delta")
    for host, ids in sorted(groups.items()):
        if len(ids) < min_pages:
            continue
        ids = sorted(ids)
        result = learn([(root / f"{i}.input.txt").read_text(encoding="utf-8") for i in ids[0::2]], host)
        ruleset = _with_learned(result.rule_file)
        gen, lrn = [], []
        for i in ids[1::2]:
            text = (root / f"{i}.input.txt").read_text(encoding="utf-8")
            gold = (root / f"{i}.gold.txt").read_text(encoding="utf-8")
            gen.append(shingle_pr(gold, _generic_only(text)))
            lrn.append(shingle_pr(gold, clean(text, ruleset, site=host).text))
        g, s = corpus_shingle_f1(gen)[2], corpus_shingle_f1(lrn)[2]
        print(f"{host:<26} {len(ids[0::2]):>5} {len(result.rules):>5} {g:>10.3f} {s:>18.3f}  {s - g:+.3f}")
    print("shingle F1 on the held-out half; these hosts mix page types, and their gold keeps section headings.")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data_dir", type=Path)
    ap.add_argument("--part", choices=["quality", "few", "seeds", "scale", "other", "all"], default="all")
    ap.add_argument("--show-rules", action="store_true", help="print each site's learn report")
    ap.add_argument("--scale-pages", default="1000,5000,10000")
    ap.add_argument("--wcxb", type=Path, help="wcxb-dev folder: also run the out-of-domain check (--part other)")
    args = ap.parse_args(argv)
    if args.part in ("quality", "all"):
        quality(args.data_dir, args.show_rules)
        print()
        quality(args.data_dir, args.show_rules, pooled=True)
    if args.part in ("few", "all"):
        print()
        few(args.data_dir)
    if args.part in ("seeds", "all"):
        print()
        seeds()
    if args.part in ("other", "all") and args.wcxb:
        print()
        other_sites(args.wcxb)
    if args.part in ("scale", "all"):
        print()
        scale(args.data_dir, [int(n) for n in args.scale_pages.split(",")])
    return 0


if __name__ == "__main__":
    sys.exit(main())
