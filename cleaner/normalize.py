"""Line normalisation shared by the matcher, recognition, generic detection and rule learning.

Matching happens on a normalised *key*; the line itself is never changed. One function here
means a rule written from one page matches the same line scraped with other quotes, case or
spacing on the next page.
"""

from __future__ import annotations

import re
import unicodedata

# Apostrophes: modifier letter apostrophe (Ukrainian), right single quote, backtick, prime, acute.
_APOSTROPHES = "ʼ’‘`´′ʹ‛"
# Double quotes of every script we see: guillemets, low-9 and high-reversed quotes, double prime.
_QUOTES = "«»„“”‟″〝〞＂‹›"
# Hyphen, non-breaking hyphen, figure dash, en dash, em dash, horizontal bar, minus sign.
_DASHES = "‐‑‒–—―−"
# Zero-width space, joiners, word joiner, BOM, soft hyphen: invisible, so deleted.
_INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_REPLACEMENTS = {
    **dict.fromkeys(_APOSTROPHES, "'"),
    **dict.fromkeys(_QUOTES, '"'),
    **dict.fromkeys(_DASHES, "-"),
    **dict.fromkeys(_INVISIBLE_CHARS, ""),
}
# One regex pass finds the few characters to replace; str.translate with a dict is ~6x slower.
_SPECIAL = re.compile("[" + re.escape("".join(_REPLACEMENTS)) + "]")
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
# Leading/trailing bullets, pipes, colons, quotes and the like carry no meaning for a line's
# identity; brackets (Ps/Pe) stay so that 'Comments (3)' keeps its closing parenthesis.
_EDGE_CATEGORIES = frozenset(("Pc", "Pd", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So", "Zs", "Zl", "Zp"))


def normalize(line: str) -> str:
    """Return the matching key of a line: NFKC, casefolded, one quote/dash form, spaces collapsed."""
    if not line:
        return ""
    if not line.isascii():
        if not unicodedata.is_normalized("NFKC", line):
            line = unicodedata.normalize("NFKC", line)
        line = _SPECIAL.sub(_replace, line)
    text = line.casefold()
    # Spaces already collapsed (nearly every line): no whitespace but single inner spaces. Every
    # whitespace character but the space is unprintable, so isprintable() rules out the others.
    if not (text and text.isprintable() and "  " not in text and text[0] != " " and text[-1] != " "):
        text = " ".join(text.split())
        if not text:
            return text
    first, last = text[0], text[-1]
    # The ASCII test inline (most keys start and end in ASCII), _is_edge for the others.
    if (first in _ASCII_EDGE if first < "\x80" else _is_edge(first)) or (
        last in _ASCII_EDGE if last < "\x80" else _is_edge(last)
    ):
        return _strip_edges(text)
    return text


def _replace(match: re.Match[str]) -> str:
    """The one form of an apostrophe, quote or dash; nothing for an invisible character."""
    return _REPLACEMENTS[match.group()]


def _strip_edges(text: str) -> str:
    """Drop punctuation and symbols at both ends ('Реклама:' and '• Реклама' key as 'реклама')."""
    text = text.strip(_ASCII_EDGE_CHARS)  # the usual edges ('.', ':', '|') in one C call
    start, end = 0, len(text)
    while start < end and _is_edge(text[start]):
        start += 1
    while end > start and _is_edge(text[end - 1]):
        end -= 1
    # No re-collapsing: the text came with single inner spaces, and a space is an edge character.
    return text[start:end]


def _is_edge(char: str) -> bool:
    """True for a character that may be trimmed from a key's ends."""
    if char < "\x80":  # most keys start and end in ASCII: a set lookup, no Unicode database
        return char in _ASCII_EDGE
    return unicodedata.category(char) in _EDGE_CATEGORIES


_ASCII_EDGE = frozenset(c for c in map(chr, range(128)) if unicodedata.category(c) in _EDGE_CATEGORIES)
_ASCII_EDGE_CHARS = "".join(sorted(_ASCII_EDGE))


def is_blank(line: str) -> bool:
    """True for a line that holds no visible text (spaces, NBSP and zero-width characters count)."""
    stripped = line.strip()
    if not stripped:
        return True
    return stripped[0] in _INVISIBLE_CHARS and not _INVISIBLE.sub("", stripped).strip()


# A line ends at LF, CRLF or a lone CR (old Mac files, and the odd CR a scraper leaves); no other
# character (form feed, U+2028, NEL) ends a line, so none is ever altered or dropped.
# Half of a surrogate pair: never in decoded bytes, but a JSON string may hold one ('\ud83d').
SURROGATE = re.compile("[\ud800-\udfff]")
_LINE_BREAK = re.compile(r"(\r\n|\r|\n)")


def split_lines(text: str) -> list[str]:
    """Split text into lines on LF, CRLF or CR only, so no other character is ever altered."""
    return split_endings(text)[0]


def split_endings(text: str) -> tuple[list[str], list[str]]:
    """The lines and, in parallel, each line's own ending ('\n', '\r\n', '\r'; '' for a last line without one).

    Kept lines are written back with their own endings, so a file of mixed endings comes out
    with each line as it came in.
    """
    if not text:
        return [], []
    if "\r" not in text:  # nearly every page: plain str.split, no regex
        lines = text.split("\n")
        endings = ["\n"] * len(lines)
        if lines[-1] == "":
            lines.pop()
            endings.pop()
        else:
            endings[-1] = ""
        return lines, endings
    parts = _LINE_BREAK.split(text)
    lines, endings = parts[0::2], parts[1::2]
    if lines[-1] == "":
        lines.pop()
    else:
        endings.append("")
    return lines, endings


def newline_of(text: str) -> str:
    """Return the line terminator the text uses first, so output keeps the input's style."""
    found = _LINE_BREAK.search(text)
    return found.group() if found else "\n"
