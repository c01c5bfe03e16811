"""A dated teaser list after the article goes as one block; dated entries that are the page stay.

Real excerpts of the dev set. Snopes (aeb 8380689f): a fact check, then 'Editors' Picks', whose
items are a headline, a date ('12 November 2019'), a rubric and a one-sentence lead; every lead
is a sentence, so line by line the box passed for the article's last paragraphs. A podcast's
episode list (wcxb-dev 0265): a lead, then episodes of a title, two paragraphs and a date
line; the episodes are the page, and outweigh the lead above them.
"""

from __future__ import annotations

from tests.conftest import text_verdicts as verdicts

ARTICLE = [
    "Does Marie Yovanovitch Have a Net Worth of $17 Million?",
    "Dan Evon",
    "Published 18 November 2019",
    "Origin",
    (
        "On Nov. 15, 2019, former U.S. ambassador to the Ukraine Marie Yovanovitch testified "
        "before the U.S. House Intelligence Committee in the impeachment inquiry against "
        "President Donald Trump. Shortly after, some of Trump’s defenders took to social media "
        "apparently to discredit her testimony, claiming that the ambassador’s net worth far "
        "exceeded her salary, insinuating because of some illicit means:"
    ),
    "We have found no evidence to corroborate this claim.",
    (
        "Those making the claim have offered a wide range of figures. We also found that this "
        "claim did not originate with a credible financial news outlet, such as Forbes, and that "
        "the websites publishing this information have offered no evidence. Furthermore, while "
        "this claim implies some sort of wrongdoing on her part, no one has offered any "
        "information about how she supposedly built her alleged fortune."
    ),
    "In other words, this claim appears to have been conjured out of thin air.",
    (
        "While the tweet shown above claimed that Yovanovitch has a net worth of $17 million, "
        "other social media users have offered differing estimates of her net worth:"
    ),
    (
        "One possible explanation for the discrepancies in this claim is that there is no "
        "credible evidence for the estimates."
    ),
    (
        "Some social media users pointed to articles published on Walikali and Gossipgist to "
        "support their claim that Yovanovitch’s net worth far exceeded her salary. However, just "
        "like the above-displayed tweets, these sites offered no evidence to support their "
        "estimates."
    ),
    (
        "The articles published on these websites provide some basic biographical information "
        "about the former ambassador to Ukraine. They do not, however, provide any insight into "
        "any business dealings or investments that Yovanovitch may have made that could have "
        "resulted in a $17 million net worth. Instead, they simply tacked on their estimate ($6 "
        "million in both cases) without making any attempt to justify that figure."
    ),
    (
        "We reached out to Walikali and Gossipgist for more information on how they arrived at "
        "their estimates and will update this article if more information becomes available."
    ),
    (
        "In sum, the claim that Yovanovitch has a net worth of $17 million (or $12 million or $6 "
        "million or $3 million) is wholly unsubstantiated. This rumor appears to have been made "
        "up out of whole cloth in an apparent attempt to discredit her U.S. House testimony."
    ),
]
PICKS = [
    "Editors' Picks",
    "How a Pro-Trump Network Is Building a Fake Empire on Facebook and Getting Away with It",
    "12 November 2019",
    "News",
    (
        "Hundreds of fake account admins and 1,929 Facebook advertising violations only begin to "
        "tell the story of the Epoch Times-linked, pro-Trump empire known as The BL."
    ),
    "Did Pelosi Divert $2.4 Billion from Social Security to Cover Impeachment Costs?",
    "8 October 2019",
    "Fact Check",
    "A routine review of content labeled satire.",
    "Was Trump Caught on Leaked Recording Threatening Ukraine Whistleblower With Death?",
    "1 November 2019",
    "Fact Check",
    "The ominous remarks were also pretty vague.",
    "Did New York Reprimand Trump Family for ‘Stealing from a Children’s Cancer Charity’?",
    "8 November 2019",
    "Fact Check",
    (
        "Viral social media posts claimed members of the Trump family had been barred from "
        "running charities in the state of New York."
    ),
    "EXCLUSIVE: Expanding Pro-Trump Outlet ‘The BL’ Is Closely Linked to The Epoch Times",
    "11 October 2019",
    "News",
    (
        "Both The Epoch Times and The BL deny any connection whatsoever. Our report makes that a "
        "challenging argument to defend."
    ),
]
PODCAST = [
    "GNW - Gaming News Weekly",
    (
        "A new weekly video game news show from Fruitlab's Personality of the Year ErocktheRed "
        "and the great FullClip. We cover all the news that you need to know about in and around "
        "the video game industry and bring it to your ear holes Every.Single.Week."
    ),
    "Website | RSS Feed",
    "Share",
    "Listen On...",
    "EPISODES",
    "GNW: The 10 Best Things from The Game Awards",
    (
        "The Game Awards just took place and we've got a lot to talk about! First we take a look "
        "at new games Death Howl, Skate Story and Terminator 2D: No Fate."
    ),
    (
        "Then we take a deep dive into The Game Awards, who were the big winners, the best "
        "performances and most importantly, what new games were announced? We go through our ten "
        "favorite announcements from the show."
    ),
    "MORE",
    "46m - Dec 15, 2025",
    "GNW: Epic vs. Valve- AI Debate, Splitgate is Back",
    (
        "GNW is back...a little late...but we've got a lot of exciting things to talk about. "
        "Such as, Where Winds Meet, Marvel Cosmic Invasion, Storage Hunter Simulator, Hunter's "
        "Moon: A Sovereign Syndicate Adventure, Red Dead Redemption, Metroid Prime 4: Beyond and "
        "Routine."
    ),
    (
        "In addition to that go deep into the latest AI War between Epic Games and Valve and "
        "what the world is saying. Splitgate 2 is back as Splitgate: Arena Reloaded and "
        "Carmageddon: Rogue Shift is coming soon."
    ),
    "MORE",
    "40m - Dec 9, 2025",
    "GNW: The Game Awards Predictions, Xbox Partner Preview",
    (
        "It's our favorite time of the year! It's awards season and today we're talking about "
        "The Game Awards (and a bunch of other stuff). First we kick things off talking about "
        "some new games, Redsec, Absolum, Speed Demons 2, Forestrike, Demon School & Kirby Air "
        "Riders."
    ),
    (
        "Then it's time for The Game Awards, the nominees were announced and we're picking who "
        "we think is going to leave with all the glory. In addition, we take a look at the "
        "latest Xbox Partner Preview and talk about the best things shown at that, and lastly we "
        "check out the latest Game Pass announcement for November."
    ),
    "MORE",
    "1h 6m - Nov 24, 2025",
    "GNW: The New Steam Machine Reactions, Horizon MMO, Mario Galaxy Movie",
    (
        "We're fired up to talk about the new hardware coming from Valve but before that we're "
        "chatting about new games Shooty, Shooty, Robot Invasion, Netflix Game Night, "
        "Battlefield RedSec, Black Ops 7, Where Winds Meet & Escape From Tarkov."
    ),
    (
        "Then we finally get to talk about The Steam Machine, The Steam Frame and the latest "
        "Steam Controllers! In addition, we talk about the Playstation Plus game catalog for "
        "November, Red Dead Redemption on everything, Horizon: Steel Frontiers, the new Super "
        "Mario Galaxy movie trailer and a ton more!"
    ),
    "MORE",
    "53m - Nov 18, 2025",
    "GNW: GTA6 & Marvel 1943 Delayed, New Game Pass & Humble Choice",
    (
        "This week on Gaming News Weekly we kick things off talking about some new games, Dog "
        "Witch, There are no Ghosts at the Grand, Football Manage 26, Sonic Rumble, Hyrule "
        "Warriors; Age of Imprisonment and Fallout 4 Anniversary Edition."
    ),
    (
        "Then in the News of the Week, we talk about the big news, the sad news, GTA6 has been "
        "pushed back again, and so has Marvel 1943: Rise of Hydra. What's up with that? We also "
        "take a look at the Humble Choice and Game Pass games for November, the US Patent office "
        "revisiting patents from Nintendo, Warhammer Survivors and a bunch more."
    ),
    "MORE",
    "40m - Nov 10, 2025",
    "GNW: Battlefield Battle Royale, Animal Crossing, NBA The Run",
    (
        "This week on Gaming News Weekly we kick things off talking about new games, The Good "
        "Old Days, Escape Simulator 2, Wreckreation, The Outer Worlds 2, Arc Raiders, Mortal "
        "Kombat Legacy Kollection and the new Battlefield Battle Royale, Redsec."
    ),
    (
        "Then in our News of the Week we look at the newly announced Animal Crossing New "
        "Horizons for Switch 2, Vampire Survivors X Balatro, Once Human X Palworld, an update on "
        "the Nintendo/Palworld lawsuit, Crash Bandicoot getting a TV show and NBA The Run."
    ),
    "MORE",
    "49m - Nov 3, 2025",
]


