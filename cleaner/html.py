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

from .textio import ENCODING_AUTO, decode_detect


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
    if encoding.lower() == ENCODING_AUTO and not data.startswith((codecs.BOM_UTF8, b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
        found = _META_CHARSET.search(data[:4096])
        if found:
            declared = found.group(1).decode("ascii").lower()
            try:
                return data.decode(codecs.lookup(declared).name), declared
            except (LookupError, UnicodeDecodeError):
                pass  # a lying declaration: fall back to detection
    return decode_detect(data, source, encoding)


def page_url(html: str) -> str | None:
    """The page's own URL from <link rel=canonical> or og:url, so its host can select the site."""
    head = html[:200_000]
    for pattern in _CANONICAL:
        found = pattern.search(head)
        if found and "//" in found.group(1):
            return found.group(1)
    return None


def html_to_lines(html: str) -> str:
    """The body's visible text, one line per block element or <br>, as a simple scraper stores it.

    script, style and other invisible elements are dropped, whitespace is collapsed, empty
    lines are dropped. CSS is not evaluated (hidden menus stay), exactly like the dev sets.
    """
    import lxml.html  # imported on demand: text pages never need it
    from lxml import etree

    if not html.strip():
        return ""
    try:
        root = lxml.html.document_fromstring(html.encode("utf-8"), parser=_parser())
    except (etree.ParserError, ValueError):
        return ""
    body = root.find("body")
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
        tag = el.tag if isinstance(el.tag, str) else ""  # comments and processing instructions
        block = tag.lower() in BLOCK_TAGS if tag else False
        if closing:
            if block:
                flush()
            if el is not top and el.tail:
                parts.append(el.tail)
            continue
        if not tag or tag.lower() in SKIP_TAGS:
            if el is not top and el.tail:
                parts.append(el.tail)
            continue
        if block or tag.lower() == "br":
            flush()
        if el.text:
            parts.append(el.text)
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))
    flush()
    return "\n".join(lines) + ("\n" if lines else "")


def _parser() -> object:
    """One HTML parser per process, tolerant of broken pages and deep trees."""
    from lxml import etree

    global _PARSER
    if _PARSER is None:
        _PARSER = etree.HTMLParser(encoding="utf-8", remove_comments=True, huge_tree=True)
    return _PARSER


_PARSER = None


def trafilatura_text(html: str, url: str | None = None) -> str:
    """trafilatura's main text (no comments, tables kept), one paragraph per line; '' when it finds none."""
    import trafilatura  # imported on demand: it takes half a second

    text = trafilatura.extract(html, url=url, include_comments=False, include_tables=True, deduplicate=False)
    if not text:
        return ""
    return text if text.endswith("\n") else text + "\n"


def html_text(html: str, mode: HtmlMode | str = HTML_MODE_DEFAULT, url: str | None = None) -> str:
    """Turn an HTML page into text lines by the chosen mode, ready for :func:`cleaner.clean`."""
    if HtmlMode(mode) is HtmlMode.lines:
        return html_to_lines(html)
    return trafilatura_text(html, url)
