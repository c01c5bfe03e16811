"""A comment thread under its own heading goes, even when it outweighs the article above it.

A real excerpt of the dev set (aeb 232a43fb, MacRumors): a short story, then '[ 167 comments ]',
'Top Rated Comments' and reader comments (name, '2 days ago at 07:52 am', comment, 'Rating: 36
Votes'), then the site's 'Guides' teasers. The comments hold more prose than the story, so the
dated-items block's weight limit kept them (a forum's or a listing's dated entries outweigh the
lead above them and are the page); the heading says what they are. Without it, the limit holds.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import text_verdicts as verdicts

PAGE = (
    (Path(__file__).parent / "fixtures" / "generic" / "macrumors-comments.txt").read_text(encoding="utf-8").splitlines()
)
HEADING = "Top Rated Comments"
STORY_FIRST = next(i for i, line in enumerate(PAGE) if line.startswith("Following the 16-inch MacBook Pro"))
STORY_LAST = next(i for i, line in enumerate(PAGE) if line.startswith("The entry-level 13-inch MacBook Pro"))
COMMENTS = [
    line
    for line in PAGE
    if line.startswith(("I think we'll see similar updates", "Before he died, Steve Jobs", "I sure wish Apple would"))
]
GUIDES = [line for line in PAGE if line.startswith(("Night mode is an automatic setting", "At first glance, the two"))]


def test_comments_under_their_heading_go_and_the_story_stays(cli):
    seen = verdicts(cli, PAGE)
    story = [line for line in PAGE[STORY_FIRST : STORY_LAST + 1] if "via iFixit" not in line]
    assert all(seen[line] == "keep" for line in story), [line[:30] for line in story if seen[line] != "keep"]
    assert len(COMMENTS) == 3 and len(GUIDES) == 2
    assert all(seen[line] == "generic/comment-thread" for line in COMMENTS + GUIDES), {
        line[:30]: seen[line] for line in COMMENTS + GUIDES
    }
    assert seen[HEADING] == "generic/section-end"


def test_without_the_heading_a_thread_heavier_than_the_story_stays(cli):
    # 'Tag: digitimes.com' over the comments reads as the end of the story too (a line of tags).
    page = [line for line in PAGE if line not in (HEADING, "Tag: digitimes.com")]
    seen = verdicts(cli, page)
    assert all(seen[line] == "keep" for line in COMMENTS), {line[:30]: seen[line] for line in COMMENTS}


def test_cleaning_the_output_again_changes_nothing(cli):
    proc = cli("clean", stdin="\n".join(PAGE) + "\n")
    assert proc.returncode == 0, proc.stderr
    again = cli("clean", stdin=proc.stdout)
    assert again.stdout == proc.stdout


# aeb ec7fc408 (a WordPress blog): the post's last paragraphs, share buttons, the author's box,
# then WordPress's comments heading, which names the post ('6 thoughts on “How to Adopt an Online
# Leader Success Mindset”'), and the comments: name, date, comment. Two of the comments' lines
# are prose in a row, which after another heading would read as the article resuming.
WORDPRESS = (
    (Path(__file__).parent / "fixtures" / "generic" / "wordpress-comments.txt").read_text(encoding="utf-8").splitlines()
)
WP_HEADING = "6 thoughts on “How to Adopt an Online Leader Success Mindset”"


def test_a_wordpress_comments_heading_ends_the_post_and_its_comments_go(cli):
    seen = verdicts(cli, WORDPRESS)
    assert seen[WP_HEADING] == "generic/section-end"
    comments = [line for line in WORDPRESS[WORDPRESS.index(WP_HEADING) + 1 :] if len(line.split()) > 8]
    assert len(comments) == 9
    assert all(seen[line] != "keep" for line in comments), [line[:30] for line in comments if seen[line] == "keep"]
    post = [line for line in WORDPRESS[:17] if len(line.split()) > 12]
    assert all(seen[line] == "keep" for line in post), [line[:30] for line in post if seen[line] != "keep"]


def test_a_line_asking_for_thoughts_is_no_comments_heading(cli):
    line = "What are your thoughts on this approach?"
    page = [*WORDPRESS[:17], line, *WORDPRESS[:5]]
    assert verdicts(cli, page)[line] != "generic/section-end"


# wcxb-dev 4456 (Blogger): a post, its labels, then '10 comments:' (a rule takes the heading) and
# the comments, each under its author glued to its date ('AmySeptember 11, 2008 at 2:06 PM') with
# 'ReplyDelete' after it. The thread is longer than the post, so no heading past the post's middle
# cut it; a heading counting the comments, the page's one, with stamps under it, does.
def test_a_counted_comments_heading_with_stamps_under_it_ends_a_shorter_post(cli):
    page = (Path(__file__).parent / "fixtures" / "generic" / "blogger-comments.txt").read_text(encoding="utf-8")
    lines = page.splitlines()
    seen = verdicts(cli, lines)
    comments = [line for line in lines[lines.index("10 comments:") + 1 :] if len(line) > 120]
    assert comments and all(seen[line] != "keep" for line in comments)
    post = [line for line in lines[: lines.index("10 comments:")] if len(line) > 200]
    assert len(post) >= 5 and all(seen[line] == "keep" for line in post)


def test_counted_comments_under_each_answer_end_nothing(cli):
    """A Q&A page prints '6 Comments', '3 Comments' under each answer: no heading of a thread."""
    page = (Path(__file__).parent / "fixtures" / "generic" / "blogger-comments.txt").read_text(encoding="utf-8")
    lines = page.splitlines()
    at = lines.index("10 comments:")
    lines[at + 10 : at + 10] = ["3 comments:"]
    seen = verdicts(cli, lines)
    first = next(line for line in lines[at:] if line.startswith("Very useful perspective"))
    assert seen[first] == "keep"
