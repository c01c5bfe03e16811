"""`cleaner learn`: the real CLI end to end on pages in the seed sites' layouts and on the golden
pages, plus the library's guarantees (support threshold, masking, order independence)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from benchmarks import seedgen
from cleaner.learn import MIN_PAGES, NotEnoughPagesError, is_stamp, learn, mask, to_pattern
from cleaner.normalize import normalize, split_lines
from cleaner.rules import compile_pattern, load_rule_file

from .conftest import GOLDEN, run_cli


def write_pages(folder: Path, texts: list[str], names: list[str] | None = None, encoding: str = "utf-8") -> Path:
    """Write page texts as files of a folder."""
    folder.mkdir(parents=True, exist_ok=True)
    names = names or [f"page-{i:02d}.txt" for i in range(len(texts))]
    for name, text in zip(names, texts, strict=True):
        (folder / name).write_bytes(text.encode(encoding))
    return folder


@pytest.fixture(scope="module")
def interfax_dir(tmp_path_factory) -> Path:
    return write_pages(tmp_path_factory.mktemp("interfax"), seedgen.pages("interfax", 10, seed=1))


@pytest.fixture(scope="module")
def ostro_dir(tmp_path_factory) -> Path:
    return write_pages(tmp_path_factory.mktemp("ostro"), seedgen.pages("ostro", 10, seed=1))


def learn_cli(docs: Path, out: Path, site: str = "example.test", *extra: str):
    return run_cli("learn", docs, "--site", site, "-o", out, *extra)


@pytest.mark.parametrize("layout", ["interfax", "ostro"])
def test_learned_file_validates_and_cleans_template_keeping_article(layout, interfax_dir, ostro_dir, tmp_path):
    docs = interfax_dir if layout == "interfax" else ostro_dir
    out = tmp_path / "rules" / "example.test.yaml"
    proc = learn_cli(docs, out)
    assert proc.returncode == 0, proc.stderr
    assert b"learned" in proc.stderr
    rule_file = load_rule_file(out)
    assert rule_file.id == "example.test" and rule_file.hosts == ("example.test",)
    text = out.read_text(encoding="utf-8")
    assert "# in 10 of 10 pages; e.g." in text
    assert "kind: block" in text and "extent: shape" in text
    # The rule examples hold (`cleaner check` on an empty golden folder runs only the examples).
    empty = tmp_path / "golden"
    empty.mkdir()
    check = run_cli("check", empty, "--rules", out.parent)
    assert check.returncode == 0, check.stdout + check.stderr
    # A new page of the same layout: the template goes, the article stays, every line.
    rng = random.Random(99)
    body = seedgen.article(rng)
    page = (seedgen.interfax_page if layout == "interfax" else seedgen.ostro_page)(rng, body)
    cleaned = run_cli("clean", "--rules", out.parent, "--site", "example.test", "--no-generic", stdin=page)
    assert cleaned.returncode == 0, cleaned.stderr
    kept = [line for line in cleaned.stdout.decode().splitlines() if line.strip()]
    assert kept == body
    # Without --site, the learned fingerprints recognise the site (over the bundled seed rules).
    assert rule_file.fingerprints
    found = run_cli("clean", "--rules", out.parent, "--no-generic", "--explain", stdin=page)
    assert b"site example.test (from fingerprint)" in found.stderr
    assert found.stdout == cleaned.stdout


def test_same_file_whatever_the_order_of_the_files(tmp_path):
    texts = seedgen.pages("ostro", 10, seed=3)
    forward = write_pages(tmp_path / "a", texts)
    names = [f"{chr(ord('z') - i)}-{i * 7 % 10}.txt" for i in range(len(texts))]
    backward = write_pages(tmp_path / "b", texts[::-1], names)
    a = learn_cli(forward, tmp_path / "ra" / "a.yaml", "example.test", "--report")
    b = learn_cli(backward, tmp_path / "rb" / "b.yaml", "example.test", "--report")
    assert a.returncode == b.returncode == 0
    assert (tmp_path / "ra" / "a.yaml").read_bytes() == (tmp_path / "rb" / "b.yaml").read_bytes()
    assert a.stdout == b.stdout


def test_existing_output_is_refused_unless_force(interfax_dir, tmp_path):
    out = tmp_path / "site.yaml"
    out.write_text("keep me\n", encoding="utf-8")
    proc = learn_cli(interfax_dir, out)
    assert proc.returncode == 2
    assert b"exists" in proc.stderr and b"--force" in proc.stderr
    assert out.read_text(encoding="utf-8") == "keep me\n"
    forced = learn_cli(interfax_dir, out, "example.test", "--force")
    assert forced.returncode == 0, forced.stderr
    assert load_rule_file(out).rules


def test_too_few_pages_exit_2_and_nothing_written(tmp_path):
    docs = write_pages(tmp_path / "few", seedgen.pages("interfax", MIN_PAGES - 1))
    out = tmp_path / "out" / "site.yaml"
    proc = learn_cli(docs, out)
    assert proc.returncode == 2
    assert proc.stderr.decode().startswith(
        f"cleaner: error: {MIN_PAGES - 1} pages given; learning needs at least {MIN_PAGES}"
    )
    assert b"nothing written" in proc.stderr
    assert not out.exists()


def test_nothing_recurring_exit_2(tmp_path):
    rng = random.Random(5)
    docs = write_pages(tmp_path / "unique", ["\n".join(seedgen.article(rng)) + "\n" for _ in range(6)])
    proc = learn_cli(docs, tmp_path / "site.yaml")
    assert proc.returncode == 2 and b"nothing to learn" in proc.stderr
    assert not (tmp_path / "site.yaml").exists()


def test_mixed_sites_warn(tmp_path):
    texts = seedgen.pages("interfax", 5, seed=4) + seedgen.pages("ostro", 5, seed=4)
    docs = write_pages(tmp_path / "mixed", texts)
    proc = learn_cli(docs, tmp_path / "mixed.yaml")
    assert proc.returncode == 0, proc.stderr
    err = proc.stderr.decode()
    assert "cleaner: warning: the pages look like several sites" in err
    assert "interfax.com.ua (5 pages)" in err and "ostro.org (5 pages)" in err


def test_pages_in_several_encodings(tmp_path):
    texts = seedgen.pages("ostro", 10, seed=1)
    docs = tmp_path / "enc"
    write_pages(docs, texts[:5])
    write_pages(docs, texts[5:7], ["cp-1.txt", "cp-2.txt"], encoding="cp1251")
    write_pages(docs, texts[7:], ["u16-1.txt", "u16-2.txt", "u16-3.txt"], encoding="utf-16")
    proc = learn_cli(docs, tmp_path / "enc.yaml")
    assert proc.returncode == 0, proc.stderr
    assert b"not UTF-8" in proc.stderr and b"cp1251" in proc.stderr
    utf8 = write_pages(tmp_path / "utf8", texts)
    assert learn_cli(utf8, tmp_path / "u" / "utf8.yaml").returncode == 0
    assert (tmp_path / "enc.yaml").read_bytes() == (tmp_path / "u" / "utf8.yaml").read_bytes()


def test_min_support_and_max_rules(ostro_dir, tmp_path):
    default = learn_cli(ostro_dir, tmp_path / "default" / "default.yaml")
    strict = learn_cli(ostro_dir, tmp_path / "strict" / "strict.yaml", "example.test", "--min-support", "10")
    one = learn_cli(ostro_dir, tmp_path / "one" / "one.yaml", "example.test", "--max-rules", "1")
    assert default.returncode == strict.returncode == one.returncode == 0
    n_default = len(load_rule_file(tmp_path / "default" / "default.yaml").rules)
    strict_file = (tmp_path / "strict" / "strict.yaml").read_text(encoding="utf-8")
    assert len(load_rule_file(tmp_path / "strict" / "strict.yaml").rules) < n_default
    assert "a rule needed 10 or more pages" in strict_file
    assert all(line.startswith("  # in 10 of 10 pages") for line in strict_file.splitlines() if "# in " in line)
    assert len(load_rule_file(tmp_path / "one" / "one.yaml").rules) == 1
    fraction = learn_cli(ostro_dir, tmp_path / "frac" / "frac.yaml", "example.test", "--min-support", "1.0")
    assert fraction.returncode == 0  # 1.0 is a count (one page), raised to the floor of 2 pages
    too_many = learn_cli(ostro_dir, tmp_path / "x" / "x.yaml", "example.test", "--min-support", "11")
    assert too_many.returncode == 2 and not (tmp_path / "x" / "x.yaml").exists()


def test_report_shows_what_each_rule_removes(interfax_dir, tmp_path):
    proc = learn_cli(interfax_dir, tmp_path / "r.yaml", "example.test", "--report")
    assert proc.returncode == 0, proc.stderr
    report = proc.stdout.decode()
    assert report.startswith("# learned ")
    assert "block-01\tblock\tin 10 of 10 pages\tremoves" in report
    assert "    - ЩЕ ЗА ТЕМОЮ" in report or "    - ОСТАННЄ" in report


def test_learns_from_the_real_golden_pages(tmp_path):
    docs = tmp_path / "golden-interfax"
    docs.mkdir()
    for path in sorted((GOLDEN / "interfax.com.ua").glob("*.input.txt")):
        (docs / path.name).write_bytes(path.read_bytes())
    out = tmp_path / "rules" / "ifx.yaml"
    proc = run_cli("learn", docs, "--site", "ifx", "-o", out, "--glob", "*.input.txt")
    assert proc.returncode == 0, proc.stderr
    page = (GOLDEN / "interfax.com.ua" / "seed-000.input.txt").read_bytes()
    cleaned = run_cli("clean", "--rules", out.parent, "--site", "ifx", "--no-generic", stdin=page).stdout.decode()
    assert "ЩЕ ЗА ТЕМОЮ" not in cleaned and "ОСТАННЄ" not in cleaned and "11:53, 09.03.2025" not in cleaned
    assert cleaned.startswith("Умєров і помічник генсека НАТО обговорили")
    assert "зазначив Умєров" in cleaned


# -- the library ------------------------------------------------------------------------------


def test_article_text_shared_by_two_of_ten_pages_never_becomes_a_rule():
    rng = random.Random(7)
    quote = "Ми робимо все, щоб діти могли вчитися офлайн, сказав начальник міської військової адміністрації."
    pages = []
    for i in range(10):
        body = seedgen.article(rng)
        if i < 2:
            body.insert(2, quote)
        pages.append(seedgen.interfax_page(rng, body))
    result = learn(pages, "t")
    assert normalize(quote) not in result.yaml.casefold()
    assert all(normalize(quote) not in rule.members for rule in result.rules)
    assert all(r.support >= 5 for r in result.rules)


def test_order_of_pages_does_not_change_the_result():
    pages = seedgen.pages("interfax", 8, seed=2) + seedgen.pages("interfax", 4, seed=3)
    shuffled = pages[:]
    random.Random(1).shuffle(shuffled)
    assert learn(pages, "t").yaml == learn(shuffled, "t").yaml


def test_too_few_pages_raise():
    with pytest.raises(NotEnoughPagesError):
        learn(seedgen.pages("ostro", MIN_PAGES - 1), "t")


@pytest.mark.parametrize(
    ("line", "masked_same_as"),
    [
        ("Країна 29.01.2026 14:00", "Країна 02.09.2025 09:30"),
        ("10 captures", "236 captures"),
        ("Page last updated at 02:18 GMT, Tuesday, 10 March 2009", "Page last updated at 9:05 GMT, Friday, 1 May 2026"),
    ],
)
def test_masking_puts_dated_variants_together_and_the_pattern_matches_both(line, masked_same_as):
    a, b = mask(normalize(line)), mask(normalize(masked_same_as))
    assert a == b
    pattern = compile_pattern(to_pattern(a))
    assert pattern.search(normalize(line)) and pattern.search(normalize(masked_same_as))


def test_may_in_prose_is_a_word_not_a_month():
    assert mask("you may also like") == "you may also like"
    assert is_stamp(mask("11:53, 09.03.2025")) and not is_stamp(mask("країна 29.01.2026"))


def test_learned_yaml_is_valid_for_the_rule_loader():
    result = learn(seedgen.pages("ostro", 6), "t")
    assert split_lines(result.yaml)[3] == 'id: "t"'
    assert result.rule_file.id == "t"


def test_a_private_use_character_of_the_page_never_passes_for_a_mask_token():
    line = normalize("\ue000 Menu 2026")
    masked = mask(line)
    assert masked.startswith("\ue005")
    assert compile_pattern(to_pattern(masked)).search(line)
