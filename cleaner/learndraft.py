"""What learning returns: the learned rules with their evidence, the YAML draft and the report.

:class:`LearnedRule` and :class:`LearnResult` are the learner's output; :func:`render_yaml`
writes the rule file a reviewer reads (header, site keys, rules by kind with support and an
example), in an order that never depends on the order of the pages.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .learnkeys import to_pattern
from .normalize import normalize
from .rulemodel import LEARNED_MARK
from .rules import RuleFile


@dataclass
class LearnedRule:
    """One learned rule with its evidence: support, an example, what it removes on the pages."""

    kind: str  # line, pattern or block
    cluster: int
    support: int
    members: tuple[str, ...]  # normalised (line, block anchors) or masked (pattern) keys
    example: str  # a raw line the rule stands for (the anchor, for a block)
    shape: tuple[dict, ...] = ()
    extent: str = "shape"  # blocks: 'shape' (a list) or 'end' (the page's tail)
    id: str = ""
    removed_lines: int = 0
    removed_pages: int = 0
    removed_examples: list[str] = field(default_factory=list)
    block_example: tuple[str, ...] = ()
    vetoed: str | None = None  # why the check refused it
    regex: str = ""  # a pattern written whole (an affix pattern), not from masked members


@dataclass
class LearnResult:
    """What :func:`learn` returns: the rules kept, the refused ones, the YAML and the warnings."""

    site: str
    pages: int
    min_support: int
    rules: list[LearnedRule]
    refused: list[LearnedRule]
    dropped_for_max: list[LearnedRule]
    fingerprints: list[str]
    yaml: str
    rule_file: RuleFile
    warnings: list[str]
    evaluated: int = 0  # pages the check and the report ran on (a sample of large sets)

    def report(self) -> str:
        """What each rule removes on the training pages, then the rules refused and why."""
        out = [
            f"# learned {len(self.rules)} rules for {self.site} from {self.pages} pages "
            f"(min support {self.min_support} pages); removals counted on {self.evaluated} pages"
        ]
        for rule in self.rules:
            out.append(
                f"{rule.id}\t{rule.kind}\tin {rule.support} of {self.pages} pages\t"
                f"removes {rule.removed_lines} lines on {rule.removed_pages} pages"
            )
            out.extend(f"    - {_short(line)}" for line in rule.removed_examples)
        for rule in self.refused:
            out.append(f"REFUSED {rule.kind} {_short(rule.example)!r} (in {rule.support} pages): {rule.vetoed}")
        for rule in self.dropped_for_max:
            out.append(f"OVER --max-rules {rule.kind} {_short(rule.example)!r} (in {rule.support} pages)")
        return "\n".join(out) + "\n"


def _short(text: str, width: int = 100) -> str:
    """A line cut for display."""
    text = text.strip()
    return text if len(text) <= width else text[: width - 1] + "…"


# Characters YAML refuses in a stream (C0/C1 controls other than tab and newlines, surrogates,
# U+FFFE/FFFF): scraped text does hold them, so they are written as \u escapes.
# NEL and the Unicode line/paragraph separators are line breaks to YAML: escaped as well.
_YAML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def _q(text: str) -> str:
    """A YAML scalar: a JSON string (valid YAML), with the characters YAML refuses escaped too."""
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def _comment(text: str) -> str:
    """Text safe inside a one-line comment."""
    return _YAML_UNSAFE.sub("?", _short(text.replace("\r", " ").replace("\n", " "), 110))


def render_yaml(site: str, pages: int, support: int, rules: Sequence[LearnedRule], fingerprints: Sequence[str]) -> str:
    """The rule file: a header, the site keys, then rules by kind, each with its support and example."""
    out = [
        f"{LEARNED_MARK} from {pages} pages of {_comment(site)}; a rule needed {support} or more pages.",
        "# Review it like a hand-written file: each rule says in how many pages it was found, with an",
        "# example line. Edit freely and test with `cleaner check`.",
        f"id: {_q(site)}",
        f"hosts: [{_q(site)}]",
        "# generic detection runs as on a page of no site (it may remove a date or byline under the",
        "# headline); `generic: on` keeps the article from its headline down as hand-written files do.",
        "generic: full",
    ]
    if fingerprints:
        out.append("fingerprints:")
        out += [f"  - {_q(fp)}" for fp in fingerprints]
        out.append(f"fingerprint_min: {min(2, len(fingerprints))}")
    out.append("rules:" if rules else "rules: []")
    for rule in rules:
        out.append("")
        out.append(f"  # in {rule.support} of {pages} pages; e.g. {_q(_comment(rule.example))}")
        if rule.kind == "line":
            texts = [rule.example if normalize(rule.example) == rule.members[0] else rule.members[0], *rule.members[1:]]
            out.append(f"  - {{id: {_q(rule.id)}, kind: line, texts: [{', '.join(_q(t) for t in texts)}]}}")
            continue
        out.append(f"  - id: {_q(rule.id)}")
        out.append(f"    kind: {rule.kind}")
        if rule.kind == "pattern":
            patterns = [rule.regex] if rule.regex else [to_pattern(m) for m in rule.members]
            out.append(f"    patterns: [{', '.join(_q(p) for p in patterns)}]")
        else:
            anchors = [
                rule.example if normalize(rule.example) == rule.members[0] else rule.members[0],
                *rule.members[1:],
            ]
            out.append(f"    anchors: [{', '.join(_q(t) for t in anchors)}]")
            out.append(f"    extent: {rule.extent}")
            if rule.shape:
                out.append("    shape:")
            for element in rule.shape:
                parts = [f"{k}: {_q(v) if isinstance(v, str) else json.dumps(v)}" for k, v in element.items()]
                out.append(f"      - {{{', '.join(parts)}}}")
        drop = "\n".join(rule.block_example) if rule.kind == "block" else rule.example
        if drop.strip():
            out.append(f"    examples: {{drop: [{_q(drop)}]}}")
    return "\n".join(out) + "\n"


_KIND_ORDER = {"line": 0, "pattern": 1, "block": 2}


def _ordered(rules: Iterable[LearnedRule]) -> list[LearnedRule]:
    """By kind, then most supported first, then by text: the file's order whatever the input order."""
    return sorted(rules, key=lambda r: (_KIND_ORDER[r.kind], -r.support, r.members, r.extent, repr(r.shape)))


def _number(rules: list[LearnedRule]) -> None:
    """Ids by kind and position: line-01, pattern-01, block-01."""
    seen: Counter[str] = Counter()
    for rule in rules:
        seen[rule.kind] += 1
        rule.id = f"{rule.kind}-{seen[rule.kind]:02d}"
