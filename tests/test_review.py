"""`cleaner review` through the real CLI: every line with its verdict, escaping, kinds, corpus inputs."""

from __future__ import annotations

import json
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from .conftest import GOLDEN, run_cli

SEED_000 = GOLDEN / "interfax.com.ua/seed-000.input.txt"
SEED_002 = GOLDEN / "ostro.org/seed-002.input.txt"


class Lines(HTMLParser):
    """The review page's line elements: their attributes and text, in document order, per page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pages: list[dict[str, object]] = []
        self.scripts = 0
        self._li: dict[str, str | None] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script":
            self.scripts += 1
        if tag == "section" and a.get("class") == "page":
            self.pages.append({"name": a.get("data-name"), "site": a.get("data-site"), "lines": []})
        if tag == "li" and "data-verdict" in a:
            self._li, self._text = a, []

    def handle_data(self, data: str) -> None:
        if self._li is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "li" and self._li is not None:
            self.pages[-1]["lines"].append({**self._li, "text": "".join(self._text)})  # type: ignore[attr-defined]
            self._li = None


def parse(path: Path) -> Lines:
    parser = Lines()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def explain(page: Path) -> list[dict[str, object]]:
    proc = run_cli("clean", page, "--explain", "--explain-format", "jsonl")
    assert proc.returncode == 0, proc.stderr
    return [json.loads(line) for line in proc.stderr.decode().splitlines()]


def test_review_shows_every_line_with_the_verdict_and_rule_of_explain(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    proc = run_cli("review", SEED_000, SEED_002, "-o", out)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == b""
    assert "2 pages" in proc.stderr.decode()
    page = parse(out)
    assert [p["name"] for p in page.pages] == [str(SEED_000), str(SEED_002)]
    for shown, source in zip(page.pages, (SEED_000, SEED_002), strict=True):
        rows = explain(source)
        lines = shown["lines"]
        assert len(lines) == len(rows) > 10  # type: ignore[arg-type]
        for li, row in zip(lines, rows, strict=True):  # type: ignore[call-overload]
            assert li["text"] == row["text"]
            assert li["data-verdict"] == row["verdict"]
            assert li.get("data-rule") == row.get("rule")
            if row["verdict"] == "drop":
                assert row["rule"] in li["title"] and f"score {row['score']:g}" in li["title"]
    kinds = {li["data-kind"] for p in page.pages for li in p["lines"] if li["data-verdict"] == "drop"}  # type: ignore[attr-defined]
    assert {"site", "layout"} <= kinds
    assert {p["site"] for p in page.pages} == {"interfax.com.ua", "ostro.org"}


def test_review_escapes_page_text_and_loads_nothing_from_the_network(tmp_path: Path) -> None:
    page = tmp_path / "evil.txt"
    page.write_text(
        "Заголовок статті про безпеку браузерів та вбудовані скрипти\n"
        "<script>alert('x')</script> & <b>bold</b> \"quoted\"\n"
        "Реклама\n"
        "Основний текст статті, досить довгий, щоб детектор визнав його абзацом прози, а не меню.\n",
        encoding="utf-8",
    )
    out = tmp_path / "r.html"
    assert run_cli("review", page, "-o", out).returncode == 0
    html = out.read_text(encoding="utf-8")
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html
    parsed = parse(out)
    assert parsed.scripts == 1  # the page's own script only
    texts = [li["text"] for li in parsed.pages[0]["lines"]]  # type: ignore[index]
    assert "<script>alert('x')</script> & <b>bold</b> \"quoted\"" in texts
    dropped = [li for li in parsed.pages[0]["lines"] if li["data-verdict"] == "drop"]  # type: ignore[index]
    assert any(li["text"] == "Реклама" and li["data-rule"] == "common/ad-label" for li in dropped)
    for marker in ("http://", "https://", "src=", "<link", "@import"):
        assert marker not in html


def site_pages(folder: Path, count: int) -> Path:
    """Pages of one news site, each a story of its own under the site's menu and newsletter lines."""
    folder.mkdir()
    for n in range(count):
        (folder / f"{n}.txt").write_text(
            f"Новина номер {n}: уряд ухвалив рішення про нову програму підтримки малого бізнесу.\n"
            "Меню сайту новин\nПідписуйтесь на нашу розсилку новин\n",
            encoding="utf-8",
        )
    return folder


