"""Teasers whose headline runs into its lead, with no line between them, go as a list.

A real excerpt of the dev set (aeb c467d507, CBS Detroit): a sidebar of four other stories, each
printed as its heading glued to its paragraph ('... Title RunDenny Hamlin's championship run
...'), above the article. Each line alone passed for prose; a run of them is a list of stories.
A brand name glues the same way ('the Braun BrewSense is ...'): one such line is content.
aeb 5f9c5ed5 (India Post): a 'Breaking News' box whose items glue the headline to a lead that
opens with its dateline ('... return home from US NEW DELHI: Their American dream ...').
"""

from __future__ import annotations

from pathlib import Path

from cleaner.generic.shapes import _glued
from tests.conftest import run_cli
from tests.conftest import text_verdicts as verdicts

PAGE = (Path(__file__).parent / "fixtures" / "generic" / "glued-teasers.txt").read_text(encoding="utf-8").splitlines()
TEASERS = PAGE[1:5]


def test_a_run_of_headlines_glued_to_their_leads_goes():
    seen = verdicts(run_cli, PAGE)
    for line in TEASERS:
        assert seen[line] == "generic/headline-list", line


def test_the_article_under_the_run_stays_whole():
    seen = verdicts(run_cli, PAGE)
    article = [line for line in PAGE if line.startswith(("ST. JOSEPH", "Berrien", "Cases of", "Dr. Joneigh"))]
    assert len(article) == 4
    assert all(seen[line] == "keep" for line in article)


def test_one_brand_name_glued_in_a_paragraph_is_content():
    line = (
        "The Braun BrewSense is the most affordable of the coffee makers we tested, and it makes a good "
        "cup of coffee every time."
    )
    assert _glued(line)  # alone it has the shape ...
    at = PAGE.index(next(p for p in PAGE if p.startswith("Cases of")))
    page = [*PAGE[:at], line, *PAGE[at:]]  # ... but no run: the article's paragraph stays
    seen = verdicts(run_cli, page)
    assert seen[line] == "keep"


def test_the_glue_needs_a_headline_before_and_a_lead_after():
    assert _glued("Tape Gaffe Ends Hamlin's Title RunDenny Hamlin's championship run was foiled by the tale of it.")
    assert not _glued("Ford v Toyota flopped for the blue oval at the track, and Harvick could not rally it.")
    # a sentence before the glue: no headline opens the line
    assert not _glued(
        "Innovative Winston 81/100 Rating – See at amazon.com. The Winston WorkStation stands out with its sturdy "
        "frame and its quiet motor."
    )


DATELINES = (
    (Path(__file__).parent / "fixtures" / "generic" / "dateline-teasers.txt").read_text(encoding="utf-8").splitlines()
)


def test_a_run_of_headlines_glued_to_leads_opening_with_a_dateline_goes():
    seen = verdicts(run_cli, DATELINES)
    box = [line for line in DATELINES if " NEW DELHI: " in line or " KARACHI: " in line or " COLOMBO: " in line]
    assert len(box) >= 5
    assert all(seen[line] == "generic/headline-list" for line in box)
    story = [line for line in DATELINES if line.startswith(("NEW DELHI: Their", "“This was the fourth"))]
    assert len(story) == 2
    assert all(seen[line] == "keep" for line in story)


def test_a_dateline_opening_a_paragraph_is_no_glue():
    assert not _glued("NEW DELHI: The Supreme Court on Wednesday asked the Kerala government to come out with a law.")
