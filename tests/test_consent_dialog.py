"""A consent dialog's fixed wording goes by the common rules; the page's own text stays.

A real excerpt of the dev set (wcxb-dev 0574, a GameFAQs thread): the thread's first posts, then
the consent tool's panel printed into the page text: 'Store and/or access information on a
device 508 partners can use this purpose', each purpose's description ('Advertising presented to
you on this service can be based on limited data, ...'), 'List of IAB Vendors'. The wording is
the IAB framework's, the same on every site that uses it, so a common rule names it; line by
line it is long prose, which took the page's region from the posts.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import text_verdicts as verdicts

PAGE = (Path(__file__).parent / "fixtures" / "generic" / "consent-dialog.txt").read_text(encoding="utf-8").splitlines()
POSTS = [
    "No YT stream link this time. The VOD will just go up on their channel in exactly 1 hour from now.",
    next(line for line in PAGE if line.startswith("I don't know if the timing is unusual")),
]
PURPOSES = [
    line for line in PAGE if " partners can use this purpose" in line or line.startswith("Advertising presented")
]


def test_the_consent_dialog_goes_by_its_common_rule_and_the_posts_stay(cli):
    seen = verdicts(cli, PAGE)
    assert len(PURPOSES) >= 8
    assert all(seen[line] == "common/consent-dialog" for line in PURPOSES), {
        line[:40]: seen[line] for line in PURPOSES if seen[line] != "common/consent-dialog"
    }
    assert all(seen[line] == "keep" for line in POSTS), {line[:40]: seen[line] for line in POSTS}
