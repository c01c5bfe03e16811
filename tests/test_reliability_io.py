"""Faults and bad input on the input/output side, through the real CLI: lose nothing, invent nothing.

Each test holds for a class of input (generated sizes, depths, positions, endings), not one
string: deep and unclosed HTML, lone surrogates, CR and mixed line endings, file modes under
any umask, broken JSON-lines records, bad option values, full disks, lying charsets, stray bytes.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import GOLDEN, cleaner_exe, run_cli

SEED_000 = GOLDEN / "interfax.com.ua/seed-000.input.txt"
EXPECTED_000 = GOLDEN / "interfax.com.ua/seed-000.expected.txt"
ARTICLE = [line for line in EXPECTED_000.read_text(encoding="utf-8").splitlines() if len(line) > 60]
WORDS = ["дослідження", "показало", "що", "кількість", "людей", "які", "читають", "новини", "онлайн", "зросла"]


def _sentences(n: int, seed: int) -> list[str]:
    """n distinct article-like sentences (numbered, so none repeats another)."""
    rng = random.Random(seed)
    return [f"{i + 1}. " + " ".join(rng.choice(WORDS) for _ in range(12)).capitalize() + "." for i in range(n)]


def _one_error_line(proc: subprocess.CompletedProcess[bytes], code: int = 2) -> str:
    """The one stderr line of a failed run, checked: the exit code, no traceback, nothing on stdout."""
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == code, err
    assert "Traceback" not in err and proc.stdout == b""
    assert err.count("\n") == 1 and err.startswith("cleaner: error: "), err
    return err


def _run_with_umask(umask: int, *args: str | os.PathLike[str], cwd: Path | None = None) -> None:
    """Run the CLI under a umask (the test process's own is left alone)."""
    proc = subprocess.run(
        [cleaner_exe(), *map(str, args)],
        capture_output=True,
        preexec_fn=lambda: os.umask(umask),  # the child's, before exec
        env={k: v for k, v in os.environ.items() if k != "CLEANER_RULES"},
        cwd=cwd,
        check=False,
        timeout=120,
    )
    assert proc.returncode in (0, 1), proc.stderr


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


# ---------------------------------------------------------------------------------------------
# Lost text: deep and unclosed HTML


@pytest.mark.parametrize("mode", ["lines", "trafilatura"])
@pytest.mark.parametrize("posts", [400, 1500])
def test_unclosed_posts_are_all_kept(tmp_path: Path, mode: str, posts: int) -> None:
    # Forum posts written as <div><font>...<br> with no closing tag: each one nests two deeper.
    texts = _sentences(posts, posts)
    page = tmp_path / "forum.html"
    body = "".join(f"<div><font>{t}<br>" for t in texts)
    page.write_text(f"<!DOCTYPE html><html><head><title>Forum</title></head><body>{body}</body></html>")
    proc = run_cli("clean", "--html-mode", mode, "--no-generic", page)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode().splitlines() == texts
    # Past libxml2's depth limit the page is streamed, and stderr says so, naming the page.
    assert (f"{page}: HTML nested deeper than" in proc.stderr.decode()) == (posts * 2 > 2048)


@pytest.mark.parametrize("mode", ["lines", "trafilatura"])
@pytest.mark.parametrize("depth", [3000, 100_000])
def test_deeply_nested_page_keeps_its_text(tmp_path: Path, mode: str, depth: int) -> None:
    texts = _sentences(3, depth)
    page = tmp_path / "deep.html"
    inner = "".join(f"<p>{t}</p>" for t in texts)
    page.write_text(f"<html><body>{'<div>' * depth}{inner}{'</div>' * depth}</body></html>")
    proc = run_cli("clean", "--html-mode", mode, "--no-generic", page)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode().splitlines() == texts
    assert "HTML nested deeper than 2048 elements" in proc.stderr.decode()


def test_batch_streams_a_deep_page_and_says_so(tmp_path: Path) -> None:
    texts = _sentences(4, 11)
    (tmp_path / "in").mkdir()
    body = "".join(f"<div><font>{t}<br>" for t in texts) + "<div>" * 5000 + "<p>Кінець статті.</p>"
    (tmp_path / "in/deep.html").write_text(f"<html><body>{body}</body></html>")
    proc = run_cli("batch", tmp_path / "in", tmp_path / "out", "-j", "1", "--no-generic", "--html-mode", "lines")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out/deep.txt").read_text().splitlines() == [*texts, "Кінець статті."]
    assert "cleaner: warning: deep.html: HTML nested deeper than 2048 elements" in proc.stderr.decode()


@pytest.mark.parametrize("mode", ["lines", "trafilatura"])
def test_lone_surrogates_in_html_records_cut_no_line(mode: str) -> None:
    # Half an emoji (a JSON '\ud83d' escape) anywhere in a paragraph: the line comes out whole.
    texts = _sentences(6, 7)
    rng = random.Random(3)
    for i in range(0, 6, 2):
        cut = rng.randrange(len(texts[i]))
        texts[i] = texts[i][:cut] + rng.choice(["\ud83d", "\ude00", "\udbff"]) + texts[i][cut:]
    html = "<!DOCTYPE html><html><body><article>" + "".join(f"<p>{t}</p>" for t in texts) + "</article></body></html>"
    stdin = json.dumps({"text": html}) + "\n" + json.dumps({"text": "\n".join(texts) + "\n"}) + "\n"
    proc = run_cli("clean", "--jsonl", "--html-mode", mode, "--no-generic", stdin=stdin)
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in proc.stdout.decode("ascii").splitlines()]
    for record in records:
        out = record["text"].splitlines()
        assert out and all(line in texts for line in out)
    assert records[1]["text"].splitlines() == texts


