"""A forum thread keeps its posts; an article keeps only itself above its readers' comments.

fixtures/generic/forum-thread.txt is a real page of the dev set (wcxb-dev 0521, basenotes.com,
CC-BY-4.0): the forum's menu, the thread's first ten posts, each under its header (name, title,
join date, counts, post date, '#N'), and the footer. No post outweighs the others, so the page's
densest run held one post and the rest went as generic/outside.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_generic import ARTICLE_EN, kept

# Two more paragraphs for ARTICLE_EN, so that the article outweighs a short-article check.
MORE_EN = [
    "Witnesses in the capital said that police officers had fired tear gas into a crowd that had "
    "gathered peacefully outside the parliament building on Tuesday afternoon, and that several "
    "people were taken to hospital with injuries to their eyes and hands.",
    "The government has not responded to the report. A spokesman for the interior ministry said "
    "on Wednesday that the security forces had acted within the law and that an inquiry into the "
    "deaths would be opened once the protests had ended.",
]
THREAD = Path(__file__).parent / "fixtures" / "generic" / "forum-thread.txt"


def verdicts(cli, path: Path) -> dict[str, str]:
    """Each line's verdict by `cleaner clean --explain` (jsonl): 'keep' or its rule."""
    proc = cli("clean", path, "--explain", "--explain-format", "jsonl")
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(r) for r in proc.stderr.decode().splitlines()]
    return {r["text"]: "keep" if r["verdict"] == "keep" else r["rule"] for r in rows}


def test_forum_posts_kept_around_their_headers(cli):
    seen = verdicts(cli, THREAD)
    posts = [  # the opening of posts 1, 2, 3, 6 and 10
        "Do you plan on having a monthly fragrance budget",
        "I will spend a lot less in 2024 than I did in 2022/2023.",
        "Nah, no special budget. It has gotten to the delightful point",
        "With my collection approaching a bloated and maniacal 1000",
        "Many great replies already, thankful for sharing each of these",
    ]
    for start in posts:
        verdict = [v for text, v in seen.items() if text.startswith(start)]
        assert verdict and verdict[0] == "keep", (start, verdict)
    for footer in ("Send a news tip", "Help + FAQs", "© Copyright 1999 — 2026, Basenotes.com"):
        assert seen[footer] != "keep", footer


def test_article_over_its_comment_thread_keeps_only_itself():
    # The article is most of the page's prose: its comments, dated like posts (a date and a
    # "says" header each, so eight dated lines), still go.
    comments = []
    for k, name in enumerate(("Sheri", "Jenny", "Mark", "Olga")):
        comments += [
            f"{name} says",
            f"July {k + 3}, 2018 at 2:41 pm",
            f"Thanks for the article, {name} here: I tried this at home and it worked well for "
            "our family, so I will be sharing it with my friends at our next weekend meeting.",
            "Reply",
        ]
    article = [*ARTICLE_EN, *MORE_EN]
    page = [*article, *comments]
    assert kept(page) == article


# wcxb-dev 0514 (ResetEra, XenForo; an excerpt): the thread's first eight posts, each under its
# author, title, 'Member', join date, message count, location, post date and number ('#1' ...
# '#8'). Line by line the posts' short lines read as a headline list's items between dates, and
# the thread lost them; the text under each post number, up to the next post's furniture, is a
# post.
NUMBERED = Path(__file__).parent / "fixtures" / "generic" / "forum-numbered-posts.txt"


def test_posts_under_their_numbers_kept_their_furniture_dropped(cli):
    seen = verdicts(cli, NUMBERED)
    posts = [
        "Do I unlock latent psychic powers throughout my journey?",
        "Because if not then I'd rather just leave Earth to its fate lol.",
        "I can't comprehend the form of this threads attack",
        "My friends and I don't pray, so we're fucked.",
        "We would waste like an hour trying to say his name.",
    ]
    for post in posts:
        assert seen[post] == "keep", post
    for furniture in ("One Winged Slayer", "#3", "Miami, FL"):
        assert seen[furniture] != "keep", furniture
    proc = cli("clean", NUMBERED)
    again = cli("clean", stdin=proc.stdout)
    assert again.stdout == proc.stdout


def test_an_ads_label_between_a_post_number_and_its_post_is_skipped(cli, tmp_path):
    """wcxb-dev 0518 (Student Doctor Network, XenForo) prints 'Advertisement - Members don't see
    this ad' between '#1' and the post."""
    lines = NUMBERED.read_text(encoding="utf-8").splitlines()
    at = lines.index("#3") + 1
    lines[at:at] = ["Advertisement - Members don't see this ad"]
    page = tmp_path / "thread.txt"
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    seen = verdicts(cli, page)
    assert seen["Advertisement - Members don't see this ad"] != "keep"
    assert seen["I can't comprehend the form of this threads attack"] == "keep"
