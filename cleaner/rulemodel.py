"""Rule files as data: the compiled Rule, RuleFile and RuleSet, their defaults and the format's keys.

These are the values the matcher, the CLI and batches pass around (and pickle to worker
processes), kept apart from how a file is validated (:mod:`cleaner.rulecheck`) and found on disk
(:mod:`cleaner.rules`). :data:`FILE_KEYS`, :data:`RULE_KEYS` and :data:`SHAPE_KEYS` are the whole
vocabulary of a rule file; anything else is refused with its line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

# rapidfuzz fuzz.ratio (0-100) a line needs to match a rule's text. 90 lets a 20-character
# line differ by two characters, and a 7-letter label like 'Реклама' only by exact key
# (one changed letter scores 85.7); measured on the seed sites' repeated lines.
THRESHOLD_DEFAULT = 90.0
# Where a block whose extent is 'until' or 'end' stops at the latest, so one misplaced anchor
# cannot take a whole page; a file may raise it per rule.
BLOCK_MAX_LINES_DEFAULT = 400
# A rule file may remove at most this share of a page's words; over it, none of the file's
# removals are applied to the page (cleaner/cap.py). The most measured on real pages: 0.64 for
# the bundled site files on their golden cases, 0.82 for files `cleaner learn` drafted on the
# big9-dev sites (on their own training pages), 0.27 for the common rules on aeb and wcxb-dev.
MAX_REMOVED_SHARE_DEFAULT = 0.9

KINDS = ("line", "pattern", "block", "keep")
EXTENTS = ("end", "until", "shape")
FILE_KEYS = {
    "id": "site id, used with --site (required)",
    "hosts": "host names whose URLs select this file",
    "common": "true: apply to every page, whatever the site",
    "fingerprints": "lines that, when present, recognise the site",
    "fingerprint_min": "how many fingerprints must match (default 1)",
    "threshold": "default fuzzy threshold for this file's rules",
    "max_removed_share": "most of a page's words (0-1, default 0.9) the file may remove; over it, none",
    "description": "free text",
    "generic": "generic detection on the site's pages: on (default), tail (after the article), off, full (no site)",
    "rules": "the rules (required)",
}
# The values of a site file's ``generic`` key. "on": generic detection runs but never removes the
# article's headline or any line down to its last paragraph; "tail": it removes only lines after
# the article's last paragraph; "off": it does not run on the site's pages; "full": it runs as on
# a page of no site, the article's top included (dates and bylines under the headline), which is
# what `cleaner learn` writes: a learned file drafts the template, it does not know the article.
GENERIC_MODES = ("on", "tail", "off", "full")
RULE_KEYS = {
    "id": "stable rule id, unique in the file (required)",
    "kind": "line, pattern, block or keep (required)",
    "text": "a line to match fuzzily",
    "texts": "several lines to match fuzzily",
    "pattern": "a regular expression (RE2) over the normalised line",
    "patterns": "several regular expressions",
    "threshold": "fuzzy threshold 0-100 for this rule",
    "max_words": "line, pattern, keep: only lines of at most this many words match",
    "anchor": "block: the line that starts the block",
    "anchors": "block: several possible start lines",
    "extent": "block: end, until or shape",
    "until": "block: lines that end the block",
    "until_patterns": "block: patterns of lines that end the block",
    "include_until": "block: remove the line that ends the block too",
    "require_until": "block: with no ending line within max_lines, remove nothing (default: to max_lines)",
    "shape": "block: the shape of one list item, element by element",
    "max_lines": "block: most lines a block may take",
    "description": "free text",
    "examples": "drop: lines the rule must remove; keep: lines it must not",
}
SHAPE_KEYS = {
    "pattern": "the element's line matches this regular expression",
    "any": "true: any non-blank line",
    "optional": "true: the element may be absent",
    "min_words": "the line has at least this many words",
    "max_words": "the line has at most this many words",
}


@dataclass(frozen=True, slots=True)
class Examples:
    """Lines (or multi-line snippets for blocks) a rule must drop and must keep."""

    drop: tuple[str, ...] = ()
    keep: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ShapeElement:
    """One line of a list item in a block's shape."""

    pattern: str | None = None
    optional: bool = False
    min_words: int = 0
    max_words: int | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    """One compiled rule; texts are stored normalised, patterns as RE2 source (picklable)."""

    id: str
    kind: str
    texts: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    threshold: float = THRESHOLD_DEFAULT
    extent: str | None = None
    until: tuple[str, ...] = ()
    until_patterns: tuple[str, ...] = ()
    include_until: bool = False
    require_until: bool = False  # no ending line within max_lines: the block does not apply
    shape: tuple[ShapeElement, ...] = ()
    max_lines: int = BLOCK_MAX_LINES_DEFAULT
    max_words: int | None = None
    examples: Examples = Examples()
    line: int = 0  # line of the rule in its file, for messages