# ---------------------------------------------------------------------------------------------
# Line endings

ENDINGS = ["\n", "\r\n", "\r"]


def _page_with_endings(lines: list[str], endings: list[str], last_ending: bool) -> str:
    return "".join(line + end for line, end in zip(lines, endings, strict=True))[
        : None if last_ending else -len(endings[-1])
    ]


@settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(ENDINGS), min_size=len(ARTICLE), max_size=len(ARTICLE)), st.booleans())
def test_each_kept_line_keeps_its_own_ending_through_the_cli(endings: list[str], last_ending: bool) -> None:
    # Clean text (the article lines) with a random mix of LF, CRLF and CR: unchanged, byte for byte
    # (but a missing last ending, which is completed with its neighbour's); and a second run too.
    page = _page_with_endings(ARTICLE, endings, last_ending)
    once = run_cli("clean", stdin=page.encode())
    assert once.returncode == 0, once.stderr
    want = page if last_ending else page + endings[-2]
    assert once.stdout == want.encode()
    assert run_cli("clean", stdin=once.stdout).stdout == once.stdout


@pytest.mark.parametrize("ending", ["\r", "\r\n", "\n"])
def test_cr_only_and_mixed_pages_are_cleaned_line_by_line(tmp_path: Path, ending: str) -> None:
    # The seed page with every ending replaced (and one line in three with another): the same
    # lines are removed as from the LF page, and the kept ones carry the endings they came with.
    lines = SEED_000.read_text(encoding="utf-8").splitlines()
    endings = [ending if i % 3 else ENDINGS[i % 2] for i in range(len(lines))]
    page = tmp_path / "page.txt"
    page.write_bytes("".join(map(str.__add__, lines, endings)).encode())
    proc = run_cli("clean", page)
    assert proc.returncode == 0, proc.stderr
    out = re.findall(r"[^\r\n]*(?:\r\n|\r|\n)", proc.stdout.decode())
    assert [line.rstrip("\r\n") for line in out] == EXPECTED_000.read_text(encoding="utf-8").splitlines()
    kept = iter(zip(lines, endings, strict=True))
    for line in out:
        text = line.rstrip("\r\n")
        assert any(text == src and line == src + end for src, end in kept)


def test_a_last_line_ending_in_cr_stays_as_it_came() -> None:
    # printf 'a\nb\r' once came out as 'a\nb\r\n' and then 'a\nb\n': now unchanged, whatever the lines.
    for first, second in list(itertools.pairwise(ARTICLE))[:2]:
        page = f"{first}\n{second}\r".encode()
        assert run_cli("clean", stdin=page).stdout == page


# ---------------------------------------------------------------------------------------------
# File modes


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_clean_output_gets_the_umask_mode_and_an_existing_file_keeps_its_own(tmp_path: Path, umask: int) -> None:
    new = tmp_path / "new.txt"
    _run_with_umask(umask, "clean", SEED_000, "-o", new)
    existing = tmp_path / "existing.txt"
    existing.write_text("old\n")
    existing.chmod(0o640)
    _run_with_umask(umask, "clean", SEED_000, "-o", existing)
    assert (_mode(new), _mode(existing)) == (0o666 & ~umask, 0o640)
    assert existing.read_bytes() == EXPECTED_000.read_bytes()


