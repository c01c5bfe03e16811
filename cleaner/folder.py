"""A folder of pages read lazily, for learning: each pass reads the files again, nothing is kept.

Pages of one site scraped at different times come in different encodings; each file is decoded
as UTF-8 (a BOM honoured), else as UTF-16 with a BOM, else with the encoding charset-normalizer
finds, and the encodings used are counted so the CLI can say so. A page that is UTF-8 but for a
few bytes is read as UTF-8 with those replaced (textio's policy). An explicit encoding is strict.
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
from .textio import (
    ERRORS_AUTO,
    ERRORS_REPLACE,
    ERRORS_STRICT,
    Decoded,
    decode,
    decode_page,
    nearly_utf8,
    replaced_warning,
)

AUTO = "auto"


def decode_auto(data: bytes, source: str) -> tuple[str, str]:
    """Decode page bytes whatever their encoding; returns (text, encoding used)."""
    found = decode_auto_page(data, source)
    return found.text, found.encoding


def decode_auto_page(data: bytes, source: str, errors: str = ERRORS_AUTO) -> Decoded:
    """decode_auto with the replaced bytes: a page UTF-8 but for a few bytes is read as UTF-8 (unless strict)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_page(data, source, "utf-16", errors)
    nul = data.find(b"\x00")
    if nul >= 0:  # no text encoding without a BOM puts NUL bytes in text
        raise DecodeError(source, AUTO, f"binary data: NUL byte at offset {nul}")
    try:
        return Decoded(decode(data, source, "utf-8"), "utf-8")
    except DecodeError:
        pass
    nearly = nearly_utf8(data) if errors != ERRORS_STRICT else None
    if nearly is not None:
        return nearly
    best = from_bytes(data).best()
    if best is None:
        if errors == ERRORS_REPLACE:
            return decode_page(data, source, "utf-8", errors)
        raise DecodeError(source, "any known encoding", "charset detection found none")
    return Decoded(str(best), best.encoding)


class FolderPages:
    """The texts of page files, decoded on each iteration; ``encodings`` counts what was used."""

    def __init__(
        self,
        paths: Sequence[Path],
        encoding: str = AUTO,
        html_mode: str = str(HTML_MODE_DEFAULT),
        errors: str = ERRORS_AUTO,
    ) -> None:
        self.paths = list(paths)
        self.encoding = encoding
        self.html_mode = html_mode
        self.errors = errors
        self._found: dict[Path, str] = {}
        self._warned: dict[Path, str] = {}  # pages read with replaced bytes: the warning, once per page

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
            found = decode_page(data, str(path), self.encoding, self.errors)
        else:
            known = self._found.get(path)
            if known is not None and known != "utf-8" and path not in self._warned:
                return data.decode(known)
            found = decode_auto_page(data, str(path), self.errors)
            self._found[path] = found.encoding
        if found.replaced_count:
            self._warned[path] = replaced_warning(str(path), found)
        return found.text

    @property
    def warnings(self) -> list[str]:
        """One line per page read with replaced bytes."""
        return list(self._warned.values())

    @property
    def encodings(self) -> Counter[str]:
        """Pages per encoding detected (auto mode, after one pass)."""
        return Counter(self._found[p] for p in self.paths if p in self._found)


def folder_pages(
    docs_dir: Path,
    globs: Sequence[str],
    encoding: str = AUTO,
    html_mode: str = str(HTML_MODE_DEFAULT),
    errors: str = ERRORS_AUTO,
) -> tuple[FolderPages, list[tuple[Path, str]]]:
    """The pages under a folder, found recursively as ``batch`` finds them, and those skipped with why."""
    from .batch import walk  # batch imports the cleaning machinery; learning needs only its walk

    rels, problems = walk(docs_dir, globs)
    pages = FolderPages([docs_dir / rel for rel in rels], encoding, html_mode, errors)
    skipped = [(docs_dir / p.path, p.reason) for p in problems]
    return pages, skipped + pages.scan()
