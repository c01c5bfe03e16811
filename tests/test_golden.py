"""Golden cases: each is its own test id; `cleaner check` fails on drift and rewrites on purpose."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cleaner import clean
from cleaner.golden import check_case, discover

from .conftest import GOLDEN, run_cli

CASES, ORPHANS = discover(GOLDEN)


def test_golden_folder_has_cases_and_no_orphans() -> None:
    assert len(CASES) >= 10
    assert ORPHANS == []


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden_case(case, rules) -> None:
    outcome = check_case(case, rules)
    assert outcome.status == "ok", f"{outcome.status}: {outcome.message}\n{outcome.diff}"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_cleaning_clean_text_changes_nothing(case, rules) -> None:
    expected = case.expected_path.read_bytes().decode("utf-8")
    assert clean(expected, rules, site=case.site).text == expected
    assert clean(expected, rules).text == expected  # without the site too


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_output_line_is_an_input_line_in_order(case, rules) -> None:
    source = case.input_path.read_bytes().decode("utf-8").replace("\r\n", "\n").split("\n")
    out = clean(case.input_path.read_bytes().decode("utf-8"), rules, site=case.site).kept_lines
    it = iter(source)
    assert all(any(line == candidate for candidate in it) for line in out)


def _copy_golden(tmp_path: Path) -> Path:
    target = tmp_path / "golden"
    shutil.copytree(GOLDEN, target)
    return target


def test_check_passes_on_the_repo() -> None:
    proc = run_cli("check", GOLDEN)
    assert proc.returncode == 0, proc.stdout.decode()
    assert f"{len(CASES)} golden cases: {len(CASES)} ok" in proc.stdout.decode()


def test_check_fails_with_a_diff_after_an_expected_file_changes(tmp_path: Path) -> None:
    golden = _copy_golden(tmp_path)
    expected = golden / "ostro.org/seed-002.expected.txt"
    expected.write_text(expected.read_text(encoding="utf-8") + "Підтримати\n", encoding="utf-8")
    proc = run_cli("check", golden)
    out = proc.stdout.decode()
    assert proc.returncode == 1
    assert "MISMATCH ostro.org/seed-002" in out and "-Підтримати" in out and "--- " in out and "+++ cleaned" in out
    assert "removed by ostro.org/donate-button" in out  # the diff says which rule removed the line


def test_update_rewrites_and_lists_then_check_passes(tmp_path: Path) -> None:
    golden = _copy_golden(tmp_path)
    expected = golden / "interfax.com.ua/seed-000.expected.txt"
    original = expected.read_bytes()
    expected.write_text("stale\n", encoding="utf-8")
    proc = run_cli("check", golden, "--update")
    assert proc.returncode == 0
    assert "UPDATED interfax.com.ua/seed-000" in proc.stdout.decode()
    assert expected.read_bytes() == original
    assert run_cli("check", golden).returncode == 0


def test_missing_expected_fails_and_orphans_are_reported(tmp_path: Path) -> None:
    golden = _copy_golden(tmp_path)
    (golden / "ostro.org/seed-002.expected.txt").unlink()
    (golden / "ostro.org/gone.expected.txt").write_text("x\n", encoding="utf-8")
    proc = run_cli("check", golden)
    out = proc.stdout.decode()
    assert proc.returncode == 1
    assert "MISSING ostro.org/seed-002" in out and "--update" in out
    assert "ORPHAN" in out and "gone.expected.txt" in out


def test_check_reports_failing_rule_examples(tmp_path: Path) -> None:
    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    (rules_dir / "bad.yaml").write_text(
        "id: bad.example\nrules:\n  - id: ad\n    kind: line\n    text: Реклама\n"
        "    examples:\n      drop: [Підтримати]\n",
        encoding="utf-8",
    )
    proc = run_cli("check", GOLDEN, "--rules", rules_dir)
    assert proc.returncode == 1
    assert "EXAMPLE" in proc.stdout.decode() and "bad.yaml:3" in proc.stdout.decode()


def test_check_without_golden_folder_is_a_usage_error(tmp_path: Path) -> None:
    proc = run_cli("check", tmp_path / "none")
    assert proc.returncode == 2 and "golden folder not found" in proc.stderr.decode()
