"""The cleaning function: text and rules in, a CleanResult out. Pure: no printing, no exits."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from itertools import repeat
from operator import is_
from urllib.parse import urlsplit

from . import generic as _generic
from .cap import RemovalCap
from .errors import UnknownSiteError, UrlError
from .generic.model import LineModel
from .matcher import Hit, SiteMatcher, matcher_for, recognize
from .normalize import SURROGATE, is_blank, normalize, split_endings
from .result import CleanResult, Reason
from .rules import RuleFile, RuleSet, load_rules
from .titleguard import learned_title, without_learned_lines

# Each pass cleans the lines the previous one kept, exactly as a second `clean` call on the
# output would, until a pass removes nothing: then clean(clean(x)) == clean(x) by construction.
# Rules alone settle in one or two passes (a block's shape can reach further once lines inside it
# are gone); the cap only bounds a detector that keeps finding more.
PASSES_MAX = 4
BLANK_REASON = Reason("layout/blank", "layout", 100.0, "blank line at the edge of removed text")


@lru_cache(maxsize=1)
def default_rules() -> RuleSet:
    """The bundled rules plus $CLEANER_RULES, loaded once per process."""
    return load_rules()


def resolve_site(
    rules: RuleSet, keys: Sequence[str], site: str | None = None, url: str | None = None
) -> tuple[str | None, str | None]:
    """Pick the site: by name, else by the URL's host, else by fingerprint lines; with its source."""
    if site:
        if site not in rules.sites:
            raise UnknownSiteError(site, rules.site_ids())
        return site, "option"
    if url:
        try:
            host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
        except ValueError as exc:  # 'http://[::1': Invalid IPv6 URL
            raise UrlError(url, str(exc)) from None
        found = rules.site_for_host(host) if host else None
        if found is not None:
            return found.id, "url"
    recognised = recognize(rules, keys)
    return (recognised, "fingerprint") if recognised else (None, None)


def clean(
    text: str,
    rules: RuleSet | None = None,
    *,
    site: str | None = None,
    url: str | None = None,
    generic: bool = True,
    learned: RuleFile | None = None,
    model: LineModel | None = None,
) -> CleanResult:
    """Clean one page's text: site and common rules, then generic detection on what is left.

    ``learned`` is a rule file learned from the page's site group in this batch
    (:mod:`cleaner.sitegroups`); it applies before the site's and the common rules. ``model``
    is a learned line model for generic detection (:mod:`cleaner.generic.model`); by default
    the rule set's (``RuleSet.model``: the bundled model, ``$CLEANER_MODEL`` or ``--model``).

    Every kept line is an input line, unchanged and in order; every removed line carries a
    :class:`Reason`. Raises :class:`UnknownSiteError` for a ``site`` no rule file declares and
    :class:`UrlError` for a ``url`` that cannot be parsed.
    """
    rules = default_rules() if rules is None else rules
    lines, endings = split_endings(text)
    # One normalisation per distinct line: pages repeat their menus and widgets.
    normal = {line: normalize(line) for line in dict.fromkeys(lines)}
    # Half a surrogate pair (from a JSON '\ud83d'): RE2 needs UTF-8 keys. An ASCII page has none.
    if not text.isascii() and SURROGATE.search(text):
        normal = {line: normalize(SURROGATE.sub("\ufffd", line)) for line in normal}
    keys = list(map(normal.__getitem__, lines))
    # A blank line always has an empty key, so is_blank runs only on the few lines whose key is.
    blank = [not key and is_blank(line) for line, key in zip(lines, keys, strict=True)]
    site_id, source = resolve_site(rules, keys, site, url)
    matcher = matcher_for(rules, site_id, learned)
    hits = matcher.hits(keys)
    # Generic detection's scope: the whole page, or on a site with rules what its file allows. A
    # site recognised by fingerprints only is cleaned as a page of no site: its output, which has
    # lost the fingerprint lines, must clean to itself again (clean(clean(x)) == clean(x)), and
    # a second call would not know the site to keep what the first one kept for it.
    mode = None if site_id is None or source == "fingerprint" else rules.sites[site_id].generic
    mode = None if mode == "full" else mode  # "full": as on a page of no site (a learned file's own)
    generic = generic and mode != "off"
    cap = RemovalCap.for_site(rules, site_id, lines)
    model = model if model is not None else rules.line_model() if generic else None
    reasons, protected, passes = _passes(lines, keys, hits, blank, matcher, generic, cap, mode, model)
    while cap is not None and cap.tripped:  # a file went over its cap late: again, capped from the start
        cap.restart()
        reasons, protected, passes = _passes(lines, keys, hits, blank, matcher, generic, cap, mode, model)
    learned_ids = frozenset(
        f.id
        for f in (learned, rules.sites.get(site_id) if site_id else None)
        if f is not None and (f is learned or f.learned)
    )
    title = learned_title(lines, reasons, learned_ids) if learned_ids else None
    if title is not None:  # a learned line rule took the page's headline (cleaner/titleguard.py): again without
        hits = list(hits)
        hits[title] = without_learned_lines(hits[title], learned_ids)
        if cap is not None:
            cap.restart()
        reasons, protected, passes = _passes(lines, keys, hits, blank, matcher, generic, cap, mode, model)
    kept = _kept(reasons)
    layout = sum(1 for r in reasons if r is not None and r.kind == "layout")
    stats = {"lines": len(lines), "removed": len(lines) - kept - layout, "kept": kept, "passes": passes}
    capped = tuple(sorted(cap.capped)) if cap is not None else ()
    # A last line without an ending gets its neighbour's when kept, so the output ends with one.
    # Without a CR every ending is LF (or none, for the last line): the result joins on LF alone.
    fill = endings[-2] if len(endings) > 1 else "\n"
    own = tuple(endings) if "\r" in text else None
    return CleanResult(
        tuple(lines), tuple(reasons), tuple(protected), fill, site_id, source, stats, capped, endings=own
    )


