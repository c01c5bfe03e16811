"""A short story among many headlines of other stories is still an article.

A real excerpt of the dev set (big9-dev foxnews-2005 2005_dog_1): a story of six paragraphs, some
of one sentence, then 'Latest Fox News Headlines', 'Top Emailed', 'Top Videos': about seventy
headlines of other stories. Line by line the headlines read as prose, so the story held under
ARTICLE_SHORT_SHARE_DEFAULT of the page's prose and the page was cleaned as one of no article,
kept whole. Headlines are no story's prose (pipeline._story_prose).
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli
from tests.conftest import text_verdicts as verdicts

PAGE = (
    (Path(__file__).parent / "fixtures" / "generic" / "short-story-many-headlines.txt")
    .read_text(encoding="utf-8")
    .splitlines()
)
STORY = [
    line for line in PAGE if line.startswith(("LOS ANGELES Paula Abdul", "Abdul was", "Abdul told", "The dog was"))
]


def test_the_short_story_is_kept_whole():
    seen = verdicts(run_cli, PAGE)
    assert len(STORY) == 4
    assert all(seen[line] == "keep" for line in STORY)


def test_the_headlines_of_other_stories_go():
    seen = verdicts(run_cli, PAGE)
    others = [
        "Florida Family Shocked They Weren't Told New Home Was Scene of Triple Murder-Suicide",
        "Denver Zoo Monkey Dies of Plague",
        "Study: Avandia Raises Risk of Heart Attack",
    ]
    assert all(seen[line] != "keep" for line in others)
