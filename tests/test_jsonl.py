"""`cleaner clean --jsonl` through the real CLI: records cleaned in place, bad records reported by line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .conftest import GOLDEN, cleaner_exe, run_cli

SEED_000 = GOLDEN / "interfax.com.ua/seed-000.input.txt"
SEED_002 = GOLDEN / "ostro.org/seed-002.input.txt"


def _text(page: Path) -> str:
    return page.read_text(encoding="utf-8")


def _records(data: bytes) -> list[dict]:
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


def test_records_are_cleaned_in_place_keeping_other_fields_and_order() -> None:
    records = [
        {"id": 1, "url": "https://interfax.com.ua/news/general/1.html", "text": _text(SEED_000), "lang": "uk"},
        {"id": 2, "text": _text(SEED_002)},  # no url: recognised by fingerprint
        {"id": 3, "url": "https://example.org/x", "text": "Just one line.\n"},
    ]
    stdin = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    proc = run_cli("clean", "--jsonl", stdin=stdin)
    assert proc.returncode == 0 and proc.stderr == b""  # generic detection on, as by default
    out = _records(proc.stdout)
    assert [r["id"] for r in out] == [1, 2, 3]
    assert out[0]["text"].encode() == run_cli("clean", SEED_000).stdout
    assert out[1]["text"].encode() == run_cli("clean", SEED_002).stdout
    assert out[2]["text"] == run_cli("clean", stdin="Just one line.\n").stdout.decode()
    assert out[0]["lang"] == "uk" and out[0]["url"] == records[0]["url"]
    assert "cleaner_stats" not in out[0]


def test_stats_field_and_url_field_options(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    # The page is given with its URL under another name, and no site fingerprint would win
    # over the URL: the site must come from --url-field.
    record = {"body": _text(SEED_000), "link": "https://interfax.com.ua/news/1.html"}
    source.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    proc = run_cli("clean", "--jsonl", source, "--field", "body", "--url-field", "link", "--stats")
    assert proc.returncode == 0, proc.stderr
    [out] = _records(proc.stdout)
    assert out["body"].encode() == run_cli("clean", SEED_000).stdout
    stats = out["cleaner_stats"]
    assert stats["site"] == "interfax.com.ua" and stats["lines"] == len(record["body"].splitlines())
    assert stats["removed"] > 5


def test_bad_records_are_reported_with_line_numbers_and_passed_through_or_dropped() -> None:
    good = json.dumps({"text": "Заголовок\nРеклама\nТекст.\n"}, ensure_ascii=False)
    lines = [
        good,
        "{not json",
        json.dumps({"title": "no text field"}),
        json.dumps({"text": 42}),
        json.dumps(["an", "array"]),
        good,
    ]
    stdin = "\n".join(lines) + "\n"
    cleaned = json.dumps({"text": "Заголовок\nТекст.\n"}, ensure_ascii=False)
    passed = run_cli("clean", "--jsonl", "-", "--no-generic", stdin=stdin)
    assert passed.returncode == 1
    # The line that is not JSON is dropped even by the default 'pass': JSON-lines output stays JSON.
    assert passed.stdout.decode("utf-8").splitlines() == [cleaned, *lines[2:5], cleaned]
    err = passed.stderr.decode()
    for number, words in ((2, "not JSON"), (3, "field 'text' missing"), (4, "not a string"), (5, "not a JSON object")):
        assert f"cleaner: bad record: <stdin>:{number}: " in err and words in err
    assert "<stdin>:2: not JSON (Expecting property name enclosed in double quotes at column 2) (dropped)" in err
    assert "4 bad record(s): 3 passed through, 1 dropped" in err
    dropped = run_cli("clean", "--jsonl", "--on-error", "drop", "--no-generic", stdin=stdin)
    assert dropped.returncode == 1
    assert dropped.stdout.decode("utf-8").splitlines() == [cleaned, cleaned]
    assert "4 bad record(s): 4 dropped" in dropped.stderr.decode()
    assert run_cli("clean", "--jsonl", "--on-error", "keep", stdin=stdin).returncode == 2


def test_oversized_record_is_dropped_and_the_stream_goes_on() -> None:
    small = json.dumps({"text": "Текст.\n"}, ensure_ascii=False)
    big = json.dumps({"text": "слово " * 5000}, ensure_ascii=False)
    proc = run_cli("clean", "--jsonl", "--no-generic", "--max-bytes", "10000", stdin=f"{small}\n{big}\n{small}\n")
    assert proc.returncode == 1
    assert proc.stdout.decode("utf-8").splitlines() == [small, small]
    assert "<stdin>:2: record over --max-bytes 10000" in proc.stderr.decode()


def test_html_in_a_record_is_turned_into_text() -> None:
    paragraphs = [line for line in _text(SEED_002).splitlines() if line.strip()][:6]
    html = "<!DOCTYPE html><html><body>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</body></html>"
    stdin = json.dumps({"text": html}, ensure_ascii=False) + "\n"
    proc = run_cli("clean", "--jsonl", "--html-mode", "lines", stdin=stdin)
    assert proc.returncode == 0, proc.stderr
    [out] = _records(proc.stdout)
    assert "<p>" not in out["text"] and paragraphs[0] in out["text"]


def test_output_file_and_empty_input(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    proc = run_cli("clean", "--jsonl", "--no-generic", "-o", target, stdin=json.dumps({"text": "a\n"}) + "\n\n")
    assert proc.returncode == 0 and proc.stdout == b""
    assert _records(target.read_bytes()) == [{"text": "a\n"}]
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]
    empty = run_cli("clean", "--jsonl", stdin=b"")
    assert (empty.returncode, empty.stdout, empty.stderr) == (0, b"", b"")


_GENERATOR = """
import json, sys
page = {"text": open(sys.argv[1], encoding="utf-8").read(), "url": "https://interfax.com.ua/a"}
record = (json.dumps(page, ensure_ascii=False) + "\\n").encode()
for _ in range(int(sys.argv[2]) // len(record)):
    sys.stdout.buffer.write(record)
"""


def _peak_rss_mb(megabytes: int) -> float:
    """Pipe generated records into `cleaner clean --jsonl`; the cleaner process's own peak RSS in MB.

    A separate process generates the stream, so this process never holds it (a forked child
    starts with its parent's memory, which would blur the figure).
    """
    size = str(megabytes * 1024 * 1024)
    gen = subprocess.Popen([sys.executable, "-c", _GENERATOR, str(SEED_000), size], stdout=subprocess.PIPE)
    proc = subprocess.Popen(
        [cleaner_exe(), "clean", "--jsonl", "--no-generic"],
        stdin=gen.stdout,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    assert gen.stdout is not None
    gen.stdout.close()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    assert gen.wait(timeout=60) == 0 and proc.returncode == 0
    return usage.ru_maxrss / 1024


def test_memory_stays_flat_with_a_longer_stream() -> None:
    # 1 MB and 16 MB of records: reading the whole input would add at least its size (bytes,
    # then str, then parsed records); streaming adds nothing measurable.
    assert _peak_rss_mb(16) - _peak_rss_mb(1) < 8
