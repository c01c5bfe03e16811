"""Tables whose cells come one per line: a shop's grid of products is a page's content; a menu
of short links is still a menu.

fixtures/generic/shop-grid.txt is a real page of the dev set (wcxb-dev 4762, a marketplace's
page of Glossier products): name / price, one per line, under a search box. Each cell is a
one-to-three-word line, so the grid read as a menu (generic/menu) and the listing lost its
products. The nav bar and sort options of another shop's listing (wcxb-dev 3000, REI) are
all alike from line to line, no table, and go as before.
"""

from __future__ import annotations

from pathlib import Path

from cleaner import clean
from cleaner.generic.shapes import _cell_shape

GRID = Path(__file__).parent / "fixtures" / "generic" / "shop-grid.txt"

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
