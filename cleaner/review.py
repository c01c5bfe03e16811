"""The review page: one self-contained HTML file showing every line of every page and its verdict.

A person opens it in a browser to see what the rules do on a corpus; scripts and tests read the
same file through its data attributes: every line element is an ``<li>`` with
``data-verdict="keep"`` or ``data-verdict="drop"``, and a dropped line has ``data-rule`` (the
rule id, as in ``--explain``) and ``data-kind`` (site, common, learned, generic or layout).
Everything from a page is escaped, and the file loads nothing from the network. Library code:
:func:`write_pages` writes the file from pages as they come (each page's section is spooled to a
temporary file at once, so a corpus of any size needs memory only for its per-rule table and page
names).
"""

from __future__ import annotations

import html
import shutil
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from .result import CleanResult, Reason
from .rules import RuleSet

# Review kinds, in the order the filters and the legend show them.
KINDS = ("site", "common", "learned", "generic", "layout")
NEWLY_REMOVED, NEWLY_KEPT = "removed", "kept"


@dataclass(frozen=True)
class ReviewPage:
    """One page to show: its name, its result, notes (e.g. a removal cap hit) and, for a diff, changes."""

    name: str
    result: CleanResult
    notes: tuple[str, ...] = ()
    # line number -> NEWLY_REMOVED or NEWLY_KEPT, with the baseline's reason for a newly kept line
    changes: Mapping[int, str] = field(default_factory=dict)
    before: Mapping[int, Reason] = field(default_factory=dict)
    # a golden case's expected output lines, shown beside the cleaned page (`check --report`)
    expected: tuple[str, ...] | None = None


def file_kinds(rules: RuleSet) -> dict[str, str]:
    """Rule file id -> 'common', 'learned' (a file `cleaner learn` drafted) or 'site'."""
    kinds = {rf.id: "common" for rf in rules.common}
    for rf in rules.sites.values():
        kinds[rf.id] = "learned" if rf.learned else "site"
    return kinds


def page_notes(result: CleanResult) -> tuple[str, ...]:
    """What a reader must know about a page beyond its lines: removal caps that were hit."""
    return tuple(
        f"capped: the rules of {file_id} would remove more of this page than its max_removed_share; "
        "they were not applied (see the lines marked protected)"
        for file_id in result.capped
    )


def reason_kind(reason: Reason, kinds: Mapping[str, str]) -> str:
    """The review kind of a removal: which family of rules (or generic detection) made it."""
    if reason.kind in ("generic", "layout"):
        return reason.kind
    return kinds.get(reason.rule.partition("/")[0], "site")


@dataclass
class RuleTally:
    """What one rule removed over the pages shown."""

    kind: str
    lines: int = 0
    words: int = 0
    pages: int = 0


def tally(pages: Iterable[ReviewPage], kinds: Mapping[str, str]) -> dict[str, RuleTally]:
    """Lines, words and pages per rule, most lines first."""
    out: dict[str, RuleTally] = {}
    for page in pages:
        _tally_page(out, page, kinds)
    return _by_lines(out)


def _tally_page(out: dict[str, RuleTally], page: ReviewPage, kinds: Mapping[str, str]) -> None:
    """Add one page's removals to the per-rule table."""
    seen: set[str] = set()
    for text, reason in zip(page.result.texts, page.result.reasons, strict=True):
        if reason is None:
            continue
        entry = out.setdefault(reason.rule, RuleTally(reason_kind(reason, kinds)))
        entry.lines += 1
        entry.words += len(text.split())
        if reason.rule not in seen:
            seen.add(reason.rule)
            entry.pages += 1


def _by_lines(rows: dict[str, RuleTally]) -> dict[str, RuleTally]:
    """The per-rule table, most lines first, then by rule id."""
    return dict(sorted(rows.items(), key=lambda kv: (-kv[1].lines, kv[0])))


def _e(value: object) -> str:
    """Escape text for an element or a quoted attribute."""
    return html.escape(str(value), quote=True)


def _title(reason: Reason, kind: str) -> str:
    """The hover text of a dropped line: rule, kind, score, detail."""
    parts = [reason.rule, f"{kind} ({reason.kind})", f"score {reason.score:g}"]
    if reason.detail:
        parts.append(reason.detail)
    return " · ".join(parts)


