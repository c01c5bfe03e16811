"""An author box after the article goes: 'About' and the author's name, then a line naming them.

A real excerpt of the dev set (aeb ea25dd7e, Smithsonian): the story's last paragraphs, a
newsletter call, then 'About Brigit Katz' over 'Brigit Katz is a freelance writer based in
Toronto...' and the next/previous teasers. The bio is a paragraph of prose, so it passed for the
article's last one. The heading is one of what follows an article only when it names a person
(two or three capitalised words) whom the next line names: 'About the study' is a subhead, a
shop's 'About Auto-Replenish' or a clinic's 'About ONE Health Ohio' heads the page's content.
"""

from __future__ import annotations

from pathlib import Path

from cleaner.generic.signals import _about_name
from tests.conftest import text_verdicts as verdicts

PAGE = (Path(__file__).parent / "fixtures" / "generic" / "author-box.txt").read_text(encoding="utf-8").splitlines()
HEADING = "About Brigit Katz"
BIO = next(line for line in PAGE if line.startswith("Brigit Katz is a freelance writer"))
STORY = PAGE[: PAGE.index("Like this article?")]


def test_author_box_goes_and_the_story_stays(cli):
    seen = verdicts(cli, PAGE)
    assert seen[HEADING] == "generic/section-end"
    assert seen[BIO] != "keep"
    assert all(seen[line] == "keep" for line in STORY), [line[:30] for line in STORY if seen[line] != "keep"]


def test_a_heading_about_no_one_the_next_line_names_is_no_author_box(cli):
    # The same heading over a line that does not name her: no author box, no section end.
    page = [*STORY[:5], HEADING, *STORY[5:]]
    seen = verdicts(cli, page)
    assert seen[HEADING] != "generic/section-end"
    assert all(seen[line] == "keep" for line in STORY)


def test_about_a_name_reads_only_a_persons_name():
    assert _about_name("About Brigit Katz") == "Katz"
    assert _about_name("Sobre Carlos Nadalim") == "Nadalim"
    assert _about_name("Über Moritz Bachmann") == "Bachmann"
    assert _about_name("About Victor Davis Hanson") == "Hanson"
    for heading in ("About the study", "About Us", "About ONE Health Ohio", "About Auto-Replenish", "About"):
        assert _about_name(heading) is None, heading


def test_cleaning_the_output_again_changes_nothing(cli):
    proc = cli("clean", stdin="\n".join(PAGE) + "\n")
    assert proc.returncode == 0, proc.stderr
    again = cli("clean", stdin=proc.stdout)
    assert again.stdout == proc.stdout


# wcxb-dev 0305 (a yoga retreat blog, WordPress): the post's last paragraphs, its sign-off, then
# the author box of a plugin: 'Author', 'Recent Posts', 'Follow me', the author's name, role and
# bio, 'Latest posts by Autumn Adams', three dated links. 'Recent Posts' is a heading of what
# follows the article (as 'Recent Articles' and 'More Videos' are); the bio no longer passes for
# the post's last paragraph.
def test_recent_posts_heading_ends_the_post_before_the_author_box(cli):
    page = (Path(__file__).parent / "fixtures" / "generic" / "author-box-recent-posts.txt").read_text(encoding="utf-8")
    lines = page.splitlines()
    seen = verdicts(cli, lines)
    assert seen["Recent Posts"] == "generic/section-end"
    bio = next(line for line in lines if line.startswith("Autumn founded Ambuja Yoga"))
    assert seen[bio] != "keep"
    post = lines[: lines.index("See you on retreat!") + 1]
    assert all(seen[line] == "keep" for line in post), [line[:30] for line in post if seen[line] != "keep"]
