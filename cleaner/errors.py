"""Typed errors: the library raises these, the CLI maps each to one stderr line and an exit code."""

from __future__ import annotations

from pathlib import Path


class CleanerError(Exception):
    """Base of every error the library raises on bad input or bad rules."""


class RuleError(CleanerError):
    """A rule file is broken: names the file, the line where known, and the problem."""

    def __init__(self, path: Path | str, problem: str, line: int | None = None) -> None:
        self.path = str(path)
        self.problem = problem
        self.line = line
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {problem}")


class UnknownSiteError(CleanerError):
    """A site was asked for by name but no rule file declares it."""

    def __init__(self, site: str, known: list[str]) -> None:
        self.site = site
        self.known = known
        listing = ", ".join(known) if known else "(none)"
        super().__init__(f"unknown site {site!r}; known sites: {listing}")


class DecodeError(CleanerError):
    """Input bytes could not be decoded: names the page and the way out."""

    def __init__(self, source: str, encoding: str, detail: str, advice: str = "") -> None:
        self.source = source
        self.encoding = encoding
        advice = advice or "pass --encoding with the page's real encoding, or --encoding-errors replace"
        super().__init__(f"{source}: cannot decode as {encoding} ({detail}); {advice}")


class EncodingNameError(CleanerError):
    """An --encoding (or --encoding-errors) value that names no text encoding: a usage error."""

    def __init__(self, name: str, problem: str, option: str = "--encoding") -> None:
        self.name = name
        super().__init__(f"{option} {name!r}: {problem}")


class UrlError(CleanerError):
    """A page URL that cannot be parsed (``http://[::1``): names the URL and the problem."""

    def __init__(self, url: str, problem: str) -> None:
        self.url = url
        super().__init__(f"bad URL {url!r}: {problem}")


class ClusterError(CleanerError):
    """A Dask cluster cannot run the job: no scheduler, no workers, or workers that cannot see the files."""
