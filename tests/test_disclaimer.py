"""A site's disclaimers weigh against the region; the article they follow is kept.

A real excerpt of the dev set (aeb 5f03fc17, a fitness site's meal plan): the plan's lines repeat
from one eating plan to the next ('Pre-Workout Meal', 'Portion Fix Containers: ...'), so they
count against the region as repeated lines, and the footer's disclaimers ('Consult your
physician ... The contents on our website are for informational purposes only, and are not
intended to diagnose any medical condition ...') took the region: the whole plan went. A
disclaimer is a soft signal: inside an article, next to its prose, the line stays. Only
paragraphs carry it (more words than any short line's signal reads: the FDA's one-sentence
notice is left to the region).
"""

from __future__ import annotations

from pathlib import Path

from cleaner.generic.lines import _line_facts
from tests.conftest import run_cli
from tests.conftest import text_verdicts as verdicts

FIXTURE = Path(__file__).parent / "fixtures" / "generic" / "meal-plan-disclaimers.txt"
PAGE = FIXTURE.read_text(encoding="utf-8").splitlines()


def _signal(line: str) -> str:
    facts = _line_facts(line)
    assert facts is not None
    return facts[3]


def test_the_meal_plan_is_kept_over_the_footers_disclaimers():
    seen = verdicts(run_cli, PAGE)
    intro = [line for line in PAGE if line.startswith(("If you’ve done 80 Day", "A Little More Obsessed follows"))]
    assert len(intro) == 2
    assert all(seen[line] == "keep" for line in intro)
    plan = [line for line in PAGE if line.startswith("Meal Prep Menu for Eating Plan")]
    assert len(plan) >= 4
    assert all(seen[line] == "keep" for line in plan)


def test_a_disclaimer_paragraph_carries_the_signal():
    safety = next(line for line in PAGE if line.startswith("Consult your physician and follow all safety"))
    assert _signal(safety) == "disclaimer"  # '... not intended to diagnose, treat, cure, or prevent ...'
    short = next(line for line in PAGE if line.startswith("*These statements have not been evaluated"))
    assert _signal(short) == ""
    legal = (
        "This article is for informational purposes only and does not constitute legal advice. The views "
        "expressed are those of the author and have not been reviewed or approved by the firm, its partners "
        "or its clients, and reading it creates no relationship of any kind between you and the firm."
    )
    assert _signal(legal) == "disclaimer"


def test_a_paragraph_of_the_article_mentioning_advice_is_none():
    line = (
        "Her advice to first-time runners is simple: start slowly, run three times a week and never skip the "
        "warm-up, whatever the weather and however good you feel that morning."
    )
    assert _signal(line) == ""


def test_a_disclaimer_inside_the_article_next_to_its_prose_stays():
    paragraph = (
        "Funds that bought index trackers early have done well over the decade, the survey of two thousand "
        "savers found, and the fees they paid kept falling year after year as the largest providers cut prices."
    )
    disclaimer = (
        "Our figures describe what happened in the decade to 2025, and the comparison is for informational "
        "purposes only, since the funds' mandates differ and no two investors hold the same mix of them."
    )
    others = [paragraph.replace("decade", word) for word in ("year", "term", "period")]
    page = [paragraph, paragraph.replace("savers", "households"), disclaimer, *others]
    seen = verdicts(run_cli, page)
    assert seen[disclaimer] == "keep"
