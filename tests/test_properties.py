"""Properties over generated pages: never invent text, idempotent, never crash."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import clean, load_rules
from cleaner.normalize import split_endings, split_lines

from .conftest import GOLDEN

RULES = load_rules(env={})
SEED_LINES = [
    line
    for path in sorted(GOLDEN.glob("*/*.input.txt"))
    for line in path.read_text(encoding="utf-8").replace("\r\n", "\n").split("\n")
]
JUNK = ["Реклама", "ЩЕ ЗА ТЕМОЮ", "ОСТАННЄ", "Статті", "Підтримати", "Всі статті", "Поділитися", "11:53, 09.03.2025"]

line_strategy = st.one_of(
    st.sampled_from(SEED_LINES),
    st.sampled_from(JUNK),
    st.just(""),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"), max_size=60),
    st.text(alphabet="абвгґдеєжзиіїйклмнопрстуфхцчшщьюя АБВ«»„“’ʼ'-—–.,:!?0123456789\u00a0\u200b", max_size=80),
)
pages = st.tuples(st.lists(line_strategy, max_size=40), st.sampled_from(["\n", "\r\n"]), st.booleans()).map(
    lambda t: t[1].join(t[0]) + (t[1] if t[2] else "")
)
sites = st.sampled_from([None, "interfax.com.ua", "ostro.org"])
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _is_subsequence(part: list[str], whole: list[str]) -> bool:
    it = iter(whole)
    return all(any(x == y for y in it) for x in part)


@SETTINGS
@given(pages, sites)
def test_output_lines_are_input_lines_in_order(text: str, site: str | None) -> None:
    result = clean(text, RULES, site=site)
    source = split_lines(text)
    assert [line.text for line in result.lines] == source
    assert _is_subsequence(result.kept_lines, source)
    assert all(line.reason is not None for line in result.lines if not line.kept)


@SETTINGS
@given(pages, sites)
def test_cleaning_twice_changes_nothing(text: str, site: str | None) -> None:
    once = clean(text, RULES, site=site)
    assert clean(once.text, RULES, site=site).text == once.text
    assert clean(once.text, RULES, site=once.site).text == once.text


@SETTINGS
@given(pages)
def test_output_has_no_blank_edges(text: str) -> None:
    kept = clean(text, RULES).kept_lines
    if kept:
        assert kept[0].strip() and kept[-1].strip()


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_is_cleaned_without_crashing(text: str) -> None:
    result = clean(text, RULES)
    assert result.text == "" or result.text.endswith(("\n", "\r"))


# Lines with their own endings, drawn from LF, CRLF and CR; the last line may have none.
mixed_pages = st.tuples(
    st.lists(st.tuples(line_strategy, st.sampled_from(["\n", "\r\n", "\r"])), max_size=40), st.booleans()
).map(lambda t: "".join(x + (end if i < len(t[0]) - 1 or t[1] else "") for i, (x, end) in enumerate(t[0])))


@SETTINGS
@given(mixed_pages, sites)
def test_kept_lines_come_out_with_their_own_endings(text: str, site: str | None) -> None:
    lines, endings = split_endings(text)
    result = clean(text, RULES, site=site)
    kept = [i for i, reason in enumerate(result.reasons) if reason is None]
    want = "".join(lines[i] + endings[i] for i in kept)
    if kept and not endings[kept[-1]]:  # a last line without an ending takes its neighbour's
        want += endings[-2] if len(endings) > 1 else "\n"
    assert result.text == want
    assert clean(result.text, RULES, site=site).text == result.text
    assert "".join(map(str.__add__, lines, endings)) == text  # splitting loses nothing