def test_batch_learn_and_check_files_get_the_umask_mode(tmp_path: Path) -> None:
    # 002 gives 0664: neither mkstemp's 0600 nor the usual 0644, so no default passes by luck.
    umask = 0o002
    pages = tmp_path / "pages"
    pages.mkdir()
    for n, src in enumerate(sorted(GOLDEN.glob("*/*.input.txt"))[:5]):
        (pages / f"p{n}.txt").write_bytes(src.read_bytes())
    out = tmp_path / "out"
    _run_with_umask(umask, "batch", pages, out, "--report", tmp_path / "report.json", "-j", "1")
    _run_with_umask(umask, "learn", pages, "--site", "t.example", "-o", tmp_path / "t.yaml", "--min-support", "2")
    golden = tmp_path / "golden"
    (golden / "interfax.com.ua").mkdir(parents=True)
    (golden / "interfax.com.ua/seed-000.input.txt").write_bytes(SEED_000.read_bytes())
    _run_with_umask(umask, "check", golden, "--update")
    written = [*out.iterdir(), tmp_path / "report.json", tmp_path / "t.yaml"]
    written.append(golden / "interfax.com.ua/seed-000.expected.txt")
    assert len(written) == 9  # 5 outputs and the manifest, the report, the rule file, the expected file
    assert {p.name: _mode(p) for p in written} == {p.name: 0o664 for p in written}


# ---------------------------------------------------------------------------------------------
# JSON lines

BAD_RECORDS = {
    "lone surrogate": ('{"text": "Заголовок\\nТекст \\ud83d статті.\\n"}', "cleaned"),
    "5000-digit number": ('{"text": "Текст.", "n": ' + "1" * 5000 + "}", "passed"),
    "100,000 [": ("[" * 100_000, "dropped"),
    "deep but valid": ("[" * 50_000 + "]" * 50_000, "dropped"),
    "bad IPv6 url": ('{"text": "Текст статті.", "url": "http://[::1"}', "passed"),
    "not JSON": ("{not json", "dropped"),
    "not UTF-8": (b'{"text": "\xff\xfe"}', "dropped"),
    "field missing": ('{"title": "x"}', "passed"),
}


@pytest.mark.parametrize("on_error", ["pass", "drop"])
def test_no_bad_record_stops_the_stream_and_only_json_is_written(on_error: str) -> None:
    good = json.dumps({"text": "Заголовок\nРеклама\nТекст статті.\n"}, ensure_ascii=False)
    raw = [(v[0].encode() if isinstance(v[0], str) else v[0]) for v in BAD_RECORDS.values()]
    stdin = b"\n".join(x for pair in zip([good.encode()] * len(raw), raw, strict=True) for x in pair)
    stdin += b"\n" + good.encode() + b"\n" + json.dumps({"text": "слово " * 10_000}).encode() + b"\n"
    proc = run_cli("clean", "--jsonl", "--no-generic", "--on-error", on_error, "--max-bytes", "200000", stdin=stdin)
    assert proc.returncode == 1 and b"Traceback" not in proc.stderr
    out = [json.loads(line, parse_int=str) for line in proc.stdout.decode("utf-8").splitlines()]
    cleaned = {"text": "Заголовок\nТекст статті.\n"}
    assert out.count(cleaned) == len(raw) + 1  # every good record, before and after each bad one
    err = proc.stderr.decode()
    reported = re.findall(r"cleaner: bad record: <stdin>:(\d+): .* \((passed through|dropped)\)", err)
    summary = re.search(r"cleaner: (\d+) bad record\(s\): (.*)", err)
    assert summary is not None
    counts = {what: sum(1 for _, w in reported if w == what) for what in ("passed through", "dropped")}
    assert summary.group(2) == ", ".join(f"{n} {w}" for w, n in counts.items() if n)
    assert int(summary.group(1)) == len(reported)
    assert (str(2 * len(raw) + 2), "dropped") in reported  # over --max-bytes: dropped, and counted so
    # Records that are JSON pass through whole with 'pass'; lines that are not JSON never do.
    for number, (_, fate) in enumerate(BAD_RECORDS.values(), start=1):
        line = str(number * 2)
        if fate == "cleaned":
            assert line not in {n for n, _ in reported}
        else:
            assert (line, "passed through" if fate == "passed" and on_error == "pass" else "dropped") in reported