# The first line of every file `cleaner learn` drafts: such files are shown as "learned" in reviews.
LEARNED_MARK = "# Drafted by `cleaner learn`"


@dataclass(frozen=True, slots=True)
class RuleFile:
    """One site's rules (or the common rules), as loaded from one file."""

    id: str
    path: str
    rules: tuple[Rule, ...]
    hosts: tuple[str, ...] = ()
    common: bool = False
    fingerprints: tuple[str, ...] = ()
    fingerprint_min: int = 1
    generic: str = "on"  # one of GENERIC_MODES
    max_removed_share: float = MAX_REMOVED_SHARE_DEFAULT
    warnings: tuple[str, ...] = ()  # "file:line: problem" for values that load but look wrong
    learned: bool = False  # the file starts with the header `cleaner learn` writes (LEARNED_MARK)


class RuleSet:
    """All rule files in force: sites by id and the common files, with lazily built indexes.

    ``learned`` holds the files a batch learned from its own pages, by site group
    (:mod:`cleaner.sitegroups`): they apply to that group's pages only, never by id or host.
    Picklable: only the rule files travel; host index and compiled matchers are rebuilt on
    first use in each process.
    """

    def __init__(
        self,
        sites: dict[str, RuleFile] | None = None,
        common: Sequence[RuleFile] = (),
        learned: dict[str, RuleFile] | None = None,
        model: str | None = None,
    ) -> None:
        self.sites: dict[str, RuleFile] = dict(sites or {})
        self.common: tuple[RuleFile, ...] = tuple(common)
        self.learned: dict[str, RuleFile] = dict(learned or {})
        # Generic detection's learned line model: a model file's path, "bundled", or None for none.
        self.model = model
        self._cache: dict[str, Any] = {}

    def __getstate__(self) -> dict[str, Any]:
        """Ship the rule files only; caches are rebuilt where the set is unpickled."""
        return {"sites": self.sites, "common": self.common, "learned": self.learned, "model": self.model}

    def __setstate__(self, state: dict[str, Any]) -> None:
        """Restore from :meth:`__getstate__`."""
        self.__init__(state["sites"], state["common"], state.get("learned"), state.get("model"))

    def with_learned(self, learned: dict[str, RuleFile]) -> RuleSet:
        """A copy of this set that also holds rule files learned per site group."""
        return RuleSet(self.sites, self.common, learned, self.model)

    def with_model(self, model: str | None) -> RuleSet:
        """A copy of this set whose generic detection uses another line model (a path, "bundled", None)."""
        return RuleSet(self.sites, self.common, self.learned, model)

    def line_model(self) -> Any:
        """The line model in force, loaded once per process (model files are read lazily), or None."""
        if self.model is None:
            return None
        from cleaner.generic.model import load_model

        return load_model(None if self.model == "bundled" else self.model)

    def site_ids(self) -> list[str]:
        """Known site ids, sorted, for messages and listings."""
        return sorted(self.sites)

    def cached(self, key: str, build: Any) -> Any:
        """Memoise a derived structure (index, matcher) for this rule set."""
        value = self._cache.get(key)
        if value is None:
            value = self._cache[key] = build()
        return value

    def site_for_host(self, host: str) -> RuleFile | None:
        """The rule file whose hosts include the host or a parent domain of it."""
        index = self.cached("hosts", self._build_host_index)
        parts = host.lower().rstrip(".").removeprefix("www.").split(".")
        for i in range(len(parts)):
            site = index.get(".".join(parts[i:]))
            if site is not None:
                return self.sites[site]
        return None

    def _build_host_index(self) -> dict[str, str]:
        """Host -> site id."""
        return {host.removeprefix("www."): site.id for site in self.sites.values() for host in site.hosts}
