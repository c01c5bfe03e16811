"""A folder of pages read lazily, for learning: each pass reads the files again, nothing is kept.

Pages of one site scraped at different times come in different encodings; each file is decoded
as UTF-8 (a BOM honoured), else as UTF-16 with a BOM, else with the encoding charset-normalizer
finds, and the encodings used are counted so the CLI can say so. An explicit encoding is strict.
HTML pages (a .html/.htm name, or text that starts like HTML) are learned from through their
text, as ``clean`` sees them (:func:`cleaner.html.html_text`), never from their markup.
A page that cannot be read or decoded (binary, a NUL byte) is skipped by :meth:`FolderPages.scan`,
which says why, so one bad page never stops learning.
"""

from __future__ import annotations

import codecs
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

from charset_normalizer import from_bytes

from .errors import DecodeError
from .html import HTML_MODE_DEFAULT, html_text, is_html_path, looks_like_html, page_url
from .textio import decode

AUTO = "auto"


def decode_auto(data: bytes, source: str) -> tuple[str, str]:
    """Decode page bytes whatever their encoding; returns (text, encoding used)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    nul = data.find(b"\x00")
    if nul >= 0:  # no text encoding without a BOM puts NUL bytes in text
        raise DecodeError(source, AUTO, f"binary data: NUL byte at offset {nul}")
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

    def __init__(self, paths: Sequence[Path], encoding: str = AUTO, html_mode: str = str(HTML_MODE_DEFAULT)) -> None:
        self.paths = list(paths)
        self.encoding = encoding
        self.html_mode = html_mode
        self._found: dict[Path, str] = {}

    def __len__(self) -> int:
        return len(self.paths)

    def __iter__(self) -> Iterator[str]:
        for path in self.paths:
            yield self.read(path)

    def scan(self) -> list[tuple[Path, str]]:
        """Read every page once and keep only those that decode; return the skipped ones with why."""
        good, skipped = [], []
        for path in self.paths:
            try:
                self.read(path)
            except DecodeError as exc:
                skipped.append((path, str(exc).removeprefix(f"{path}: ")))
                continue
            except (OSError, UnicodeDecodeError) as exc:
                skipped.append((path, f"cannot read: {getattr(exc, 'strerror', None) or exc}"))
                continue
            good.append(path)
        self.paths = good
        return skipped

    def read(self, path: Path) -> str:
        """One page's text (an HTML page's text as ``clean`` would see it)."""
        text = self._decode(path)
        if is_html_path(path.name) or looks_like_html(text):
            text = html_text(text, self.html_mode, page_url(text))
        return text

    def _decode(self, path: Path) -> str:
        """One page's decoded content."""
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
        return Counter(self._found[p] for p in self.paths if p in self._found)


def folder_pages(
    docs_dir: Path, globs: Sequence[str], encoding: str = AUTO, html_mode: str = str(HTML_MODE_DEFAULT)
) -> tuple[FolderPages, list[tuple[Path, str]]]:
    """The pages under a folder, found recursively as ``batch`` finds them, and those skipped with why."""
    from .batch import walk  # batch imports the cleaning machinery; learning needs only its walk

    rels, problems = walk(docs_dir, globs)
    pages = FolderPages([docs_dir / rel for rel in rels], encoding, html_mode)
    skipped = [(docs_dir / p.path, p.reason) for p in problems]
    return pages, skipped + pages.scan()
