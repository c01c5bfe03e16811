"""A newsletter box after the article goes: calls to action with a few lines of prose among them.

A real excerpt of the dev set (aeb 5ae11e58, an Ascom press release): the release, its notes,
the company's boilerplate, then 'Stay up to date with Ascom. Subscribe to our newsletter.',
'Subscribe No thanks', the form's notes ('An email with an activation link has just been sent
to your email address...') and a 'News Service' blurb, then the footer. The calls go by their
own signal; the prose lines among them passed for the article's last paragraphs. A lone call
inside the article's last lines ('Read more: ...', aeb 360c732d) is no box: the article goes on.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import text_verdicts as verdicts

FIXTURES = Path(__file__).parent / "fixtures" / "generic"
PAGE = (FIXTURES / "newsletter-box.txt").read_text(encoding="utf-8").splitlines()
READ_MORE = (FIXTURES / "read-more-inline.txt").read_text(encoding="utf-8").splitlines()
PROMO = (FIXTURES / "newsletter-promo.txt").read_text(encoding="utf-8").splitlines()


def _starting(page: list[str], *starts: str) -> list[str]:
    return [line for line in page if line.startswith(starts)]


def test_newsletter_box_goes_and_the_release_stays(cli):
    seen = verdicts(cli, PAGE)
    box = _starting(
        PAGE, "Stay up to date with Ascom.", "An email with an activation link", "Ascom corporate news", "Ascom offers"
    )
    assert len(box) == 5
    assert all(seen[line] != "keep" for line in box), {line[:30]: seen[line] for line in box}
    assert seen[box[2]] == "generic/cta-box"
    release = _starting(PAGE, "Ascom and GE Healthcare announce", "In traditional ICUs", "For more information on")
    assert len(release) == 3
    assert all(seen[line] == "keep" for line in release)


def test_a_lone_call_inside_the_articles_last_lines_is_no_box(cli):
    seen = verdicts(cli, READ_MORE)
    last = _starting(READ_MORE, "Hong Kong’s exchange operates a system", "Alibaba’s listing ceremony is due")
    assert len(last) == 2
    assert all(seen[line] == "keep" for line in last), {line[:30]: seen[line] for line in last}


def test_a_promo_too_long_for_a_calls_own_signal_opens_the_box(cli):
    # aeb 3c5bf8db (Live Science): 'Need more space? Subscribe to our sister title...' (a call's
    # words in its first 40 characters), 'Sign Up for e-mail newsletters', then the box's notes.
    seen = verdicts(cli, PROMO)
    box = _starting(PROMO, "Need more space? Subscribe", "Get breaking science news", "No spam, we promise.")
    assert len(box) == 3
    assert all(seen[line] == "generic/cta-box" for line in box), {line[:30]: seen[line] for line in box}
    story = _starting(PROMO, "Despite these initial findings", "\"There's a huge road ahead")
    assert len(story) == 2 and all(seen[line] == "keep" for line in story)


def test_cleaning_the_output_again_changes_nothing(cli):
    proc = cli("clean", stdin="\n".join(PAGE) + "\n")
    assert proc.returncode == 0, proc.stderr
    again = cli("clean", stdin=proc.stdout)
    assert again.stdout == proc.stdout
