"""The article's last sentence stays when it is short; the heading after it ends the article.

A real excerpt of the dev set (aeb 785affa2, The Verge): the story ends in a one-line sentence
('No release date for the fourth Star Trek film has yet been announced.'), then 'Next Up In
Tech' heads teasers and a newsletter box. Once a first pass removed what follows the article,
the short last line cost the region more than it added and went as outside: the second pass
lost it.
"""

from __future__ import annotations

from tests.conftest import text_verdicts as verdicts

PAGE = [
    "Star Trek 4 eyes Fargo, Legion creator Noah Hawley to direct",
    "New, 15 comments",
    "The fourth in the 2009 reboot series of Star Trek films",
    "By Chaim Gartenberg@cgartenberg Nov 19, 2019, 7:53pm EST",
    "Share this story",
    "Share this on Facebook",
    "Share this on Twitter",
    "Share All sharing options",
    "Share All sharing options for: Star Trek 4 eyes Fargo, Legion creator Noah Hawley to direct",
    "Linkedin",
    "Reddit",
    "Pocket",
    "Flipboard",
    "Email",
    (
        "After a three-year silence, there has been news on the fourth film in rebooted Star "
        "Trek film series: Noah Hawley, best known for creating FX’s Legion and Fargo TV series, "
        "is in final talks to write and direct it, according to reports from The Wrap and "
        "Deadline."
    ),
    (
        "The most recent Star Trek film was 2016’s Star Trek Beyond. Unlike the original two "
        "films in the modern iteration of the franchise, Star Trek Beyond was directed by Justin "
        "Lin; 2009’s Star Trek and 2013’s Star Trek Into Darkness were directed by J.J. Abrams. "
        "Abrams was a producer on Star Trek Beyond, and will be reprising the role in the "
        "as-yet-untitled fourth film."
    ),
    "This will be Hawley’s second film",
    (
        "The fourth Star Trek film was greenlit in 2016, with reports that Chris Hemsworth would "
        "be returning to the franchise to reprise his role as George Kirk, the father of Chris "
        "Pine’s Captain James T. Kirk. Obviously, three years is a long time, and actors’ "
        "schedules shift. It’s unclear whether Hawley’s film is still based on the 2016 plan, or "
        "if Hemsworth will return — both Hemsworth and Pine were said to have had run into "
        "contractual issues in 2018, according to The Hollywood Reporter. The Wrap’s report "
        "today claims that Pine will be back on board the Enterprise, along with Zachary Quinto, "
        "Zoe Saldana, Simon Pegg, and Karl Urban. It doesn’t mention Hemsworth."
    ),
    (
        "There are three scripts still in contention for the fourth Trek film, according to The "
        "Wrap, so it’s possible Paramount is still deciding on a direction. As if things weren’t "
        "murky enough, Deadline reports that Paramount is also still working on a second, "
        "R-rated Star Trek spin-off from Quentin Tarantino, which has been rumored since 2017."
    ),
    (
        "The fourth Star Trek movie will be Hawley’s second film. Lucy in the Sky, his debut, is "
        "a slightly more grounded story about a NASA astronaut dealing with life on Earth. That "
        "movie was poorly-recieved by critics — and flopped at the box office, making $320,000 "
        "on a budget of $27 million, according to Box Office Mojo."
    ),
    "No release date for the fourth Star Trek film has yet been announced.",
    "Next Up In Tech",
    "Good Deals",
    (
        "Here’s when Black Friday deals start at Amazon, Best Buy, Walmart, and more Don’t go "
        "into Black Friday without a strategy"
    ),
    "Here are the best Black Friday smart speaker deals Alexa, find me deals",
    "More in Good Deals",
    "Sign up for the newsletter Command Line",
    "Command Line delivers daily updates from the near-future.",
    "Email (required)",
    "By signing up, you agree to our Privacy Policy and European users agree to the data transfer policy.",
    "Subscribe",
]


def test_short_last_sentence_kept_and_teaser_heading_ends_the_article(cli):
    seen = verdicts(cli, PAGE)
    last = "No release date for the fourth Star Trek film has yet been announced."
    assert seen[last] == "keep"
    body = PAGE[PAGE.index("Email") + 1 : PAGE.index(last)]
    assert len(body) == 6
    assert all(seen[line] == "keep" for line in body)
    assert seen["Next Up In Tech"] == "generic/section-end"
    after = PAGE[PAGE.index("Next Up In Tech") :]
    assert all(seen[line] != "keep" for line in after), {line[:30]: seen[line] for line in after}


def test_cleaning_the_output_again_changes_nothing(cli):
    proc = cli("clean", stdin="\n".join(PAGE) + "\n")
    assert proc.returncode == 0, proc.stderr
    again = cli("clean", stdin=proc.stdout)
    assert again.stdout == proc.stdout


HEADINGS = [
    "Most Popular Videos",
    "Most Read Most Shared",
    "More Great WIRED Stories",
    "Join the conversation. Discuss this story.",
    "Top Rated Comments",
    "Featured Video",
    "Você pode gostar...",
    "関連記事",
    "관련기사",
    "Recent Posts",
    "Recent Articles",
    "More Videos",
    "Tags: Helena, smart thermostat",
    "Labels: customer development, lean startup",
]


def test_other_headings_of_what_follows_an_article_end_it_too(cli):
    # The same page under each heading seen after articles of the dev set, in place of 'Next Up In Tech'.
    at = PAGE.index("Next Up In Tech")
    for heading in HEADINGS:
        page = [*PAGE[:at], heading, *PAGE[at + 1 :]]
        seen = verdicts(cli, page)
        assert seen[heading] == "generic/section-end", heading
        assert all(seen[line] != "keep" for line in page[at:]), heading
        assert all(seen[line] == "keep" for line in page[page.index("Email") + 1 : at]), heading
