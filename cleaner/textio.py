"""Reading pages: bytes to text with a clear error that names the page and the way out.

Encoding detection (``--encoding auto``, the default) runs in this order, cheapest and surest
first: a byte-order mark (UTF-8, UTF-16, UTF-32), then strict UTF-8, then charset-normalizer
restricted to the legacy encodings we actually meet on scraped news sites (cp1251 and koi8-u
for Ukrainian and Russian, cp1252 for Western pages). Restricting the candidates is what makes
short pages work: unrestricted, charset-normalizer reads a three-line cp1251 page as Shift-JIS.
koi8-r is read as koi8-u, its superset for text (they differ only where koi8-r has box-drawing
characters, which real pages do not contain). Input with NUL bytes and no BOM is binary, even
when it happens to be valid UTF-8.
"""

from __future__ import annotations

import codecs
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from .errors import DecodeError

ENCODING_AUTO = "auto"
ENCODING_DEFAULT = ENCODING_AUTO
# Candidates for pages that are not UTF-8, in the order charset-normalizer breaks ties.
LEGACY_ENCODINGS = ("cp1251", "koi8_u", "cp1252")
# A page bigger than this is refused (the CLI's --max-bytes default): the largest article in
# the dev sets is under 2 MB, so 50 MB is junk or a mistake, and refusing it keeps one file
# from taking a worker's memory (cleaning needs about 10x the page size).
MAX_BYTES_DEFAULT = 50 * 1024 * 1024
# write_atomic's temporary files end with this, so an interrupted run's leftovers can be swept.
TMP_SUFFIX = ".cleaner.tmp"

# UTF-32 marks first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes, source: str, encoding: str = ENCODING_DEFAULT) -> str:
    """Decode page bytes (see the module docstring for ``auto``); a BOM is honoured and dropped."""
    return decode_detect(data, source, encoding)[0]


def decode_detect(data: bytes, source: str, encoding: str = ENCODING_DEFAULT) -> tuple[str, str]:
    """Decode page bytes and say which encoding was used; raises DecodeError naming the page."""
    if encoding.lower() != ENCODING_AUTO:
        return _decode_strict(data, source, encoding), encoding
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_strict(data, source, codec, shown=f"{codec} (from its byte-order mark)"), codec
    # No text encoding we accept puts NUL bytes in text (UTF-16/32 came with a BOM above), so a
    # NUL means binary, even when the bytes happen to be valid UTF-8.
    nul = data.find(b"\x00")
    if nul >= 0:
        raise DecodeError(source, ENCODING_AUTO, f"binary data: NUL byte at offset {nul}")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _decode_legacy(data, source)


def _decode_strict(data: bytes, source: str, encoding: str, shown: str | None = None) -> str:
    """Decode as exactly one encoding, naming the first bad byte on failure."""
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        raise DecodeError(source, encoding, "unknown encoding") from None
    if codec == "utf-8" and data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        raise DecodeError(source, shown or encoding, f"byte 0x{bad} at offset {exc.start}") from None


def _decode_legacy(data: bytes, source: str) -> tuple[str, str]:
    """Ask charset-normalizer among the legacy candidates; nothing sensible means not text."""
    from charset_normalizer import from_bytes  # imported on demand: most pages are UTF-8

    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None:
        raise DecodeError(source, ENCODING_AUTO, f"not UTF-8 and not text in {', '.join(LEGACY_ENCODINGS)}; binary?")
    return str(best), best.encoding.replace("_", "-")


def read_page(path: str | None, encoding: str = ENCODING_DEFAULT) -> tuple[str, str]:
    """Read a page from a file, or from stdin for None or '-'; returns (text, display name)."""
    if path in (None, "-"):
        return decode(sys.stdin.buffer.read(), "<stdin>", encoding), "<stdin>"
    return decode(Path(path).read_bytes(), path, encoding), path


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write text (as UTF-8) or bytes so that readers see the old file or the new one, never half."""
    with open_atomic(path) as handle:
        handle.write(data.encode("utf-8") if isinstance(data, str) else data)


@contextmanager
def open_atomic(path: Path) -> Iterator[BinaryIO]:
    """A binary file to write bit by bit that appears at ``path`` complete, or not at all.

    The temporary file sits beside the target (same file system, so the rename is atomic) and
    is named ``.<name>.<random>.cleaner.tmp``; it is removed on any error or interrupt.
    """
    prefix = f".{path.name}."
    try:  # the folder nearly always exists: create it only when that fails (saves a syscall per page)
        fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=TMP_SUFFIX, dir=path.parent)
    except (FileNotFoundError, NotADirectoryError):
        path.parent.mkdir(parents=True, exist_ok=True)  # raises as before when a file is in the way
        fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=TMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