def test_surrogate_record_round_trips_exactly() -> None:
    text = "Перший рядок статті.\nДругий \ud83d рядок.\n"
    proc = run_cli("clean", "--jsonl", "--no-generic", stdin=json.dumps({"text": text}) + "\n")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["text"] == text


def test_json_lines_without_jsonl_warns(tmp_path: Path) -> None:
    records = tmp_path / "recs.jsonl"
    records.write_text("".join(json.dumps({"text": t}) + "\n" for t in _sentences(3, 1)))
    proc = run_cli("clean", records)
    assert proc.returncode == 0
    assert f"cleaner: warning: {records}: looks like JSON lines" in proc.stderr.decode()
    assert "--jsonl" in proc.stderr.decode()
    for page in sorted(GOLDEN.glob("*/*.input.txt"))[:2]:  # no page of the golden set is mistaken for one
        assert b"JSON lines" not in run_cli("clean", page).stderr


# ---------------------------------------------------------------------------------------------
# Options and pages: one error line, exit 2


@pytest.mark.parametrize(
    "args",
    [
        ["-e", "rot13"],
        ["-e", "undefined"],
        ["-e", "no-such-codec"],
        ["-e", "base64"],
        ["--encoding-errors", "ignore"],
        ["--url", "http://[::1"],
        ["--url", "http://[bad]/"],
        ["--url", "example.org["],
    ],
)
def test_bad_option_values_are_one_error_line(args: list[str]) -> None:
    err = _one_error_line(run_cli("clean", SEED_000, *args))
    assert args[-1] in err


@pytest.mark.parametrize("command", ["batch", "learn"])
def test_bad_encoding_in_batch_and_learn_is_one_error_line(tmp_path: Path, command: str) -> None:
    (tmp_path / "in").mkdir()
    extra = ["--site", "x.example", "-o", tmp_path / "x.yaml"] if command == "learn" else [tmp_path / "out"]
    _one_error_line(run_cli(command, tmp_path / "in", *extra, "-e", "rot13"))


def test_pages_that_decode_to_nothing_writable_are_one_error_line(tmp_path: Path) -> None:
    meta = tmp_path / "meta.html"
    meta.write_bytes(
        b'<html><head><meta charset="undefined"></head><body><p>\xcf\xf0\xe8\xe2\xb3\xf2</p></body></html>'
    )
    proc = run_cli("clean", "--html-mode", "lines", meta)  # an unusable declaration is ignored
    assert proc.returncode == 0 and proc.stdout.decode() == "Привіт\n"
    utf7 = tmp_path / "utf7.txt"
    for surrogate in ("+2D0-", "+AGHYPQBi-", "+3gA-"):  # half a pair alone, inside a word, a low half
        utf7.write_bytes(b"Text " + surrogate.encode() + b" here.\n")
        err = _one_error_line(run_cli("clean", "-e", "utf-7", utf7))
        assert str(utf7) in err and "surrogate" in err
    fixed = run_cli("clean", "-e", "utf-7", "--encoding-errors", "replace", "--no-generic", utf7)
    assert fixed.returncode == 0 and "\ufffd" in fixed.stdout.decode()


def test_output_that_cannot_be_written_is_one_error_line(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    assert "is a directory" in _one_error_line(run_cli("clean", SEED_000, "-o", folder))
    assert "is a directory" in _one_error_line(run_cli("clean", "--jsonl", "-o", folder, stdin=b'{"text":"a"}\n'))
    pages = tmp_path / "pages"
    pages.mkdir()
    learn = run_cli("learn", pages, "--site", "x.example", "-o", folder, "--force")
    assert "is a folder" in _one_error_line(learn)
    report = run_cli("batch", pages, tmp_path / "cleaned", "--report", folder)
    assert "is a folder" in _one_error_line(report)
    blocked = tmp_path / "file"
    blocked.write_text("x")
    assert str(blocked / "o.txt") in _one_error_line(run_cli("clean", SEED_000, "-o", blocked / "o.txt"))
    assert list(folder.iterdir()) == [] and blocked.read_text() == "x" and list(pages.iterdir()) == []


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["clean", str(SEED_000)], ["clean", "--jsonl"], ["rules"]])
def test_stdout_on_a_full_disk_is_one_error_line(args: list[str]) -> None:
    stdin = (json.dumps({"text": SEED_000.read_text()}) + "\n").encode() * 50
    with open("/dev/full", "wb") as full:
        proc = subprocess.run([cleaner_exe(), *args], input=stdin, stdout=full, stderr=subprocess.PIPE, check=False)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "Traceback" not in err, err
    assert err.splitlines()[-1] == "cleaner: error: cannot write to stdout: No space left on device"


