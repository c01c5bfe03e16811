"""Tables whose cells come one per line: a docs page's parameters, a product's specs, a shop's grid.

Such cells are short lines of the text, not a menu (:func:`_tables`). The search runs on every
pass of generic detection over every page, so it is written to do little per line: each line's
shape is one small integer, and how alike a run's cells are at each distance comes from running
counts built once per page and distance, not from comparing the run's cells again.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import accumulate, compress, count, islice, repeat
from operator import and_, eq, ge, lt, or_, sub

from cleaner.generic.lines import GOOD, LINE_CACHE_SIZE, NEAR, _line_facts

# Tables whose cells come one per line (a docs page's parameter table, a product's spec list, a
# shop's grid of products): rows of TABLE_MIN_COLUMNS_DEFAULT..TABLE_MAX_COLUMNS_DEFAULT cells,
# each shaped like the cell a row above (_cell_shape). In an article, at least
# TABLE_MIN_ROWS_DEFAULT rows with prose at most TABLE_INTRO_LINES_DEFAULT lines above (its
# introduction; a caption or heading between); on a page of no article (broad mode), at least
# TABLE_MIN_ROWS_BROAD_DEFAULT rows: a listing's grid. The cells are short lines, no menu.
# 2026-12-02, `python -m benchmarks.quality ../shared/data/wcxb-dev --no-peers [--half a|b]`:
# word F1 0.8078 -> 0.8094 (half a 0.8113 -> 0.8128, b 0.8043 -> 0.8061; collection +0.011,
# listing +0.003, service +0.002, documentation +0.001, article +0.0005, product -0.0002).
# Without the introduction, an article's mega-menu of links with their blurbs passed for a
# table (service -0.002); with 3 rows in broad mode, a product page's grid of other products
# (name, price, 'View Product') did (product -0.003); 6 rows kept half the gain.
TABLE_MIN_COLUMNS_DEFAULT = 2
TABLE_MAX_COLUMNS_DEFAULT = 10
TABLE_MIN_ROWS_DEFAULT = 3
TABLE_MIN_ROWS_BROAD_DEFAULT = 4
TABLE_INTRO_LINES_DEFAULT = 2
# A header printed twice (a sticky copy above the table, SB Nation's stats tables), its cells
# maybe shifted by the table's caption: the row above the header joins too when most of its
# cells repeat the header's, so the introduction above is found. 2026-12-04, `python -m
# benchmarks.quality ../shared/data/SET --no-peers [--half a|b]`: aeb shingle F1 0.9311 -> 0.9315
# (half b 0.9297 -> 0.9305: a page of snap-count tables, 0.86 -> 0.94 word F1); wcxb-dev 0.8138
# -> 0.8139 (an article's tables, 0415: 0.53 -> 0.69); big9-dev and seeds unchanged. Any second
# row of short lines joining instead: a service page's mega-menu passed for a table (-0.077).

# A row may break the shape of this share of its cells (an empty cell, a longer note) ...
TABLE_MISS_SHARE_DEFAULT = 0.34
# ... and cells are shaped like the one a row above this much more often than like those fewer
# lines away (a menu's items, a page's furniture look alike at any distance).
TABLE_CONTRAST_DEFAULT = 0.3

# A table of figures (standings, statistics, a price list): its number columns share one shape, so
# cells side by side look as alike as cells a row apart and the contrast above fails (a driver's
# name among six numbers: 0.29). Such a run is still a table when cells are shaped like the one a
# row above this often (and more often than like the one beside them), the commonest shapes of
# its columns repeat no shorter pattern (a menu's are all one), half of them or more hold digits,
# and no more than half its rows are copies of another (a carousel of '30+ million' / 'app
# downloads' slides repeats them). 2026-12-03, `python -m benchmarks.quality ../shared/data/SET
# --no-peers [--half a|b]`: aeb shingle F1 0.9107 -> 0.9139 (half a 0.907 -> 0.914: a NASCAR
# standings page, 0.16 -> 0.78 word F1; half b 0.915 unchanged); wcxb-dev, big9-dev and seeds
# unchanged. Without the digits, a university's mega-menu passed (wcxb-dev article -0.0005);
# without the copies, that carousel did (service -0.0002).
TABLE_FIGURES_ALIKE_DEFAULT = 0.9

# Signals a table cell never carries: a list's marker, a section's end, the footer's.
_NOT_CELLS = frozenset(
    {
        "headline-list",
        "byline",
        "section-end",
        "copyright",
        "cookie",
        "cta",
        "comment",
        "share-bar",
        "copy",
        "decided",
        "credit",
    }
)

# The shape of a line that can be no cell (a blank, a signal above): no cell's shape is negative.
_NO_CELL = -1

# The bit of a cell's shape (_cell_shape) that says it holds a digit.
_DIGITS = 1 << 4

# A digit on an ASCII line (where str.isdigit's digits are 0-9).
_ASCII_DIGIT = re.compile(r"[0-9]")


def _cell_shape(text: str, words: int, end: bool) -> int:
    """What a table's column holds alike from row to row, as one number: its size in words,
    digits, how it opens and how it ends ('accumulate()', 'Required', '79.99 USD', a sentence)."""
    size = 0 if words == 0 else 1 if words <= 3 else 2 if words <= 8 else 3
    first, last = text[0], text[-1]
    opens = 0 if first.isupper() else 1 if first.isalpha() else 2 if first.isdigit() else 3
    closes = 0 if end else 1 if last in ")]" else 2 if last.isalnum() else 3
    # str.isdigit's digits; on an ASCII line they are 0-9, found by one regex search in C.
    digit = _ASCII_DIGIT.search(text) is not None if text.isascii() else any(map(str.isdigit, text))
    return size << 5 | digit * _DIGITS | opens << 2 | closes


@functools.lru_cache(maxsize=LINE_CACHE_SIZE)
def _line_shape(raw: str) -> int:
    """A non-blank line's cell shape, cached as the line's facts are: every pass asks again (one
    argument, the line: the cache's fastest key)."""
    text, _, toks, _, end = _line_facts(raw)  # type: ignore[misc]
    return _cell_shape(text, len(toks), end)


# A cell holding a number ('10', '1.5', '123456789543'), which reads as a counter: a date or a
# time in a row ('20:41 25 Oct 21') is a post's or an item's header instead.
_NUMBER = re.compile(r"[\d.,\s%]+")

# The shape of a menu's item: a few words, no digit, a capital, no mark at its end.
_MENU_ITEM = _cell_shape("Home", 1, False)


def _tables(
    lines: Sequence[str],
    cls: list[str | None],
    signal: list[str],
    words: list[int],
    ends: list[bool],
    *,
    inside: bool,
) -> list[bool]:
    """Mark tables whose cells come one per line: rows of the same shape, cell by cell.

    For a number of columns k, a cell matches when it has the shape of the cell k lines above
    (:func:`_cell_shape`); a table is a run of rows (TABLE_MIN_ROWS_DEFAULT, or
    TABLE_MIN_ROWS_BROAD_DEFAULT when not ``inside`` an article) where each row matches the one
    above but for TABLE_MISS_SHARE_DEFAULT of its cells, where cells match those fewer lines
    away far less often (a menu's items all look alike, a table's columns do not), or which is
    a table of figures (:meth:`_Alike.figures`), and where some column is no menu item's shape.
    The fewest columns win. A row of short lines just above (the
    header: 'Attribute', 'Data Type', ...) joins it. ``inside``: the table must have prose at
    most TABLE_INTRO_LINES_DEFAULT lines above it (or another table).
    """
    n = len(lines)
    marked = [False] * n
    idx = [i for i, c in enumerate(cls) if c is not None]
    m = len(idx)
    if m < TABLE_MIN_ROWS_DEFAULT * TABLE_MIN_COLUMNS_DEFAULT:
        return marked
    shapes = [
        _NO_CELL
        if signal[i] in _NOT_CELLS or (signal[i] == "timestamp" and not _NUMBER.fullmatch(lines[i].strip()))
        else _line_shape(lines[i])
        for i in idx
    ]
    alike = _Alike(shapes, lines, idx)
    taken = [False] * m
    blocked: list[int] | None = None  # counts of cells that are no cell or taken, till a table is taken
    least = TABLE_MIN_ROWS_DEFAULT if inside else TABLE_MIN_ROWS_BROAD_DEFAULT
    for k in range(TABLE_MIN_COLUMNS_DEFAULT, TABLE_MAX_COLUMNS_DEFAULT + 1):
        allowed = int(TABLE_MISS_SHARE_DEFAULT * k)
        if blocked is None:
            blocked = list(accumulate(map(or_, map(lt, shapes, repeat(0)), taken), initial=0))
        whole, starts = alike.rows(blocked, k, allowed, least)
        row, near = alike.counts[k], alike.counts[1]
        at, p, wholes, found = 0, k, len(whole), len(starts)
        while (at := bisect_left(starts, p, at)) < found:
            p = q = starts[at]
            # Row by row while whole rows match (whole[c - k]: the row from cell c), then cell by
            # cell in the row where the scan stops.
            while q - k < wholes and whole[q - k]:
                q += k
            misses = 0  # in the row being compared
            while q < m:
                here, above = shapes[q], shapes[q - k]
                if here < 0 or above < 0 or taken[q] or taken[q - k]:
                    break
                if (q - p) % k == 0:
                    misses = 0
                if here != above:
                    misses += 1
                    if misses > allowed:
                        break
                q += 1
            first = p - k
            rows = (q - first) // k  # whole rows, the first included: at least `least`
            end = first + rows * k  # one past the table's last cell
            # A table's cells are alike a row apart more often than side by side (both tests of
            # alike.table ask that much): most runs, of one shape, fail here without a call.
            if (row[end - k] - row[first]) * (end - first - 1) > (near[end - 1] - near[first]) * (
                end - first - k
            ) and alike.table(first, end, k):
                head = range(first - k, first)
                if first - k >= 0 and all(
                    shapes[r] >= 0 and not taken[r] and not ends[idx[r]] and words[idx[r]] <= 4 for r in head
                ):
                    first -= k
                    if inside and _header_copy(lines, idx, shapes, taken, first, k):
                        first -= k
                # Inside the text: prose (or a table) just above it, or a caption between.
                above_rows = [idx[r] for r in range(max(0, first - TABLE_INTRO_LINES_DEFAULT), first)]
                if not inside or any(cls[i] is GOOD or cls[i] is NEAR or marked[i] for i in above_rows):
                    for r in range(first, end):
                        taken[r] = True
                        marked[idx[r]] = True
                    blocked = None
                p = end + k
            else:  # a run of menu items: on past it (a table starts where it breaks)
                p = max(p + 1, q - TABLE_MIN_ROWS_DEFAULT * k)
    return marked


def _header_copy(
    lines: Sequence[str], idx: list[int], shapes: list[int], taken: list[bool], first: int, k: int
) -> bool:
    """True when the k cells above a table's header row (from ``first``) mostly repeat its texts:
    a header printed twice (a sticky copy), whose cells may come shifted by a caption."""
    if first - k < 0 or any(shapes[r] < 0 or taken[r] for r in range(first - k, first)):
        return False
    header = {lines[idx[r]].strip() for r in range(first, first + k)}
    return sum(lines[idx[r]].strip() in header for r in range(first - k, first)) * 2 > k


class _Alike:
    """How often a page's cells have the shape of the cell a given number of lines above, over
    any run: running counts, one list per distance, so a run's share is two lookups."""

    def __init__(self, shapes: list[int], lines: Sequence[str], idx: list[int]) -> None:
        self.shapes = shapes
        self.lines, self.idx = lines, idx  # each cell's line, to tell a table's rows from a carousel's copies
        # counts[lag][j]: how many of the cells lag .. lag + j - 1 have the shape of the cell lag above.
        self.counts = [[]] + [
            list(accumulate(map(eq, islice(shapes, lag, None), shapes), initial=0))
            for lag in range(1, TABLE_MAX_COLUMNS_DEFAULT + 1)
        ]

    def rows(self, blocked: list[int], k: int, allowed: int, least: int) -> tuple[list[bool], list[int]]:
        """Which rows of k cells a scan passes whole, and where it can find `least` rows.

        whole[s]: every cell of the row from cell k + s, and every cell above it, is a cell not
        yet taken, and at most `allowed` of them are shaped unlike the one above. The starts:
        the cells p from which `least` - 1 rows are whole. From any other cell the scan stops
        within fewer rows, so :func:`_tables` steps past it without scanning. Whole lists at a
        time (map, accumulate): this runs for every number of columns on every page.
        ``blocked[j]``: how many of the first j cells are no cell or taken.
        """
        counts = self.counts[k]
        free = map(eq, islice(blocked, 2 * k, None), blocked)
        alike = map(ge, map(sub, islice(counts, k, None), counts), repeat(k - allowed))
        whole = list(map(and_, free, alike))
        run: Iterable[bool] = whole
        for row in range(1, least - 1):
            run = map(and_, run, islice(whole, row * k, None))
        return whole, list(compress(count(k), run))

    def table(self, first: int, end: int, k: int) -> bool:
        """True when the run of rows [first, end) of k cells reads as a table's: cells are shaped
        like the cell a row above far more often than like one fewer columns away (a menu's
        items, a page's furniture look alike at any distance), or it is a table of figures
        (:meth:`figures`); and a column's cells are mostly no menu item."""
        counts = self.counts
        alike = counts[k]
        here = (alike[end - k] - alike[first]) / (end - first - k)
        shapes, rows = self.shapes, (end - first) // k
        for lag in range(1, k):  # nearest first: a run of one shape (prose, a menu) fails at once
            alike = counts[lag]
            if here < (alike[end - lag] - alike[first]) / (end - first - lag) + TABLE_CONTRAST_DEFAULT:
                if not self.figures(first, end, k, here):
                    return False
                break
        return any(sum(shapes[r] != _MENU_ITEM for r in range(first + j, end, k)) * 2 > rows for j in range(k))

    def figures(self, first: int, end: int, k: int, here: float) -> bool:
        """True when the run of rows [first, end) of k cells is a table of figures (see
        TABLE_FIGURES_ALIKE_DEFAULT): alike a row apart that often (and more often than side by
        side, which the scan in :func:`_tables` asks before any call); its columns' commonest
        shapes repeat no shorter pattern and hold digits in half of them or more; its rows are no
        copies of each other."""
        if here < TABLE_FIGURES_ALIKE_DEFAULT:
            return False
        shapes = self.shapes
        usual: list[int] = []
        digits = 0
        for j in range(k):  # column by column, stopping once half of them cannot hold digits
            shape = Counter(shapes[first + j : end : k]).most_common(1)[0][0]
            usual.append(shape)
            digits += shape & _DIGITS > 0
            if (digits + k - 1 - j) * 2 < k:
                return False
        if any(all(usual[j] == usual[j - d] for j in range(k)) for d in range(1, k)):
            return False
        texts = [self.lines[i] for i in self.idx[first:end]]
        return len({tuple(texts[r : r + k]) for r in range(0, end - first, k)}) * 2 >= (end - first) // k
