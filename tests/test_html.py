"""HTML input through the real CLI: recognised on stdin and by suffix, both modes, encodings."""

from __future__ import annotations

from pathlib import Path

from .conftest import GOLDEN, run_cli

SEED_002 = GOLDEN / "ostro.org/seed-002.input.txt"
LINES = [line for line in SEED_002.read_text(encoding="utf-8").splitlines() if line.strip()]
TITLE, FIRST_PARAGRAPH = LINES[0], LINES[1]


def _page(lines: list[str], charset: str = "utf-8") -> str:
    """An HTML page: a menu, the title and paragraphs in an article, scripts, a hidden template."""
    body = f"<h1>{lines[0]}</h1>\n" + "\n".join(f"<p>{line}</p>" for line in lines[1:])
    return (
        f'<!DOCTYPE html>\n<html><head><meta charset="{charset}"><title>Title</title>'
        '<link rel="canonical" href="https://www.ostro.org/general/politics/news/1/">'
        "<style>p {color: red}</style></head>\n<body><script>var tracking = 'SCRIPT-TEXT';</script>"
        f"<article>{body}</article><template>TEMPLATE-TEXT</template></body></html>\n"
    )


def test_lines_mode_is_the_scraper_text_cleaned_by_our_rules() -> None:
    html = _page(LINES)
    proc = run_cli("clean", "--html-mode", "lines", stdin=html)
    assert proc.returncode == 0, proc.stderr
    as_text = run_cli("clean", stdin="\n".join(LINES) + "\n")
    assert proc.stdout == as_text.stdout
    out = proc.stdout.decode()
    assert out.startswith(TITLE) and "SCRIPT-TEXT" not in out and "TEMPLATE-TEXT" not in out
    assert "грантодавці" not in out  # ostro.org's donate banner, removed by the site's rules


def test_trafilatura_mode_is_the_default_and_keeps_the_article() -> None:
    proc = run_cli("clean", stdin=_page(LINES))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode()
    assert FIRST_PARAGRAPH in out and "SCRIPT-TEXT" not in out and "<p>" not in out
    assert "грантодавці" not in out


def test_html_file_by_suffix_with_legacy_charset(tmp_path: Path) -> None:
    page = tmp_path / "page.htm"
    page.write_bytes(_page(LINES, charset="windows-1251").encode("cp1251", errors="replace"))
    proc = run_cli("clean", page, "--html-mode", "lines")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode("utf-8").startswith(TITLE)


def test_html_pages_in_batch_give_txt_outputs(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "a.html").write_text(_page(LINES), encoding="utf-8")
    (src / "b.htm").write_text(_page(LINES[:8]), encoding="utf-8")
    (src / "c.txt").write_text(_page(LINES[:8]), encoding="utf-8")  # HTML saved as .txt: sniffed
    proc = run_cli("batch", src, out, "--html-mode", "lines")
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in out.iterdir() if p.name != ".cleaner-manifest.json") == ["a.txt", "b.txt", "c.txt"]
    assert (out / "a.txt").read_bytes() == run_cli("clean", "--html-mode", "lines", stdin=_page(LINES)).stdout
    assert (out / "c.txt").read_bytes() == (out / "b.txt").read_bytes()


def test_text_that_mentions_a_tag_is_not_taken_for_html() -> None:
    text = "<b> is the bold tag, said the article.\nРеклама\nSecond line.\n"
    proc = run_cli("clean", "--no-generic", stdin=text)  # rule files only: this tests the sniff
    assert proc.stdout.decode() == "<b> is the bold tag, said the article.\nSecond line.\n"


def test_two_inputs_with_one_output_name_fail_clearly(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "d.html").write_text(_page(LINES[:8]), encoding="utf-8")
    (src / "d.txt").write_text("Текст.\n", encoding="utf-8")
    proc = run_cli("batch", src, out)
    assert proc.returncode == 1
    assert "cleaner: failed: d.txt: output d.txt is also produced by d.html" in proc.stderr.decode()
    assert (out / "d.txt").read_bytes() == run_cli("clean", src / "d.html").stdout
