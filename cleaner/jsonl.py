"""JSON lines: clean one text field of every record, streaming, one record in memory at a time.

Library code: :func:`clean_records` yields, per input line, the bytes to write (or None) and
the problem (or None); the CLI writes and reports. Memory stays flat however long the stream:
lines are read one by one, and a line over the size limit is skipped in chunks, never held.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import BinaryIO

from .core import clean
from .errors import CleanerError
from .html import HTML_MODE_DEFAULT, html_text, looks_like_html, page_url
from .rules import RuleSet
from .textio import MAX_BYTES_DEFAULT

FIELD_DEFAULT = "text"
URL_FIELD_DEFAULT = "url"
STATS_KEY = "cleaner_stats"  # added to each record by --stats
_CHUNK = 1 << 20


class OnError(StrEnum):
    """What happens to a bad record (not JSON, field missing, field not a string, too big)."""

    pass_ = "pass"
    drop = "drop"


@dataclass(frozen=True, slots=True)
class BadRecord:
    """A record that could not be cleaned: its 1-based line number and why."""

    line: int
    reason: str


@dataclass(frozen=True, slots=True)
class JsonlOptions:
    """How records are read and cleaned."""

    field: str = FIELD_DEFAULT
    url_field: str = URL_FIELD_DEFAULT
    site: str | None = None
    stats: bool = False
    generic: bool = True
    html_mode: str = str(HTML_MODE_DEFAULT)
    on_error: OnError = OnError.pass_
    max_bytes: int = MAX_BYTES_DEFAULT


def looks_like_jsonl(text: str) -> bool:
    """True when the first two non-blank lines (or the only one) are JSON objects: a hint that --jsonl was meant."""
    lines = [line for line in text[: 1 << 16].splitlines()[:50] if line.strip()][:2]
    if not lines or not all(line.lstrip().startswith("{") for line in lines):
        return False
    try:
        return all(isinstance(json.loads(line), dict) for line in lines)
    except (ValueError, RecursionError):
        return False


def read_lines(stream: BinaryIO, max_bytes: int = MAX_BYTES_DEFAULT) -> Iterator[bytes | None]:
    """Yield each line (with its newline, if any); None for a line longer than max_bytes, drained unread."""
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        if len(line) <= max_bytes or line.endswith(b"\n"):  # the newline itself does not count
            yield line
            continue
        while True:  # drain the rest of an over-long line without keeping it
            rest = stream.readline(_CHUNK)
            if not rest or rest.endswith(b"\n"):
                break
        yield None


def clean_records(
    stream: BinaryIO, rules: RuleSet, options: JsonlOptions | None = None, groups: Sequence[str | None] = ()
) -> Iterator[tuple[bytes | None, BadRecord | None]]:
    """For each input line: (bytes to write or None, problem or None). Blank lines are skipped silently.

    ``groups`` gives each line's site group (by line, from 0) when the stream was learned from
    (:func:`cleaner.sitegroups.learn_records`); its learned rules then clean that record first.

    No record stops the stream, and no line that is not JSON is ever written: ``--on-error pass``
    copies a bad record only when it is JSON (not an object, field missing or not a string, or
    cleaning it failed); a line that is not JSON, or that Python cannot read as JSON (nested
    too deep), or is over the size limit, is dropped and reported whatever ``on_error`` says.
    """
    options = options or JsonlOptions()
    for number, raw in enumerate(read_lines(stream, options.max_bytes), start=1):
        group = groups[number - 1] if number <= len(groups) else None
        item = clean_line(number, raw, rules, options, group)
        if item is not None:
            yield item


def clean_line(
    number: int, raw: bytes | None, rules: RuleSet, options: JsonlOptions, group: str | None = None
) -> tuple[bytes | None, BadRecord | None] | None:
    """One input line's (bytes to write or None, problem or None); None for a blank line. Pure: a cluster runs it."""
    if raw is None:
        # Passing through a line we did not keep is impossible; an over-long record is dropped.
        return None, BadRecord(number, f"record over --max-bytes {options.max_bytes}")
    if not raw.strip():
        return None
    if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return _clean_one(raw, rules, options, group), None
    except RecordError as exc:
        passable = exc.is_json and options.on_error is OnError.pass_
        out = (raw if raw.endswith(b"\n") else raw + b"\n") if passable else None
        return out, BadRecord(number, str(exc))


