"""`cleaner learn` on bylines and in-article widgets: a learned file cleans held-out pages of the site.

The pages are generated: a menu, a title, a byline with other names on every page ('By Ann
Lee, Staff Writer'), paragraphs, and a 'Don't Miss' box of headlines inside the article. The
rules are learned by the real CLI from some pages and used on others, as a crawl's new pages are.
"""

from __future__ import annotations

import random
from pathlib import Path

from benchmarks import seedgen
from cleaner.learn import learn

from .conftest import run_cli
from .test_learn import write_pages

FIRST = ["Ann", "Bob", "Cara", "Dmytro", "Eve", "Farid", "Gina", "Hugo", "Iris", "Jon", "Kira", "Liam"]
LAST = ["Lee", "Stone", "Marsh", "Koval", "Brandt", "Ortiz", "Novak", "Reyes", "Holm", "Tan", "Vidal", "Wolfe"]
MENU = ["Home", "World", "Business", "Sports", "Opinion"]
FOOTER = ["Contact us", "Privacy policy", "Terms of use"]


def site_page(rng: random.Random, k: int, title: str | None = None) -> tuple[str, dict[str, list[str]]]:
    """One page of the site, and its parts by role."""
    body = seedgen.article(rng, (4, 6))
    title = title or body[0]
    paragraphs = body[1:]
    byline = f"By {FIRST[k % len(FIRST)]} {LAST[(3 * k + 1) % len(LAST)]}, Staff Writer"
    widget = [" ".join(seedgen.article(rng, (1, 1))[0].split()[:6]) for _ in range(rng.randint(1, 3))]
    lines = [*MENU, title, byline, paragraphs[0], paragraphs[1], "Don't Miss", *widget, *paragraphs[2:], *FOOTER]
    return "\n".join(lines) + "\n", {"title": [title], "byline": [byline], "text": paragraphs, "widget": widget}


def test_byline_and_widget_learned_and_removed_on_held_out_pages(tmp_path: Path):
    rng = random.Random(11)
    train = [site_page(rng, k)[0] for k in range(6)]
    docs = write_pages(tmp_path / "pages", train)
    out = tmp_path / "site.yaml"
    done = run_cli("learn", docs, "--site", "example.test", "-o", out)
    assert done.returncode == 0, done.stderr
    for k in range(6, 10):  # names and headlines the training pages never had
        text, parts = site_page(rng, k)
        page = tmp_path / f"new-{k}.txt"
        page.write_text(text, encoding="utf-8")
        cleaned = run_cli("clean", page, "--rules", out, "--site", "example.test")
        assert cleaned.returncode == 0, cleaned.stderr
        kept = cleaned.stdout.decode("utf-8").splitlines()
        assert parts["byline"][0] not in kept
        assert not set(parts["widget"]) & set(kept)
        assert all(p in kept for p in parts["text"])
        assert parts["title"][0] in kept


def test_titles_that_start_alike_never_become_a_pattern():
    rng = random.Random(5)
    pages = [site_page(rng, k, title=f"Storm {seedgen.article(rng)[0]}")[0] for k in range(8)]
    result = learn(pages, "t")
    patterns = [r.regex for r in result.rules if r.regex]
    assert patterns, "the byline's pattern is learned"
    assert not [p for p in patterns if p.startswith("^storm")]


def test_a_story_title_listed_on_its_neighbours_pages_is_kept_on_its_own(tmp_path: Path):
    rng = random.Random(3)
    titles = [" ".join(seedgen.article(rng)[0].split()[:6]) for _ in range(8)]
    pages = []
    for k, title in enumerate(titles):
        text, _ = site_page(rng, k, title=title)
        more = [titles[(k + d) % len(titles)] for d in range(1, 5)]  # four other stories' titles
        pages.append(text.replace("Contact us\n", "More stories\n" + "\n".join(more) + "\nContact us\n"))
    docs = write_pages(tmp_path / "in", pages)
    done = run_cli("batch", docs, tmp_path / "out", "--learn")
    assert done.returncode == 0, done.stderr
    for k, title in enumerate(titles):
        kept = (tmp_path / "out" / f"page-{k:02d}.txt").read_text(encoding="utf-8").splitlines()
        assert title in kept
        assert not {titles[(k + d) % len(titles)] for d in range(1, 5)} & set(kept)
