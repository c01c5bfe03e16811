"""Lines that call the reader elsewhere are calls to action (`generic/cta`): 'Follow Victor Davis
Hanson on Twitter', 'Next Article in U.S. »'. Lines of the dev sets' pages (National Review, AP,
CNN); the same words inside a sentence are text.
"""

from __future__ import annotations

import pytest

from cleaner.generic.lines import _line_facts


@pytest.mark.parametrize(
    "line",
    ["Follow Victor Davis Hanson on Twitter", "Follow AP on Facebook, X, Instagram, YouTube and TikTok"],
)
def test_a_call_to_follow_someone_on_a_network_is_a_call_to_action(line):
    assert _line_facts(line)[3] == "cta"


@pytest.mark.parametrize("line", ["Next Article in U.S. »", "Next story"])
def test_a_link_to_the_next_story_is_a_call_to_action(line):
    assert _line_facts(line)[3] == "cta"


@pytest.mark.parametrize("line", ["Next year the team moved to Denver.", "Next story: the senator answers"])
def test_next_in_text_is_no_call_to_action(line):
    assert _line_facts(line)[3] != "cta"


def test_follow_in_a_sentence_is_no_call_to_action():
    assert _line_facts("Follow the money and you find the men who ran the scheme on Wall Street.")[3] != "cta"