def test_review_reads_folders_and_jsonl_and_marks_learned_rules(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    pages = site_pages(tmp_path / "pages", 4)
    learned = run_cli("learn", pages, "--site", "news.example", "-o", rules / "news.example.yaml", "--min-support", "3")
    assert learned.returncode == 0, learned.stderr
    jsonl = tmp_path / "pages.jsonl"
    record = {"url": "https://news.example/a", "text": (pages / "0.txt").read_text(encoding="utf-8")}
    jsonl.write_text(json.dumps(record, ensure_ascii=False) + "\nnot json\n", encoding="utf-8")
    out = tmp_path / "r.html"
    proc = run_cli("review", pages, jsonl, "-r", rules, "-o", out)
    assert proc.returncode == 1  # the bad record is reported, the rest is shown
    assert f"{jsonl}:2" in proc.stderr.decode()
    parsed = parse(out)
    assert [p["name"] for p in parsed.pages] == [*(str(pages / f"{n}.txt") for n in range(4)), f"{jsonl}:1"]
    kinds = {li.get("data-kind") for p in parsed.pages for li in p["lines"]}  # type: ignore[attr-defined]
    assert "learned" in kinds
    assert parsed.pages[-1]["site"] == "news.example"


def test_review_refuses_missing_pages_and_unknown_sites(tmp_path: Path) -> None:
    missing = run_cli("review", tmp_path / "nope", "-o", tmp_path / "r.html")
    assert missing.returncode == 2 and missing.stderr.startswith(b"cleaner: error: ")
    unknown = run_cli("review", SEED_000, "--site", "no.such", "-o", tmp_path / "r.html")
    assert unknown.returncode == 2 and b"unknown site" in unknown.stderr
    assert not (tmp_path / "r.html").exists()


def test_check_report_shows_mismatched_cases_beside_their_expected_output(tmp_path: Path) -> None:
    import shutil

    golden = tmp_path / "golden"
    shutil.copytree(GOLDEN, golden)
    expected = golden / "ostro.org/seed-002.expected.txt"
    lines = expected.read_text(encoding="utf-8").splitlines()
    banner = "Раніше «ОстроВ» підтримували грантодавці. Сьогодні нашу незалежність збереже тільки Ваша підтримка"
    expected.write_text("\n".join([*lines[1:], banner]) + "\n", encoding="utf-8")  # drop the title, keep the banner
    out = tmp_path / "check.html"
    proc = run_cli("check", golden, "--report", out)
    assert proc.returncode == 1
    page = parse(out)
    assert [p["name"] for p in page.pages] == ["ostro.org/seed-002"]
    marked = {li["text"]: li["data-expected"] for li in page.pages[0]["lines"] if "data-expected" in li}  # type: ignore[attr-defined]
    assert marked == {lines[0]: "drop", banner: "keep"}
    html = out.read_text(encoding="utf-8")
    assert "1 of 11 golden cases differ" in html and html.count('class="lost"') == 1
    clean = run_cli("check", GOLDEN, "--report", out)
    assert clean.returncode == 0 and parse(out).pages == []


def test_review_pages_stream_to_the_file_in_bounded_memory(tmp_path: Path) -> None:
    """Pages are written as they come: peak memory stays far below what holding them would take."""
    import tracemalloc
    from dataclasses import replace

    from cleaner import clean
    from cleaner.review import ReviewPage, write_pages
    from cleaner.rules import load_rules

    rules = load_rules()
    page = GOLDEN / "ostro.org/seed-002.input.txt"
    base = clean(page.read_text(encoding="utf-8"), rules, site="ostro.org")
    count, size = 120, 0

    def pages() -> Iterator[ReviewPage]:
        nonlocal size
        for n in range(count):
            texts = tuple(f"{n}: {t}" * 32 for t in base.texts)  # about 80 KB of fresh text a page
            size += sum(map(len, texts))
            yield ReviewPage(f"page-{n}", replace(base, texts=texts))

    out = tmp_path / "r.html"
    tracemalloc.start()
    try:
        write_pages(out, pages(), rules)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < size / 4, (peak, size)  # holding the pages would take more than size
    parsed = parse(out)
    assert [p["name"] for p in parsed.pages] == [f"page-{n}" for n in range(count)]
    html = out.read_text(encoding="utf-8")
    assert html.count('class="next"') == count - 1 and html.count('class="prev"') == count - 1
    assert not list(tmp_path.glob(".cleaner-review-*"))  # the spool is gone


def test_review_to_a_missing_folder_fails_before_cleaning(tmp_path: Path) -> None:
    proc = run_cli("review", GOLDEN, "-o", tmp_path / "no-such-folder" / "r.html")
    assert proc.returncode == 2
    lines = proc.stderr.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("cleaner: error: ") and "no-such-folder" in lines[0]
