"""Prose above a site's navigation, before the article's headline, is no part of the article.

A real page of the dev set (big9-dev yahoo-2005 2005_race, first 100 lines): a web archive's
banner describes the capture in three prose lines ('The Internet Archive discovers and captures
web pages...', a Wikipedia blurb on Hurricane Katrina), then the site's navigation (20 menu
lines), then the story's headline, its byline and its paragraphs. The menu cost the region less
than the banner's prose brought, so the banner passed for the article's first lines.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import text_verdicts as verdicts

PAGE_DIR = Path(__file__).parent / "fixtures" / "generic"
PAGE = (PAGE_DIR / "wayback-banner.txt").read_text(encoding="utf-8").splitlines()
BANNER = [
    line
    for line in PAGE
    if line.startswith(("The Internet Archive discovers", "Data related to Hurricane", "Hurricane Katrina was"))
]
HEADLINE = "Study Finds Racial Imbalance on Death Row"
FIRST = PAGE.index(HEADLINE) + 2  # the story's first paragraph, under its byline
LAST = next(i for i, line in enumerate(PAGE) if line.startswith("California has 645 inmates"))


def test_banner_above_the_navigation_goes_and_the_story_stays(cli):
    seen = verdicts(cli, PAGE)
    assert len(BANNER) == 3
    assert all(seen[line] != "keep" for line in BANNER), {line[:30]: seen[line] for line in BANNER}
    assert seen[HEADLINE] == "keep"
    story = PAGE[FIRST : LAST + 1]
    assert all(seen[line] == "keep" for line in story), [line[:30] for line in story if seen[line] != "keep"]


def test_prose_under_the_articles_own_headline_stays_above_a_navigation(cli):
    # The story's headline and first five paragraphs above the navigation, its rest below:
    # those paragraphs are the article's (its headline stands above them, none at the
    # navigation's end), they stay.
    lead = PAGE[FIRST : FIRST + 5]
    nav = PAGE[PAGE.index("Primary Navigation") : PAGE.index(HEADLINE)]
    page = [HEADLINE, *lead, *nav, *PAGE[FIRST + 5 :]]
    seen = verdicts(cli, page)
    assert all(seen[line] == "keep" for line in lead), [line[:30] for line in lead if seen[line] != "keep"]
    assert all(seen[line] == "keep" for line in PAGE[FIRST + 5 : LAST + 1])


def test_cleaning_the_output_again_changes_nothing(cli):
    proc = cli("clean", stdin="\n".join(PAGE) + "\n")
    assert proc.returncode == 0, proc.stderr
    again = cli("clean", stdin=proc.stdout)
    assert again.stdout == proc.stdout


def test_a_headline_with_a_third_of_its_words_on_topic_marks_the_article_start(cli):
    # big9-dev yahoo-2005 2005_iran: 'Iran Makes North Korea Look Easy' over a story whose first
    # paragraphs speak of North Korea (two words of six on topic): the banner goes all the same.
    page = (PAGE_DIR / "wayback-banner-iran.txt").read_text(encoding="utf-8").splitlines()
    seen = verdicts(cli, page)
    banner = [line for line in page if line.startswith(("The Internet Archive discovers", "Hurricane Katrina was"))]
    assert len(banner) == 2
    assert all(seen[line] != "keep" for line in banner)
    assert seen["Iran Makes North Korea Look Easy"] == "keep"
    story = [line for line in page if line.startswith(("North Korea is considered", "Tehran's influence over"))]
    assert len(story) == 2 and all(seen[line] == "keep" for line in story)
