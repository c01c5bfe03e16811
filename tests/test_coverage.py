"""Rule coverage through the real CLI: `check --coverage` on golden cases, `rules --coverage PAGES` on a corpus."""

from __future__ import annotations

import json
import re
from pathlib import Path

from .conftest import GOLDEN, run_cli

ARTICLE = (
    "Міська рада ухвалила бюджет на наступний рік після довгого обговорення з мешканцями району.\n"
    "Депутати погодили, що більшу частину коштів спрямують на ремонт шкіл та лікарень у місті.\n"
    "Реклама\n"
    "Мер пообіцяв оприлюднити повний звіт про витрати наприкінці кожного кварталу цього року.\n"
)
RULES = """id: town.example
hosts: [town.example]
rules:
  - id: budget
    kind: pattern
    pattern: 'бюджет'
  - id: never
    kind: line
    text: Цього рядка немає на жодній сторінці
    examples:
      drop: [Цього рядка немає на жодній сторінці]
      keep: [Інший рядок]
"""


def _table(stdout: bytes) -> dict[str, dict[str, str]]:
    lines = stdout.decode().splitlines()
    head = lines[0].split("\t")
    rows = [dict(zip(head, line.split("\t"), strict=True)) for line in lines[1:] if not line.startswith("#")]
    return {row["rule"]: row for row in rows}


def test_check_coverage_counts_hits_on_golden_cases() -> None:
    proc = run_cli("check", GOLDEN, "--coverage")
    assert proc.returncode == 0, proc.stdout
    table = _table(proc.stdout.split(b"\n", 1)[1])  # after check's own summary line
    assert int(table["ostro.org/articles-teasers"]["hits"]) > 0
    assert int(table["interfax.com.ua/headline-lists"]["pages"]) >= 5
    assert table["common/ad-label"]["file"] == "common"
    assert proc.stdout.decode().splitlines()[-1].startswith("# coverage: 11 pages, ")


def test_rules_coverage_flags_never_firing_unexampled_and_over_broad_rules(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "town.example.yaml").write_text(RULES, encoding="utf-8")
    pages = tmp_path / "pages"
    pages.mkdir()
    for n in range(3):
        (pages / f"{n}.txt").write_text(ARTICLE, encoding="utf-8")
    proc = run_cli("rules", "-r", rules, "--coverage", pages, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    table = _table(proc.stdout)
    budget, never = table["town.example/budget"], table["town.example/never"]
    # No URL and no fingerprints: the site rules do not apply; the common ad label does.
    assert never["notes"] == "never fires (no page of its site)"
    assert int(table["common/ad-label"]["hits"]) == 3 and table["common/ad-label"]["pages"] == "3"
    assert "no drop examples" in budget["notes"] and "no keep examples" in budget["notes"]
    site_pages = tmp_path / "site.jsonl"
    site_pages.write_text(
        "".join(json.dumps({"url": f"https://town.example/{n}", "text": ARTICLE}) + "\n" for n in range(2)),
        encoding="utf-8",
    )
    proc = run_cli("rules", "-r", rules, "--coverage", site_pages)
    table = _table(proc.stdout)
    budget = table["town.example/budget"]
    assert (budget["hits"], budget["pages"], budget["core-removed"]) == ("2", "2", "2")
    assert "over-broad: removes 2 core lines" in budget["notes"]
    assert table["town.example/never"]["notes"] == "never fires"
    last = proc.stdout.decode().splitlines()[-1]
    assert re.fullmatch(
        r"# coverage: 2 pages, \d+ rules: \d+ never fire, \d+ without drop examples, "
        r"\d+ without keep examples, 1 over-broad",
        last,
    ), last


def test_rules_pages_without_coverage_is_a_usage_error(tmp_path: Path) -> None:
    proc = run_cli("rules", tmp_path)
    assert proc.returncode == 2 and proc.stderr.decode().startswith("cleaner: error: ")
