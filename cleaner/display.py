"""File names made safe to show: one line, valid UTF-8, whatever bytes the name holds.

POSIX file names are bytes; Python reads the ones that are not UTF-8 with surrogate escapes
(``\udcff``), which cannot be written as UTF-8, and a name may hold a newline, which would split
a ``failed:`` line in two. :func:`shown` turns both into visible escapes; the file itself is
still opened by its real name.
"""

from __future__ import annotations

import os
import re

# Control characters (C0, DEL, C1) and the surrogates that stand for undecodable bytes.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    """One unsafe character as a backslash escape: \\n, \\xNN for a raw byte, \\uNNNN otherwise."""
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, as os.fsdecode escapes it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(name: str | os.PathLike[str]) -> str:
    """A file name for messages and reports: control characters and undecodable bytes escaped."""
    text = os.fspath(name)
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text