def _line_html(page_no: int, page: ReviewPage, number: int, text: str, kinds: Mapping[str, str]) -> str:
    """One ``<li>`` for one input line."""
    result = page.result
    reason = result.reasons[number - 1]
    protected = result.protected[number - 1]
    attrs = [f'id="p{page_no}-l{number}"', f'value="{number}"']
    classes = []
    if reason is None:
        attrs.append('data-verdict="keep"')
        title = f"kept; protected by {protected}" if protected else "kept"
        if protected:
            attrs.append(f'data-protected="{_e(protected)}"')
    else:
        kind = reason_kind(reason, kinds)
        attrs += ['data-verdict="drop"', f'data-rule="{_e(reason.rule)}"', f'data-kind="{kind}"']
        attrs.append(f'data-score="{reason.score:g}"')
        classes.append(f"k-{kind}")
        title = _title(reason, kind)
    wanted = page.changes.get(number) if page.expected is not None else None
    if wanted:
        attrs.append(f'data-expected="{wanted}"')
        classes.append("mismatch")
        title += f"; expected: {wanted}"
    change = page.changes.get(number) if page.expected is None else None
    if change:
        attrs.append(f'data-change="{change}"')
        classes.append(f"c-{change}")
        was = page.before.get(number)
        title += "; before: " + (f"removed by {was.rule}" if was is not None else "kept")
    if classes:
        attrs.append(f'class="{" ".join(classes)}"')
    attrs.append(f'title="{_e(title)}"')
    return f"<li {' '.join(attrs)}>{_e(text)}</li>"


def _page_html(page_no: int, has_next: bool, page: ReviewPage, kinds: Mapping[str, str]) -> str:
    """One page's section: heading with links to its neighbours, notes, then every line."""
    result = page.result
    site = result.site or ""
    stats = result.stats
    nav = []
    if page_no > 1:
        nav.append(f'<a class="prev" href="#p{page_no - 1}">&larr; previous</a>')
    if has_next:
        nav.append(f'<a class="next" href="#p{page_no + 1}">next &rarr;</a>')
    shown_site = f"site {_e(site)} (from {_e(result.site_source)})" if site else "no site rules"
    head = (
        f'<section class="page" id="p{page_no}" data-site="{_e(site)}" data-name="{_e(page.name)}">'
        f'<h2><span class="no">{page_no}</span> {_e(page.name)}</h2>'
        f'<p class="meta">{shown_site}; {stats.get("removed", 0)} of {stats.get("lines", 0)} lines removed '
        f"{' '.join(nav)}</p>"
    )
    notes = "".join(f'<p class="note" data-note="1">{_e(note)}</p>' for note in page.notes)
    lines = "".join(_line_html(page_no, page, n, text, kinds) for n, text in enumerate(result.texts, 1))
    if page.expected is None:
        return f'{head}{notes}<ol class="lines">{lines}</ol></section>'
    kept = set(result.kept_lines)
    expected = "".join(
        f'<li class="lost" title="expected, but the cleaner removed it">{_e(t)}</li>'
        if t not in kept
        else f"<li>{_e(t)}</li>"
        for t in page.expected
    )
    return (
        f'{head}{notes}<div class="sides"><div><h3>expected output</h3><ol class="expected">{expected}</ol></div>'
        f'<div><h3>cleaned: every input line</h3><ol class="lines">{lines}</ol></div></div></section>'
    )


def golden_page(name: str, result: CleanResult, expected_text: str) -> ReviewPage:
    """A golden case for the report: input lines whose verdict disagrees with the expected file are marked.

    The expected output is aligned with the input lines (it is a subsequence of them when the case
    is sound); a line is expected kept when it is aligned, and marked where the cleaner disagrees.
    """
    import difflib

    expected = tuple(expected_text.splitlines())
    matcher = difflib.SequenceMatcher(None, result.texts, expected, autojunk=False)
    wanted = {i + 1 for block in matcher.get_matching_blocks() for i in range(block.a, block.a + block.size)}
    marks = {}
    for number, reason in enumerate(result.reasons, 1):
        if reason is not None and reason.kind == "layout":
            continue  # blank lines at the edges follow the verdicts around them
        if (number in wanted) != (reason is None):
            marks[number] = "keep" if number in wanted else "drop"
    return ReviewPage(name, result, page_notes(result), changes=marks, expected=expected)


def _summary_html(rows: Mapping[str, RuleTally]) -> str:
    """The table of removals per rule; each rule name is a filter button."""
    body = "".join(
        f'<tr data-rule="{_e(rule)}" data-kind="{t.kind}"><td><button type="button" class="rule-filter k-{t.kind}" '
        f'data-rule="{_e(rule)}">{_e(rule)}</button></td><td>{t.kind}</td><td>{t.lines}</td><td>{t.words}</td>'
        f"<td>{t.pages}</td></tr>"
        for rule, t in rows.items()
    )
    return (
        '<table id="summary"><thead><tr><th>rule</th><th>kind</th><th>lines</th><th>words</th><th>pages</th>'
        f"</tr></thead><tbody>{body}</tbody></table>"
    )


