"""Site rules come first: on a site with a rule file, generic detection keeps the whole article.

The pages are the ostro.org seed's real lines, with the rubric, date and photo-credit lines an
ostro.org article carries between its headline and its paragraphs, under a real headline of the
seeds whose stopword density is low (generic mode reads such a line as a tag list).
"""

from __future__ import annotations

import json

import pytest

from benchmarks import seedgen
from cleaner.normalize import split_lines

from .conftest import GOLDEN

SEED = split_lines((GOLDEN / "ostro.org" / "seed-002.input.txt").read_text(encoding="utf-8"))
HEADLINE = (
    "Умєров та Кубілюс обговорили ініціативи, які дозволять забезпечити фінансування ЗСУ та закупівлю "
    "оборонної продукції"
)
RUBRIC, DATE, CREDIT = "Політика", "10.07.2024 12:55", "Фото: Міністерство оборони України"
PARAGRAPHS = [line for line in SEED[2:14] if line.strip()]  # the article's paragraphs, last one included
LAST = "Раніше повідомлялось, що в Брюсселі підписали Угоду"
ARTICLE = [HEADLINE, RUBRIC, DATE, *PARAGRAPHS[:2], CREDIT, *PARAGRAPHS[2:]]
# The seed's tail: donation banner, button, the 'Статті' teaser list (the rules take these).
TAIL = SEED[SEED.index(next(line for line in SEED if line.startswith("Раніше «ОстроВ»"))) :]
# A site's top menu as scraped: generic detection takes it as a run of short lines.
MENU = ["Новини", "Блоги", "Розслідування", "Відео", "Про нас", "Контакти"]


def verdicts(cli, page: list[str], *args: str) -> dict[str, str]:
    """Each non-blank line's verdict by `cleaner clean --explain` (jsonl): 'keep' or its rule."""
    proc = cli("clean", "--explain", "--explain-format", "jsonl", *args, stdin="\n".join(page) + "\n")
    assert proc.returncode == 0, proc.stderr
    out = {}
    for raw in proc.stderr.decode().splitlines():
        rec = json.loads(raw)
        if rec["text"].strip():
            out[rec["text"]] = "keep" if rec["verdict"] == "keep" else rec["rule"]
    return out


def test_paragraphs_run_through_the_last_one():
    assert PARAGRAPHS[-1].startswith(LAST)
    assert TAIL[0].startswith("Раніше «ОстроВ»")


def test_generic_detection_keeps_headline_through_last_paragraph_on_a_site_with_rules(cli):
    page = [*ARTICLE, "", *TAIL]
    seen = verdicts(cli, page, "--site", "ostro.org")
    assert [seen[line] for line in ARTICLE] == ["keep"] * len(ARTICLE)
    assert seen[TAIL[0]].startswith("ostro.org/")  # the rules still clean the tail


def test_generic_mode_takes_those_lines_inside_the_article(cli):
    # The same article with no site recognised (no tail, so no fingerprint): generic mode
    # decides alone and drops the date and the credit, which the site's page keeps.
    seen = verdicts(cli, ARTICLE)
    assert seen[DATE] == "generic/timestamp"
    assert seen[CREDIT] == "generic/byline"


SITE_FILE = """\
id: example.org
hosts: [example.org]
{generic}rules:
  - id: ad
    kind: line
    text: Реклама
"""


@pytest.mark.parametrize(
    ("setting", "menu_kept", "tail_kept"),
    [
        ("", False, False),
        ("generic: on\n", False, False),
        ("generic: tail\n", True, False),
        ("generic: off\n", True, True),
    ],
)
def test_generic_key_sets_what_detection_may_remove(cli, tmp_path, setting, menu_kept, tail_kept):
    (tmp_path / "example.yaml").write_text(SITE_FILE.format(generic=setting), encoding="utf-8")
    page = [*MENU, "", *ARTICLE, "", *TAIL]
    seen = verdicts(cli, page, "--rules", str(tmp_path), "--url", "https://example.org/a")
    assert all(seen[line] == "keep" for line in ARTICLE)
    assert all(seen[line] == "keep" for line in MENU) is menu_kept
    assert (seen[TAIL[0]] == "keep") is tail_kept


