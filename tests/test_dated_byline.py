"""A byline with its date after a separator is a byline: 'By Tess Bonn - 11/19/19 06:56 AM EST'.

Lines of the dev sets' pages (The Hill, Ars Technica, Forbes, SpaceNews); a name of a byline's
few words, a separator, then a date. A forum's post header ('by Minoa » Tue Aug 27, 2019 5:58
am') and a sentence opening with 'By' are not.
"""

from __future__ import annotations

import pytest

from cleaner.generic.lines import _line_facts
from tests.conftest import text_verdicts as verdicts


@pytest.mark.parametrize(
    "line",
    [
        "By Tess Bonn - 11/19/19 06:56 AM EST",
        "By Julian Sanchez | Last updated February 26, 2009 6:45 PM CT",
        "By ALAN ZIBEL , 09.18.09, 10:09 AM EDT",
        "by Jeff Foust — November 18, 2019",
        "By romain · 1 day ago",
        "By Tariq Malik, Mike Wall 2019-11-18T22:05:36Z Spaceflight",  # Space.com's, a machine's timestamp
    ],
)
def test_a_byline_and_its_date_read_as_a_byline(line):
    assert _line_facts(line)[3] == "byline"


@pytest.mark.parametrize(
    "line",
    [
        "by Minoa » Tue Aug 27, 2019 5:58 am",  # a forum post's header
        "By the end of the day, twelve people had left the building.",
        "By contrast, the 2019 model costs less - 10/10 would buy",
    ],
)
def test_a_post_header_or_a_sentence_is_no_dated_byline(line):
    assert _line_facts(line)[3] != "byline"


def test_the_dated_byline_under_a_headline_goes_and_the_story_stays(cli):
    story = [
        "A New York man pleaded guilty to charges he threatened to kill Rep. Ilhan Omar, the Justice "
        "Department said, after he left a voicemail at her Washington office in March.",
        "The man faces up to ten years in prison when he is sentenced next year, prosecutors said in a "
        "statement released on Monday evening after the hearing in federal court in Buffalo.",
        "Omar has faced a wave of threats since she took office in January, her office has said, and "
        "several have led to charges against the people who made them in the last few months.",
    ]
    page = ["Home", "News", "Politics", "New York man pleads guilty to threatening to kill Omar"]
    page += ["By Justine Coleman - 11/18/19 11:04 PM EST", *story]
    seen = verdicts(cli, page)
    assert seen["By Justine Coleman - 11/18/19 11:04 PM EST"] == "generic/byline"
    assert seen["New York man pleads guilty to threatening to kill Omar"] == "keep"
    assert all(seen[line] == "keep" for line in story)