def _options(values: Sequence[str]) -> str:
    """<option> elements for a filter, 'all' first."""
    return '<option value="">all</option>' + "".join(f'<option value="{_e(v)}">{_e(v)}</option>' for v in values)


class _Writer:
    """The review page being written: sections spooled as pages come, the rest kept as totals."""

    def __init__(self, rules: RuleSet, title: str, spool: BinaryIO) -> None:
        self.kinds = file_kinds(rules)
        self.title = title
        self.rows: dict[str, RuleTally] = {}
        self.links: list[str] = []  # the page list's entries
        self.sites: set[str] = set()
        self.lines = self.removed = self.flagged = 0
        self.spool = spool  # the pages' sections, UTF-8
        self.held: ReviewPage | None = None  # the last page, written once we know whether one follows

    def add(self, page: ReviewPage) -> None:
        """Count one page and spool the section of the page before it."""
        self._flush(has_next=True)
        _tally_page(self.rows, page, self.kinds)
        self.lines += page.result.stats.get("lines", 0)
        self.removed += page.result.stats.get("removed", 0)
        self.flagged += bool(page.notes)
        if page.result.site:
            self.sites.add(page.result.site)
        n = len(self.links) + 1
        self.links.append(
            f'<li><a href="#p{n}" data-page="p{n}">{_e(page.name)}</a>{" &#9888;" if page.notes else ""}</li>'
        )
        self.held = page

    def _flush(self, has_next: bool) -> None:
        """Spool the held page's section."""
        if self.held is not None:
            section = _page_html(len(self.links), has_next, self.held, self.kinds)
            self.spool.write(section.encode("utf-8", "replace"))  # lone surrogates from JSON escapes: U+FFFD
            self.held = None

    def write_to(self, handle: BinaryIO) -> None:
        """The whole document: the head and totals, the per-rule table, then the spooled sections."""
        self._flush(has_next=False)
        head, tail = _document(self)
        handle.write(head.encode("utf-8", "replace"))
        self.spool.seek(0)
        shutil.copyfileobj(self.spool, handle)
        handle.write(tail.encode("utf-8"))


def _document(w: _Writer) -> tuple[str, str]:
    """The review page's text before and after its pages' sections."""
    rows = _by_lines(w.rows)
    used_kinds = [k for k in KINDS if any(t.kind == k for t in rows.values())]
    legend = "".join(f'<span class="k-{k} legend">{k}</span>' for k in KINDS)
    flag_text = f"; {w.flagged} pages flagged" if w.flagged else ""
    head = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(w.title)}</title>
<style>{_CSS}</style></head>
<body>
<header>
<h1>{_e(w.title)}</h1>
<p id="totals">{len(w.links)} pages; {w.removed} of {w.lines} lines removed{flag_text}. Removed lines are struck
through and coloured by kind: {legend}. Hover a line for its rule, score and detail.</p>
<form id="filters" onsubmit="return false">
<label>rule <select id="f-rule">{_options(list(rows))}</select></label>
<label>kind <select id="f-kind">{_options(used_kinds)}</select></label>
<label>site <select id="f-site">{_options(sorted(w.sites))}</select></label>
<label><input type="checkbox" id="f-dropped"> removed lines only</label>
<button type="button" id="f-reset">show all</button>
<span id="f-count"></span>
</form>
</header>
<div id="wrap">
<nav id="nav"><h2>pages</h2><ol>{"".join(w.links)}</ol>
<p class="keys">keys: <kbd>n</kbd> next page, <kbd>p</kbd> previous</p></nav>
<main>
<h2>removals per rule</h2>
{_summary_html(rows)}
"""
    tail = f"""</main></div>
