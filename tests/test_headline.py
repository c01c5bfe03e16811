"""The headline: the line reading like one just above the article, past its date and byline lines.

The page is an excerpt of a real news page (aeb 1f765c48, Sputnik): top menu, headline, photo
credit, rubric, date, byline, counter, 'Subscribe', then the article's first paragraphs.
"""

from __future__ import annotations

from pathlib import Path

from cleaner.normalize import split_lines
from tests.conftest import text_verdicts as verdicts

from .conftest import GOLDEN

FIXTURES = Path(__file__).parent / "fixtures" / "generic"

PAGE = [
    "Cartoons",
    "Infographics",
    "Video",
    "Photo",
    "Listen Live",
    "Search",
    "Royal Self-Indicting Arrogance",
    "© REUTERS / POOL",
    "Columnists",
    "21:17 18.11.2019Get short URL",
    "by Finian Cunningham",
    "4553",
    "Subscribe",
    (
        "What was this British royal and his PR aides thinking of when he granted a high-profile "
        "interview to the BBC, supposedly to clear his name from association with sex-trafficker "
        "billionaire Jeffrey Epstein?"
    ),
    (
        "Prince Andrew, the nearly 60-year-old younger brother of heir to the British throne, Charles, "
        "has reportedly told friends and family that the interview aired at the weekend was a “great "
        "success”."
    ),
    (
        "In it, the British royal blankly denied having sex with underage girls supplied to him by the "
        "convicted pedophile Epstein who reportedly committed suicide in August while in custody in a US "
        "prison. The denials were in spite of the facts that Prince Andrew stayed with Epstein in his "
        "New York City mansion in the early 2000s and on his private Caribbean island notorious for sex "
        "parties."
    ),
    (
        "In a sign of how detached from reality this scion of the British monarchy is, the general "
        "public reaction to the interview was a torrent of derision and disgust. Former royal PR aides "
        "called it not a car crash, but “an articulated lorry crash” performance. Far from clearing his "
        "name from years of persistent media suspicions of culpability in Epstein’s sordid crimes, "
        "Prince Andrew has left himself open to prosecution from his own self-indicting words and "
        "evasions."
    ),
]
HEADLINE = "Royal Self-Indicting Arrogance"
META = ["© REUTERS / POOL", "Columnists", "by Finian Cunningham", "4553", "Subscribe"]


def test_headline_above_date_and_byline_kept_its_meta_lines_dropped(cli):
    seen = verdicts(cli, PAGE)
    assert seen[HEADLINE] == "keep"
    assert all(seen[line] != "keep" for line in META), {line: seen[line] for line in META}
    assert all(seen[line] == "keep" for line in PAGE[-4:])  # the article's paragraphs
    assert all(seen[line] != "keep" for line in PAGE[:6])  # the menu above


def test_headline_survives_a_second_cleaning(cli):
    once = cli("clean", stdin="\n".join(PAGE) + "\n").stdout.decode()
    assert HEADLINE in once.splitlines()
    assert cli("clean", stdin=once).stdout.decode() == once


def test_a_tag_line_in_the_headline_place_is_dropped(cli):
    tags = "Entertainment Latest News Nollywood Celebrity Gossip Photos Fashion Lifestyle Videos"
    page = [tag if tag != HEADLINE else tags for tag in PAGE]
    seen = verdicts(cli, page)
    assert seen[tags] != "keep"
    assert all(seen[line] == "keep" for line in PAGE[-4:])


# aeb 360c732d (City A.M.): a sidebar teaser with its date right above the headline, whose author
# line ('Anna Menin', twice) no byline signal reads. The headline shares the article's words.
TEASER_ABOVE = [
    "Search in posts",
    "Search in pages",
    "Search in pages",
    "City Talk",
    "CFA Institute Talk",
    "Initial public offerings: Is there still a pulse?",
    "Wednesday 20 November 2019 9:22 am",
    "Alibaba to raise up to $12.9bn in landmark Hong Kong listing",
    "Anna Menin",
    "Anna Menin",
    "Share",
    "Alibaba is set to raise up to $12.9bn (£10bn) from its record-breaking second listing in Hong Kong, "
    "pricing its shares at a 2.8 per cent discount to their New York close.",
    "The Chinese e-commerce giant is set to officially announce the terms of the deal later on Wednesday, "
    "but investors have been told 176 Hong Kong dollars (£17.43) is likely to be the final numbers, Reuters "
    "reported.",
    "The deal – set to be the largest share sale in Hong Kong for nine years and a world record cross-border "
    "secondary share sale – represents a much-needed boost for the city’s bourse, which has been hit by "
    "months of anti-government protests.",
    "At the reported pricing, Alibaba’s secondary listing would raise at least 88 billion Hong Kong dollars – "
    "a symbolic total as the number eight is associated with prosperity and good fortune in Chinese culture.",
    "The deal could eventually raise up to $12.9bn if a “green shoe” option is exercised, allowing "
    "underwriters to buy up to an additional 15 per cent of shares at the offering price.",
]