# ---------------------------------------------------------------------------------------------
# Encodings


@pytest.mark.parametrize("declared", ["utf-16", "utf-16le", "utf-32", "utf-7", "x-nonsense"])
def test_a_charset_declaration_that_cannot_be_true_is_not_trusted(tmp_path: Path, declared: str) -> None:
    text = [line for line in EXPECTED_000.read_text(encoding="utf-8").splitlines() if line.strip()][:5]
    table = str.maketrans({"«": '"', "»": '"', "–": "-", "—": "-", "’": "'", "\u200b": None})
    text = [line.translate(table) for line in text]
    body = "".join(f"<p>{line}</p>" for line in text)
    page = tmp_path / "page.html"
    page.write_bytes(f'<html><head><meta charset="{declared}"></head><body>{body}</body></html>'.encode("cp1251"))
    proc = run_cli("clean", "--html-mode", "lines", "--no-generic", page)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode().splitlines() == text


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_utf8_page_with_a_few_stray_bytes_is_read_with_a_warning(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    data = bytearray(SEED_000.read_bytes())
    spots = sorted(rng.sample([i for i in range(len(data)) if data[i] == 0x20], seed))
    for spot in spots:
        data[spot] = rng.choice([0xFF, 0xC0, 0x92, 0xA0])  # stray bytes, each in place of a space
    page = tmp_path / "page.txt"
    page.write_bytes(bytes(data))
    proc = run_cli("clean", "--no-generic", page)
    assert proc.returncode == 0, proc.stderr
    err = proc.stderr.decode()
    assert err.startswith(f"cleaner: warning: {page}: {seed} byte sequence") and err.count("\n") == 1
    assert ", ".join(map(str, spots)) in err
    # The same output as the page with U+FFFD written in place of each stray byte.
    replaced = bytes(data).decode("utf-8", "replace")
    assert replaced.count("\ufffd") == seed
    assert proc.stdout == run_cli("clean", "--no-generic", stdin=replaced.encode()).stdout
    strict = _one_error_line(run_cli("clean", "--encoding-errors", "strict", page))
    assert str(page) in strict and "--encoding-errors replace" in strict and "cp1251" not in strict
    # batch reads it the same way and says so per page
    (tmp_path / "in").mkdir()
    page.rename(tmp_path / "in/page.txt")
    batch = run_cli("batch", tmp_path / "in", tmp_path / "out", "-j", "1", "--no-generic")
    assert batch.returncode == 0 and "cleaner: warning: page.txt:" in batch.stderr.decode()
    assert (tmp_path / "out/page.txt").read_bytes() == proc.stdout


@pytest.mark.parametrize("size", [64, 700, 20_000])
@pytest.mark.parametrize("nul", [True, False])
def test_random_bytes_are_rejected_naming_the_page(tmp_path: Path, size: int, nul: bool) -> None:
    rng = random.Random(size)
    page = tmp_path / "noise.txt"
    page.write_bytes(bytes(rng.randrange(0 if nul else 1, 256) for _ in range(size)))
    assert str(page) in _one_error_line(run_cli("clean", page))
    forced = run_cli("clean", page, "--encoding-errors", "replace", "--no-generic")
    assert forced.returncode == (2 if nul else 0)


def test_a_wrong_explicit_encoding_can_be_read_with_replacement(tmp_path: Path) -> None:
    page = tmp_path / "cp1251.txt"
    page.write_bytes("Заголовок\nТекст статті.\n".encode("cp1251"))
    err = _one_error_line(run_cli("clean", "-e", "utf-8", page))
    assert "--encoding-errors replace" in err
    proc = run_cli("clean", "-e", "utf-8", "--encoding-errors", "replace", "--no-generic", page)
    assert proc.returncode == 0 and "cleaner: warning:" in proc.stderr.decode()
