"""`cleaner diff` through the real CLI: rule folders, files and git revisions compared on real pages."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from .conftest import GOLDEN, RULES, run_cli
from .test_review import parse, site_pages

PAGES = [GOLDEN / "ostro.org/seed-002.input.txt", GOLDEN / "interfax.com.ua/seed-000.input.txt"]
NEW_RULE = """
  - id: nato-lines
    kind: pattern
    pattern: 'нато'
"""


def _rules_copy(tmp_path: Path, extra: str = "") -> Path:
    folder = tmp_path / "rules"
    shutil.copytree(RULES, folder)
    if extra:
        with (folder / "ostro.org.yaml").open("a", encoding="utf-8") as handle:
            handle.write(extra)
    return folder


def test_same_rules_change_nothing_and_exit_0(tmp_path: Path) -> None:
    proc = run_cli("diff", *PAGES, "--baseline", _rules_copy(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode() == "# 0 of 2 pages changed; 0 lines newly removed, 0 newly kept\n"


def test_a_new_rule_shows_its_lines_counts_and_html_of_changed_pages(tmp_path: Path) -> None:
    new = _rules_copy(tmp_path, NEW_RULE)
    html = tmp_path / "changed.html"
    proc = run_cli("diff", *PAGES, "--baseline", RULES, "--rules", new, "--html", html)
    assert proc.returncode == 1, proc.stderr
    out = proc.stdout.decode()
    assert f"=== {PAGES[0]}: " in out and str(PAGES[1]) not in out  # the interfax page did not change
    removed = [line for line in out.splitlines() if line.startswith("- ") and "ostro.org/nato-lines" in line]
    source = PAGES[0].read_text(encoding="utf-8").splitlines()
    numbers = [int(line.split()[1]) for line in removed]
    assert numbers == [n for n, text in enumerate(source, 1) if "нато" in text.lower()]
    assert "# 1 of 2 pages changed" in out
    assert f"#   {len(removed):6d}  ostro.org/nato-lines" in out
    page = parse(html)
    assert [p["name"] for p in page.pages] == [str(PAGES[0])]
    marked = [li for li in page.pages[0]["lines"] if li.get("data-change") == "removed"]  # type: ignore[attr-defined]
    assert {li["data-rule"] for li in marked} >= {"ostro.org/nato-lines"}
    allowed = run_cli("diff", *PAGES, "--baseline", RULES, "--rules", new, "--max-changed", "1")
    assert allowed.returncode == 0
    assert allowed.stdout == proc.stdout


def test_git_revision_baseline_shows_lines_a_deleted_rule_kept(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    folder = _rules_copy(repo)
    git = ["git", "-c", "user.email=t@example.invalid", "-c", "user.name=t", "-C", str(repo)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "rules"], check=True)
    subprocess.run([*git, "commit", "-qm", "rules"], check=True)
    site_file = folder / "interfax.com.ua.yaml"
    text = site_file.read_text(encoding="utf-8")
    start = text.index("  - id: headline-lists")
    end = text.index("  - id:", start + 5)
    site_file.write_text(text[:start] + text[end:], encoding="utf-8")
    page = GOLDEN / "interfax.com.ua/seed-000.input.txt"
    proc = run_cli("diff", page, "--baseline", "git:HEAD", "--rules", folder, "--no-generic", cwd=repo)
    assert proc.returncode == 1, proc.stderr
    kept = [line for line in proc.stdout.decode().splitlines() if line.startswith("+ ")]
    assert kept and all("was interfax.com.ua/headline-lists" in line for line in kept)
    assert f"#   {len(kept):6d}  interfax.com.ua/headline-lists" in proc.stdout.decode()
    same = run_cli("diff", page, "--baseline", "git:HEAD", "--rules", "git:HEAD", cwd=repo)
    assert same.returncode == 0 and b"# 0 of 1 pages changed" in same.stdout


def test_errors_exit_2_with_one_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "x.yaml").write_text("id: x\nrules: [{id: a, kind: nope}]\n", encoding="utf-8")
    cases = [
        ("diff", *PAGES, "--baseline", tmp_path / "missing"),
        ("diff", *PAGES, "--baseline", broken),
        ("diff", *PAGES, "--baseline", "git:no-such-revision-anywhere"),
        ("diff", tmp_path / "no-pages", "--baseline", RULES),
    ]
    for args in cases:
        proc = run_cli(*args, cwd=tmp_path)
        assert proc.returncode == 2, (args, proc.stderr)
        lines = proc.stderr.decode().splitlines()
        assert len(lines) == 1 and lines[0].startswith("cleaner: error: ")


def test_learned_rules_from_a_git_revision_are_shown_as_learned(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    folder = _rules_copy(repo)
    pages = site_pages(tmp_path / "pages", 3)
    drafted = folder / "news.example.yaml"
    learned = run_cli("learn", pages, "--site", "news.example", "-o", drafted, "--min-support", "3")
    assert learned.returncode == 0, learned.stderr
    git = ["git", "-c", "user.email=t@example.invalid", "-c", "user.name=t", "-C", str(repo)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "rules"], check=True)
    subprocess.run([*git, "commit", "-qm", "rules"], check=True)
    (folder / "news.example.yaml").write_text("id: news.example\nrules: []\n", encoding="utf-8")  # the baseline
    html = tmp_path / "changed.html"
    args = ("diff", pages / "0.txt", "--site", "news.example", "--baseline", folder, "--rules", "git:HEAD")
    proc = run_cli(*args, "--html", html, cwd=repo)
    assert proc.returncode == 1, proc.stderr
    marked = [li for li in parse(html).pages[0]["lines"] if li.get("data-change") == "removed"]  # type: ignore[attr-defined]
    assert marked and {li["data-kind"] for li in marked} == {"learned"}
