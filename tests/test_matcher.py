"""Matcher behaviour: fuzzy lines, patterns, blocks with shapes, keep guards, linear-time regex."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from cleaner import clean
from cleaner.errors import RuleError
from cleaner.rules import build_ruleset, load_rules, parse_rule_text

from .conftest import run_cli


def _rules(yaml_text: str):
    return build_ruleset([[parse_rule_text(textwrap.dedent(yaml_text), "test.yaml")]])


SITE = """\
id: t.example
hosts: [t.example]
fingerprints: [Footer of t.example site]
rules:
  - id: banner
    kind: line
    text: Support independent journalism today with a donation
  - id: stamp
    kind: pattern
    pattern: '^\\d{1,2}:\\d{2}$'
  - id: latest
    kind: block
    anchor: LATEST
    extent: shape
    shape:
      - any: true
      - pattern: '^\\d{2}\\.\\d{2}\\.\\d{4}$'
      - any: true
        optional: true
        max_words: 3
  - id: footer
    kind: block
    anchor: Footer of t.example site
    extent: end
  - id: never-drop-title
    kind: keep
    text: LATEST
    threshold: 100
"""


def _clean(text: str, **kw):
    return clean(text, _rules(SITE), site="t.example", generic=False, **kw)


def test_fuzzy_line_matches_small_variations_and_names_its_score() -> None:
    result = _clean("Intro.\nSupport independent journalism today with donations!\nBody.\n")
    assert result.kept_lines == ["Intro.", "Body."]
    reason = result.lines[1].reason
    assert reason.rule == "t.example/banner" and reason.kind == "line" and 90 <= reason.score < 100


def test_fuzzy_line_does_not_match_a_different_sentence() -> None:
    result = _clean("Support for independent media grew, the survey found.\n")
    assert result.kept_lines == ["Support for independent media grew, the survey found."]


def test_pattern_rule() -> None:
    result = _clean("Body.\n12:30\nMore body.\n")
    assert result.kept_lines == ["Body.", "More body."]
    assert result.lines[1].reason.kind == "pattern"


def test_block_shape_takes_whole_items_and_stops_at_the_first_misfit() -> None:
    text = (
        "Body.\nLATESTX\nHeadline one\n01.02.2025\nHeadline two\n02.02.2025\ntag\n"
        "Next paragraph of the article is long.\nAnd another one.\n"
    )
    # 'LATESTX' fuzzily matches the anchor but not the exact-only keep rule; 'tag' is an optional element.
    result = _clean(text)
    assert result.kept_lines == ["Body.", "Next paragraph of the article is long.", "And another one."]
    assert {line.reason.rule for line in result.removed} == {"t.example/latest"}


def test_block_shape_optional_element_does_not_swallow_the_next_item() -> None:
    text = "LATESTX\nHeadline one\n01.02.2025\nHeadline two\n02.02.2025\nHeadline three\n03.02.2025\n"
    assert _clean(text).kept_lines == []


def test_block_shape_cut_mid_item_at_the_end_of_text() -> None:
    assert _clean("Body.\nLATESTX\nHeadline one\n01.02.2025\nHeadline cut\n").kept_lines == ["Body."]


def test_block_shape_ends_when_the_shape_breaks() -> None:
    result = _clean("LATESTX\nHeadline one\nnot a date\nStill article text here.\n")
    assert result.kept_lines == ["Headline one", "not a date", "Still article text here."]


def test_block_to_end() -> None:
    result = _clean("Body.\nFooter of t.example site\nAbout us\nContacts\n")
    assert result.kept_lines == ["Body."]
    assert (result.site, result.site_source) == ("t.example", "option")


def test_keep_rule_vetoes_removal_and_says_so() -> None:
    result = _clean("LATEST\nHeadline\n01.02.2025\n")
    assert result.kept_lines == ["LATEST"]
    assert result.lines[0].protected_by == "t.example/never-drop-title"


def test_fingerprint_recognition_and_host_selection() -> None:
    rules = _rules(SITE)
    assert clean("Body.\nFooter of t.example site!\nAbout\n", rules, generic=False).site == "t.example"
    assert clean("Body.\n", rules, url="https://news.t.example/a", generic=False).site == "t.example"
    assert clean("Body.\n", rules, generic=False).site is None


def test_until_extent_stops_before_the_end_line() -> None:
    rules = _rules(
        """\
        id: u.example
        rules:
          - id: menu
            kind: block
            anchor: MENU
            extent: until
            until: [Article]
        """
    )
    result = clean("MENU\nHome\nNews\nArticle\nText.\n", rules, site="u.example", generic=False)
    assert result.kept_lines == ["Article", "Text."]


_REQUIRED_UNTIL = """\
    id: r.example
    rules:
      - id: panel
        kind: block
        anchor: PANEL
        extent: until
        until_patterns: ['^end of panel$']
        include_until: true
        require_until: true
        max_lines: 3
    """


def test_require_until_removes_the_block_only_when_its_end_line_comes() -> None:
    rules = _rules(_REQUIRED_UNTIL)
    ended = clean("PANEL\nOne\nTwo\nEnd of panel\nText.\n", rules, site="r.example", generic=False)
    assert ended.kept_lines == ["Text."]
    # No end line within max_lines: nothing goes, the anchor neither (without the key: 3 lines would).
    open_ended = clean("PANEL\nOne\nTwo\nThree\nEnd of panel\n", rules, site="r.example", generic=False)
    assert open_ended.kept_lines == ["PANEL", "One", "Two", "Three", "End of panel"]
    loose = _rules(_REQUIRED_UNTIL.replace("require_until: true", "require_until: false"))
    cut = clean("PANEL\nOne\nTwo\nThree\nEnd of panel\n", loose, site="r.example", generic=False)
    assert cut.kept_lines == ["End of panel"]


def test_require_until_needs_extent_until() -> None:
    with pytest.raises(RuleError, match=r"test.yaml:\d+: .*require_until only applies with extent 'until'"):
        _rules(
            """\
            id: r.example
            rules:
              - id: list
                kind: block
                anchor: LIST
                extent: end
                require_until: true
            """
        )


def test_wayback_toolbar_goes_on_any_page_and_a_page_of_only_toolbar_comes_out_empty() -> None:
    """The bundled web-archive rules: the capture calendar and panel, whatever the site."""
    toolbar = (
        "Oct\nDEC\nNov\n14\n2003\n2004\n2006\n5 captures\n03 Aug 2004 - 26 May 2006\nAbout this capture\n"
        "COLLECTED BY\nOrganization: Alexa Crawls\nStarting in 1996, Alexa Internet has been donating their crawl "
        "data to the Internet Archive. Flowing in every day, these data are added to the Wayback Machine after an "
        "embargo period.\nCollection: Alexa Crawls EA\nCrawl data donated by Alexa Internet. This data is "
        "currently not publicly accessible\n"
    )
    assert clean(toolbar, load_rules(env={})).kept_lines == []
    article = "Lexus Readies Another Hybrid\nToyota Motor's Lexus subsidiary will sell a hybrid sedan next year.\n"
    result = clean(toolbar + article, load_rules(env={}), generic=False)
    assert result.kept_lines == article.splitlines()
    assert {r.reason.rule.split("/")[0] for r in result.removed} == {"web-archive"}


def test_blank_lines_between_kept_paragraphs_stay_and_edges_go() -> None:
    text = "\n\nPara one.\n\nSupport independent journalism today with a donation\n\nPara two.\n\n12:30\n\n"
    result = _clean(text)
    assert result.text == "Para one.\n\nPara two.\n"
    assert _clean(result.text).text == result.text


def test_catastrophic_pattern_cannot_hang_the_cleaner(tmp_path: Path) -> None:
    """'(a+)+$' backtracks exponentially in Python's re; RE2 matches in linear time."""
    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    (rules_dir / "evil.yaml").write_text(
        "id: evil.example\nrules:\n  - id: evil\n    kind: pattern\n    pattern: '^(a+)+$'\n", encoding="utf-8"
    )
    page = tmp_path / "page.txt"
    page.write_text("a" * 200_000 + "b\n" + "a" * 200_000 + "\nText.\n", encoding="utf-8")
    proc = run_cli("clean", page, "--site", "evil.example", "--rules", rules_dir, "--no-generic", timeout=60)
    assert proc.returncode == 0
    assert proc.stdout.decode() == "a" * 200_000 + "b\nText.\n"


