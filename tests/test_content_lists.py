"""Content lists and tables inside the article stay; a teaser list after the article goes.

Real excerpts of the dev set (wcxb-dev): a university page's directory of clinics (name,
address, phone, services per entry) between paragraphs that introduce and follow it, and a recipe
roundup numbered 1 to 7 (number, title, description, 'Get the Recipe') followed by the site's
'You might also like' list. Phone numbers and item numbers looked like timestamps, and the
entries between them like a headline list: the whole list went as generic/headline-list.
"""

from __future__ import annotations

import json
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "generic"

DIRECTORY = [
    "Low-Cost/Sliding-Scale or No-Cost Mental Health Providers",
    (
        "Please note that USF offers this list as an informational resource. Inclusion does not "
        "constitute endorsement of the listed treatment providers or facilities. Availability of "
        "services cannot be guaranteed by USF. It is the responsibility of the student to contact "
        "providers to make appointments. Users assume responsibility for evaluating and selecting "
        "among the providers included in these listings."
    ),
    (
        "Insurance may not be accepted for low/no-cost and sliding-scale services. Generally, "
        "low/no-cost and sliding-scale fees are based on client income/ability to pay. Fees noted "
        "(as available) on this list are subject to change and should be confirmed with the "
        "provider. Any cost/payment is to be determined between the provider and individual seeking "
        "services."
    ),
    "Access Institute for Psychological Services",
    "110 Gough St. Suite 301",
    "(415) 861-5449",
    "Psychotherapy & Medication",
    "Fees based on income",
    "Center for Somatic Psychotherapy",
    "Affiliated with the CA Institute of Integral Studies",
    "220 Montgomery St. Suite 600",
    "(415) 217-8895",
    "Psychotherapy",
    "Scale: $35-110 per session",
    "Christian Counseling Centers",
    "801 Portola Dr. Suite 108",
    "(415) 674-7504",
    "Psychotherapy",
    "CA Institute of Integral Studies (CIIS) Psychological Services Center",
    "507 Polk St, Suite 420",
    "(415) 346-1011",
    "Psychotherapy & Psychological testing",
    "Fees based on income",
    "California Pacific Medical Center Counseling Clinic",
    "(415) 600-3247",
    "Psychotherapy and Psychiatry",
    "Low fee",
    "Dimensions Health Clinic",
    "3850 17th Street",
    "(415) 934-7757",
    "LGBTQIA focus",
    (
        "Psychotherapy for queer, trans, and questioning persons ages 12 to 25; weekly support "
        "group for transgender & gender-variant persons."
    ),
    "Mental health services are FREE",
    (
        "Free HELP—San Francisco: Download charts listing resources for free mental health "
        "assistance, food, shelter, medical aid, and help with neighborhood problems in San "
        "Francisco"
    ),
]
RECIPES = [
    "November 12, 2024",
    "7 Healthy Air Fryer Recipes",
    "Rate + Comment",
    (
        "I’m ALWAYS getting asked if having an air fryer is worth it. Is it worth storing? Pulling "
        "out? Cleaning? Well, after having one and using it repeatedly, I can confidently say that "
        "an air fryer is DEFINITELY worth having! It’s a major time-saver and the food comes out "
        "tasting amazing. Whether you’re new to air frying or you’ve been doing it for years, I’ve "
        "got some quick and healthy air fryer recipes that you’re going to LOVE!"
    ),
    "Healthy Air Fryer Recipes",
    (
        "These air fryer recipes make it easy to eat healthier at home! The air fryer crisps up the "
        "food without drenching it in oil. You can air fry chicken, fish, veggies, and more! I use "
        "these recipes to make quick snacks for myself and large healthy meals for my family."
    ),
    "1",
    "Cilantro Lime Air Fryer Chicken Tenderloins",
    (
        "These cilantro lime air fryer chicken tenderloins are super easy to make and ready in a "
        "flash. They're packed with flavor and are a great protein to add to your weekly rotation."
    ),
    "Get the Recipe",
    "2",
    "Hot Honey Air Fryer Salmon Bites",
    (
        "I'm obsessed with these air fryer salmon bites! It's an easy salmon recipe that produces "
        "perfectly tender, bite-sized pieces of salmon to add to your bowls for a quick lunch on "
        "busy days!"
    ),
    "Get the Recipe",
    "3",
    "Air Fryer Snap Peas",
    "You'll love these easy and delicious, macro-friendly air fried snap peas!",
    "Get the Recipe",
    "4",
    "Air Fryer Blackened Mahi Mahi",
    (
        "Take your Mahi Mahi game to the next level with this air fryer Mahi Mahi. The blackened "
        "seasoning adds the best flavor, and it's perfect in bowls and salads!"
    ),
    "Get the Recipe",
    "5",
    "10-Minute Air Fryer Asparagus with Parmesan",
    (
        "You'll love how easy it is to cook this air fryer asparagus! In less than 10 minutes, "
        "you'll have a beautiful and delicious side!"
    ),
    "Get the Recipe",
    "6",
    "Greek Pork Taquitos in the Air Fryer",
    (
        "Greek food. I can't get enough! These taquitos have all my favorite Greek flavors wrapped "
        "up in a crunchy corn tortilla."
    ),
    "Get the Recipe",
    "7",
    "Easy Air Fried Fish Tacos",
    (
        "Give these easy air fryer fish tacos a chance, and they just might make it onto your "
        "weekly rotation. They're seriously so good and so easy!"
    ),
    "Get the Recipe",
    "Air Fryer Recipes",
    (
        "These healthy air fryer recipes are great for healthy homemade meals and snacks! Not only "
        "are they delicious, but they’re macro-friendly too making it easier to cook for your "
        "family and stay on track."
    ),
    (
        "If you’re looking for more macro-friendly meals then make sure to grab my dinner meal plan "
        "or one of my macro-friendly cookbooks. All of my recipes are macro-friendly and loaded "
        "into MyFitnessPal, Lose It, and Macros First for easy tracking!"
    ),
    "Follow me on Instagram for new tasty macro-friendly recipes along with fan-favorite recipes!",
    (
        "Disclosure: I only recommend products I would use myself and all opinions expressed here "
        "are my own. This post may contain affiliate links at no additional cost to you. I may earn "
        "a small commission. Read the full privacy policy here."
    ),
    "You might also like",
    "Roundups",
    "30-Minute Macro-Friendly Meals",
    "Roundups",
    "My Go-To Macro-Friendly Sweet Treats",
    "Roundups",
    "My Favorite Macro-Friendly Meal Prep Salads",
    "Roundups",
    "Macro-Friendly Easter Recipes",
    "Share this recipe",
    "PinFacebook",
]


