"""A folder of pages read lazily, for learning: each pass reads the files again, nothing is kept.

Pages of one site scraped at different times come in different encodings; each file is decoded
as UTF-8 (a BOM honoured), else as UTF-16 with a BOM, else with the encoding charset-normalizer
finds, and the encodings used are counted so the CLI can say so. An explicit encoding is strict.
"""

from __future__ import annotations

import codecs
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

from charset_normalizer import from_bytes

from .errors import DecodeError
from .textio import decode

AUTO = "auto"


def decode_auto(data: bytes, source: str) -> tuple[str, str]:
    """Decode page bytes whatever their encoding; returns (text, encoding used)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    try:
        return decode(data, source, "utf-8"), "utf-8"
    except DecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise DecodeError(source, "any known encoding", "charset detection found none")
    return str(best), best.encoding


class FolderPages:
    """The texts of page files, decoded on each iteration; ``encodings`` counts what was used."""

    def __init__(self, paths: Sequence[Path], encoding: str = AUTO) -> None:
        self.paths = list(paths)
        self.encoding = encoding
        self._found: dict[Path, str] = {}

    def __len__(self) -> int:
        return len(self.paths)

    def __iter__(self) -> Iterator[str]:
        for path in self.paths:
            yield self.read(path)

    def read(self, path: Path) -> str:
        """One page's text."""
        data = path.read_bytes()
        if self.encoding != AUTO:
            return decode(data, str(path), self.encoding)
        known = self._found.get(path)
        if known is not None and known != "utf-8":
            return data.decode(known)
        text, used = decode_auto(data, str(path))
        self._found[path] = used
        return text

    @property
    def encodings(self) -> Counter[str]:
        """Pages per encoding detected (auto mode, after one pass)."""
        return Counter(self._found.values())
