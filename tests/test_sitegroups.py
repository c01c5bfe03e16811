"""`batch --learn` and `clean --jsonl --learn` through the real CLI: folders of several sites under
neutral names, JSON lines with URLs, saved rule files, and the same outputs whatever the file
order and the number of jobs."""

from __future__ import annotations

import json
import random
from pathlib import Path

from cleaner.normalize import split_lines
from cleaner.sitegroups import group_pages, scan_text, similarity

from .conftest import run_cli

# Two made-up sites no bundled rule knows: their menus, a latest-news list and a footer.
SITES = {
    "alpha": (["Alpha Daily", "Home", "World news", "Markets today", "Alpha sport"], "Latest from Alpha"),
    "beta": (["The Beta Post", "Front page", "Opinion and letters", "Beta weather"], "More stories"),
}


_VOCABULARY = (
    "the council river bridge school budget harbour museum library farmers engineers voted approved "
    "plans for a new station near old town square after months of careful study and public debate "
    "residents welcomed repairs while officials described costs timelines and funding from the region"
)
WORDS = tuple(_VOCABULARY.split())


def sentence(rng: random.Random, lo: int, hi: int) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    return " ".join(words).capitalize() + "."


def article(rng: random.Random) -> list[str]:
    """A title and three to five paragraphs."""
    title = "The " + " of the ".join(rng.choice(WORDS) for _ in range(3)) + " and what it means for the town"
    return [title, *(" ".join(sentence(rng, 12, 22) for _ in range(3)) for _ in range(rng.randint(3, 5)))]


def site_page(site: str, rng: random.Random) -> tuple[str, list[str]]:
    """A page of one made-up site, and its article lines."""
    menu, anchor = SITES[site]
    body = article(rng)
    lines = [*menu, *body, anchor]
    for _ in range(rng.randint(3, 5)):
        # An item: time, headline, lead (a sentence as long as the article's).
        lines += [f"{rng.randint(0, 23):02d}:{rng.randint(10, 59)}", sentence(rng, 5, 9).rstrip(".")]
        lines.append(sentence(rng, 14, 24))
    lines += [f"© {rng.choice((2024, 2025))} {menu[0]}. All rights reserved.", "Contact us"]
    return "\n".join(lines) + "\n", body


def corpus(count: int = 5, seed: int = 1) -> list[tuple[str, str, list[str]]]:
    """(site, page text, article) for ``count`` pages of each made-up site and 2 one-off pages."""
    rng = random.Random(seed)
    out = [(site, *site_page(site, rng)) for site in SITES for _ in range(count)]
    for n in range(2):
        body = article(rng)
        out.append((f"lone{n}", "\n".join([f"Lone site {n} header", *body]) + "\n", body))
    return out


def write_neutral(folder: Path, pages: list[tuple[str, str, list[str]]], order: int = 0) -> dict[str, int]:
    """Write the pages as docNNNNN.txt in a shuffled order; file name -> index in pages."""
    folder.mkdir(parents=True)
    idx = list(range(len(pages)))
    random.Random(order).shuffle(idx)
    names = {}
    for n, i in enumerate(idx):
        name = f"doc{n:05d}.txt"
        (folder / name).write_text(pages[i][1], encoding="utf-8")
        names[name] = i
    return names


def kept_lines(text: str) -> list[str]:
    return [line for line in split_lines(text) if line.strip()]