def _passes(
    lines: Sequence[str],
    keys: Sequence[str],
    hits: Sequence[tuple[Hit, ...]],
    blank: Sequence[bool],
    matcher: SiteMatcher,
    generic: bool,
    cap: RemovalCap | None,
    mode: str | None = None,
    model: LineModel | None = None,
) -> tuple[list[Reason | None], list[str | None], int]:
    """Passes over the lines still kept until one removes nothing; the verdicts and the pass count.

    A line ``model`` revises the first pass's verdicts only, and only where generic detection
    removes something itself (:meth:`LineModel.revise`): the passes after it are generic
    detection's alone, so the output is a fixpoint of the detector, and the model, run on it
    again, finds the detector removing nothing and stays out: clean(clean(x)) == clean(x).
    """
    # The first pass sees every line: its verdicts are the lines' own, no copying needed.
    reasons, protected = _one_pass(lines, keys, hits, blank, matcher, generic, cap, True, mode, model)
    passes = 1
    removed_any = _kept(reasons) < len(reasons)
    while removed_any and passes < PASSES_MAX:
        alive = [i for i, r in enumerate(reasons) if r is None]
        passes += 1
        sub_reasons, sub_protected = _one_pass(
            [lines[i] for i in alive],
            [keys[i] for i in alive],
            [hits[i] for i in alive],
            [blank[i] for i in alive],
            matcher,
            generic,
            cap,
            False,
            mode,
            None,  # the line model revises the first pass only: later ones settle the detector's own verdicts
        )
        for i, reason, guard in zip(alive, sub_reasons, sub_protected, strict=True):
            protected[i] = protected[i] or guard
            reasons[i] = reason
        removed_any = _kept(sub_reasons) < len(sub_reasons)
    return reasons, protected, passes


def _kept(reasons: Sequence[Reason | None]) -> int:
    """How many lines are kept: by identity, since ``list.count(None)`` runs Reason's dataclass
    ``__eq__`` once per removed line."""
    return sum(map(is_, reasons, repeat(None)))


def _one_pass(
    lines: Sequence[str],
    keys: Sequence[str],
    hits: Sequence[tuple[Hit, ...]],
    blank: Sequence[bool],
    matcher: SiteMatcher,
    generic: bool,
    cap: RemovalCap | None = None,
    first: bool = True,
    mode: str | None = None,
    model: LineModel | None = None,
) -> tuple[list[Reason | None], list[str | None]]:
    """Rules, their removal caps, then generic detection, then blank-line layout, over one version of the text."""
    reasons, protected = matcher.apply(keys, hits)
    if cap is not None:
        cap.apply(lines, reasons, protected, first)
    if generic:
        extra = _generic.detect(lines, reasons, [p is not None for p in protected], site_mode=mode, model=model)
        reasons = [r if r is not None else e for r, e in zip(reasons, extra, strict=True)]
    return _layout_blanks(lines, reasons, blank), protected


def _layout_blanks(
    lines: Sequence[str], reasons: list[Reason | None], blank: Sequence[bool] | None = None
) -> list[Reason | None]:
    """Drop blank lines at the text's edges and all but the first gap between two kept lines.

    Between two kept lines, only the first run of blank lines stays, so 'para, blank, junk,
    blank, para' keeps one paragraph gap, and cleaning the output again changes nothing.
    """
    out = list(reasons)
    blank = list(map(is_blank, lines)) if blank is None else blank
    if not any(blank):  # nothing to drop: most scraped pages have no blank line at all
        return out
    seen_kept = False  # a kept non-blank line lies above
    runs: list[list[int]] = []  # blank runs since the last kept non-blank line
    for i, is_blank_line in enumerate(blank):
        if is_blank_line:
            if out[i] is not None:
                continue
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])
            continue
        if out[i] is None:
            dropped = runs if not seen_kept else runs[1:]
            for run in dropped:
                for j in run:
                    out[j] = BLANK_REASON
            runs = []
            seen_kept = True
    for run in runs:
        for j in run:
            out[j] = BLANK_REASON
    return out
