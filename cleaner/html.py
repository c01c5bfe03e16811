"""HTML pages to text, two ways, so the line matcher can clean them.

``trafilatura`` (the default, chosen by measurement: see the README's "HTML input" figures):
trafilatura extracts the main text with the DOM in hand, then our site and generic rules
clean what it kept. ``lines``: the page's ``<body>`` becomes one line per block element, the
way a simple scraper stores pages (and the way the dev sets' ``*.input.txt`` were made), and
our matcher alone decides. Pure functions: no printing, no exits.
"""

from __future__ import annotations

import codecs
import re
from enum import StrEnum
from html.parser import HTMLParser
from typing import NamedTuple

from .errors import CleanerError
from .normalize import SURROGATE
from .textio import ENCODING_AUTO, ERRORS_DEFAULT, Decoded, check_encoding, decode_page


class HtmlMode(StrEnum):
    """How an HTML page becomes text before cleaning."""

    trafilatura = "trafilatura"
    lines = "lines"


HTML_MODE_DEFAULT = HtmlMode.trafilatura
HTML_SUFFIXES = (".html", ".htm")

# Elements whose content a scraper drops: never visible text.
SKIP_TAGS = frozenset(
    ["script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas", "head", "title"]
)
# Elements that start and end a line (HTML block and table elements, list items, headings).
BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "button",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "option",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
_SPACE = re.compile(r"\s+")
_SNIFF_TAG = re.compile(r"<(?:/?(?:p|div|span|a|li|ul|br|h[1-6]|table|tr|td|section|article|meta|link|script))\b", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_CANONICAL = (
    re.compile(r"""<link[^>]+rel=["']?canonical["']?[^>]*href=["']([^"'>\s]+)""", re.I),
    re.compile(r"""<link[^>]+href=["']([^"'>\s]+)["'][^>]*rel=["']?canonical""", re.I),
    re.compile(r"""<meta[^>]+property=["']og:url["'][^>]*content=["']([^"'>\s]+)""", re.I),
    re.compile(r"""<meta[^>]+content=["']([^"'>\s]+)["'][^>]*property=["']og:url""", re.I),
)


def looks_like_html(text: str) -> bool:
    """A cheap sniff of the first 2 KB: a doctype or <html>/<head>/<body>, or a start dense with tags.

    Scraped text quoting one tag stays text: a tag-dense start needs the text to begin with a
    tag and to show at least five of them.
    """
    head = text[:2048].lstrip("\ufeff \t\r\n")
    low = head[:512].lower()
    if low.startswith(("<!doctype html", "<html")) or (low.startswith("<?xml") and "<html" in low):
        return True
    if not head.startswith("<"):
        return False
    if "<body" in low or "<head" in low:
        return True
    return len(_SNIFF_TAG.findall(head)) >= 5


def is_html_path(name: str) -> bool:
    """True for a file name whose suffix says HTML."""
    return name.lower().endswith(HTML_SUFFIXES)


def decode_html(data: bytes, source: str, encoding: str = ENCODING_AUTO) -> tuple[str, str]:
    """Decode an HTML page: a BOM or valid UTF-8 first, then the page's own <meta charset>, then auto."""
    found = decode_html_page(data, source, encoding)
    return found.text, found.encoding


def decode_html_page(data: bytes, source: str, encoding: str = ENCODING_AUTO, errors: str = ERRORS_DEFAULT) -> Decoded:
    """decode_html with the replaced bytes' offsets; see textio for ``errors``.

    A declared charset is trusted only when it reads ASCII as ASCII (the declaration itself was
    found as ASCII bytes): ``<meta charset="utf-16">`` on a byte page is a lie, and the HTML
    standard reads it as UTF-8; a name that is no text encoding is ignored the same way.
    """
    if encoding.lower() == ENCODING_AUTO and not data.startswith((codecs.BOM_UTF8, b"\xff\xfe", b"\xfe\xff")):
        try:
            return Decoded(data.decode("utf-8"), "utf-8")
        except UnicodeDecodeError:
            pass
        found = _META_CHARSET.search(data[:4096])
        codec = _declared_codec(found.group(1)) if found else None
        if codec is not None:
            try:
                return Decoded(data.decode(codec), codec)
            except UnicodeError:
                pass  # a lying declaration: fall back to detection
    return decode_page(data, source, encoding, errors)


def _declared_codec(name: bytes) -> str | None:
    """The codec a <meta charset> names, if it is an ASCII-compatible text encoding; else None."""
    try:
        codec = check_encoding(name.decode("ascii"))
        compatible = _ASCII_PROBE.decode(codec) == _ASCII_PROBE.decode("ascii")
    except (CleanerError, UnicodeError):
        return None
    return codec if compatible else None


# Every printable ASCII character: an encoding that reads these as themselves is ASCII-compatible.
_ASCII_PROBE = bytes(range(0x20, 0x7F)) + b"\t\n\r"


def page_url(html: str) -> str | None:
    """The page's own URL from <link rel=canonical> or og:url, so its host can select the site."""
    head = html[:200_000]
    for pattern in _CANONICAL:
        found = pattern.search(head)
        if found and "//" in found.group(1):
            return found.group(1)
    return None


class HtmlText(NamedTuple):
    """A page's text and a note on how it was read ('' normally), for the CLI to show."""

    text: str
    note: str = ""


# libxml2 stops building the tree past this depth even with huge_tree (256 without it, which
# is what cut unclosed <div><font> posts after the 127th); deeper pages are read by _StreamLines.
DEPTH_MAX = 2048
DEEP_NOTE = f"HTML nested deeper than {DEPTH_MAX} elements: read by a streaming parser, one line per block"


def html_to_lines(html: str) -> str:
    """The body's visible text, one line per block element or <br>, as a simple scraper stores it.

    script, style and other invisible elements are dropped, whitespace is collapsed, empty
    lines are dropped. CSS is not evaluated (hidden menus stay), exactly like the dev sets.
    """
    return html_lines_text(html).text


def html_lines_text(html: str) -> HtmlText:
    """html_to_lines, with a note when the page was too deep for lxml and was streamed instead."""
    if not html.strip():
        return HtmlText("")
    shielded, restore = _shield_surrogates(html)
    try:
        root = _parse(shielded)
    except _TooDeep:
        return HtmlText(_restore(_stream_lines(shielded), restore), DEEP_NOTE)
    if root is None:
        return HtmlText("")
    return HtmlText(_restore(_tree_lines(root), restore))


class _TooDeep(Exception):
    """lxml stopped at DEPTH_MAX: the rest of the page is not in the tree."""


def _parse(html: str) -> object | None:
    """The page's lxml tree (None when there is none); raises _TooDeep when libxml2 cut it short."""
    import lxml.html  # imported on demand: text pages never need it
    from lxml import etree

    parser = _parser()
    try:
        root = lxml.html.document_fromstring(html.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError):
        root = None
    if _cut_short(parser):
        raise _TooDeep
    return root


def _cut_short(parser: object) -> bool:
    """True when the parser's last run stopped at libxml2's depth limit (a fatal error it logs)."""
    return any("Excessive depth" in e.message for e in parser.error_log.filter_from_fatals())  # type: ignore[attr-defined]


def _tree_lines(top_root: object) -> str:
    """The lines of a parsed page: one per block element or <br>."""
    root = top_root
    body = root.find("body")  # type: ignore[attr-defined]
    top = body if body is not None else root
    lines: list[str] = []
    parts: list[str] = []

    def flush() -> None:
        line = _SPACE.sub(" ", "".join(parts)).strip()
        if line:
            lines.append(line)
        parts.clear()

    # An explicit stack instead of recursion: pages nest deeper than Python's recursion limit.
    stack: list[tuple[object, bool]] = [(top, False)]
    while stack:
        el, closing = stack.pop()
        tag = el.tag if isinstance(el.tag, str) else ""  # type: ignore[attr-defined]  # comments, PIs
        block = tag.lower() in BLOCK_TAGS if tag else False
        if closing:
            if block:
                flush()
            if el is not top and el.tail:  # type: ignore[attr-defined]
                parts.append(el.tail)  # type: ignore[attr-defined]
            continue
        if not tag or tag.lower() in SKIP_TAGS:
            if el is not top and el.tail:  # type: ignore[attr-defined]
                parts.append(el.tail)  # type: ignore[attr-defined]
            continue
        if block or tag.lower() == "br":
            flush()
        if el.text:  # type: ignore[attr-defined]
            parts.append(el.text)  # type: ignore[attr-defined]
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))  # type: ignore[call-overload]
    flush()
    return "\n".join(lines) + ("\n" if lines else "")