def test_generic_full_cleans_the_article_top_as_on_a_page_of_no_site(cli, tmp_path):
    # `generic: full`: detection runs as on a page of no site, rules first: the menu goes and
    # so do the date and the credit inside the article, which `on` keeps; headline and
    # paragraphs stay.
    (tmp_path / "example.yaml").write_text(SITE_FILE.format(generic="generic: full\n"), encoding="utf-8")
    page = [*MENU, "", *ARTICLE, "", *TAIL]
    seen = verdicts(cli, page, "--rules", str(tmp_path), "--url", "https://example.org/a")
    assert seen[DATE] == "generic/timestamp" and seen[CREDIT] == "generic/byline"
    assert seen[HEADLINE] == "keep" and all(seen[line] == "keep" for line in PARAGRAPHS)
    assert all(seen[line] != "keep" for line in MENU)


def test_a_learned_file_lets_generic_detection_take_the_date_under_the_headline(cli, tmp_path):
    # `cleaner learn` writes `generic: full`: a learned file drafts the site's template and
    # knows nothing of where its article starts, so the date and credit between headline and
    # paragraphs go as on a page of no site; edited to `generic: on`, the file keeps them.
    docs = tmp_path / "pages"
    docs.mkdir()
    for i, text in enumerate(seedgen.pages("ostro", 6, seed=3)):
        (docs / f"p{i}.txt").write_text(text, encoding="utf-8")
    learned = tmp_path / "learned.yaml"
    proc = cli("learn", str(docs), "--site", "ostro.example", "-o", str(learned))
    assert proc.returncode == 0, proc.stderr
    assert "\ngeneric: full\n" in learned.read_text(encoding="utf-8")
    page = [*ARTICLE, "", *TAIL]
    seen = verdicts(cli, page, "--rules", str(learned), "--site", "ostro.example")
    assert seen[DATE] == "generic/timestamp" and seen[CREDIT] == "generic/byline"
    assert seen[HEADLINE] == "keep" and all(seen[line] == "keep" for line in PARAGRAPHS)
    assert seen[TAIL[0]] != "keep"
    learned.write_text(learned.read_text(encoding="utf-8").replace("generic: full", "generic: on"), encoding="utf-8")
    seen = verdicts(cli, page, "--rules", str(learned), "--site", "ostro.example")
    assert seen[DATE] == "keep" and seen[CREDIT] == "keep"


@pytest.mark.parametrize("value", ["sometimes", "1", "[on]", "'tail '"])
def test_bad_generic_value_is_refused_with_file_and_line(cli, tmp_path, value):
    (tmp_path / "example.yaml").write_text(SITE_FILE.format(generic=f"generic: {value}\n"), encoding="utf-8")
    proc = cli("clean", "--rules", str(tmp_path), stdin="Реклама\n")
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert err.count("\n") == 1 and "example.yaml:3: " in err and "generic must be one of on, tail, off" in err


def test_generic_key_in_common_rules_is_refused(cli, tmp_path):
    text = "id: mine\ncommon: true\ngeneric: tail\nrules:\n  - id: ad\n    kind: line\n    text: Реклама\n"
    (tmp_path / "mine.yaml").write_text(text, encoding="utf-8")
    proc = cli("rules", "--rules", str(tmp_path))
    assert proc.returncode == 2
    assert "mine.yaml:3: " in proc.stderr.decode() and "only applies to a site's rule file" in proc.stderr.decode()


def test_site_known_by_fingerprint_only_cleans_to_itself_again(cli):
    # The seed's tail holds the site's fingerprint; its output does not. Were the article kept
    # whole for the site the first time, a second cleaning (no site known) would drop the date.
    page = "\n".join([*ARTICLE, "", *TAIL]) + "\n"
    once = cli("clean", stdin=page)
    assert once.returncode == 0
    assert cli("clean", stdin=once.stdout).stdout == once.stdout
    with_site = cli("clean", "--site", "ostro.org", stdin=page).stdout
    assert DATE in with_site.decode().splitlines()
    assert cli("clean", "--site", "ostro.org", stdin=with_site).stdout == with_site