def test_hits_from_the_cache_equal_fresh_hits() -> None:
    from cleaner import matcher as m
    from cleaner.rules import load_rules

    rules = load_rules(env={})
    matcher = m.matcher_for(rules, None)
    keys = ["subscribe to our newsletter", "", "comments (3)", "a plain sentence of the article", "comments (3)"]
    fresh = m.SiteMatcher(list(rules.common)).hits(keys)
    assert matcher.hits(keys) == fresh  # fills the cache
    assert matcher.hits(keys) == fresh  # from the cache
    # Lines with the same key share one immutable tuple of hits: no caller can change another's.
    assert any(fresh) and fresh[2] == fresh[4] and all(isinstance(h, tuple) for h in fresh)


def test_the_hit_cache_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    from cleaner import matcher as m
    from cleaner.rules import load_rules

    monkeypatch.setattr(m, "HIT_CACHE_SIZE", 16)
    common = list(load_rules(env={}).common)
    matcher, fresh = m.SiteMatcher(common), m.SiteMatcher(common)
    for n in range(10):
        keys = [f"line {n} {i}" for i in range(12)] + ["subscribe to our newsletter", "comments (3)"]
        assert matcher.hits(keys) == [tuple(fresh._match([k]).get(k, ())) for k in keys]
        assert len(matcher._cache) <= 16
