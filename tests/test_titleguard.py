"""A learned line rule never takes the page's headline (cleaner/titleguard.py), end to end.

The pages: a site's menu, the story's headline, a template line, three paragraphs, then an
'Also in Lifestyle' box that lists the same stories on every page (a crawl snapshot), so one
story's title is in every page and `cleaner learn` makes it a line rule. On that story's own
page the title is the headline, on its topic: it stays there, and goes wherever it is a list
item; the off-topic template line above the article ('Share this story') still goes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import run_cli

MENU = ["Home", "World", "Business", "Technology", "Sports", "Opinion", "Lifestyle", "Contact us"]
TITLE = "Lexus Readies Another Hybrid"
BOX = ["Also in Lifestyle", TITLE, "Volkswagen New Beetle Turbo S", "Affordable Luxuries for Your Home"]
FOOTER = ["Privacy Policy", "Terms of Use", "© 2005 Example Media"]
SHARE = "Share this story"
LAST = (
    "It was not clear when the work would be finished, but the people involved said that they were "
    "hopeful about what would come next for all of them."
)
STORIES = [
    (
        "City council approves new budget for parks",
        "The city council voted on Tuesday to approve a new budget that gives the parks department more "
        "money for the coming year and the years after it.",
        "Members of the council said that the parks had been neglected for a long time and that residents "
        "had asked for the change at many public meetings.",
    ),
    (
        "Storm brings heavy rain to the coast",
        "A large storm moved along the coast overnight and brought heavy rain to towns that had been dry "
        "for most of the summer, officials said on Wednesday.",
        "Residents were asked to stay at home while crews cleared the roads of fallen trees and the water "
        "that had collected in the low parts of the towns.",
    ),
    (
        "Local school wins national science prize",
        "Students from a local school won a national science prize this week for a project that measured "
        "the quality of the water in the river near their town.",
        "Their teacher said that the students had worked on the project for more than a year and that "
        "they had learned a great deal from the people they met.",
    ),
    (
        "New bridge opens after years of delays",
        "The new bridge over the river opened to traffic on Monday after years of delays that had made "
        "the project one of the most expensive in the history of the state.",
        "Drivers who crossed it in the first hours said that the trip into the city was now much shorter "
        "than it had been when they had to use the old road.",
    ),
    (
        "Museum shows paintings from private collection",
        "The museum opened an exhibition on Friday of paintings from a private collection that has never "
        "been shown to the public before in this country or abroad.",
        "The owner of the collection said that she had wanted for a long time to share the paintings "
        "with the people of the city where she grew up.",
    ),
    (
        "Farmers expect a good harvest this year",
        "Farmers in the region said this week that they expect a good harvest this year after a spring "
        "with enough rain and a summer that was not too hot for the crops.",
        "Prices for grain have been low for some time, and a good harvest would help many of the families "
        "who depend on the farms for their living.",
    ),
]
# The story whose title the box lists: its own page's box shows another story instead.
OWN = (
    TITLE,
    "Toyota Motor's Lexus subsidiary is going to put a second hybrid car on the market next year, and "
    "the company says that the new car will use less fuel than the first one.",
    "People who want a luxury car that uses less fuel have asked for a hybrid for years, and the Lexus "
    "dealers say they have long lists of buyers waiting for it.",
)


def page(story: tuple[str, str, str], box: list[str] = BOX) -> str:
    """One page of the site."""
    headline, first, second = story
    return "\n".join([*MENU, headline, SHARE, first, second, LAST, *box, *FOOTER]) + "\n"


OWN_PAGE = page(OWN, [BOX[0], "Great Automotive Comebacks", *BOX[2:]])


def verdicts(*args: str | Path) -> dict[str, str]:
    """Each line's verdict by `cleaner clean --explain` (jsonl): 'keep' or its rule (the last one seen)."""
    proc = run_cli("clean", "--explain", "--explain-format", "jsonl", *args)
    assert proc.returncode == 0, proc.stderr
    return {
        rec["text"]: "keep" if rec["verdict"] == "keep" else rec["rule"]
        for rec in map(json.loads, proc.stderr.decode().splitlines())
    }


@pytest.fixture(scope="module")
def learned(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("titleguard")
    docs = root / "pages"
    docs.mkdir()
    for i, story in enumerate(STORIES):
        (docs / f"p{i}.txt").write_text(page(story), encoding="utf-8")
    out = root / "learned.yaml"
    proc = run_cli("learn", docs, "--site", "example.test", "-o", out)
    assert proc.returncode == 0, proc.stderr
    assert f'texts: ["{TITLE}"]' in out.read_text(encoding="utf-8")  # the story's title is a learned rule
    return out


def test_the_story_page_keeps_its_headline_the_learned_rule_took(learned, tmp_path):
    target = tmp_path / "own.txt"
    target.write_text(OWN_PAGE, encoding="utf-8")
    seen = verdicts(target, "--rules", learned, "--site", "example.test")
    assert seen[TITLE] == "keep" and seen[OWN[1]] == "keep" and seen[OWN[2]] == "keep"
    assert seen[SHARE].startswith("example.test/line-")  # a template line above the article, off topic
    assert all(seen[line] != "keep" for line in MENU)
    # The output cleans to itself.
    once = run_cli("clean", target, "--rules", learned, "--site", "example.test")
    again = run_cli("clean", "-", "--rules", learned, "--site", "example.test", stdin=once.stdout)
    assert once.returncode == again.returncode == 0 and again.stdout == once.stdout
    assert TITLE.encode() in once.stdout


def test_the_title_as_a_list_item_still_goes(learned, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text(page(STORIES[0]), encoding="utf-8")
    seen = verdicts(other, "--rules", learned, "--site", "example.test")
    assert seen[TITLE].startswith("example.test/line-")
    assert seen[STORIES[0][0]] == "keep"


def test_batch_learn_keeps_the_headline_under_neutral_names(tmp_path):
    # In a batch the story's page is among the pages learned from: its title stands above its
    # article there, so learning's own title check makes no rule of it, and the guard has
    # nothing to undo; the outputs are the same either way.
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    for i, story in enumerate(STORIES):
        (src / f"doc{i:05d}.txt").write_text(page(story), encoding="utf-8")
    (src / "doc00099.txt").write_text(OWN_PAGE, encoding="utf-8")
    proc = run_cli("batch", src, out, "--learn")
    assert proc.returncode == 0, proc.stderr
    assert b"learned" in proc.stderr
    own = (out / "doc00099.txt").read_text(encoding="utf-8").splitlines()
    assert own[:3] == list(OWN)
    assert TITLE not in (out / "doc00000.txt").read_text(encoding="utf-8")
