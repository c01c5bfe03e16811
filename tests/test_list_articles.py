"""Lists the article holds stay; lists of other stories around it go.

Real excerpts of the dev set: a list article (wcxb-dev 4452, a roundup of woodworking projects:
title, photo credit, description, 'Continue Reading' per item; every credit names another site),
and a photo gallery above a news story (aeb db6b0816, AP via a newspaper: the same credit under
each caption). Line by line both are lines between repeated bylines; only the gallery is a list
of what the article is not. (A list of other stories after the article, time / headline / lead
per item, still goes as one block: tests/test_blocks.py.)
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import text_verdicts as verdicts

TOP = [
    "10 DIY Woodworking Projects for Your Home",
    "BySarah July 30, 2019January 18, 2023 January 18, 2023",
    "Share this post",
    "Adding style and function to your home can be fun, and you can do it yourself! I've shared many ways to "
    "update your home on this blog including a budget bathroom makeover and how to make your own wood signs.",
    "Today I've rounded up 10 DIY woodworking projects for your home, most of which you can make in under 2 hours.",
    "These are great for beginners, they require some tools but are not so complicated that you won't be able "
    "to complete them.",
]
ROUNDUP = [
    "The woodworking projects below are all part of the At Home DIY challenge. Each month I share a new DIY "
    "project along with a group of very talented blogging friends. We hope to inspire you and show you how to "
    "easily update your home.",
    "I picked a handful of projects that I loved this month to share with you here today. I also included a "
    "few of my favorite wood projects that have been in use at my house for years.",
    "10 Woodworking Projects for your Home",
    "Check out the full list below. See something you like? Click through for the full post, woodworking "
    "plans and lots more details.",
    "Quick Coat Hooks",
    "Photo Credit: www.littlebitsofhome.com",
    "These genius coat hooks are perfect for little kids! This is one of those 'why didn't I think of that' "
    "projects. I am tempted to add them to my kitchen right now.",
    "Continue Reading",
    "DIY Plant Stand",
    "Photo Credit: www.bitterrootdiy.com",
    "A beautiful and simple plant stand is the perfect addition to your deck or patio, and you can complete "
    "this woodworking project in under 2 hours!",
    "Continue Reading",
    "DIY Mirror Frame",
    "Photo Credit: www.livingletterhome.com",
    "Upgrade your bathroom mirror for a fraction of the cost of a new one, and in less than 2 hours!",
    "Continue Reading",
    "DIY Toilet Paper Holder",
    "Photo Credit: diydanielle.com",
    "Add some function and style to your bathroom with this simple project. This is sturdy, pretty and functional.",
    "Continue Reading",
    "How to Build a Wood Window Cornice",
    "Photo Credit: thediydreamer.com",
    "Dress up your window without curtains, build a wood cornice that will add character to any window.",
    "Continue Reading",
]
DESCRIPTIONS = [line for line in ROUNDUP[4:] if line.endswith((".", "!"))]
CREDITS = [line for line in ROUNDUP if line.startswith("Photo Credit:")]

CAPTION = (
    "U.S. Defense Secretary Mark Esper, left, and Vietnamese Defense Minister Ngo Xuan Lich shake hands in "
    "Hanoi, Vietnam Wednesday, Nov. 20, 2019. Esper is on a visit to Vietnam to strengthen the military "
    "relations with the Southeast Asian nation. less"
)
SHORT_CAPTION = (
    "U.S. Defense Secretary Mark Esper, left, and Vietnamese Defense Minister Ngo Xuan Lich shake hands in "
    "Hanoi, Vietnam Wednesday, Nov. 20, 2019. Esper is on a visit to Vietnam to strengthen the military "
    "relations ... more"
)
GALLERY = [
    CAPTION,
    SHORT_CAPTION,
    "Photo: Hau Dinh, AP",
    "Photo: Hau Dinh, AP",
    "Image 1 of / 8",
    "Caption",
    "Close",
    "Image 1 of 8",
    CAPTION,
    SHORT_CAPTION,
    "Photo: Hau Dinh, AP",
]
STORY = [
    "HANOI, Vietnam (AP) — U.S. Defense Secretary Mark Esper on Wednesday accused China of using coercion and "
    "intimidation against smaller Asian nations to impose its will in the South China Sea. He urged Vietnam "
    "and others in the region to push back.",
    "“We will not accept attempts to assert unlawful maritime claims at the expense of law-abiding nations,” "
    "Esper said in a speech to the Diplomatic Academy of Vietnam, a government university.",
    "Vietnam is one of the region’s most vocal critics of China’s sweeping territorial claims in the South "
    "China Sea and has accused Beijing of encroaching into its waters.",
    "“The United States firmly opposes intimidation by any claimant to assert its territorial or maritime "
    "claims, and we call for an end to the bullying and unlawful activities,” Esper said.",
]


def test_a_list_articles_items_stay(cli):
    seen = verdicts(cli, ROUNDUP)
    assert all(seen[line] == "keep" for line in DESCRIPTIONS), {line[:30]: seen[line] for line in DESCRIPTIONS}
    assert all(seen[line] != "generic/headline-list" for line in ROUNDUP)


def test_a_list_articles_items_stay_under_its_headline_their_photo_credits_go(cli):
    seen = verdicts(cli, [*TOP, *ROUNDUP])
    assert seen[TOP[0]] == "keep"
    assert all(seen[line] == "keep" for line in DESCRIPTIONS), {line[:30]: seen[line] for line in DESCRIPTIONS}
    assert all(seen[line] == "generic/byline" for line in CREDITS)


def test_a_gallery_whose_captions_share_one_credit_goes_the_story_under_it_stays(cli):
    seen = verdicts(cli, ["Esper accuses China of intimidating smaller Asian nations", *GALLERY, *STORY])
    assert seen[CAPTION] != "keep" and seen[SHORT_CAPTION] != "keep"
    assert all(seen[line] == "keep" for line in STORY)


# wcxb-dev 0030 (a city guide's roundup of certificate programs): per entry a program's name, a
# photo credit naming its school ('Photo Courtesy of Noble Desktop', the same school for several
# entries), a paragraph on it and 'Book now'. The credits repeat as a gallery's do, but entries that
# each hold a paragraph are the article's, no list of other stories.
CREDITED = (Path(__file__).parent / "fixtures" / "generic" / "credited-roundup.txt").read_text(encoding="utf-8")
CREDITED_LINES = CREDITED.splitlines()


def test_a_roundups_entries_under_repeated_credits_stay(cli):
    seen = verdicts(cli, CREDITED_LINES)
    paragraphs = [line for line in CREDITED_LINES if len(line.split()) >= 50]
    assert len(paragraphs) >= 12
    assert all(seen[line] == "keep" for line in paragraphs), [line[:30] for line in paragraphs if seen[line] != "keep"]
    assert all(seen[line] != "generic/headline-list" for line in CREDITED_LINES)
