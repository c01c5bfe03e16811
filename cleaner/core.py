"""The cleaning function: text and rules in, a CleanResult out. Pure: no printing, no exits."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from urllib.parse import urlsplit

from . import generic as _generic
from .errors import UnknownSiteError
from .matcher import Hit, SiteMatcher, matcher_for, recognize
from .normalize import is_blank, newline_of, normalize, split_lines
from .result import CleanResult, Line, Reason
from .rules import RuleSet, load_rules

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
        host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
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
) -> CleanResult:
    """Clean one page's text: site and common rules, then generic detection on what is left.

    Every kept line is an input line, unchanged and in order; every removed line carries a
    :class:`Reason`. Raises :class:`UnknownSiteError` for a ``site`` no rule file declares.
    """
    rules = default_rules() if rules is None else rules
    lines = split_lines(text)
    # One normalisation per distinct line: pages repeat their menus and widgets.
    normal = {line: normalize(line) for line in dict.fromkeys(lines)}
    keys = list(map(normal.__getitem__, lines))
    site_id, source = resolve_site(rules, keys, site, url)
    matcher = matcher_for(rules, site_id)
    reasons: list[Reason | None] = [None] * len(lines)
    protected: list[str | None] = [None] * len(lines)
    alive = list(range(len(lines)))
    hits = matcher.hits(keys)
    passes = 0
    while passes < PASSES_MAX:
        passes += 1
        sub_reasons, sub_protected = _one_pass(
            [lines[i] for i in alive], [keys[i] for i in alive], [hits[i] for i in alive], matcher, generic
        )
        for j, i in enumerate(alive):
            protected[i] = protected[i] or sub_protected[j]
            reasons[i] = sub_reasons[j]
        if all(r is None for r in sub_reasons):
            break
        alive = [i for i in alive if reasons[i] is None]
    result_lines = tuple(map(Line, range(1, len(lines) + 1), lines, reasons, protected))
    removed = sum(1 for r in reasons if r is not None and r.kind != "layout")
    stats = {"lines": len(lines), "removed": removed, "kept": len(lines) - sum(r is not None for r in reasons)}
    stats["passes"] = passes
    return CleanResult(result_lines, newline_of(text), site_id, source, stats)


def _one_pass(
    lines: Sequence[str], keys: Sequence[str], hits: list[list[Hit]], matcher: SiteMatcher, generic: bool
) -> tuple[list[Reason | None], list[str | None]]:
    """Rules, then generic detection, then blank-line layout, over one version of the text."""
    reasons, protected = matcher.apply(keys, hits)
    if generic:
        extra = _generic.detect(lines, reasons, [p is not None for p in protected])
        reasons = [r if r is not None else e for r, e in zip(reasons, extra, strict=True)]
    return _layout_blanks(lines, reasons), protected


def _layout_blanks(lines: Sequence[str], reasons: list[Reason | None]) -> list[Reason | None]:
    """Drop blank lines at the text's edges and all but the first gap between two kept lines.

    Between two kept lines, only the first run of blank lines stays, so 'para, blank, junk,
    blank, para' keeps one paragraph gap, and cleaning the output again changes nothing.
    """
    out = list(reasons)
    seen_kept = False  # a kept non-blank line lies above
    runs: list[list[int]] = []  # blank runs since the last kept non-blank line
    for i, line in enumerate(lines):
        if is_blank(line):
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
