"""A box of other stories inside the article ('Recommended Reading', three headlines each with
its author under it) ends nothing: the article resumes after it.

A real excerpt of the dev set (wcxb-dev 0160, The Atlantic): the essay's paragraphs, the box,
five more paragraphs of the essay, then 'About the Author' and the footer's links.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import text_verdicts as verdicts

FIXTURE = Path(__file__).parent / "fixtures" / "generic" / "inline-box-authors.txt"
PAGE = FIXTURE.read_text(encoding="utf-8").splitlines()
BOX = PAGE.index("Recommended Reading")
AFTER = PAGE.index("About the Author")


def test_the_essay_resumes_after_the_box_and_the_box_goes(cli):
    seen = verdicts(cli, PAGE)
    resumed = PAGE[BOX + 7 : AFTER]
    assert len(resumed) == 5 and all(len(line) > 70 for line in resumed)
    assert all(seen[line] == "keep" for line in resumed), {line[:30]: seen[line] for line in resumed}
    heads = [PAGE[BOX], *PAGE[BOX + 1 : BOX + 7 : 2]]  # the heading and the three headlines
    assert all(seen[line] != "keep" for line in heads), {line[:30]: seen[line] for line in heads}
    assert all(seen[line] == "keep" for line in PAGE[1:BOX] if len(line) > 200)


def test_cleaning_the_output_again_changes_nothing(cli):
    once = cli("clean", stdin="\n".join(PAGE) + "\n").stdout
    assert cli("clean", stdin=once).stdout == once


# big9-dev 2009_bone_1 (Fox News, 2009): 'Related Stories' and fifteen headlines of the same
# story inside the article, then its last four paragraphs. A box of headlines alone may be long.
RELATED = (FIXTURE.parent / "related-headlines-box.txt").read_text(encoding="utf-8").splitlines()


def test_the_story_resumes_after_a_long_box_of_headlines(cli):
    seen = verdicts(cli, RELATED)
    box = RELATED.index("Related Stories")
    resumed = [line for line in RELATED[box:] if len(line) > 100]
    assert len(resumed) == 4
    assert all(seen[line] == "keep" for line in resumed), {line[:30]: seen[line] for line in resumed}
    heads = RELATED[box + 1 : box + 16]
    assert sum(seen[line] != "keep" for line in heads) >= 13, {line[:30]: seen[line] for line in heads}


# wcxb-dev 4891 (Aura, a service page): the guide's last lines, the footer's links, its copyright,
# then the plans' footnotes ('*The Identity Theft Insurance is underwritten ...', '¹ The score
# ...'): prose after the footer, but fine print under footnote marks, no article resuming.
FOOTNOTES = (FIXTURE.parent / "footnotes-after-footer.txt").read_text(encoding="utf-8").splitlines()


def test_footnotes_after_the_footer_are_no_article_resuming(cli):
    seen = verdicts(cli, FOOTNOTES)
    notes = [line for line in FOOTNOTES if line[:1] in "*¹²³⁴⁵" and len(line) > 60]
    assert len(notes) >= 4
    assert all(seen[line] != "keep" for line in notes), {line[:30]: seen[line] for line in notes}
    guide = FOOTNOTES[: FOOTNOTES.index("Start Free Trial")]
    assert all(seen[line] == "keep" for line in guide if len(line) > 100)
