"""The article's opening paragraphs above a share bar, under its headline, stay with the article.

Forbes (big9-dev forbes-2009 iphone_1): headline, byline, dek, two paragraphs, then 'Article
Controls' and its share links, then the rest of the story. The share bar splits the page into
two runs of prose and the second, longer, is the main region; the two paragraphs above it are the
story's opening. One sentence line alone in that place is a dek or a photo's caption: it goes.
"""

from __future__ import annotations

from tests.conftest import text_verdicts as verdicts

TOP = [
    "Apple Watch",
    "Creating A Hit IPhone Game",
    "Oliver J. Chiang, 09.18.09, 06:50 PM EDT",
    "How to ''Swarm'' to the top of the App Store.",
]
OPENING = [
    (
        'BURLINGAME, Calif. -- David Whatley\'s fast-paced action-strategy game "geoDefense Swarm" is the '
        "latest to top the iPhone App Store."
    ),
    (
        'Priced at 99 cents, "Swarm," which was released Sept. 14, is currently No. 1 in the Top Paid '
        'Apps Games genre, beating out "Madden NFL 10." "Swarm" is also No. 3 in Top Paid Apps overall.'
    ),
]
BAR = [
    "Article Controls",
    "email",
    "print",
    "reprint",
    "newsletter",
    "comments",
    "share",
    "del.icio.us",
    "Digg It!",
    "yahoo",
    "Facebook",
    "Twitter",
    "Reddit",
    "rss",
]
BODY = [
    (
        'Whatley says the "ultimate secret" to getting to the top in the App Store is getting Apple ( '
        'AAPL - news - people ) to notice your product and promote it in categories like "What\'s Hot" '
        'and "What We\'re Playing." This kind of attention drives tons of traffic to your app, he says. '
        "But it is near impossible to engage the infamously closed-off company directly, especially with "
        "many new titles coming through every day. Instead, he says, developers need to be able to "
        "successfully generate buzz around the blogosphere and on online message boards to pique Apple's "
        "interest."
    ),
    (
        'Whatley says PR firm TriplePoint was key to sparking interest in the original "geoDefense," '
        'which was released last February, and now "Swarm." "For an indie developer to be successful, '
        "you have to do more than write code. You have to figure out how to get the word out about your "
        'game," says Whatley, who does game development in his spare time. His day job is president and '
        "chief executive of Simutronics, a company he co-founded over 20 years ago that creates game "
        "engine software for publishers like Electronic Arts ( ERTS - news - people )."
    ),
    (
        "But what if an indie developer doesn't have the budget to hire a PR firm? Whatley says getting "
        "one on board can require little or no money. Some firms, like TriplePoint, are willing to work "
        "out a revenue-share deal. He recommends searching for firms that specialize in iPhone apps. "
        "Once a firm gets to work promoting a game, it should pitch gaming journalists and help the "
        "developer come up with an overall strategy, including a price point."
    ),
    (
        '"As a base, the 99-cent price point is really lucrative in terms of getting to the top of the '
        'list," says Triple Point account executive Chris Heintz. "Then you can eventually bump that up, '
        "depending on the game's success.\""
    ),
]
CAPTION = "Two children are hoisted into a Coast Guard rescue helicopter from the roof of their home in New Orleans."


def test_opening_paragraphs_above_a_share_bar_kept_with_the_story(cli):
    seen = verdicts(cli, [*TOP, *OPENING, *BAR, *BODY])
    assert seen["Creating A Hit IPhone Game"] == "keep"
    assert all(seen[line] == "keep" for line in OPENING + BODY), {line[:40]: seen[line] for line in OPENING}
    assert [line for line in BAR if seen[line] == "keep"] == []


def test_one_caption_line_above_the_share_bar_is_no_opening(cli):
    seen = verdicts(cli, [*TOP, CAPTION, *BAR, *BODY])
    assert seen[CAPTION] != "keep"
    assert all(seen[line] == "keep" for line in BODY)
