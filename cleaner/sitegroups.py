"""Site groups: learn each site's template from the batch itself (``batch --learn``, ``clean --jsonl --learn``).

A crawl holds many pages of each site, and what recurs across one site's pages is its template.
Two passes over the input: the *scan* reads every page once and keeps only a few numbers per
page (its host, a bottom-k sketch of its short lines, a CRC of its text); pages are then put in
groups, each group with enough pages is learned (:func:`cleaner.learn.learn`, the algorithm of
``cleaner learn``) on a sample of at most :data:`LEARN_MAX_PAGES` of its pages, and the *clean*
pass cleans every page with its group's learned rules first, then the bundled and user rules
and generic detection as usual.

Grouping, in order:

1. ``--site``: every page is one group, named by the site.
2. The page's host, where a URL is known (``--url``, the JSON-lines URL field, an HTML page's
   canonical link): one group per host (``www.`` dropped).
3. Otherwise by shared lines: a page's sketch is the :data:`SKETCH_SIZE` smallest hashes of its
   distinct short lines (at most :data:`SHORT_WORDS` words, dates and numbers masked), so pages
   of one template share most of their sketch, and pages of two sites almost none. Pages are
   taken in the order of their sketches (content, never names) and each joins the most similar
   group leader with an estimated Jaccard of at least :data:`JACCARD_MIN`, else leads a new
   group; a cluster is named ``site-`` and the leader's CRC.

Everything depends on the pages' content only: the same groups, rules and outputs whatever the
file names, their order, or the number of jobs. Memory: one small sketch per page, and the
texts of one group's sample while it is learned. Pure library code: no printing, no exits.
"""

from __future__ import annotations

import dataclasses
import functools
import multiprocessing
import zlib
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO
from urllib.parse import urlsplit

from .learn import LIST_MAX_WORDS, NotEnoughPagesError, is_stamp, learn, mask
from .normalize import split_lines
from .rules import RuleFile, RuleSet

# A group needs this many pages to be learned: two pages share what they have in common with
# each other by chance too often (two articles on one story), three rarely do.
GROUP_MIN_PAGES = 3
# Pages of a group that learning reads (the ones with the smallest CRCs): a template shows itself
# on a few dozen pages, and a bounded sample keeps learning's cost flat for large groups.
LEARN_MAX_PAGES = 20
# Hashes kept per page, and the fewest a page needs to be clustered at all.
SKETCH_SIZE = 32
SKETCH_MIN = 8
# Lines of at most this many words go into the sketch: menus, headings, footers (not prose).
SHORT_WORDS = LIST_MAX_WORDS
# Estimated Jaccard of two sketches for one group; big9-dev pages of one site-year share
# 0.3-0.8 of their short lines, pages of two sites under 0.05.
JACCARD_MIN = 0.2
# A hash shared by this many leaders is a line every site has ('Home'): not indexed further.
INDEX_MAX_LEADERS = 64
# Leaders compared per page: those sharing the most hashes with it.
CANDIDATES_MAX = 8
LEARNED_PREFIX = "learned:"
# Short lines whose sketch hashes are cached per process (bounded: memory stays flat).
SKETCH_CACHE_SIZE = 1 << 14


@dataclass(frozen=True, slots=True)
class Scan:
    """What the scan keeps of one page: its host (if known), its sketch and a CRC of its text."""

    host: str | None
    sketch: array  # of 'Q': sorted 64-bit hashes (320 bytes a page, where a tuple of ints takes 1.5 KB)
    crc: int


def host_of(url: str | None) -> str | None:
    """A URL's host name, lower-case, without ``www.``; None when there is none."""
    if not url:
        return None
    host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").rstrip(".").removeprefix("www.")
    return host or None


def _hash(key: str) -> int:
    """A 64-bit hash of a key that is the same in every process (``hash()`` of a str is not)."""
    data = key.encode("utf-8", "surrogatepass")
    return zlib.crc32(data) << 32 | zlib.crc32(data, 0x9E3779B9)


def sketch(text: str) -> array:
    """The smallest :data:`SKETCH_SIZE` hashes of the page's distinct short masked lines."""
    hashes = set()
    for raw in dict.fromkeys(split_lines(text)):
        if len(raw.split(None, SHORT_WORDS)) > SHORT_WORDS:  # prose: never normalised or masked
            continue
        # Spaces collapsed and case folded: enough to see one template line in two pages, at a
        # third of the cost of the matcher's full normalisation.
        key = " ".join(raw.split()).casefold()
        if key:
            hashed = _line_hash(key)
            if hashed is not None:
                hashes.add(hashed)
    return array("Q", sorted(hashes)[:SKETCH_SIZE])


