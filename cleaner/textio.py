"""Reading pages: bytes to text with a clear error that names the page and the way out."""

from __future__ import annotations

import codecs
import os
import sys
import tempfile
from pathlib import Path

from .errors import DecodeError

ENCODING_DEFAULT = "utf-8"


def decode(data: bytes, source: str, encoding: str = ENCODING_DEFAULT) -> str:
    """Decode page bytes; a UTF-8 (or UTF-16) byte-order mark is honoured and dropped."""
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        raise DecodeError(source, encoding, "unknown encoding") from None
    if data.startswith(codecs.BOM_UTF8) and codec == "utf-8":
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        raise DecodeError(source, encoding, f"byte 0x{bad} at offset {exc.start}") from None


def read_page(path: str | None, encoding: str = ENCODING_DEFAULT) -> tuple[str, str]:
    """Read a page from a file, or from stdin for None or '-'; returns (text, display name)."""
    if path in (None, "-"):
        return decode(sys.stdin.buffer.read(), "<stdin>", encoding), "<stdin>"
    return decode(Path(path).read_bytes(), path, encoding), path


def write_atomic(path: Path, data: str) -> None:
    """Write text so that readers see the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