def test_the_headline_on_the_articles_topic_wins_over_a_teaser_with_a_date_under_it(cli):
    seen = verdicts(cli, TEASER_ABOVE)
    assert seen["Alibaba to raise up to $12.9bn in landmark Hong Kong listing"] == "keep"
    assert seen["Initial public offerings: Is there still a pulse?"] != "keep"
    assert all(seen[line] == "keep" for line in TEASER_ABOVE[-5:])


# aeb 7f93c194 (Newsweek): headline, byline, 'Share', then a tag line right above the text. Once the
# first pass removed the byline, the tag line was the nearest candidate and took the headline's place.
TAGS_BELOW = [
    "Sports",
    "Health",
    "Opinion",
    "Vantage",
    "Health",
    "Cannabis Use Disorder is Rising in U.S. States Where Weed is Legal",
    "By Kashmira Gander On 11/13/19 at 4:00 PM EST",
    "Share",
    "Health Marijuana Cannabis Weed",
    "Rates of cannabis use disorder have risen in U.S. states where the drug has been legalized, including "
    "among children and teenagers, according to a study.",
    "The authors of the research published in the journal JAMA Psychiatry argued that while the policies "
    'have provided "important social benefits, particularly around issues of equity in criminal justice," '
    'the climb in conditions like cannabis use disorder are "a potential public health concern."',
    "To uncover the effects of the changes, researchers looked at surveys completed by 505,796 people "
    "between 2008 to 2016. Of the total participants who filled in The National Survey on Drug Use and "
    "Health in those years, just over half were female, 77 percent were aged 26 or above.",
    "The team looked at data on states where cannabis had been legalized by 2016—Colorado,Washington, "
    "Alaska, and Oregon— and noted if and how often respondents used marijuana in the past month, and "
    "whether they had cannabis use disorder before and after the laws were enacted.",
]


def test_the_headline_stays_the_pick_once_its_byline_is_gone(cli):
    out = cli("clean", stdin="\n".join(TAGS_BELOW) + "\n").stdout.decode().splitlines()
    assert "Cannabis Use Disorder is Rising in U.S. States Where Weed is Legal" in out
    assert "By Kashmira Gander On 11/13/19 at 4:00 PM EST" not in out
    assert out[-4:] == TAGS_BELOW[-4:]


def test_a_ukrainian_headline_under_a_teaser_and_over_its_date_and_credit_kept(cli):
    # The interfax seed's headline and paragraphs in generic mode (no rule file: a new user's site):
    # a menu, another story's headline and time, then the headline, its time and a photo credit.
    seed = split_lines((GOLDEN / "interfax.com.ua" / "seed-000.input.txt").read_text(encoding="utf-8"))
    headline, paragraphs = seed[0], [line for line in seed[1:5] if line.strip()]
    teaser = ["Зеленський провів зустріч з прем'єр-міністром Польщі щодо безпеки кордонів", "18:20, 09.03.2025"]
    meta = ["11:53, 09.03.2025", "Фото: Міноборони"]
    menu = ["Головна", "Новини", "Економіка", "Суспільство", "Спорт", "Культура"]
    seen = verdicts(cli, [*menu, *teaser, headline, *meta, *paragraphs])
    assert seen[headline] == "keep"
    assert all(seen[line] != "keep" for line in [*menu, *teaser, *meta]), seen
    assert all(seen[line] == "keep" for line in paragraphs)