@functools.lru_cache(maxsize=SKETCH_CACHE_SIZE)
def _line_hash(key: str) -> int | None:
    """A short line's sketch hash (None for a date or time line), cached: template lines recur on every page."""
    masked = mask(key)
    return None if is_stamp(masked) else _hash(masked)


def scan_text(text: str, url: str | None = None) -> Scan:
    """Scan one page's text (as cleaning sees it)."""
    return Scan(host_of(url), sketch(text), zlib.crc32(text.encode("utf-8", "surrogatepass")))


def similarity(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimated Jaccard of two bottom-k sketches: shared hashes among the k smallest of the union."""
    k = min(len(a), len(b))
    if not k:
        return 0.0
    sa, sb = set(a), set(b)
    smallest = sorted(sa | sb)[:k]
    return sum(1 for h in smallest if h in sa and h in sb) / k


def group_pages(
    scans: Sequence[Scan | None], site: str | None = None, min_pages: int = GROUP_MIN_PAGES
) -> dict[str, list[int]]:
    """Group name -> indices of its pages, for the groups of at least ``min_pages`` pages."""
    groups: dict[str, list[int]] = defaultdict(list)
    alive = [i for i, s in enumerate(scans) if s is not None]
    if site:
        groups[site] = alive
    else:
        rest = []
        for i in alive:
            scan = scans[i]
            if scan.host:
                groups[scan.host].append(i)
            elif len(scan.sketch) >= SKETCH_MIN:
                rest.append(i)
        for name, members in _cluster(scans, rest).items():
            groups[name] += members
    return {name: sorted(m) for name, m in sorted(groups.items()) if len(m) >= min_pages}


def _cluster(scans: Sequence[Scan | None], pages: list[int]) -> dict[str, list[int]]:
    """Leader clustering of sketches, in the order of the sketches themselves (content, not names)."""
    order = sorted(pages, key=lambda i: (scans[i].sketch, scans[i].crc))
    leaders: list[int] = []
    members: list[list[int]] = []
    index: dict[int, list[int]] = defaultdict(list)
    for i in order:
        mine = scans[i].sketch
        shared: Counter[int] = Counter()
        for h in mine:
            shared.update(index.get(h, ()))
        best, best_score = None, JACCARD_MIN
        for leader, _ in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))[:CANDIDATES_MAX]:
            score = similarity(mine, scans[leaders[leader]].sketch)
            if score >= best_score and (best is None or score > best_score):
                best, best_score = leader, score
        if best is None:
            best = len(leaders)
            leaders.append(i)
            members.append([])
            for h in mine:
                if len(index[h]) < INDEX_MAX_LEADERS:
                    index[h].append(best)
        members[best].append(i)
    return {f"site-{scans[leaders[n]].crc:08x}": m for n, m in enumerate(members)}


# ---------------------------------------------------------------------------------------------
# Learning the groups


@dataclass(frozen=True, slots=True)
class Learned:
    """One group's learned rules: the in-memory file (id ``learned:<group>``) and the YAML to save."""

    group: str
    pages: int
    rule_file: RuleFile
    yaml: str


def learn_group(group: str, texts: Sequence[str], pages: int) -> Learned | None:
    """Learn one group from its sample's texts; None when nothing recurs in them."""
    try:
        result = learn(texts, group)
    except NotEnoughPagesError:
        return None
    if not result.rules:
        return None
    rule_file = dataclasses.replace(
        result.rule_file, id=LEARNED_PREFIX + group, path=f"<learned {group}>", hosts=(), fingerprints=()
    )
    return Learned(group, pages, rule_file, result.yaml)


def sample(scans: Sequence[Scan | None], members: Sequence[int]) -> list[int]:
    """The group's pages learning reads: the :data:`LEARN_MAX_PAGES` with the smallest CRCs, in index order."""
    chosen = sorted(members, key=lambda i: (scans[i].crc, scans[i].sketch))[:LEARN_MAX_PAGES]
    return sorted(chosen)


# ---------------------------------------------------------------------------------------------
# The two passes' driver

Reader = Callable[[int, bool], "tuple[str, str | None] | None"]
_READER: Reader | None = None


def _set_reader(reader: Reader) -> None:
    """Pool start: the reader comes with the fork, never pickled."""
    global _READER
    _READER = reader


def _scan_one(i: int) -> Scan | None:
    """Scan page i (a cheap text is enough); None when it cannot be read."""
    assert _READER is not None
    got = _READER(i, False)
    return None if got is None else scan_text(*got)


def _learn_one(job: tuple[str, list[int], int]) -> Learned | None:
    """Learn one group from its sample's pages, read in full as cleaning will see them."""
    assert _READER is not None
    group, chosen, size = job
    texts = [got[0] for got in map(lambda i: _READER(i, True), chosen) if got is not None]
    return learn_group(group, texts, size)


@dataclass
class Plan:
    """The outcome of the scan and learning: each page's group, and the learned files by group."""

    group_of: list[str | None]
    learned: dict[str, Learned]
    groups: dict[str, list[int]]

    def ruleset(self, base: RuleSet) -> RuleSet:
        """The base rules plus the learned files, keyed by group."""
        return base.with_learned({g: lrn.rule_file for g, lrn in self.learned.items()})


def plan_groups(count: int, reader: Reader, jobs: int = 1, site: str | None = None) -> Plan:
    """Scan ``count`` pages through ``reader(i, full)``, group them, learn every large enough group.

    ``reader`` returns (text, url) for page i, or None when the page cannot be read (it is then
    in no group, and cleaning reports it as usual); with ``full`` false a cheaper text is fine
    (an HTML page's block lines rather than its extracted article).
    """
    _set_reader(reader)
    with _pool(jobs, reader) as pool:
        scans = list(_map(pool, _scan_one, range(count), chunk=64))
        groups = group_pages(scans, site)
        jobs_ = [(g, sample(scans, m), len(m)) for g, m in groups.items()]
        results = list(_map(pool, _learn_one, jobs_, chunk=1))
    learned = {r.group: r for r in results if r is not None}
    group_of: list[str | None] = [None] * count
    for g in learned:
        for i in groups[g]:
            group_of[i] = g
    return Plan(group_of, learned, groups)


class _Serial:
    """Stands in for a pool when there is one job: maps in this process."""

    def __enter__(self) -> _Serial:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


def _pool(jobs: int, reader: Reader) -> object:
    """A fork pool whose workers hold the reader (fork: no pickling of closures), or serial."""
    if jobs <= 1:
        return _Serial()
    return multiprocessing.get_context("fork").Pool(jobs, initializer=_set_reader, initargs=(reader,))


def _map(pool: object, fn: Callable, items: Sequence, chunk: int) -> Iterator:
    """Map in order, in the pool or here."""
    if isinstance(pool, _Serial):
        return map(fn, items)
    return pool.imap(fn, items, chunksize=chunk)  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------------------------
# Batch and JSON lines


def learn_tasks(tasks: Sequence, options: object, jobs: int = 1) -> tuple[list, Plan]:
    """``batch --learn``: scan the tasks' pages, learn their groups; the tasks with their groups set."""
    from .batch import read_page

    def read(i: int, full: bool) -> tuple[str, str | None] | None:
        try:
            _, text, url, _, _ = read_page(tasks[i], options, full)  # type: ignore[arg-type]
        except Exception:  # an unreadable page is in no group; cleaning reports why
            return None
        return text, url

    plan = plan_groups(len(tasks), read, jobs, getattr(options, "site", None))
    grouped = [dataclasses.replace(t, group=g) if g else t for t, g in zip(tasks, plan.group_of, strict=True)]
    return grouped, plan


def save_name(group: str) -> str:
    """A group's rule file name for ``--save-rules``: its name with path separators made safe."""
    return "".join(c if c.isalnum() or c in "-._" else "_" for c in group) + ".yaml"


def learn_records(stream: BinaryIO, options: object) -> Plan:
    """``clean --jsonl --learn``: scan a seekable stream of records, learn their groups, rewind it.

    Records are indexed by line (from 0), as :func:`cleaner.jsonl.clean_records` counts them;
    a bad record is in no group. Only line offsets and sketches are kept between the passes.
    """
    from .html import html_text, looks_like_html, page_url
    from .jsonl import RecordError, read_lines, record_text

    max_bytes = getattr(options, "max_bytes")  # noqa: B009 (JsonlOptions, kept untyped to avoid a cycle)
    stream.seek(0)
    starts = array("Q", [0])
    for _ in read_lines(stream, max_bytes):
        starts.append(stream.tell())
    count = len(starts) - 1

    def read(i: int, full: bool) -> tuple[str, str | None] | None:
        stream.seek(starts[i])
        raw = stream.readline(max_bytes + 1)
        if not raw.strip() or len(raw) > max_bytes + 1:
            return None
        if i == 0 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            _, text, url = record_text(raw, options)  # type: ignore[arg-type]
        except RecordError:
            return None
        if looks_like_html(text):
            url = url or page_url(text)
            text = html_text(text, getattr(options, "html_mode") if full else "lines", url)  # noqa: B009
        return text, url

    plan = plan_groups(count, read, 1, getattr(options, "site", None))
    stream.seek(0)
    return plan