<script>{_JS}</script>
</body></html>
"""
    return head, tail


def write_pages(path: Path, pages: Iterable[ReviewPage], rules: RuleSet, title: str = "cleaner review") -> None:
    """Write the review page of these pages atomically, taking them one at a time (any number)."""
    from .textio import open_atomic

    # The sections wait beside the output (a disk that will hold them has the room); this fails at
    # once, before any page is cleaned, when the output's folder does not exist.
    with tempfile.TemporaryFile(dir=path.parent, prefix=".cleaner-review-") as spool:
        writer = _Writer(rules, title, spool)
        for page in pages:
            writer.add(page)
        with open_atomic(path) as handle:
            writer.write_to(handle)


_CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#222;background:#fafafa}
header{position:sticky;top:0;background:#fff;border-bottom:1px solid #ccc;padding:.4em 1em;z-index:2}
h1{font-size:1.2em;margin:.2em 0}
#totals{margin:.2em 0}
#filters label{margin-right:1em}
#f-count{color:#666}
#wrap{display:flex;align-items:flex-start}
#nav{position:sticky;top:7em;width:16em;max-height:80vh;overflow:auto;font-size:12px;padding:0 .5em;flex:none}
#nav h2{font-size:1em}
#nav ol{padding-left:2em}
main{flex:1;min-width:0;padding:0 1em 4em}
#summary{border-collapse:collapse;margin-bottom:1em}
#summary td,#summary th{border:1px solid #ddd;padding:.15em .5em;text-align:left}
#summary button{font:inherit;border:0;cursor:pointer;background:none;text-decoration:underline}
section.page{background:#fff;border:1px solid #ddd;margin:1em 0;padding:.3em 1em;scroll-margin-top:8em}
section.page h2{font-size:1.05em;margin:.3em 0;word-break:break-all}
.meta{color:#555;margin:.2em 0}
.meta a{margin-left:1em}
.note{background:#fff3cd;border:1px solid #e0c060;padding:.3em .6em}
ol.lines{font:13px/1.4 ui-monospace,monospace;padding-left:4em}
ol.lines li{white-space:pre-wrap;word-break:break-word}
ol.lines li:empty::before{content:"\\00a0"}
li[data-verdict=drop]{text-decoration:line-through}
li[data-verdict=drop]::after{content:attr(data-rule);display:inline-block;margin-left:1.5em;font-size:11px;color:#888}
li[data-protected]{border-left:3px solid #2a2}
li.c-removed,li.c-kept{outline:2px solid #d33;outline-offset:-1px}
li.c-kept{outline-color:#27c}
li.mismatch{background:#ffe3e3}
.sides{display:grid;grid-template-columns:1fr 1fr;gap:1em}
.sides h3{font-size:.95em;margin:.3em 0}
ol.expected{font:13px/1.4 ui-monospace,monospace;padding-left:3em}
ol.expected li{white-space:pre-wrap;word-break:break-word}
ol.expected li.lost{background:#ffe3e3}
.k-site{color:#b00020}
.k-common{color:#a05a00}
.k-learned{color:#7b1fa2}
.k-generic{color:#1565c0}
.k-layout{color:#999}
.legend{margin:0 .3em;text-decoration:line-through}
[hidden]{display:none!important}
"""

_JS = """
(function(){
  var rule=document.getElementById('f-rule'), kind=document.getElementById('f-kind'),
      site=document.getElementById('f-site'), dropped=document.getElementById('f-dropped'),
      count=document.getElementById('f-count');
  var pages=Array.prototype.slice.call(document.querySelectorAll('section.page'));
  function apply(){
    var r=rule.value, k=kind.value, s=site.value, only=dropped.checked, shown=0;
    pages.forEach(function(sec){
      var any=false, lis=sec.querySelectorAll('ol.lines > li');
      for(var i=0;i<lis.length;i++){
        var li=lis[i], drop=li.getAttribute('data-verdict')==='drop', hide;
        if(drop){hide=(r&&li.getAttribute('data-rule')!==r)||(k&&li.getAttribute('data-kind')!==k);if(!hide)any=true;}
        else{hide=only;}
        li.hidden=hide;
      }
      var show=(!s||sec.getAttribute('data-site')===s)&&(any||!(r||k));
      sec.hidden=!show; if(show)shown++;
      var link=document.querySelector('#nav a[data-page="'+sec.id+'"]');
      if(link)link.parentNode.hidden=!show;
    });
    count.textContent=shown+' of '+pages.length+' pages shown';
  }
  [rule,kind,site,dropped].forEach(function(el){el.addEventListener('change',apply);});
  document.getElementById('f-reset').addEventListener('click',function(){
    rule.value='';kind.value='';site.value='';dropped.checked=false;apply();});
  Array.prototype.forEach.call(document.querySelectorAll('button.rule-filter'),function(b){
    b.addEventListener('click',function(){rule.value=b.getAttribute('data-rule');apply();});});
  function jump(step){
    var visible=pages.filter(function(p){return !p.hidden;}); if(!visible.length)return;
    var y=window.scrollY+120, at=-1, here=location.hash.slice(1);
    visible.forEach(function(p,i){if(p.offsetTop<=y)at=i;});
    visible.forEach(function(p,i){if(p.id===here)at=i;});
    var next=visible[Math.max(0,Math.min(visible.length-1,at+step))];
    location.hash='#'+next.id; next.scrollIntoView();
  }
  document.addEventListener('keydown',function(ev){
    if(ev.target.tagName==='SELECT'||ev.target.tagName==='INPUT')return;
    if(ev.key==='n')jump(1); else if(ev.key==='p')jump(-1);
  });
  apply();
})();
"""
