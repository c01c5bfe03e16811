"""`--rules` takes files and folders; `learn` walks folders, skips bad pages, reads HTML as text.

All through the real CLI, with rule files written by `cleaner learn -o` and used straight away.
"""

from __future__ import annotations

import random
from pathlib import Path

from benchmarks import seedgen
from cleaner import load_rules
from cleaner.learn import learn, resolve_support

from .conftest import run_cli


def write_pages(folder: Path, texts: list[str], prefix: str = "page") -> Path:
    """Write page texts as files of a folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(texts):
        (folder / f"{prefix}-{i:02d}.txt").write_text(text, encoding="utf-8")
    return folder


def new_page(layout: str, seed: int = 99) -> tuple[str, list[str]]:
    """A fresh page of a seed layout and its article lines."""
    rng = random.Random(seed)
    body = seedgen.article(rng)
    page = (seedgen.interfax_page if layout == "interfax" else seedgen.ostro_page)(rng, body)
    return page, body


def test_a_file_from_learn_o_is_used_straight_away_with_rules(tmp_path: Path) -> None:
    docs = write_pages(tmp_path / "docs", seedgen.pages("ostro", 8, seed=1))
    out = tmp_path / "learned.yaml"
    assert run_cli("learn", docs, "--site", "example.test", "-o", out).returncode == 0
    page, body = new_page("ostro")
    (tmp_path / "page.txt").write_text(page, encoding="utf-8")
    proc = run_cli("clean", tmp_path / "page.txt", "--rules", out, "--no-generic", "--explain")
    assert proc.returncode == 0, proc.stderr
    assert "site example.test (from fingerprint)" in proc.stderr.decode()
    assert [line for line in proc.stdout.decode().splitlines() if line.strip()] == body
    # The same file through $CLEANER_RULES, in `rules` and in `check` (its own examples hold).
    listing = run_cli("rules", env={"CLEANER_RULES": str(out)})
    assert listing.returncode == 0 and str(out) in listing.stdout.decode()
    golden = tmp_path / "golden"
    golden.mkdir()
    check = run_cli("check", golden, "--rules", out)
    assert check.returncode == 0, check.stdout + check.stderr


def test_load_rules_takes_one_str_path_a_path_or_a_list(tmp_path: Path) -> None:
    docs = write_pages(tmp_path / "docs", seedgen.pages("ostro", 6, seed=2))
    out = tmp_path / "my-rules" / "x.yaml"
    assert run_cli("learn", docs, "--site", "x.test", "-o", out).returncode == 0
    for given in (str(out.parent), out.parent, str(out), [out], [str(out.parent)]):
        assert "x.test" in load_rules(given, env={}).sites


def test_a_missing_rules_path_is_one_clear_error(tmp_path: Path) -> None:
    proc = run_cli("clean", "--rules", tmp_path / "nope.yaml", stdin="x\n")
    assert proc.returncode == 2
    missing = tmp_path / "nope.yaml"
    assert proc.stderr.decode() == f"cleaner: error: invalid rules: {missing}: rules path does not exist\n"


def test_learn_refuses_a_second_file_with_the_same_id_in_one_folder(tmp_path: Path) -> None:
    docs = write_pages(tmp_path / "docs", seedgen.pages("ostro", 6, seed=3))
    rules = tmp_path / "rules"
    assert run_cli("learn", docs, "--site", "s.test", "-o", rules / "hand.yaml").returncode == 0
    proc = run_cli("learn", docs, "--site", "s.test", "-o", rules / "learned.yaml")
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert "hand.yaml" in err and "already defines site id 's.test'" in err and "--rules" in err
    assert not (rules / "learned.yaml").exists()
    # The folder still loads for every later command.
    assert run_cli("rules", "--rules", rules).returncode == 0
    # Two such files put there by hand: the error names both and says what to do.
    (rules / "copy.yaml").write_bytes((rules / "hand.yaml").read_bytes())
    broken = run_cli("rules", "--rules", rules)
    assert broken.returncode == 2
    msg = broken.stderr.decode()
    assert "hand.yaml" in msg and "copy.yaml" in msg and "own folder" in msg


def test_a_learned_file_given_after_a_folder_with_the_same_id_wins(tmp_path: Path) -> None:
    docs = write_pages(tmp_path / "docs", seedgen.pages("ostro", 6, seed=4))
    learned = tmp_path / "learned" / "ostro.yaml"
    proc = run_cli("learn", docs, "--site", "ostro.org", "-o", learned)
    assert proc.returncode == 0 and b"also defined in" in proc.stderr
    listing = run_cli("rules", "--rules", learned).stdout.decode()
    assert f"{learned}" in next(line for line in listing.splitlines() if line.startswith("ostro.org\t"))


def test_learn_walks_subfolders_skips_bad_pages_and_reads_html_as_text(tmp_path: Path) -> None:
    texts = seedgen.pages("interfax", 8, seed=5)
    docs = tmp_path / "docs"
    write_pages(docs / "a", texts[:3])
    write_pages(docs / "b" / "c", texts[3:6], prefix="deep")
    html = "".join(f"<p>{line}</p>" for line in texts[6].splitlines() if line.strip())
    (docs / "page.html").write_text(f"<html><body><article>{html}</article></body></html>", encoding="utf-8")
    (docs / "last.txt").write_text(texts[7], encoding="utf-8")
    (docs / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    out = tmp_path / "learned.yaml"
    proc = run_cli("learn", docs, "--site", "i.test", "-o", out, "--html-mode", "lines")
    assert proc.returncode == 0, proc.stderr
    err = proc.stderr.decode()
    assert "cleaner: warning: skipped" in err and "binary.txt" in err
    assert "from 8 pages" in err
    text = out.read_text(encoding="utf-8")
    assert "</article>" not in text and "<p>" not in text


def test_two_or_three_pages_are_enough_and_need_every_page() -> None:
    assert resolve_support(None, 2) == 2 and resolve_support(None, 3) == 3
    assert resolve_support(None, 4) == 3 and resolve_support(None, 10) == 5
    pages = seedgen.pages("ostro", 2, seed=6)
    result = learn(pages, "t")
    assert result.rules and all(r.support == 2 for r in result.rules)


def test_a_list_of_time_headline_lead_items_after_a_heading_is_learned_as_a_block() -> None:
    rng = random.Random(8)

    def page() -> tuple[str, list[str]]:
        body = seedgen.article(rng)
        lines = ["Site menu", "Section one", "Section two", *body, "Latest news"]
        for _ in range(rng.randint(3, 5)):
            lines += [f"{rng.randint(10, 23)}:{rng.randint(10, 59)}", seedgen.article(rng)[0]]
            lines.append(seedgen.article(rng, (1, 1))[1])  # the lead: as long as a paragraph
        return "\n".join([*lines, "Contact"]) + "\n", body

    result = learn([page()[0] for _ in range(6)], "t")
    blocks = [r for r in result.rules if r.kind == "block"]
    assert [b.example for b in blocks] == ["Latest news"]
    assert [list(e) for e in blocks[0].shape][:1] == [["pattern"]] and len(blocks[0].shape) == 3
    from cleaner.core import clean
    from cleaner.rules import build_ruleset

    text, body = page()
    kept = clean(text, build_ruleset([[result.rule_file]]), site="t", generic=False)
    assert [line.text for line in kept.lines if line.kept and line.text.strip()] == body