def test_neutral_names_fall_into_sites_and_each_site_is_learned(tmp_path: Path) -> None:
    pages = corpus()
    names = write_neutral(tmp_path / "in", pages)
    report = tmp_path / "report.json"
    proc = run_cli(
        "batch", tmp_path / "in", tmp_path / "out", "--learn", "--save-rules", tmp_path / "saved",
        "--report", report, "-j", "1",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "learned" in proc.stderr.decode() and "for 2 site groups of 10 pages" in proc.stderr.decode()
    files = {f["path"]: f for f in json.loads(report.read_text(encoding="utf-8"))["files"]}
    groups: dict[str, set[str]] = {}
    for name, i in names.items():
        site, text, body = pages[i]
        out = (tmp_path / "out" / name).read_text(encoding="utf-8")
        # Never invented text: the kept lines are input lines, in order.
        kept = kept_lines(out)
        inputs = kept_lines(text)
        it = iter(inputs)
        assert all(any(line == other for other in it) for line in kept)
        group = files[name]["group"]
        if site.startswith("lone"):
            assert group is None
            continue
        groups.setdefault(site, set()).add(group)
        assert kept == body, (site, out)
        assert any(hit.startswith(f"learned:{group}/") for hit in files[name]["hits"])
    assert all(len(g) == 1 for g in groups.values()) and len({next(iter(g)) for g in groups.values()}) == 2
    saved = sorted(p.name for p in (tmp_path / "saved").iterdir())
    assert saved == sorted(f"{next(iter(g))}.yaml" for g in groups.values())
    # The saved files are ordinary rule files: they load, and clean a new page of their site.
    assert run_cli("rules", "--rules", tmp_path / "saved").returncode == 0
    page, body = site_page("alpha", random.Random(42))
    cleaned = run_cli("clean", "--rules", tmp_path / "saved", "--no-generic", "--explain", stdin=page)
    assert cleaned.returncode == 0 and kept_lines(cleaned.stdout.decode()) == body


def test_same_outputs_whatever_the_file_order_and_jobs(tmp_path: Path) -> None:
    pages = corpus(count=4, seed=2)
    a = write_neutral(tmp_path / "a", pages, order=1)
    b = write_neutral(tmp_path / "b", pages, order=2)
    assert list(a) == list(b) and a != b  # the same names, other pages behind them
    one = run_cli("batch", tmp_path / "a", tmp_path / "oa", "--learn", "-j", "1", "--save-rules", tmp_path / "ra")
    two = run_cli("batch", tmp_path / "b", tmp_path / "ob", "--learn", "-j", "2", "--save-rules", tmp_path / "rb")
    assert one.returncode == two.returncode == 0, one.stderr + two.stderr
    by_page_b = {i: name for name, i in b.items()}
    for name, i in a.items():
        assert (tmp_path / "oa" / name).read_bytes() == (tmp_path / "ob" / by_page_b[i]).read_bytes()
    saved_a = {p.name: p.read_bytes() for p in (tmp_path / "ra").iterdir()}
    saved_b = {p.name: p.read_bytes() for p in (tmp_path / "rb").iterdir()}
    assert saved_a == saved_b and len(saved_a) == 2


def test_jsonl_records_are_grouped_by_their_urls_host(tmp_path: Path) -> None:
    rng = random.Random(3)
    records, bodies = [], []
    for n in range(8):
        site = "alpha" if n % 2 else "beta"
        text, body = site_page(site, rng)
        records.append({"url": f"https://www.{site}.example/news/{n}", "text": text})
        bodies.append(body)
    records.append({"url": "https://gamma.example/a", "text": "just one page\n"})
    records.append({"text": 5})  # a bad record is passed through as ever
    data = "".join(json.dumps(r) + "\n" for r in records)
    (tmp_path / "in.jsonl").write_text(data, encoding="utf-8")
    from_file = run_cli("clean", "--jsonl", tmp_path / "in.jsonl", "--learn", "--save-rules", tmp_path / "saved")
    from_stdin = run_cli("clean", "--jsonl", "--learn", stdin=data)
    assert from_file.returncode == from_stdin.returncode == 1  # the bad record
    assert from_file.stdout == from_stdin.stdout
    assert "for 2 site groups of 8 pages" in from_file.stderr.decode()
    assert sorted(p.name for p in (tmp_path / "saved").iterdir()) == ["alpha.example.yaml", "beta.example.yaml"]
    out = [json.loads(line) for line in from_file.stdout.decode().splitlines()]
    for record, body in zip(out[:8], bodies, strict=True):
        assert kept_lines(record["text"]) == body
    assert out[8]["text"] == "just one page\n" and out[9] == {"text": 5}


def test_learn_needs_jsonl_in_clean() -> None:
    proc = run_cli("clean", "--learn", stdin="x\n")
    assert proc.returncode == 2 and proc.stderr.decode().startswith("cleaner: error: --learn and --save-rules need")


def test_sketches_tell_sites_apart() -> None:
    rng = random.Random(4)
    alpha = [scan_text(site_page("alpha", rng)[0]) for _ in range(3)]
    beta = [scan_text(site_page("beta", rng)[0]) for _ in range(3)]
    assert similarity(alpha[0].sketch, alpha[1].sketch) > 0.25
    assert similarity(alpha[0].sketch, beta[0].sketch) < 0.1
    groups = group_pages([*beta, None, *alpha])
    assert sorted(sorted(m) for m in groups.values()) == [[0, 1, 2], [4, 5, 6]]
    assert list(group_pages(alpha, site="x")) == ["x"]
