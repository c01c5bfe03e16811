"""A corpus of pages for review, diff and coverage: files, folders and JSON-lines files, read lazily.

PAGES are given the way ``clean`` and ``batch`` take them: a page file (text or HTML), a folder
(read recursively with batch's globs), or a ``.jsonl`` file (one page per record, its ``text``
field, the ``url`` field selecting the site). A page that cannot be read becomes a
:class:`PageProblem` and the others go on. Library code: no printing, no exits.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .batch import DEFAULT_GLOBS, walk
from .core import clean
from .errors import CleanerError
from .html import HTML_MODE_DEFAULT, decode_html, html_text, is_html_path, looks_like_html, page_url
from .result import CleanResult
from .rules import RuleSet
from .textio import ENCODING_AUTO, MAX_BYTES_DEFAULT, decode_detect

JSONL_SUFFIXES = (".jsonl", ".ndjson")


class PagesError(CleanerError):
    """A PAGES argument names nothing that can be read (missing path)."""


@dataclass(frozen=True, slots=True)
class PageOptions:
    """How pages are read and cleaned; the same for every side of a diff."""

    site: str | None = None
    encoding: str = ENCODING_AUTO
    html_mode: str = str(HTML_MODE_DEFAULT)
    field: str = "text"
    url_field: str = "url"
    generic: bool = True
    max_bytes: int = MAX_BYTES_DEFAULT
    globs: tuple[str, ...] = DEFAULT_GLOBS


@dataclass(frozen=True, slots=True)
class Page:
    """One page's text, ready to clean: HTML already turned into text, its URL if known."""

    name: str  # the path, or "<file>:<line>" for a JSON-lines record
    text: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class PageProblem:
    """A page that could not be read, and why."""

    name: str
    reason: str


def check_paths(paths: Sequence[Path]) -> None:
    """Refuse a PAGES argument that does not exist, before any work is done."""
    if not paths:
        raise PagesError("no PAGES given (files, folders or .jsonl files)")
    for path in paths:
        if not path.exists():
            raise PagesError(f"{path}: no such file or folder")


def iter_pages(paths: Sequence[Path], options: PageOptions | None = None) -> Iterator[Page | PageProblem]:
    """Every page under the paths, in the order given (folders sorted), or why it could not be read."""
    options = options or PageOptions()
    check_paths(paths)
    for path in paths:
        if path.is_dir():
            rels, problems = walk(path, options.globs)
            for problem in problems:
                yield PageProblem(str(path / problem.path), problem.reason)
            for rel in rels:
                yield _read_file(path / rel, options)
        elif path.name.lower().endswith(JSONL_SUFFIXES):
            yield from _read_jsonl(path, options)
        else:
            yield _read_file(path, options)


def _read_file(path: Path, options: PageOptions) -> Page | PageProblem:
    """One page file as text (HTML turned into text), as ``clean FILE`` reads it."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > options.max_bytes:
            return PageProblem(name, f"too big: {size} bytes, over --max-bytes {options.max_bytes}")
        data = path.read_bytes()
        if is_html_path(name):
            text, _ = decode_html(data, name, options.encoding)
        else:
            text, _ = decode_detect(data, name, options.encoding)
    except CleanerError as exc:
        return PageProblem(name, str(exc).removeprefix(f"{name}: "))
    except OSError as exc:
        return PageProblem(name, f"cannot read: {exc.strerror or exc}")
    url = None
    if is_html_path(name) or looks_like_html(text):
        url = page_url(text)
        text = html_text(text, options.html_mode, url)
    return Page(name, text, url)


def _read_jsonl(path: Path, options: PageOptions) -> Iterator[Page | PageProblem]:
    """Each record of a JSON-lines file as a page named ``<file>:<line>``."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield PageProblem(str(path), f"cannot read: {exc.strerror or exc}")
        return
    with handle:
        for number, raw in enumerate(handle, start=1):
            name = f"{path}:{number}"
            if not raw.strip():
                continue
            if len(raw) > options.max_bytes:
                yield PageProblem(name, f"record over --max-bytes {options.max_bytes}")
                continue
            try:
                record = json.loads(raw.removeprefix(b"\xef\xbb\xbf"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                yield PageProblem(name, f"not a JSON record ({exc})")
                continue
            text = record.get(options.field) if isinstance(record, dict) else None
            if not isinstance(text, str):
                yield PageProblem(name, f"no string field {options.field!r}")
                continue
            url = record.get(options.url_field)
            url = url if isinstance(url, str) and url else None
            if looks_like_html(text):
                url = url or page_url(text)
                text = html_text(text, options.html_mode, url)
            yield Page(name, text, url)


def clean_page(page: Page, rules: RuleSet, options: PageOptions) -> CleanResult:
    """Clean one page as ``clean`` would, with the corpus options."""
    return clean(page.text, rules, site=options.site, url=page.url, generic=options.generic)


def clean_pages(
    pages: Iterable[Page | PageProblem], rules: RuleSet, options: PageOptions
) -> Iterator[tuple[Page, CleanResult] | PageProblem]:
    """Clean each page; a page that fails to clean becomes a problem, the others go on."""
    for page in pages:
        if isinstance(page, PageProblem):
            yield page
            continue
        try:
            yield page, clean_page(page, rules, options)
        except CleanerError as exc:
            yield PageProblem(page.name, str(exc))