def test_dated_teasers_after_the_article_dropped_as_one_block(cli):
    seen = verdicts(cli, [*ARTICLE, *PICKS])
    leads = [line for line in PICKS if line.endswith(".")]
    assert len(leads) == 5
    assert all(seen[line] == "generic/comment-thread" for line in leads), {line[:40]: seen[line] for line in leads}
    assert all(seen[line] != "keep" for line in PICKS)
    paragraphs = [line for line in ARTICLE if len(line) > 100]
    assert len(paragraphs) >= 6
    assert all(seen[line] == "keep" for line in paragraphs)


def test_the_article_alone_loses_nothing_to_the_block(cli):
    # Without the box, no line of the article is taken as one.
    seen = verdicts(cli, ARTICLE)
    assert "generic/comment-thread" not in seen.values()


def test_dated_entries_that_outweigh_the_lead_above_them_stay(cli):
    # A podcast's episodes (title, two paragraphs, a date line each): the page itself.
    seen = verdicts(cli, PODCAST)
    paragraphs = [line for line in PODCAST if len(line) > 150]
    assert len(paragraphs) >= 10
    assert all(seen[line] == "keep" for line in paragraphs), {line[:40]: seen[line] for line in paragraphs}


# Forbes (big9-dev forbes-2005 volkswagen_1): a test drive's last paragraphs, its share links, then
# 'Today's Top Stories', whose items are a headline, an author and a stamp on one line, and a
# one-sentence lead. The author-and-stamp line has no signal of its own (no 'By', more than a date).
DRIVE = [
    (
        "The long feature set on the Turbo S includes four-wheel disc anti-lock brakes, a power glass sunroof, "
        "two-tone leather seats (heated up front), heated side mirrors, heated windshield washers, an "
        "eight-speaker Monsoon stereo/cassette player, an automatic air deflector and Volkswagen's electronic "
        "stability program (ESP)."
    ),
    (
        "On the outside, VW distinguishes the Turbo S--which like all new Beetles is built in Puebla, "
        "Mexico--with revised front and rear fascia, including a front spoiler and fog lights and a dual "
        "exhaust. The Turbo S sits on 17-inch alloy wheels and fat low 45-series tires."
    ),
    (
        "For 2002, Volkswagen fiddled with its warranty program. The good news: The new car warranty--which "
        "covers pretty much everything on or inside the car--is extended to four years or 50,000 miles "
        "(whichever comes first). And VW's 24-hour roadside assistance program has been expanded to four years "
        "or 50,000 miles."
    ),
    (
        "Great. But the point of the S wasn't supposed to be about the warranty but about the way the car "
        "delivers more performance than the housewife (base) edition. So is the S enough to lift the image of "
        "the soft Beetle?"
    ),
]
TOP_STORIES = [
    "E-mail story",
    "Print story",
    "Today's Top Stories",
    "Ericsson Is Still Sliding Downhill",
    "Mark Lewis - 10/18/02 12:15:12 PM ET",
    "The Swedish equipment maker says its key market is still shrinking but will stabilize in 2003.",
    "Hillenbrand Tosses In Its Sleep",
    "Daniel Fisher - 10/18/02 12:02:31 PM ET",
    "An antitrust lawsuit loss may teach the hospital-bed maker the perils of being No. 1.",
    "The Most Expensive Homes In America",
    "Betsy Schiffman - 10/10/02 6:30:00 PM ET",
    "The economy is struggling yet the average home price on our list is up. The catch is that no one's buying.",
]


