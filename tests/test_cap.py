"""The removal cap (max_removed_share) through the real CLI: explain, batch reports, review, validation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import GOLDEN, run_cli
from .test_review import parse

PAGE = GOLDEN / "ostro.org/seed-002.input.txt"
BROAD = """id: ostro.org
hosts: [ostro.org]
{extra}
rules:
  - id: everything
    kind: pattern
    pattern: '\\pL'
"""


def _rules(tmp_path: Path, extra: str = "") -> Path:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / "ostro.org.yaml").write_text(BROAD.format(extra=extra), encoding="utf-8")
    return folder


def test_a_rule_file_over_its_cap_is_not_applied_and_is_flagged(tmp_path: Path) -> None:
    rules = _rules(tmp_path)
    proc = run_cli("clean", PAGE, "--site", "ostro.org", "-r", rules, "--explain")
    assert proc.returncode == 0, proc.stderr
    head = proc.stderr.decode().splitlines()[0]
    assert "CAPPED: ostro.org would remove over max_removed_share, not applied" in head
    rows = run_cli("clean", PAGE, "--site", "ostro.org", "-r", rules, "--explain", "--explain-format", "jsonl")
    data = [json.loads(line) for line in rows.stderr.decode().splitlines()]
    assert all(row["capped"] == ["ostro.org"] for row in data)
    # Every line the broad rule matches (any letter) is kept and guarded, unless a common rule removes it.
    lettered = [row for row in data if any(ch.isalpha() for ch in row["text"])]
    common = [row for row in lettered if row.get("rule", "").startswith("common/")]
    guarded = [row for row in lettered if row.get("protected_by") == "ostro.org/max_removed_share"]
    assert len(lettered) >= 20 and len(common) < 3
    assert len(guarded) == len(lettered) - len(common)
    assert all(row["verdict"] == "keep" for row in guarded)
    kept = [line for line in proc.stdout.decode().splitlines() if line.strip()]
    assert kept[: len(guarded)] == [row["text"] for row in guarded][: len(kept)]
    again = run_cli("clean", "--site", "ostro.org", "-r", rules, stdin=proc.stdout)
    assert again.stdout == proc.stdout  # cleaning the output again changes nothing


def test_a_raised_cap_lets_the_rule_apply(tmp_path: Path) -> None:
    rules = _rules(tmp_path, "max_removed_share: 1")
    proc = run_cli("clean", PAGE, "--site", "ostro.org", "-r", rules, "--explain")
    assert proc.returncode == 0
    assert b"CAPPED" not in proc.stderr
    out = proc.stdout.decode().splitlines()
    assert out and not any(ch.isalpha() for line in out for ch in line)  # only the date and time lines are left


def test_short_pages_are_never_capped(tmp_path: Path) -> None:
    rules = _rules(tmp_path)
    proc = run_cli("clean", "--site", "ostro.org", "-r", rules, stdin="Реклама\nПідтримати\n")
    assert (proc.returncode, proc.stdout) == (0, b"")


def test_batch_report_and_review_flag_capped_pages(tmp_path: Path) -> None:
    rules = _rules(tmp_path)
    pages = tmp_path / "in"
    pages.mkdir()
    (pages / "capped.txt").write_bytes(PAGE.read_bytes())
    (pages / "short.txt").write_text("Коротка сторінка без правил.\n", encoding="utf-8")
    report = tmp_path / "report.json"
    proc = run_cli("batch", pages, tmp_path / "out", "--site", "ostro.org", "-r", rules, "--report", report, "-j", "1")
    assert proc.returncode == 0, proc.stderr
    err = proc.stderr.decode()
    assert "cleaner: capped: capped.txt: ostro.org not applied" in err
    assert "cleaner: 1 pages capped" in err
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["summary"]["capped"] == 1
    assert {f["path"]: f["capped"] for f in data["files"]} == {"capped.txt": ["ostro.org"], "short.txt": []}
    html = tmp_path / "r.html"
    assert run_cli("review", pages, "--site", "ostro.org", "-r", rules, "-o", html).returncode == 0
    text = html.read_text(encoding="utf-8")
    assert text.count('class="note"') == 1 and "1 pages flagged" in text
    shown = parse(html).pages
    guarded = [li for li in shown[0]["lines"] if li.get("data-protected") == "ostro.org/max_removed_share"]  # type: ignore[attr-defined]
    assert len(guarded) >= 18 and all(li["data-verdict"] == "keep" for li in guarded)


@pytest.mark.parametrize("value", ["0", "1.5", "-0.1", "'half'", "true"])
def test_bad_caps_are_refused_with_their_line(tmp_path: Path, value: str) -> None:
    rules = _rules(tmp_path, f"max_removed_share: {value}")
    proc = run_cli("rules", "-r", rules)
    assert proc.returncode == 2
    message = proc.stderr.decode()
    assert message.startswith("cleaner: error: invalid rules: ") and "ostro.org.yaml:3: max_removed_share" in message


# The fuzzer's find: a 50-word page on which interfax.com.ua's bundled rules go over their cap;
# generic detection drops the date line, so the output has under 50 words. When the bar was the
# page's word count, the second clean applied the rules and removed every line, the article too.
NEAR_THE_BAR = (
    "01.09.2025\nОСТАННЄ\nЩЕ ЗА ТЕМОЮ\nЩЕ ЗА ТЕМОЮ\nЩЕ ЗА ТЕМОЮ\nЩЕ ЗА ТЕМОЮ\n"
    "Вашингтонський саміт НАТО має стати платформою для нових рішучих кроків, які наблизять Україну "
    "до членства в Альянсі. Про це заявив Рустем Умєров на другому засіданні Ради Україна–НАТО на "
    "рівні міністрів оборони, пише Міноборони України 16 лютого.\n"
)


@pytest.mark.parametrize("words", [0, 5, 40])
def test_cleaning_a_page_near_the_cap_bar_twice_changes_nothing(words: int) -> None:
    page = NEAR_THE_BAR.replace("16 лютого.", "16 лютого." + " слово" * words)
    once = run_cli("clean", stdin=page.encode())
    assert once.returncode == 0, once.stderr
    twice = run_cli("clean", stdin=once.stdout)
    assert twice.stdout == once.stdout