# CNN Business (aeb d605bdef): the headline, its byline and its 'Updated ... November 19, 2019'
# line, then a video carousel whose titles are on the story's topic and nearer the text, then the
# story. The headline is the candidate on topic with its byline and date under it.
CNN = [
    "Sports",
    "Videos",
    "Features",
    "More",
    "Follow CNN Business",
    "Investors don't seem to know what to make of the US-China trade war",
    "By Jill Disis, CNN Business",
    "Updated 0339 GMT (1139 HKT) November 19, 2019",
    "Chat with us in Facebook Messenger. Find out what's happening in the world as it unfolds.",
    "JUST WATCHED",
    "Trump: Trade talks between US and China going well",
    "Replay",
    "More Videos ...",
    "MUST WATCH",
    "(16 Videos)",
    "Trump: Trade talks between US and China going well",
    "China censors a lot, from Winnie the Pooh to the NBA",
    "US blacklists 28 Chinese organizations and companies",
    "The trade war's latest victim: Manufacturing",
    "Airline warns staff who participate in Hong Kong protests",
    "Carrie Lam says Hong Kong protesters are hurting economy",
    "Huawei launches operating system as a hedge in trade war",
    "Huawei and 5G: What's at stake",
    "This is the worst case scenario for the US-China trade war",
    "What blacklisting Huawei means for the US-China trade war",
    "How Jack Ma changed China",
    "Why American fast food chains will do anything to win in China",
    "This is China's answer to the electric car",
    "What you need to know about Tencent",
    "Huawei says ban won't make America safe",
    "Alibaba thinks US businesses are ready for their platform",
    "Hong Kong (CNN Business)A muddled view of US-China trade talks once again seems to be weighing on investors.",
    (
        "The major Asian market indexes were mixed in early trading Tuesday after CNBC reported that the "
        "mood in Beijing was pessimistic. The news organization, citing an anonymous government source, "
        "reported that President Donald Trump's reluctance to roll back tariffs was dampening China's "
        "outlook on trade talks."
    ),
    (
        "Japan's Nikkei 225 (N225) declined 0.3%, while South Korea's Kospi Index (KOSPI) fell 0.5%. "
        "China's Shanghai Composite (SHCOMP) slumped 0.2%, but recovered those losses and was last "
        "trading up 0.4%."
    ),
    (
        "Hong Kong's Hang Seng Index (HSI) started in the red, but was last trading up about 1%. Hong "
        "Kong stocks have been trying to claw back some losses after last week, when the index recorded "
        "its worst stretch since early August amid worsening protests in the city."
    ),
]


def test_the_headline_with_its_byline_and_date_wins_over_nearer_video_titles_on_topic(cli):
    seen = verdicts(cli, CNN)
    assert seen["Investors don't seem to know what to make of the US-China trade war"] == "keep"
    assert seen["Airline warns staff who participate in Hong Kong protests"] != "keep"


# A cleaning company's post (wcxb-dev 0159): each title has its date and author above it, so the
# post's own title, just above its first paragraph, has none under it while a teaser above has.
# The title right above the text stays the pick.
POST = [
    "July 5, 2025",
    "Madison Green",
    "Cleaning Services Costs In The City Of San Diego In California",
    "July 5, 2025",
    "Madison Green",
    "What You Should Expect to Pay for Cleaning Services in San Diego California",
    (
        "San Diego is one of the sunniest and most inviting cities on the West Coast. With stunning "
        "beaches, beautiful neighborhoods, and more activities than most people can fit into their week, "
        "it is easy to see why so many people settle down here. But even in a paradise like San Diego, "
        "there is still the reality of messy kitchens, dusty shelves, and bathroom grime that never "
        "seems to clean itself. That is why so many homeowners, renters, and busy families turn to "
        "professional cleaners. If you are wondering what cleaning services cost in San Diego, you are "
        "definitely not alone. In fact, house cleaning services near me is one of the most searched "
        "phrases in the area."
    ),
    (
        "Whether you are looking for regular upkeep, a move out cleaning before handing over your keys, "
        "or a deep scrub of your apartment to freshen up, knowing how much to budget makes it all "
        "easier. Here’s a realistic, human take on what you can expect."
    ),
    "Average Cost of House Cleaning Services in San Diego",
]


def test_a_title_right_above_the_text_stays_the_pick_over_a_dated_teaser_above_it(cli):
    seen = verdicts(cli, POST)
    assert seen["What You Should Expect to Pay for Cleaning Services in San Diego California"] == "keep"


def test_a_date_line_no_signal_reads_still_marks_the_headline_above_it(cli):
    """'Analysis by ...' is no byline signal; 'Updated 0339 GMT (1139 HKT) November 19, 2019' is the date."""
    page = ["Analysis by Jill Disis, CNN Business" if line.startswith("By Jill Disis") else line for line in CNN]
    seen = verdicts(cli, page)
    assert seen["Investors don't seem to know what to make of the US-China trade war"] == "keep"


# aeb 851498a2 (Slate): headline, dek, byline, date, share bar and photo caption, then a 'More on
# Slate Book Review' box of four other headlines right above the text. The box's items are nearer
# the text, but a headline under a box's heading is the box's; the search goes on above it.
BOX_UNDER_HEADLINE = (FIXTURES / "box-under-headline.txt").read_text(encoding="utf-8").splitlines()


def test_a_box_of_teasers_between_headline_and_text_does_not_take_the_headline(cli):
    seen = verdicts(cli, BOX_UNDER_HEADLINE)
    assert seen["The Disappearance of John M. Ford"] == "keep"
    assert seen["How to Turn a Punishment Bureaucracy Into a Justice System"] != "keep"
    assert all(seen[line] == "keep" for line in BOX_UNDER_HEADLINE[-3:])  # the story's paragraphs


