"""Leaked link markup between an article's paragraphs goes: an ad's '<a href="...adserver...">'.

A real excerpt of the dev set (big9-dev latimes-2005 2005_soldier_1): 'ADVERTISEMENT', then
the ad as one line of raw markup ('<a href="https://web-beta.archive.org/.../adserver.trb.com/
event.ng/Type=click&amp;...">'), between two paragraphs of the story. Few stopwords is a soft
signal, which a line next to prose survives (a spec line, a name list); link markup is no prose
wherever it stands. Markup a page shows as its content ('<div class=...>' in a guide) does not
open with '<a ': it stays the region's to decide.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import text_verdicts as verdicts

PAGE = (Path(__file__).parent / "fixtures" / "generic" / "ad-link-markup.txt").read_text(encoding="utf-8").splitlines()
AD = next(line for line in PAGE if line.startswith("<a href="))


def test_link_markup_between_paragraphs_goes_and_they_stay(cli):
    seen = verdicts(cli, PAGE)
    assert seen[AD] == "generic/low-stopwords"
    at = PAGE.index(AD)
    assert seen[PAGE[at - 2]] == "keep" and seen[PAGE[at + 1]] == "keep"


def test_cleaning_the_output_again_changes_nothing(cli):
    proc = cli("clean", stdin="\n".join(PAGE) + "\n")
    assert proc.returncode == 0, proc.stderr
    again = cli("clean", stdin=proc.stdout)
    assert again.stdout == proc.stdout


def test_only_link_markup_with_few_stopwords_counts():
    from cleaner.generic.pipeline import _link_markup

    assert _link_markup(AD, "low-stopwords")
    assert not _link_markup('<div class="container"><span class="x">Hello world</span></div>', "low-stopwords")
    assert not _link_markup(AD, "repeated")
