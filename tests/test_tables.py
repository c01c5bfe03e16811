"""Tables whose cells come one per line: a shop's grid of products is a page's content; a menu
of short links is still a menu.

fixtures/generic/shop-grid.txt is a real page of the dev set (wcxb-dev 4762, a marketplace's
page of Glossier products): name / price, one per line, under a search box. Each cell is a
one-to-three-word line, so the grid read as a menu (generic/menu) and the listing lost its
products. The nav bar and sort options of another shop's listing (wcxb-dev 3000, REI) are
all alike from line to line, no table, and go as before.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import clean
from cleaner.generic import tables
from cleaner.generic.lines import BAD, GOOD, NEAR, SHORT, _classify
from cleaner.generic.tables import _cell_shape, _tables

FIXTURES = Path(__file__).parent / "fixtures" / "generic"
GRID = FIXTURES / "shop-grid.txt"

REI_TOP = [
    "REI Accessibility Statement",
    "Skip to main content",
    "Skip to Shop REI categories",
    "Shop REI",
    "REI Outlet",
    "Trade-In",
    "Travel",
    "Classes & Events",
    "Expert Advice",
    "Uncommon Path",
    "Membership",
    "Shop",
    "Filter",
    "Sort: Best Match",
    "Best Match",
    "Brand: A - Z",
    "Brand: Z - A",
    "Price: Low - High",
    "Price: High - Low",
    "Newest",
    "Customer Rating",
    "Bestselling",
    "% Off",
    "View:",
    "Showing 30 results per page",
    "Show 90 results per page",
    "Top Rated",
    "HOKAClifton 10 Road-Running Shoes - Women's",
    "$124.93 - $155.00",
    "(133)133 reviews with an average rating of 4.6 out of 5 stars",
]


def _verdicts(text: str) -> dict[str, str]:
    result = clean(text)
    return {t: "keep" if r is None else r.rule for t, r in zip(result.texts, result.reasons, strict=True)}


def test_shop_grid_of_names_and_prices_kept():
    seen = _verdicts(GRID.read_text(encoding="utf-8"))
    for cell in ("Mini Ultralip Trio", "€28", "Glossier You Wardrobe", "Hand Cream", "Glossier Candles", "€45"):
        assert seen[cell] == "keep", (cell, seen[cell])


def test_shop_nav_bar_and_sort_options_still_a_menu():
    seen = _verdicts("\n".join(REI_TOP) + "\n")
    for item in ("Shop REI", "REI Outlet", "Classes & Events", "Membership", "Price: Low - High", "Bestselling"):
        assert seen[item] == "generic/menu", (item, seen[item])


def test_cell_shapes_tell_a_name_from_a_price():
    assert _cell_shape("Hand Cream", 2, False) != _cell_shape("€20", 1, False)
    assert _cell_shape("€20", 1, False) == _cell_shape("€45", 1, False)


def test_grid_kept_is_a_fixpoint():
    text = GRID.read_text(encoding="utf-8")
    once = clean(text).text
    assert clean(once).text == once


def _found(name: str, *, inside: bool) -> list[str]:
    """The lines of a real excerpt that the table search marks, with the classes generic detection
    gives them (numbers as counters, names as menu items or repeats)."""
    lines = (FIXTURES / name).read_text(encoding="utf-8").splitlines()
    cls, signal, _, words, _, ends, _ = _classify(lines, [None] * len(lines))
    return [
        line for line, cell in zip(lines, _tables(lines, cls, signal, words, ends, inside=inside), strict=True) if cell
    ]


def test_standings_of_figures_are_a_table():
    """aeb 11ea381a, a NASCAR standings page: position, driver, points, wins, poles, top 5, top 10,
    one cell per line. Six columns of numbers share one shape, so cells side by side look as alike
    as cells a row apart: no contrast, but a table of figures. (The page holds no article, only
    two lines of prose: its table is searched as a listing's grid is.)"""
    found = _found("standings.txt", inside=False)
    for cell in ("Kyle Busch", "5040", "Martin Truex Jr.", "5035", "Denny Hamlin"):
        assert cell in found, cell


def test_carousel_of_repeated_slides_is_no_table():
    """wcxb-dev 2842: a carousel's four figures with their labels ('30+ million' / 'app
    downloads'), its slides repeated: rows of figures, but copies of each other."""
    assert "app downloads" not in _found("carousel.txt", inside=False)


def test_mega_menu_is_no_table_of_figures():
    """wcxb-dev 4349: a university's navigation, section names over their links and a blurb each,
    repeated headings: no column of figures, so no table of figures."""
    assert _found("mega-menu.txt", inside=False) == []


def _scanned_tables(lines, cls, signal, words, ends, *, inside):
    """The table search written plainly: from every cell, scan row after row and check each run
    found. _tables must find exactly what this finds; it only skips cells where this scan
    cannot find enough rows, and counts matches once per page instead of once per run."""
    marked = [False] * len(lines)
    idx = [i for i, c in enumerate(cls) if c is not None]
    m = len(idx)
    if m < tables.TABLE_MIN_ROWS_DEFAULT * tables.TABLE_MIN_COLUMNS_DEFAULT:
        return marked
    shapes = [
        None
        if signal[i] in tables._NOT_CELLS
        or (signal[i] == "timestamp" and not tables._NUMBER.fullmatch(lines[i].strip()))
        else _cell_shape(lines[i].strip(), words[i], ends[i])
        for i in idx
    ]

    def alike(first, end, lag):
        return sum(shapes[r] == shapes[r - lag] for r in range(first + lag, end)) / (end - first - lag)

    def figures(first, end, k):
        here = alike(first, end, k)
        if here < tables.TABLE_FIGURES_ALIKE_DEFAULT or here <= alike(first, end, 1):
            return False
        columns = [[shapes[r] for r in range(first + j, end, k)] for j in range(k)]
        usual = [Counter(column).most_common(1)[0][0] for column in columns]
        if any(usual == usual[-d:] + usual[:-d] for d in range(1, k)):
            return False
        if sum(shape & tables._DIGITS > 0 for shape in usual) * 2 < k:
            return False
        rows = [tuple(lines[idx[r]] for r in range(s, s + k)) for s in range(first, end, k)]
        return len(set(rows)) * 2 >= len(rows)

    def is_table(first, end, k):
        contrast = (
            alike(first, end, k) >= max(alike(first, end, lag) for lag in range(1, k)) + tables.TABLE_CONTRAST_DEFAULT
        )
        if not contrast and not figures(first, end, k):
            return False
        rows = (end - first) // k
        return any(sum(shapes[r] != tables._MENU_ITEM for r in range(first + j, end, k)) * 2 > rows for j in range(k))

    taken = [False] * m
    least = tables.TABLE_MIN_ROWS_DEFAULT if inside else tables.TABLE_MIN_ROWS_BROAD_DEFAULT
    for k in range(tables.TABLE_MIN_COLUMNS_DEFAULT, tables.TABLE_MAX_COLUMNS_DEFAULT + 1):
        allowed, p = int(tables.TABLE_MISS_SHARE_DEFAULT * k), k
        while p < m:
            q, misses = p, 0
            while q < m and shapes[q] is not None and shapes[q - k] is not None and not taken[q] and not taken[q - k]:
                misses = 0 if (q - p) % k == 0 else misses
                misses += shapes[q] != shapes[q - k]
                if misses > allowed:
                    break
                q += 1
            first = p - k
            rows = (q - first) // k
            end = first + rows * k
            if rows >= least and is_table(first, end, k):
                if first - k >= 0 and all(
                    shapes[r] is not None and not taken[r] and not ends[idx[r]] and words[idx[r]] <= 4
                    for r in range(first - k, first)
                ):
                    first -= k
                    copy = range(first - k, first)
                    header = {lines[idx[r]].strip() for r in range(first, first + k)}
                    if (
                        inside
                        and first - k >= 0
                        and all(shapes[r] is not None and not taken[r] for r in copy)
                        and sum(lines[idx[r]].strip() in header for r in copy) * 2 > k
                    ):
                        first -= k  # the header printed twice
                above = [idx[r] for r in range(max(0, first - tables.TABLE_INTRO_LINES_DEFAULT), first)]
                if not inside or any(cls[i] in (GOOD, NEAR) or marked[i] for i in above):
                    for r in range(first, end):
                        taken[r] = marked[idx[r]] = True
                p = end + k
            else:
                p = max(p + 1, q - tables.TABLE_MIN_ROWS_DEFAULT * k)
    return marked


# Cells of a few shapes, repeated with a period (a table's columns) and broken now and then. The
# cells of one family share a shape with other words, as a table's column does (names, figures).
_FAMILIES = [
    ["Home", "Kyle Busch", "Denny Hamlin", "Joey Logano"],
    ["12", "5040", "7", "35"],
    ["€20", "€45", "€9"],
    ["accumulate()", "len()"],
    ["Required"],
    ["A sentence of prose that ends here.", "Another sentence of prose that ends here too."],
    ["x"],
    ["(note)"],
    ["Price: 5", "Top 10"],
    ["hello world again"],
]
_CELLS = [cell for family in _FAMILIES for cell in family] + [""]


@settings(max_examples=600, deadline=None, derandomize=True)
@given(
    st.lists(st.integers(0, len(_FAMILIES) - 1), min_size=1, max_size=7),
    st.lists(st.integers(0, 3), min_size=90, max_size=90),
    st.integers(0, 90),
    st.dictionaries(st.integers(0, 89), st.sampled_from(_CELLS), max_size=12),
    st.lists(st.sampled_from([GOOD, NEAR, SHORT, BAD]), min_size=90, max_size=90),
    st.dictionaries(st.integers(0, 89), st.sampled_from(["timestamp", "byline"]), max_size=4),
    st.booleans(),
)
def test_table_search_finds_what_a_plain_scan_finds(period, picks, n, broken, kinds, marks, inside):
    """Columns of a few cell families, some cells broken, some lines carrying a signal."""
    column = [_FAMILIES[period[i % len(period)]] for i in range(n)]
    lines = [broken.get(i, column[i][picks[i] % len(column[i])]) for i in range(n)]
    cls = [kinds[i] if line else None for i, line in enumerate(lines)]
    signal = [marks.get(i, "") if line else "" for i, line in enumerate(lines)]
    words = [len(line.split()) for line in lines]
    ends = [line.endswith(".") for line in lines]
    args = (lines, cls, signal, words, ends)
    assert _tables(*args, inside=inside) == _scanned_tables(*args, inside=inside)


def test_stats_tables_at_the_article_top_kept_with_their_headline(cli):
    """aeb 6a72de37 (SB Nation, the middle of the page cut): snap counts in tables of five cells a
    row (position, player, plays, share, stats) under a header printed twice, the first table
    right under the article's one line of introduction. The header's copy joins the table, so its
    introduction is found; the table above the text's first paragraph joins the article, and the
    headline above it is found again. The 'More From' list after the article still goes."""
    page = (FIXTURES / "stats-tables.txt").read_text(encoding="utf-8")
    out = cli("clean", stdin=page).stdout.decode().splitlines()
    lines = page.splitlines()
    story = lines[23 : lines.index("More From Dawgs By Nature")]  # from 'Below, we analyze the snap counts'
    assert story[0].startswith("Below, we analyze")
    assert out[-len(story) :] == story  # the tables and the prose between them, whole
    assert "Browns’ defensive snap counts, stats, and notes: Week 11" in out
    assert "Daily Dawg Chow (11/20/19)" not in out and "Reddit" not in out