# aeb 7dfc3e35 (Fox News): headline, its byline, a share bar, then a video's title holding a day
# ('... headlines for Nov. 19') right above the text. A line's own date is no date line under it:
# the dated headline above stays the pick.
VIDEO_TITLE_WITH_DATE = (FIXTURES / "video-title-with-date.txt").read_text(encoding="utf-8").splitlines()


def test_a_title_holding_a_date_does_not_count_as_dated_itself(cli):
    seen = verdicts(cli, VIDEO_TITLE_WITH_DATE)
    assert (
        seen["James Van Der Beek eliminated from 'Dancing with the Stars' after announcing wife suffered miscarriage"]
        == "keep"
    )


# aeb c467d507 (CBS Detroit, an AP story): glued teasers the region takes in, then the story's
# headline, its date and tag line, the story, and a 'Most Viewed' list that names it again.
# Repeated in the page and with few stopwords, the headline is still the article's.
def test_a_repeated_headline_right_above_its_date_and_story_kept(cli):
    page = (FIXTURES / "repeated-headline.txt").read_text(encoding="utf-8")
    headline = "Michigan Officials: 6th Fatality Linked To Eastern Equine Encephalitis Reported"
    out = cli("clean", stdin=page).stdout.decode()
    kept = out.splitlines()
    assert kept.count(headline) == 1  # the copy in 'Most Viewed' goes
    story = kept.index(headline)
    assert kept[story + 2].startswith("ST. JOSEPH, Mich. (AP)")
    assert "November 19, 2019 at 9:45 am" not in kept
    assert cli("clean", stdin=out).stdout.decode() == out


# aeb 358cc4a0 (LinkNaija): a headline in title case, few stopwords, under a glued breadcrumb copy
# of itself and over a line of the site's name and the day ('LinkNaija August 08, 2018') that no
# signal reads: the date line marks the headline as one, lower case or not.
def test_a_title_case_headline_over_a_date_line_no_signal_reads_kept(cli):
    page = (FIXTURES / "title-case-headline-dated.txt").read_text(encoding="utf-8")
    headline = "BREAKING NEWS: Chelsea Activate £71.6m Release Clause To Sign Kepa Arrizabalaga From Athletic Bilbao"
    seen = verdicts(cli, page.splitlines())
    assert seen[headline] == "keep"
    assert seen["Politics"] != "keep" and seen["You may like these posts"] != "keep"
    assert all(seen[line] == "keep" for line in page.splitlines()[17:21])  # the story


# aeb f5c90a6d (National Review): a three-word headline, its byline, the author's box ('About
# ...', 'Follow Victor Davis Hanson on Twitter'), the date and a photo caption over the text. The
# call to follow, an item of a list to the list step, read as the nearest headline and was kept.
def test_a_call_to_follow_the_author_is_no_headline(cli):
    page = (FIXTURES / "author-box-under-headline.txt").read_text(encoding="utf-8").splitlines()
    seen = verdicts(cli, page)
    assert seen["Follow Victor Davis Hanson on Twitter"] != "keep"
    assert seen["Time is not on Adam Schiff’s side."] == "keep"


# aeb 65bf3048 (AppleInsider): the site's navigation holds a 'Recent Posts' heading over forum
# links, far above the review's headline, byline and date. A box's heading restarts the search
# only when the candidates it found stand right under it (the box's own items): here the
# navigation's 'Contact us by e-mail' above it took the headline's place.
def test_a_box_heading_in_the_navigation_does_not_move_the_headline(cli):
    page = (FIXTURES / "nav-recent-posts-above-headline.txt").read_text(encoding="utf-8").splitlines()
    seen = verdicts(cli, page)
    headline = next(line for line in page if line.startswith("16-inch MacBook Pro review:"))
    assert seen[headline] == "keep"
    assert seen["Contact us by e-mail"] != "keep"


# aeb 95301fb7 (a game studio's blog): breadcrumb, date badge, category, the post's two-word
# headline 'About bugs', its date, 'Posted by Vortex', 'Leave a comment', then the text. The
# whole run read as a menu; a line right over its date with its author's line next is the
# headline, from two words on.
def test_a_two_word_headline_over_its_date_and_author_kept(cli):
    page = (FIXTURES / "short-headline-dated.txt").read_text(encoding="utf-8").splitlines()
    seen = verdicts(cli, page)
    assert seen["About bugs"] == "keep"
    assert seen["Posted by Vortex"] != "keep" and seen["Log In"] != "keep"
