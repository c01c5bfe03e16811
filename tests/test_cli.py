"""The CLI through its installed entry point: stdin, files, site selection, explain, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import GOLDEN, RULES, run_cli

SEED_000 = GOLDEN / "interfax.com.ua/seed-000.input.txt"
SEED_002 = GOLDEN / "ostro.org/seed-002.input.txt"
EXPECTED_000 = (GOLDEN / "interfax.com.ua/seed-000.expected.txt").read_bytes()
EXPECTED_002 = (GOLDEN / "ostro.org/seed-002.expected.txt").read_bytes()


def _lines(data: bytes) -> list[str]:
    return data.decode("utf-8").splitlines()


@pytest.mark.parametrize(
    ("seed", "site", "url"),
    [
        (SEED_000, "interfax.com.ua", "https://interfax.com.ua/news/general/1.html"),
        (SEED_002, "ostro.org", "https://www.ostro.org/general/politics/news/1/"),
    ],
)
def test_seeds_clean_with_site_with_url_and_without_either(seed: Path, site: str, url: str) -> None:
    expected = EXPECTED_000 if seed == SEED_000 else EXPECTED_002
    by_site = run_cli("clean", "--site", site, stdin=seed.read_bytes())
    by_url = run_cli("clean", seed, "--url", url)
    by_fingerprint = run_cli("clean", seed)
    for proc in (by_site, by_url, by_fingerprint):
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout == expected
        assert proc.stderr == b""


def test_seed_000_keeps_title_and_four_paragraphs() -> None:
    out = _lines(run_cli("clean", SEED_000).stdout)
    assert out[0].startswith("Умєров і помічник генсека НАТО")
    assert len(out) == 5 and out[-1].endswith("- зазначив Умєров.")
    assert "Реклама" not in out and "ЩЕ ЗА ТЕМОЮ" not in out and "ОСТАННЄ" not in out


def test_seed_002_ends_at_the_last_paragraph() -> None:
    out = [line for line in _lines(run_cli("clean", SEED_002).stdout) if line]
    assert out[0].startswith("Вашингтонський саміт НАТО наблизить")
    assert (
        out[-1]
        == "Раніше повідомлялось, що в Брюсселі підписали Угоду про намір щодо створення нової Коаліції спроможностей"
    )
    joined = "\n".join(out)
    for junk in ("грантодавці", "Підтримати", "Статті", "Всі статті", "29.01.2026", "Країна"):
        assert junk not in joined


def test_stdin_dash_and_output_file(tmp_path: Path) -> None:
    target = tmp_path / "out" / "article.txt"
    proc = run_cli("clean", "-", "-o", target, stdin=SEED_002.read_bytes())
    assert proc.returncode == 0 and proc.stdout == b""
    assert target.read_bytes() == EXPECTED_002


def test_empty_input_gives_empty_output() -> None:
    proc = run_cli("clean", stdin=b"")
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, b"", b"")


def test_file_without_final_newline(tmp_path: Path) -> None:
    page = tmp_path / "p.txt"
    page.write_bytes("Заголовок\nРеклама\nТекст статті.".encode())
    proc = run_cli("clean", page)
    assert proc.returncode == 0
    assert proc.stdout == "Заголовок\nТекст статті.\n".encode()


def test_crlf_input_keeps_crlf() -> None:
    proc = run_cli("clean", GOLDEN / "interfax.com.ua/seed-000-crlf-case-nbsp.input.txt")
    assert proc.returncode == 0
    assert proc.stdout.count(b"\r\n") == 5 and proc.stdout.replace(b"\r\n", b"\n") == EXPECTED_000


def test_undecodable_input_names_the_file_and_the_encoding_option(tmp_path: Path) -> None:
    # Auto-detection reads legacy Cyrillic (see test_encodings.py), so only bytes that are no
    # text at all (binary, NUL bytes) or a wrong explicit --encoding fail; both name the page.
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)))
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("Заголовок\nРеклама\nТекст статті.\n".encode("cp1251"))
    for proc, page in ((run_cli("clean", binary), binary), (run_cli("clean", legacy, "--encoding", "utf-8"), legacy)):
        assert proc.returncode == 2 and proc.stdout == b""
        err = proc.stderr.decode()
        assert err.count("\n") == 1 and str(page) in err and "--encoding" in err
    for args in ((legacy,), (legacy, "--encoding", "cp1251")):
        fixed = run_cli("clean", *args)
        assert fixed.returncode == 0
        assert fixed.stdout.decode("utf-8") == "Заголовок\nТекст статті.\n"


def test_undecodable_stdin_is_named(tmp_path: Path) -> None:
    proc = run_cli("clean", stdin=b"\xff\xfe\xfa bad")
    assert proc.returncode == 2 and "<stdin>" in proc.stderr.decode()


def test_unknown_site_lists_known_sites() -> None:
    proc = run_cli("clean", "--site", "example.org", stdin="text\n")
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert "example.org" in err and "interfax.com.ua" in err and "ostro.org" in err


@pytest.mark.parametrize("args", [["clean", "--bogus"], ["clean", "a.txt", "b.txt"], ["nosuchcommand"]])
def test_usage_errors_exit_2(args: list[str]) -> None:
    assert run_cli(*args, stdin="x\n").returncode == 2


def test_missing_file_exits_2_with_its_name(tmp_path: Path) -> None:
    proc = run_cli("clean", tmp_path / "missing.txt")
    assert proc.returncode == 2 and "missing.txt" in proc.stderr.decode()


def test_unknown_url_host_falls_back_to_fingerprints() -> None:
    proc = run_cli("clean", SEED_002, "--url", "https://mirror.example.net/a")
    assert proc.stdout == EXPECTED_002


def test_explain_text_shows_every_line_with_rule_and_score() -> None:
    proc = run_cli("clean", SEED_000, "--explain")
    assert proc.returncode == 0 and proc.stdout == EXPECTED_000
    report = proc.stderr.decode().splitlines()
    assert report[0].startswith("#") and "interfax.com.ua (from fingerprint)" in report[0]
    body = report[1:]
    assert len(body) == len(SEED_000.read_text(encoding="utf-8").splitlines())
    ads = [row for row in body if row.endswith("Реклама")]
    assert len(ads) == 2 and all("DROP" in row and "interfax.com.ua/ad-label" in row and "100.0" in row for row in ads)
    stamp = next(row for row in body if row.endswith("11:53, 09.03.2025"))
    assert "DROP" in stamp and "interfax.com.ua/" in stamp
    assert body[0].split()[1] == "keep"


def test_explain_jsonl_is_one_object_per_line() -> None:
    proc = run_cli("clean", SEED_002, "--explain", "--explain-format", "jsonl")
    rows = [json.loads(line) for line in proc.stderr.decode().splitlines()]
    assert [r["line"] for r in rows] == list(range(1, len(rows) + 1))
    banner = next(r for r in rows if "грантодавці" in r["text"])
    assert banner["verdict"] == "drop" and banner["rule"] == "ostro.org/donate-banner" and banner["score"] >= 85
    kept = [r["text"] for r in rows if r["verdict"] == "keep"]
    assert "".join(line + "\n" for line in kept).encode() == EXPECTED_002
    assert all(r["site"] == "ostro.org" for r in rows)


def test_user_rules_folder_and_env_var_win_over_bundled(tmp_path: Path) -> None:
    mine = tmp_path / "rules"
    mine.mkdir()
    (mine / "ostro.yaml").write_text(
        "id: ostro.org\nhosts: [ostro.org]\nrules:\n  - id: title\n    kind: line\n"
        "    text: Вашингтонський саміт НАТО наблизить Україну до членства в Альянсі - Умєров\n",
        encoding="utf-8",
    )
    for proc in (
        run_cli("clean", SEED_002, "--site", "ostro.org", "--rules", mine, "--no-generic"),
        run_cli("clean", SEED_002, "--site", "ostro.org", "--no-generic", env={"CLEANER_RULES": str(mine)}),
    ):
        out = proc.stdout.decode()
        assert proc.returncode == 0
        assert "Вашингтонський саміт НАТО наблизить" not in out  # the user's rule applied
        assert "грантодавці" in out  # the bundled ostro.org rules were replaced, not merged


def test_rules_command_lists_sites() -> None:
    proc = run_cli("rules")
    assert proc.returncode == 0
    out = proc.stdout.decode()
    assert "ostro.org" in out and "interfax.com.ua" in out and "(common)" in out
    assert str(RULES.name) in proc.stderr.decode()


def test_help_documents_exit_codes() -> None:
    proc = run_cli("--help")
    assert proc.returncode == 0
    text = proc.stdout.decode()
    assert "Exit codes: 0" in text and "1 a golden case" in text and "2 usage" in text
