"""A picture's credit goes, alone on its line or after its caption; text that names an agency stays.

The page is a real excerpt of the dev set (aeb 16c30add, Vox): the article's paragraphs with
two photos between them, each a caption line and a credit line ('Sakib Ali/Hindustan Times/Getty
Images', 'NASA Worldview'). A credit is no part of an article's text in the dev sets' gold.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.generic.lines import _line_facts
from tests.conftest import text_verdicts as verdicts

PAGE = (Path(__file__).parent / "fixtures" / "generic" / "photo-credits.txt").read_text(encoding="utf-8").splitlines()
CREDITS = ["Sakib Ali/Hindustan Times/Getty Images", "Sonu Mehta/Hindustan Times/Getty Images"]


def test_credit_lines_go_with_their_reason_and_the_paragraphs_around_them_stay(cli):
    seen = verdicts(cli, PAGE)
    assert all(seen[line] == "generic/credit" for line in CREDITS), {line: seen[line] for line in CREDITS}
    paragraphs = [line for line in PAGE if len(line) > 200]
    assert len(paragraphs) >= 15
    assert all(seen[line] == "keep" for line in paragraphs)


def test_cleaning_the_output_again_changes_nothing(cli):
    once = cli("clean", stdin="\n".join(PAGE) + "\n").stdout
    assert cli("clean", stdin=once).stdout == once


@pytest.mark.parametrize(
    "line",
    [
        "Protesters have worn masks to protect their identities (Image: GETTY )",
        "Image credit: Logitech/Digital Foundry",
        "Bryon Powell putting the lugs of the Brooks Catamount to the test. Photo: iRunFar/Meghan Hicks",
        "Ted Shaffrey/AP",
        "Win McNamee via Getty Images",
        "(Credit: Joseph Maldonado)",
        "Vicente Aguiar loads garage door trims into his pickup truck outside a Home Depot in Hialeah, Fla. "
        "(AP Photo/Alan Diaz)",
        "Image caption Scooter Braun has managed Justin Bieber, among others, throughout his career",  # the BBC
        "Image copyright Getty Images",
        "Media captionWho is Julian Assange?",  # the BBC's video caption, its label glued on
        "Jupiterimages, Getty Images/Creatas RF",
        "личный архив Андрея Рудькова",
        "Фото: Олександр Петренко. Міноборони України: бійці на навчаннях біля Києва",
    ],
)
def test_credit_shapes_read_as_credits(line):
    # (a short 'Photo: name' line reads as a byline already, and goes as one)
    assert _line_facts(line)[3] == "credit"


@pytest.mark.parametrize(
    "line",
    [
        "An Alibaba spokesperson declined to comment on the pricing to Reuters.",  # a sentence
        "Graphics: NVIDIA GeForce GTX 970",  # a game's requirements
        "Video: 4K/30p with no crop",  # a camera's specs
        "Wallet (credit/debit cards, cash, etc.)",  # a packing list
        "Die elektronische Patientenakte (ePA)",
        "Shutterstock expands deal with OpenAI | TechCrunch",  # a headline
        "image: nginx:1.14.2",  # a Kubernetes manifest's line in a docs page
        "Credit: an entry recording a sum received, on the right-hand side of an account.",  # a glossary
    ],
)
def test_text_that_names_an_agency_or_a_label_is_no_credit(line):
    assert _line_facts(line)[3] != "credit"


@pytest.mark.parametrize(
    ("line", "signal"),
    [
        ("Lee Miller, Portrait of Space, Al Bulwayeb, Nr Siwa, Egypt 1937 © Lee Miller Archives", "credit"),
        ("© 2019 Associated Press. All Rights Reserved.", "copyright"),
        ("Copyright © 2019 Press TV. All rights reserved.", "copyright"),
        ("Site content © 2021 Example Media Group", "copyright"),  # a year after the sign: the footer's
    ],
)
def test_a_pictures_copyright_is_a_credit_the_footers_is_not(line, signal):
    assert _line_facts(line)[3] == signal
