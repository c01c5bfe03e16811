"""The review page in a real headless Chromium (Debian's chromium and chromium-driver, driven by selenium).

It renders; the struck-through lines are exactly the lines `--explain` drops, with the same
rules; a filter click hides the other rules' lines; a page's text (even a <script>) shows as
text. Skipped where Chromium is not installed, except in CI (.ci/run installs it).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import GOLDEN, run_cli

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1300,900",
)
PAGES = [GOLDEN / "interfax.com.ua/seed-000.input.txt", GOLDEN / "ostro.org/seed-002.input.txt"]
EVIL = (
    "Заголовок статті про безпеку браузерів та вбудовані скрипти\n"
    "<script>document.title='hacked'</script><img src=x onerror=\"document.title='hacked'\">\n"
    "Реклама\n"
    "Основний текст статті, досить довгий, щоб детектор визнав його абзацом прози, а не меню.\n"
)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """One headless Chromium for the module, with a fresh profile."""
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        if os.environ.get("CI"):
            pytest.fail("CI needs chromium and chromium-driver (.ci/run installs them)")
        pytest.skip("chromium or chromedriver not installed (apt-get install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="cleaner-chromium-")
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    """A review page of two real pages and one with markup in its text, made by the CLI."""
    folder = tmp_path_factory.mktemp("review")
    evil = folder / "evil.txt"
    evil.write_text(EVIL, encoding="utf-8")
    out = folder / "report.html"
    pages = [*PAGES, evil]
    proc = run_cli("review", *pages, "-o", out)
    assert proc.returncode == 0, proc.stderr
    return out, pages


LINES_JS = """
return Array.from(document.querySelectorAll('section.page')).map(function(sec){
  return Array.from(sec.querySelectorAll('ol.lines > li')).map(function(li){
    return {verdict: li.dataset.verdict, rule: li.dataset.rule || null, text: li.textContent,
            struck: getComputedStyle(li).textDecorationLine.indexOf('line-through') >= 0,
            shown: li.offsetParent !== null};
  });
});
"""


def _explain(page: Path) -> list[dict[str, object]]:
    proc = run_cli("clean", page, "--explain", "--explain-format", "jsonl")
    return [json.loads(line) for line in proc.stderr.decode().splitlines()]


def test_it_renders_and_struck_lines_are_the_lines_explain_drops(browser: Any, report: tuple[Path, list[Path]]) -> None:
    path, pages = report
    browser.get(path.as_uri())
    assert browser.title == "cleaner review"
    assert browser.execute_script("return document.getElementById('f-count').textContent") == "3 of 3 pages shown"
    shown = browser.execute_script(LINES_JS)
    assert len(shown) == len(pages)
    for lines, page in zip(shown, pages, strict=True):
        rows = _explain(page)
        assert [li["text"] for li in lines] == [row["text"] for row in rows]
        assert [li["struck"] for li in lines] == [row["verdict"] == "drop" for row in rows]
        assert [li["rule"] for li in lines] == [row.get("rule") for row in rows]
        assert all(li["shown"] for li in lines)
    # The page's markup is text: no script ran, no image was made.
    assert browser.title == "cleaner review"
    assert browser.execute_script("return document.querySelectorAll('main img').length") == 0
    assert any(li["text"].startswith("<script>document.title") for li in shown[2])


def test_a_rule_filter_click_hides_the_other_rules_lines(browser: Any, report: tuple[Path, list[Path]]) -> None:
    from selenium.webdriver.common.by import By

    path, pages = report
    browser.get(path.as_uri())
    rule = "ostro.org/articles-teasers"
    browser.find_element(By.CSS_SELECTOR, f'button.rule-filter[data-rule="{rule}"]').click()
    shown = browser.execute_script(LINES_JS)
    visible_drops = [li for lines in shown for li in lines if li["shown"] and li["verdict"] == "drop"]
    expected = [row for row in _explain(pages[1]) if row.get("rule") == rule]
    assert len(visible_drops) == len(expected) > 0
    assert {li["rule"] for li in visible_drops} == {rule}
    assert not any(li["shown"] for li in shown[0])  # the interfax page has no such line: hidden whole
    assert browser.execute_script("return document.getElementById('f-count').textContent") == "1 of 3 pages shown"
    kept = [li for li in shown[1] if li["verdict"] == "keep"]
    assert kept and all(li["shown"] for li in kept)  # kept lines stay, for context
    browser.find_element(By.ID, "f-reset").click()
    assert all(li["shown"] for lines in browser.execute_script(LINES_JS) for li in lines)


def test_kind_and_site_filters_and_page_jumps(browser: Any, report: tuple[Path, list[Path]]) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    path, _ = report
    browser.get(path.as_uri())
    Select(browser.find_element(By.ID, "f-kind")).select_by_value("common")
    shown = browser.execute_script(LINES_JS)
    drops = [li for lines in shown for li in lines if li["shown"] and li["verdict"] == "drop"]
    assert drops and all(li["rule"].startswith("common/") for li in drops)
    browser.find_element(By.ID, "f-reset").click()
    Select(browser.find_element(By.ID, "f-site")).select_by_value("ostro.org")
    sections = browser.execute_script(
        "return Array.from(document.querySelectorAll('section.page')).map(s => !s.hidden)"
    )
    assert sections == [False, True, False]
    browser.find_element(By.ID, "f-reset").click()
    body = browser.find_element(By.TAG_NAME, "body")
    hashes = []
    for key in "nnnnp":  # from the top: page 1, 2, 3, stay on the last, back to 2
        body.send_keys(key)
        hashes.append(browser.execute_script("return location.hash"))
    assert hashes == ["#p1", "#p2", "#p3", "#p3", "#p2"]