def verdicts(cli, page: list[str]) -> list[str]:
    """Each line's verdict by `cleaner clean --explain` (jsonl): 'keep' or its rule."""
    proc = cli("clean", "--explain", "--explain-format", "jsonl", stdin="\n".join(page) + "\n")
    assert proc.returncode == 0, proc.stderr
    return ["keep" if r["verdict"] == "keep" else r["rule"] for r in map(json.loads, proc.stderr.decode().splitlines())]


def test_directory_with_phone_numbers_inside_the_article_kept(cli):
    seen = verdicts(cli, DIRECTORY)
    # The introduction, then the first five entries (name, address, phone, services), and the
    # paragraphs after the list. Cells repeated from entry to entry ('Psychotherapy', 'Fees
    # based on income') may still go as generic/repeated: the test pins the rest.
    entries = [k for k in range(1, 24) if DIRECTORY.count(DIRECTORY[k]) == 1]
    assert len(entries) >= 18
    lost = [(seen[k], DIRECTORY[k]) for k in entries if seen[k] != "keep"]
    assert not lost, lost
    assert seen[-3:] == ["keep"] * 3


def test_numbered_recipe_list_kept_teasers_after_it_dropped(cli):
    seen = dict(zip(RECIPES, verdicts(cli, RECIPES), strict=True))
    titles = [
        "Cilantro Lime Air Fryer Chicken Tenderloins",
        "Hot Honey Air Fryer Salmon Bites",
        "Easy Air Fried Fish Tacos",
    ]
    assert all(seen[t] == "keep" for t in titles)
    leads = [line for line in RECIPES if line.startswith(("These cilantro lime", "Give these easy"))]
    assert len(leads) == 2 and all(seen[line] == "keep" for line in leads)
    teasers = [
        "30-Minute Macro-Friendly Meals",
        "My Go-To Macro-Friendly Sweet Treats",
        "Macro-Friendly Easter Recipes",
    ]
    assert all(seen[t] != "keep" for t in teasers), {t: seen[t] for t in teasers}
    assert seen["You might also like"] != "keep"


# wcxb-dev 0198 (a review of audiobook services): per service a numbered heading, two or three
# paragraphs, then its 'Pros:' and 'Cons:' lists of a few words an item. Run by run such a list
# reads as a menu; between two of the article's paragraphs it is the article's.
PROS_CONS = (FIXTURES / "pros-cons.txt").read_text(encoding="utf-8").splitlines()


def test_a_list_between_the_articles_paragraphs_stays(cli):
    seen = verdicts(cli, PROS_CONS)  # by position: 'Pros:' and 'Cons:' stand under every service
    start = PROS_CONS.index("Pros:", PROS_CONS.index("9. Kobo Audiobooks"))
    end = PROS_CONS.index("10. Apple Books") + 1
    assert end - start == 11
    assert all(v == "keep" for v in seen[start:end]), dict(zip(PROS_CONS[start:end], seen[start:end], strict=True))


