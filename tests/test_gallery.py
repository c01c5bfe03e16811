"""A gallery's items inside an article go: 'Image 1 of 5', the caption, the picture's credit.

A real excerpt of the dev set (aeb c50845a7, Space.com): 'The newly selected five are:', then a
gallery of five items ('Image 2 of 5', 'An artist's concept of Blue Origin's Blue Moon lander.',
'(Image credit: Blue Origin)'), then the list the article introduced and its next paragraphs.
Captions are no part of the article's text. The last item ends at its credit line, and that
line is no title of the region resuming under it. The list after the gallery stays.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import text_verdicts as verdicts

PAGE = (
    (Path(__file__).parent / "fixtures" / "generic" / "gallery-counters.txt").read_text(encoding="utf-8").splitlines()
)
FIRST = PAGE.index("Image 1 of 5")
CREDIT = "(Image credit: Tyvak Nano-Satellite Systems, Inc.)"


def test_gallery_items_go_and_the_article_around_them_stays(cli):
    seen = verdicts(cli, PAGE)
    gallery = PAGE[FIRST : PAGE.index(CREDIT) + 1]
    assert len(gallery) == 15
    # A credit line goes by its own signal (generic/credit), the item's other lines as the gallery's.
    want = {line: "generic/credit" if line.startswith("(Image credit:") else "generic/gallery" for line in gallery}
    assert all(seen[line] == want[line] for line in gallery), {line[:30]: seen[line] for line in gallery}
    assert seen["The newly selected five are:"] == "keep"
    after = PAGE[PAGE.index(CREDIT) + 1 :][:8]
    assert all(seen[line] == "keep" for line in after), {line[:30]: seen[line] for line in after}


def test_cleaning_the_output_again_changes_nothing(cli):
    proc = cli("clean", stdin="\n".join(PAGE) + "\n")
    assert proc.returncode == 0, proc.stderr
    again = cli("clean", stdin=proc.stdout)
    assert again.stdout == proc.stdout


def test_a_counter_over_the_articles_paragraph_takes_only_itself(cli):
    # No credit line under the last counter: the line under it may be the article's own.
    page = [*PAGE[:FIRST], "Image 1 of 1", *PAGE[PAGE.index(CREDIT) + 1 :]]
    seen = verdicts(cli, page)
    assert seen["Image 1 of 1"] == "generic/gallery"
    after = PAGE[PAGE.index(CREDIT) + 1 :][:8]
    assert all(seen[line] == "keep" for line in after), {line[:30]: seen[line] for line in after}