class _StreamLines(HTMLParser):
    """The same lines as _tree_lines from a tokenizer that builds no tree, so no depth limit applies."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.parts: list[str] = []
        self.skip = 0  # open invisible elements (script, svg, head...)

    def flush(self) -> None:
        """End the current line."""
        line = _SPACE.sub(" ", "".join(self.parts)).strip()
        if line:
            self.lines.append(line)
        self.parts.clear()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """A block element or <br> ends the line; an invisible element hides its content."""
        if tag == "body":  # an unclosed <head> ends where the body begins
            self.skip = 0
        if tag in SKIP_TAGS:
            self.skip += 1
        elif tag in BLOCK_TAGS or tag == "br":
            self.flush()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """<br/> and <div/>: a line break, nothing to hide."""
        if tag in BLOCK_TAGS or tag == "br":
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        """The end of a block element ends the line."""
        if tag in SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCK_TAGS:
            self.flush()

    def handle_data(self, data: str) -> None:
        """Visible text joins the current line."""
        if not self.skip:
            self.parts.append(data)


def _stream_lines(html: str) -> str:
    """The page's lines by _StreamLines."""
    reader = _StreamLines()
    reader.feed(html)
    reader.close()
    reader.flush()
    return "\n".join(reader.lines) + ("\n" if reader.lines else "")


