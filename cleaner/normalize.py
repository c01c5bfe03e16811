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
_TRANSLATE = str.maketrans(
    {**dict.fromkeys(_APOSTROPHES, "'"), **dict.fromkeys(_QUOTES, '"'), **dict.fromkeys(_DASHES, "-")}
)
_TRANSLATED = re.compile("[" + re.escape(_APOSTROPHES + _QUOTES + _DASHES) + "]")


def _translated(match: re.Match[str]) -> str:
    """The one form of a quote, apostrophe or dash (for re.sub)."""
    return _TRANSLATE[ord(match.group())]  # type: ignore[return-value]


# Zero-width space, joiners, word joiner, BOM, soft hyphen: invisible, so dropped.
_INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
_SPACES = re.compile(r"\s+")
# Leading/trailing bullets, pipes, colons, quotes and the like carry no meaning for a line's
# identity; brackets (Ps/Pe) stay so that 'Comments (3)' keeps its closing parenthesis.
_EDGE_CATEGORIES = ("Pc", "Pd", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So", "Zs", "Zl", "Zp")


def normalize(line: str) -> str:
    """Return the matching key of a line: NFKC, casefolded, one quote/dash form, spaces collapsed."""
    if not line:
        return ""
    if line.isascii():
        # Fast path, same result: NFKC and the invisible characters leave ASCII alone, the
        # backtick is its only apostrophe, and casefold() is lower() on ASCII.
        return _strip_edges(" ".join(line.replace("`", "'").lower().split()))
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", line))
    if _TRANSLATED.search(text):  # str.translate with a dict costs ~13 us a line: replace matches only
        text = _TRANSLATED.sub(_translated, text)
    text = text.casefold()
    # str.split() and re's \s both split on exactly the characters str.isspace() accepts.
    return _strip_edges(" ".join(text.split()))


def _strip_edges(text: str) -> str:
    """Drop punctuation and symbols at both ends ('Реклама:' and '• Реклама' key as 'реклама')."""
    if not text or (text[0].isalnum() and text[-1].isalnum()):
        return text  # letters and digits (categories L* and N*) are never edge characters
    start, end = 0, len(text)
    while start < end and _is_edge(text[start]):
        start += 1
    while end > start and _is_edge(text[end - 1]):
        end -= 1
    return text[start:end].strip() if start or end < len(text) else text


def _is_edge(char: str) -> bool:
    """True for a character that may be trimmed from a key's ends."""
    return unicodedata.category(char) in _EDGE_CATEGORIES


def is_blank(line: str) -> bool:
    """True for a line that holds no visible text (spaces, NBSP and zero-width characters count)."""
    stripped = line.strip()
    if not stripped:
        return True
    if stripped[0] not in _INVISIBLE_CHARS:  # fast path: a visible first character
        return False
    return not _INVISIBLE.sub("", stripped).strip()


_NEWLINE = re.compile(r"\r?\n")


def split_lines(text: str) -> list[str]:
    """Split text into lines on LF or CRLF only, so no other character is ever altered."""
    if not text:
        return []
    lines = text.split("\n") if "\r" not in text else _NEWLINE.split(text)  # the same, faster without CR
    if lines[-1] == "":
        lines.pop()
    return lines


def newline_of(text: str) -> str:
    """Return the line terminator the text uses first, so output keeps the input's style."""
    idx = text.find("\n")
    return "\r\n" if idx > 0 and text[idx - 1] == "\r" else "\n"