def test_the_sites_navigation_between_the_articles_paragraphs_goes(cli):
    # The same menu at the page's top (outside the article) and between two paragraphs: the
    # site's navigation repeated, as a news site's mega-menu between its teaser cards is.
    nav = ["Sports", "All Sports", "Lions", "Tigers", "Red Wings", "Pistons"]
    at = PROS_CONS.index("9. Kobo Audiobooks") + 2  # between its first two paragraphs
    page = [*nav, *PROS_CONS[:at], *nav, *PROS_CONS[at:]]
    seen = verdicts(cli, page)
    assert all(v != "keep" for v in seen[at + len(nav) : at + 2 * len(nav)]), seen[at + len(nav) : at + 2 * len(nav)]
    start = page.index("Pros:", page.index("9. Kobo Audiobooks"))
    assert all(v == "keep" for v in seen[start : page.index("10. Apple Books") + 1])


def test_a_shops_grid_between_the_articles_paragraphs_goes(cli):
    # Products with their price and button between two paragraphs: a shop's grid, no list of the article's.
    grid = ["Anker Soundcore Life Q30", "$79.99", "Add to Cart", "Sony WH-1000XM5", "$329.99", "Add to Cart"]
    at = PROS_CONS.index("9. Kobo Audiobooks") + 2
    page = [*PROS_CONS[:at], *grid, *PROS_CONS[at:]]
    seen = verdicts(cli, page)
    assert all(v != "keep" for v in seen[at + 1 : at + len(grid)]), seen[
        at : at + len(grid)
    ]  # the first name may pass as a subhead


# aeb 9cb8224b (Billboard): a story's last paragraph, then 'The Doobie Brothers 50th Anniversary
# Tour 2020 dates:' and thirty lines 'June 9 -- Coral Sky Amphitheatre, West Palm Beach, FL',
# then the share bar and the site's menus. The dates are short lines after the story's prose, and
# the region ended before them; the line ending in ':' says the article goes on with its list.
TOUR = (FIXTURES / "tour-dates.txt").read_text(encoding="utf-8").splitlines()


def test_a_list_the_article_introduces_after_its_last_paragraph_stays(cli):
    seen = verdicts(cli, TOUR)
    intro = TOUR.index("The Doobie Brothers 50th Anniversary Tour 2020 dates:")
    dates = [k for k, line in enumerate(TOUR) if " -- " in line]
    assert len(dates) == 30 and dates[0] == intro + 1
    assert all(seen[k] == "keep" for k in [intro, *dates]), [TOUR[k] for k in [intro, *dates] if seen[k] != "keep"]
    assert all(v != "keep" for v in seen[dates[-1] + 1 :])  # the share bar and menus after it


def test_a_list_of_other_stories_under_an_introducing_line_still_goes(cli):
    intro = TOUR.index("The Doobie Brothers 50th Anniversary Tour 2020 dates:")
    teasers = [
        "If you liked this story you might also like:",
        "Fleetwood Mac Announce 2020 Reunion Tour Dates",
        "Eagles Add Second Leg to Hotel California Tour",
        "Billy Joel Sets Madison Square Garden Residency Through 2020",
    ]
    page = [*TOUR[:intro], *teasers, *TOUR[intro + 31 :]]
    seen = verdicts(cli, page)
    assert all(v != "keep" for v in seen[intro + 1 : intro + len(teasers)]), seen[intro : intro + len(teasers)]


def test_a_list_under_a_heading_after_the_article_stays_when_its_items_open_alike(cli):
    # aeb ac1bfdd4 put the same dates under a heading, 'The Doobie Brothers Tour Dates', no ':'.
    intro = TOUR.index("The Doobie Brothers 50th Anniversary Tour 2020 dates:")
    page = [*TOUR[:intro], "The Doobie Brothers Tour Dates", *TOUR[intro + 1 :]]
    seen = verdicts(cli, page)
    assert all(seen[k] == "keep" for k in range(intro, intro + 31)), [
        page[k] for k in range(intro, intro + 31) if seen[k] != "keep"
    ]


def test_headlines_under_a_heading_after_the_article_still_go(cli):
    intro = TOUR.index("The Doobie Brothers 50th Anniversary Tour 2020 dates:")
    teasers = [
        "Fleetwood Mac Announce 2020 Reunion Tour Dates",
        "Eagles Add Second Leg to Hotel California Tour",
        "Billy Joel Sets Madison Square Garden Residency Through 2020",
    ]
    page = [*TOUR[:intro], "Billboard Touring", *teasers, *TOUR[intro + 31 :]]
    seen = verdicts(cli, page)
    assert all(v != "keep" for v in seen[intro + 1 : intro + 4]), seen[intro : intro + 4]


def test_a_live_blogs_dateline_between_two_times_is_no_list_item(cli):
    """aeb 5caf91b8 (SFGate, AP's 'The Latest'): the story's date, its dateline paragraph ending
    in 'all times local):', then '10 p.m.' over the first entry. Two stamps with one line between
    read as a headline list; a line that introduces what follows (or runs past a headline's 20
    words) is no list item's headline."""
    from tests.conftest import text_verdicts as verdicts

    lines = (FIXTURES / "live-blog-dateline.txt").read_text(encoding="utf-8").splitlines()
    seen = verdicts(cli, lines)
    dateline = next(line for line in lines if line.startswith("HAYWARD, Calif. (AP)"))
    assert seen[dateline] == "keep"
    assert seen["Most Popular"] != "keep"
