"""A share bar on one line ('Whatsapp Facebook Pint Baixar') is a share bar, not a headline.

A real excerpt of the dev set (aeb b3c19dd5, a Brazilian quotes site): each quote has the share
bar on one line under it. As no signal named it, the headline search took it for the page's
headline, over the post's title above. Networks' names only count: a service's headings ('Email
and SMS Marketing', 'YouTube, TikTok, X') are no share bar.
"""

from __future__ import annotations

from pathlib import Path

from cleaner.generic.lines import _line_facts
from tests.conftest import run_cli
from tests.conftest import text_verdicts as verdicts

PAGE = (Path(__file__).parent / "fixtures" / "generic" / "share-line.txt").read_text(encoding="utf-8").splitlines()


def _signal(line: str) -> str:
    facts = _line_facts(line)
    assert facts is not None
    return facts[3]


def test_a_line_of_networks_names_is_a_share_bar():
    assert _signal("Whatsapp Facebook Pint Baixar") == "share-bar"
    assert _signal("Facebook Twitter LinkedIn") == "share-bar"


def test_a_heading_naming_channels_is_none():
    assert _signal("Email and SMS Marketing") == ""
    assert _signal("YouTube, TikTok, X") == ""
    assert _signal("Why we left Facebook for a small forum of our own") == ""


def test_the_posts_title_is_kept_and_the_share_lines_go():
    seen = verdicts(run_cli, PAGE)
    assert seen["Whatsapp Facebook Pint Baixar"] == "generic/share-bar"
    assert seen["Só quem se Ama…"] == "keep"
    assert seen[PAGE[13]] == "keep"  # the post's text
