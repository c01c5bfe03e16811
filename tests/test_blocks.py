"""Whole junk blocks: a run of items of one shape after the article goes as one block.

A real excerpt of the dev set (aeb 232a43fb, MacRumors): the article (headline, date and byline,
paragraphs), then 'More Blog Stories', whose items are a headline, a relative date ('16 hours
ago on iOS Blog'), a one-sentence lead and a comment count. Line by line each item passed for
content (the leads are sentences); as a run of one shape after the article it is a block.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import text_verdicts as verdicts

FIXTURES = Path(__file__).parent / "fixtures" / "generic"

ARTICLE = [
    "13-Inch MacBook Pro With Scissor Keyboard Expected in First Half of 2020",
    "Monday November 18, 2019 7:45 am PST by Joe Rossignol",
    (
        "Following the 16-inch MacBook Pro, Apple plans to release a new 13-inch MacBook Pro with a "
        "scissor switch keyboard in the first half of 2020, according to industry sources cited by "
        "hit-or-miss Taiwanese publication DigiTimes. A preview of the report was shared with "
        "paying subscribers."
    ),
    "16-inch MacBook Pro's new scissor switch keyboard via iFixit",
    (
        "The report claims the display size will remain 13.3 inches, although given the source is "
        "DigiTimes, we would not completely rule out hopes of a larger 14-inch display. Wistron and "
        "Global Lighting Technologies are said to be among the suppliers of the keyboards for the "
        "smaller notebook."
    ),
    (
        "The new 16-inch MacBook Pro features a redesigned scissor switch keyboard, largely based "
        "on the standalone Magic Keyboard for the iMac. Given the tried-and-tested design, the "
        "keyboard should prove far more reliable than the troublesome butterfly keyboards used "
        "across the MacBook lineup in recent years."
    ),
    (
        "The 16-inch MacBook Pro also features a physical Esc key and an inverted-T arrow key "
        "layout. It is unclear if the 13-inch MacBook Pro will follow suit."
    ),
    (
        "Apple analyst Ming-Chi Kuo has previously predicted that Apple will transition its entire "
        "notebook lineup to scissor switch keyboards in 2020, including all MacBook Pro and MacBook "
        "Air models."
    ),
    (
        "It would be hardly surprising if Apple completely moves past its butterfly keyboards, "
        "which have suffered from issues with sticky, repeating, or nonfunctional keys since their "
        "inception in 2016. Apple continues to offer free repairs to affected customers as part of "
        "its worldwide service program."
    ),
    (
        "The entry-level 13-inch MacBook Pro was last updated in July, while higher-end 13-inch "
        "models were refreshed in May."
    ),
]
BLOCK = [
    "More Blog Stories",
    ("Review: Mophie's Juice Pack Access Case Gives Your iPhone 11's Already Great Battery Life a Modest Boost"),
    "16 hours ago on iOS Blog",
    (
        "Mophie is known for its smartphone battery cases, which provide you with a way to keep an "
        "iPhone battery topped off while not having to worry about carrying around a large portable "
        "USB battery...."
    ),
    "8 comments",
    "Satechi Launches Type-C Aluminum Stand and Hub for Mac Mini",
    "19 hours ago on Mac Blog",
    (
        "Satechi today released the new Type-C Aluminum Stand and Hub for Mac mini, which sits "
        "under the Mac mini and provides a collection of front-facing ports for convenience, "
        "similar to Satechi's iMac..."
    ),
    "44 comments",
    ("Former Apple Employee Shares Incredible Story of Accidentally Stealing Steve Jobs' MacBook From His Office"),
    "21 hours ago on Mac Blog",
    (
        "On a recent episode of The Eavesdrop podcast with Hector Rodriguez, shared on Reddit, "
        "Apple's former vice president of mobile advertising Andy Miller shared an incredible story "
        "about accidentally..."
    ),
    "24 comments",
    "Apple Pay Now Available in Belarus, Citymapper Pass Adds Support in London",
    "22 hours ago on iOS Blog",
    (
        "Apple Pay launched in Belarus today as the mobile payment service continues to expand "
        "across Eastern Europe. BPS Sberbank is the first bank in Belarus to roll out Apple Pay "
        "support for its Visa and..."
    ),
    "15 comments",
    "Elago Launches New AW6 Case for AirPods Themed After Apple's iPod",
    "22 hours ago on iOS Blog",
    (
        "Accessory maker Elago is back this week with a new product announcement, this time for "
        "Apple's AirPods. The new AW6 Case fits the original AirPods and AirPods 2 (not AirPods "
        "Pro), and has..."
    ),
    "12 comments",
    "Amazon Offers Free Ad-Supported Music Through Amazon Music App on iOS",
    "2 days ago on iOS Blog",
    (
        "Amazon today announced that Amazon Music users without an Amazon Prime membership or a "
        "subscription to Amazon Music Unlimited can listen to an ad-supported selection of "
        "playlists and radio stations..."
    ),
    "22 comments",
    ("Deals: 15-Inch MacBook Pro Hits New Low Price (Up to $450 Off) and Beats Studio3 Headphones Discounted to $200"),
    "2 days ago on Mac Blog",
    (
        "Amazon today introduced a round of notable discounts on the 15-inch MacBook Pro from Mid "
        "2019, with discounts reaching as much as $450 off these models. In this article we've also "
        "included..."
    ),
    "16 comments",
    "Top Stories: 16-Inch MacBook Pro Debuts, Mac Pro in December, AR Headset Rumors, and More",
    "4 days ago on Mac Blog",
    (
        "The biggest Apple news of this week was obviously the launch of the new 16-inch MacBook "
        'Pro, which debuted on Wednesday with a new "Magic Keyboard" and some other nice upgrades. '
        "Other..."
    ),
]


def test_block_of_headline_date_lead_items_after_the_article_dropped_as_one(cli):
    # Four items without their heading: less than the article (see the safety net). Under its
    # heading 'More Blog Stories', a section end, the block goes as what follows the article.
    block = BLOCK[1:17]
    seen = verdicts(cli, [*ARTICLE, *block])
    leads = [line for line in block if len(line) > 150]
    assert len(leads) == 4
    assert all(seen[line] == "generic/item-list" for line in leads), {line[:40]: seen[line] for line in leads}
    assert all(seen[line] != "keep" for line in block)
    paragraphs = [line for line in ARTICLE if len(line) > 200]
    assert all(seen[line] == "keep" for line in paragraphs)
    headed = verdicts(cli, [*ARTICLE, *BLOCK[:17]])
    assert headed[BLOCK[0]] == "generic/section-end"
    assert all(headed[line] != "keep" for line in BLOCK[:17])
    assert all(headed[line] == "keep" for line in paragraphs)


def test_the_same_items_with_the_article_going_on_after_them_stay(cli):
    # Items of one shape followed by more of the article are a list it holds, not a block.
    seen = verdicts(cli, [*ARTICLE[:4], *BLOCK[1:9], *ARTICLE[4:]])
    assert all(seen[line] != "generic/item-list" for line in BLOCK[1:9])


# aeb aade2ec8 (MSPoweruser): after the article, 'Deals': headline / lead items, every lead cut
# with '...' by the site, some headlines too ('... plus JBL he...'), one headline of few stopwords
# ('Deal Alert: Save $50 on Apple's Powerbeats Pro wireless sport headphones'). A cut line
# between two leads is the next item's headline, and a headline of few stopwords still one: the
# run holds together and goes as one block.
def test_deals_block_with_cut_headlines_and_leads_dropped_as_one(cli):
    page = (FIXTURES / "deals-cut-teasers.txt").read_text(encoding="utf-8").splitlines()
    seen = verdicts(cli, page)
    deals = page.index("Deals")
    block = [line for line in page[deals + 1 : page.index("Forums")] if line != "Advertisement"]
    assert all(seen[line] != "keep" for line in block)
    leads = [line for line in block if line.endswith("...") and len(line) > 150]
    assert len(leads) == 10 and all(seen[line] in ("generic/item-list", "generic/comment-thread") for line in leads)
    for line in page[21:29]:  # the article's paragraphs
        assert seen[line] == "keep", line
