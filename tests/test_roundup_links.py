"""A roundup's 'More on <name>' link after each entry ends nothing: every review stays.

A real excerpt of the dev set (wcxb-dev 0402, The Quietus): a month's roundup of albums, each an
artist and title line, the review, its writer, then 'More on <artist>' (or 'Read Review|More on
<artist>'). Each such line reads as the heading of what follows an article; seen once each, they
cut the article after its middle. Their shared opening makes them the entries' links.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import text_verdicts as verdicts

PAGE = (Path(__file__).parent / "fixtures" / "generic" / "roundup-more-on.txt").read_text(encoding="utf-8").splitlines()
REVIEWS = [line for line in PAGE if len(line) > 300]


def test_every_review_of_the_roundup_stays(cli):
    seen = verdicts(cli, PAGE)
    assert len(REVIEWS) >= 12
    assert all(seen[line] == "keep" for line in REVIEWS), [line[:40] for line in REVIEWS if seen[line] != "keep"]
    links = [line for line in PAGE if line.startswith("More on ")]
    assert len(links) >= 3 and all(seen[line] != "keep" for line in links)


def test_cleaning_the_output_again_changes_nothing(cli):
    once = cli("clean", stdin="\n".join(PAGE) + "\n").stdout
    assert cli("clean", stdin=once).stdout == once
