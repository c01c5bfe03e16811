"""The headline: the line reading like one just above the article, past its date and byline lines.

The page is an excerpt of a real news page (aeb 1f765c48, Sputnik): top menu, headline, photo
credit, rubric, date, byline, counter, 'Subscribe', then the article's first paragraphs.
"""

from __future__ import annotations

import json

PAGE = [
    "Cartoons",
    "Infographics",
    "Video",
    "Photo",
    "Listen Live",
    "Search",
    "Royal Self-Indicting Arrogance",
    "© REUTERS / POOL",
    "Columnists",
    "21:17 18.11.2019Get short URL",
    "by Finian Cunningham",
    "4553",
    "Subscribe",
    (
        "What was this British royal and his PR aides thinking of when he granted a high-profile "
        "interview to the BBC, supposedly to clear his name from association with sex-trafficker "
        "billionaire Jeffrey Epstein?"
    ),
    (
        "Prince Andrew, the nearly 60-year-old younger brother of heir to the British throne, Charles, "
        "has reportedly told friends and family that the interview aired at the weekend was a “great "
        "success”."
    ),
    (
        "In it, the British royal blankly denied having sex with underage girls supplied to him by the "
        "convicted pedophile Epstein who reportedly committed suicide in August while in custody in a US "
        "prison. The denials were in spite of the facts that Prince Andrew stayed with Epstein in his "
        "New York City mansion in the early 2000s and on his private Caribbean island notorious for sex "
        "parties."
    ),
    (
        "In a sign of how detached from reality this scion of the British monarchy is, the general "
        "public reaction to the interview was a torrent of derision and disgust. Former royal PR aides "
        "called it not a car crash, but “an articulated lorry crash” performance. Far from clearing his "
        "name from years of persistent media suspicions of culpability in Epstein’s sordid crimes, "
        "Prince Andrew has left himself open to prosecution from his own self-indicting words and "
        "evasions."
    ),
]
HEADLINE = "Royal Self-Indicting Arrogance"
META = ["© REUTERS / POOL", "Columnists", "by Finian Cunningham", "4553", "Subscribe"]


def verdicts(cli, page: list[str]) -> dict[str, str]:
    """Each line's verdict by `cleaner clean --explain` (jsonl): 'keep' or its rule."""
    proc = cli("clean", "--explain", "--explain-format", "jsonl", stdin="\n".join(page) + "\n")
    assert proc.returncode == 0, proc.stderr
    recs = [json.loads(raw) for raw in proc.stderr.decode().splitlines()]
    return {r["text"]: "keep" if r["verdict"] == "keep" else r["rule"] for r in recs}


def test_headline_above_date_and_byline_kept_its_meta_lines_dropped(cli):
    seen = verdicts(cli, PAGE)
    assert seen[HEADLINE] == "keep"
    assert all(seen[line] != "keep" for line in META), {line: seen[line] for line in META}
    assert all(seen[line] == "keep" for line in PAGE[-4:])  # the article's paragraphs
    assert all(seen[line] != "keep" for line in PAGE[:6])  # the menu above


def test_headline_survives_a_second_cleaning(cli):
    once = cli("clean", stdin="\n".join(PAGE) + "\n").stdout.decode()
    assert HEADLINE in once.splitlines()
    assert cli("clean", stdin=once).stdout.decode() == once


def test_a_tag_line_in_the_headline_place_is_dropped(cli):
    tags = "Entertainment Latest News Nollywood Celebrity Gossip Photos Fashion Lifestyle Videos"
    page = [tag if tag != HEADLINE else tags for tag in PAGE]
    seen = verdicts(cli, page)
    assert seen[tags] != "keep"
    assert all(seen[line] == "keep" for line in PAGE[-4:])