# Half a surrogate pair (from a JSON '\ud83d') cannot be encoded for lxml, which then drops the
# rest of the text; each is swapped for a CJK Extension G or B ideograph (printable and NFC-stable, so
# trafilatura keeps it, and rare), from a window of 2048 (the surrogate block's size) the page does
# not use, and swapped back after.
_SHIELD_BASES = (0x30000, 0x30800, *range(0x20000, 0x2A000, 0x800))  # Extension G, then B


def _shield_surrogates(html: str) -> tuple[str, dict[int, int] | None]:
    """The page with lone surrogates swapped for rare ideographs, and the table to undo it."""
    if not SURROGATE.search(html):
        return html, None
    for base in _SHIELD_BASES:
        window = re.compile(f"[{chr(base)}-{chr(base + 0x7FF)}]")
        if not window.search(html):
            forward = {code: base + code - 0xD800 for code in range(0xD800, 0xE000)}
            return html.translate(forward), {v: k for k, v in forward.items()}
    return SURROGATE.sub("\ufffd", html), None  # every window in use: a page built to defeat this


def _restore(text: str, table: dict[int, int] | None) -> str:
    """Undo _shield_surrogates in extracted text."""
    return text.translate(table) if table else text


def _parser() -> object:
    """One HTML parser per process, tolerant of broken pages and deep trees."""
    from lxml import etree

    global _PARSER
    if _PARSER is None:
        _PARSER = etree.HTMLParser(encoding="utf-8", remove_comments=True, huge_tree=True)
    return _PARSER


_PARSER = None


def _lift_trafilatura_depth() -> None:
    """Give trafilatura its own parser's options plus huge_tree (once), so it reads to DEPTH_MAX, not 256."""
    import trafilatura.utils as tu
    from lxml.html import HTMLParser as LxmlHtmlParser

    global _TRAFILATURA_PARSER
    if _TRAFILATURA_PARSER is None or tu.HTML_PARSER is not _TRAFILATURA_PARSER:
        _TRAFILATURA_PARSER = LxmlHtmlParser(
            collect_ids=False,
            default_doctype=False,
            encoding="utf-8",
            remove_comments=True,
            remove_pis=True,
            huge_tree=True,
        )
        tu.HTML_PARSER = _TRAFILATURA_PARSER


_TRAFILATURA_PARSER = None


def trafilatura_text(html: str, url: str | None = None) -> str:
    """trafilatura's main text (no comments, tables kept), one paragraph per line; '' when it finds none."""
    return trafilatura_page_text(html, url).text


def trafilatura_page_text(html: str, url: str | None = None) -> HtmlText:
    """trafilatura_text, falling back to the streamed lines (with a note) when the page is too deep."""
    import trafilatura  # imported on demand: it takes half a second
    from trafilatura.utils import load_html

    _lift_trafilatura_depth()
    shielded, restore = _shield_surrogates(html)
    # trafilatura's own first step, done here so that its parser's log can be read right after.
    tree = load_html(shielded)
    if _cut_short(_TRAFILATURA_PARSER):
        return HtmlText(_restore(_stream_lines(shielded), restore), DEEP_NOTE)
    if tree is None:
        return HtmlText("")
    text = trafilatura.extract(tree, url=url, include_comments=False, include_tables=True, deduplicate=False)
    if not text:
        return HtmlText("")
    text = _restore(text, restore)
    return HtmlText(text if text.endswith("\n") else text + "\n")


def html_text(html: str, mode: HtmlMode | str = HTML_MODE_DEFAULT, url: str | None = None) -> str:
    """Turn an HTML page into text lines by the chosen mode, ready for :func:`cleaner.clean`."""
    return html_page_text(html, mode, url).text


def html_page_text(html: str, mode: HtmlMode | str = HTML_MODE_DEFAULT, url: str | None = None) -> HtmlText:
    """html_text with a note on how the page was read ('' normally; see DEEP_NOTE)."""
    if HtmlMode(mode) is HtmlMode.lines:
        return html_lines_text(html)
    return trafilatura_page_text(html, url)