def test_stamped_teasers_after_the_article_dropped_as_one_block(cli):
    seen = verdicts(cli, ["Volkswagen Beetle Turbo S", *DRIVE, *TOP_STORIES])
    assert all(seen[line] == "keep" for line in DRIVE), {line[:40]: seen[line] for line in DRIVE}
    leads = TOP_STORIES[5::3]
    assert len(leads) == 3
    assert all(seen[line] == "generic/item-list" for line in leads), {line[:40]: seen[line] for line in leads}
    assert all(seen[line] != "keep" for line in TOP_STORIES)


def test_stamped_teasers_the_article_goes_on_after_lose_no_article_text(cli):
    """A box of stamped items is a tail block only at the tail: prose after it is the article's."""
    seen = verdicts(cli, ["Volkswagen Beetle Turbo S", *DRIVE[:2], *TOP_STORIES[2:], *DRIVE[2:]])
    assert all(seen[line] == "keep" for line in DRIVE), {line[:40]: seen[line] for line in DRIVE}


# Digg (aeb 680c2848): a roundup of reviews, then teasers of four lines each, a kicker, a
# headline, its source and tags, a lead, with no date and no lead cut short.
ROUNDUP = [
    (
        "There's no reason anyone should buy into Stadia right now. Google has made sure of that, partly "
        "by underdelivering at launch and partly with a pricing scheme that sees you paying three times "
        "(for hardware, for the service, for games) just to be an early adopter."
    ),
    "[The Verge]",
    (
        "Is Google Stadia the future? That's really two questions, I guess. First, \"Is streaming the "
        "future of gaming?\" Possibly. It's convenient, and even exciting at times. But if you're asking "
        "whether Stadia is the platform to get us there? I have my doubts."
    ),
    "[PC World]",
    (
        "Game streaming is finally viable, and Stadia is leading the charge — but with this launch, it's "
        "turning out to be more of a stroll. Hey, at least we're getting there."
    ),
    "[Engadget]",
    (
        "If you're on the fence about investing $129 in an unproven service, you're not alone. The "
        "Premiere Edition is basically for true believers who don't mind dropping serious money on what "
        "amounts to a pay-to-play beta test. When February rolls around and those free trials are "
        "offered, you should give it a shot. You might be surprised."
    ),
    "[Wired]",
    "Dallas Robinson is a freelance writer living in Minneapolis",
]
DIGG = [
    "FAR OUT, MAN",
    "The Most Remote Places In The World, Visualized",
    "3 diggs Data Viz Maps",
    (
        "If you've ever lived in or driven through a sparsely populated rural area, you've probably "
        'thought of it as "the middle of nowhere." But it was likely far from being truly remote, in the '
        "grand scheme of things."
    ),
    "AN EYE FOR AN EYE",
    "This Caribbean Island Is On Track To Become The World's First 'Hurricane-Proof' Country",
    "5 diggs nationalgeographic.com Design Nature",
    (
        "When Hurricane Maria destroyed Dominica in 2017, the devastation spurred an ambitious goal to "
        "fully adapt to climate change."
    ),
    "SUCH GREAT HEIGHTS",
    "This Skateboarder Has Absolutely No Regard For His Body, And It's Incredible",
    "4 diggs Sports Video",
    (
        "The jumps landed by Milton Martinez (see 1:48, 8:20) can't be good for his knees (or any part "
        "of his skeleton), but they are something else."
    ),
    "JUST SAY NO",
    "The GOP Appointees Who Defied The President",
    "2 diggs theatlantic.com Crime Histories",
    "In the Watergate era, high-level aides prevented Nixon's abuses of power. Trump's underlings can do the same.",
    "OFFICE SPACE",
    "The Suburban Office Park, An Aging Relic, Seeks A Comeback",
    "1 digg nytimes.com Architecture Design",
    (
        "After losing tenants to revitalized downtowns over the last decade, developers are adding "
        "modern amenities to secluded campuses."
    ),
]


def test_four_line_teasers_after_the_article_dropped_as_one_block(cli):
    seen = verdicts(cli, ["The Early Reviews For Google's Stadia Gaming Platform Are Here", *ROUNDUP, *DIGG])
    leads = DIGG[3::4]
    assert len(leads) == 5
    assert all(seen[line] == "generic/item-list" for line in leads), {line[:40]: seen[line] for line in leads}
    paragraphs = [line for line in ROUNDUP if len(line) > 150]
    assert paragraphs and all(seen[line] == "keep" for line in paragraphs)


def test_four_line_teasers_the_article_goes_on_after_lose_no_article_text(cli):
    seen = verdicts(
        cli, ["The Early Reviews For Google's Stadia Gaming Platform Are Here", *ROUNDUP[:5], *DIGG, *ROUNDUP[5:]]
    )
    paragraphs = [line for line in ROUNDUP if len(line) > 150]
    assert all(seen[line] == "keep" for line in paragraphs), {line[:40]: seen[line] for line in paragraphs}
