"""Sentence-case teasers of other stories after the article go; an article's own list stays.

Real excerpts of the dev set. aeb 4a44ab3e (RT): the story, 'Like this story? Share it with a
friend!', a newsletter call, then 'Podcasts' and eight headlines of other stories in sentence
case ('Drunk man terrorizes streets of small Polish town in Soviet tank'), which the title-case
teaser cut leaves. wcxb-dev 4584: a wedding planning checklist, whose items are short lines
without a sentence end among page furniture ('Register for gifts'), all on the article's topic.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli
from tests.conftest import text_verdicts as verdicts

FIXTURES = Path(__file__).parent / "fixtures" / "generic"
RT = (FIXTURES / "off-topic-teasers.txt").read_text(encoding="utf-8").splitlines()
CHECKLIST = (FIXTURES / "wedding-checklist.txt").read_text(encoding="utf-8").splitlines()


def test_sentence_case_teasers_after_furniture_go_as_a_teaser_list():
    seen = verdicts(run_cli, RT)
    teasers = RT[RT.index("All podcasts") + 1 : RT.index("All podcasts") + 9]
    assert "Drunk man terrorizes streets of small Polish town in Soviet tank" in teasers
    for line in teasers:
        assert seen[line] != "keep", line
    assert seen[
        "Worst deal ever? S. Korea fumes as US tries to raise price tag for hosting American troops by FIVE TIMES"
    ] == ("generic/teaser-list")


def test_the_story_above_the_teasers_stays_whole():
    seen = verdicts(run_cli, RT)
    story = [line for line in RT if line.startswith(("Three people have died", "In addition to", "A doctor on"))]
    assert len(story) == 3
    assert all(seen[line] == "keep" for line in story)


def test_a_checklist_on_the_articles_topic_is_no_teaser_list():
    seen = verdicts(run_cli, CHECKLIST)
    assert "generic/teaser-list" not in seen.values()
    assert seen["Plan reception decor – decide on centerpieces, linens, seating layout, favors"] == "keep"


def test_headlines_on_the_storys_topic_below_the_furniture_stay():
    """The same page with the eight other stories' headlines replaced by lines on the story's topic."""
    at = RT.index("All podcasts") + 1
    own = [
        "Bolivia’s public defender’s office counts the fatalities at the Senkata fuel plant",
        "Demonstrators in La Paz demand the interim government answer for the gunshot wounds",
        "The Associated Press journalist heard gunfire near the fuel facility in Senkata",
        "Ombudsman Nadia Cruz calls on the interim government to stop the killing of demonstrators",
        "A doctor at the scene in Senkata says a demonstrator died in his hands after a gunshot",
        "Protests in Bolivia against the interim government enter their second week after the deaths",
        "Morales’ party says the interim government fired on demonstrators at the fuel plant",
        "Three demonstrators killed at the Senkata fuel plant as protests in Bolivia go on",
    ]
    seen = verdicts(run_cli, [*RT[:at], *own, *RT[at + 8 :]])
    assert all(seen[line] != "generic/teaser-list" for line in own)