class RecordError(ValueError):
    """Why a record is bad; ``is_json`` says whether the line is JSON (and so may be passed through)."""

    def __init__(self, reason: str, is_json: bool = True) -> None:
        super().__init__(reason)
        self.is_json = is_json


def parse_record(raw: bytes) -> dict:
    """A line's JSON object; raises RecordError for anything else, saying whether it is JSON at all."""
    try:
        record = json.loads(raw)
    except UnicodeDecodeError:
        raise RecordError("not UTF-8", is_json=False) from None
    except json.JSONDecodeError as exc:
        raise RecordError(f"not JSON ({exc.msg} at column {exc.colno})", is_json=False) from None
    except RecursionError:
        raise RecordError("nested too deep to read", is_json=False) from None
    except ValueError as exc:  # a number over Python's int digit limit (4300): JSON, but unreadable here
        try:
            json.loads(raw, parse_int=str)
        except (ValueError, RecursionError):
            raise RecordError(f"not JSON ({exc})", is_json=False) from None
        raise RecordError(f"a number longer than Python reads ({str(exc).split(';')[0]})") from None
    if not isinstance(record, dict):
        raise RecordError(f"not a JSON object but {type(record).__name__}")
    return record


def record_fields(record: dict, options: JsonlOptions) -> tuple[str, str | None]:
    """The text of a record's field and its URL; raises RecordError when the field is missing or no string."""
    if options.field not in record:
        raise RecordError(f"field {options.field!r} missing")
    text = record[options.field]
    if not isinstance(text, str):
        raise RecordError(f"field {options.field!r} is {type(text).__name__}, not a string")
    url = record.get(options.url_field)
    return text, url if isinstance(url, str) and url else None


def record_text(raw: bytes, options: JsonlOptions) -> tuple[dict, str, str | None]:
    """A record, the text of its field and its URL; raises RecordError for records that cannot be cleaned."""
    record = parse_record(raw)
    return (record, *record_fields(record, options))


def _clean_one(raw: bytes, rules: RuleSet, options: JsonlOptions, group: str | None = None) -> bytes:
    """Clean one record's field; raises RecordError for records that cannot be cleaned or written."""
    record = clean_record(parse_record(raw), rules, options, group)
    try:
        return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate (half an emoji) read from a \ud83d escape: escape it back
        return (json.dumps(record) + "\n").encode("ascii")
    except (RecursionError, ValueError) as exc:
        raise RecordError(f"cannot write the record: {type(exc).__name__}: {exc}") from None


def clean_record(
    record: dict[str, object], rules: RuleSet, options: JsonlOptions, group: str | None = None
) -> dict[str, object]:
    """Clean a parsed record's field in place and return it; raises RecordError if it cannot be cleaned.

    ``group`` names the record's site group when the stream was learned from; its learned rules
    (in ``rules.learned``) then clean it first.
    """
    text, url = record_fields(record, options)
    learned = rules.learned.get(group) if group else None
    try:
        if looks_like_html(text):
            url = url or page_url(text)
            text = html_text(text, options.html_mode, url)
        result = clean(text, rules, site=options.site, url=url, generic=options.generic, learned=learned)
    except CleanerError as exc:
        raise RecordError(str(exc)) from None
    except Exception as exc:  # a last guard, reported with its type: one record never stops the stream
        raise RecordError(f"cannot clean: {type(exc).__name__}: {exc}") from None
    record[options.field] = result.text
    if options.stats:
        record[STATS_KEY] = {"site": result.site, "lines": result.stats["lines"], "removed": result.stats["removed"]}
    return record
