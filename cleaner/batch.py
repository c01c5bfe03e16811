"""Batch cleaning: plan a folder's pages, clean them in parallel processes, report per file.

The unit of work is :func:`clean_file`, a pure function of one :class:`Task` (paths), the
rule set and the :class:`Options`; it never raises for a bad page but returns a
:class:`FileOutcome` saying why it failed, so one page never stops a batch.
:func:`cleaner.batchpool.run` maps it over the tasks in a process pool and yields outcomes in
task order, so reports and outputs are the same whatever the number of jobs. Library code: no
printing, no exits.
"""

from __future__ import annotations

import errno
import os
import stat
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path, PurePosixPath

from .core import clean
from .html import HTML_MODE_DEFAULT, decode_html_page, html_page_text, is_html_path, looks_like_html, page_url
from .manifest import FORCED, Manifest, bytes_digest, config_for
from .rules import RuleSet
from .textio import (
    ENCODING_AUTO,
    ERRORS_DEFAULT,
    MAX_BYTES_DEFAULT,
    TMP_SUFFIX,
    decode_page,
    replaced_warning,
    write_atomic,
)

DEFAULT_GLOBS = ("*.txt", "*.html", "*.htm")
OK, SKIPPED, FAILED = "ok", "skipped", "failed"


class BatchPathError(ValueError):
    """IN_DIR and OUT_DIR cannot be used together (missing, or one inside the other)."""


@dataclass(frozen=True, slots=True)
class Options:
    """How every page of a batch is read and cleaned."""

    site: str | None = None
    encoding: str = ENCODING_AUTO
    encoding_errors: str = ERRORS_DEFAULT
    html_mode: str = str(HTML_MODE_DEFAULT)
    max_bytes: int = MAX_BYTES_DEFAULT
    generic: bool = True


@dataclass(frozen=True, slots=True)
class Task:
    """One page to clean: where it is, where its output goes, and its path relative to IN_DIR."""

    src: str
    dst: str
    rel: str
    out_rel: str
    why: str = ""  # why the page is cleaned (manifest.NEW, ...), for the summary
    group: str | None = None  # its site group, when the batch learned one (:mod:`cleaner.sitegroups`)


@dataclass(slots=True)
class FileOutcome:
    """What happened to one page; ``reason`` says why it failed (or a note, like 'empty input')."""

    path: str
    output: str | None
    status: str
    reason: str = ""
    bytes_in: int = 0
    bytes_out: int = 0
    lines: int = 0
    removed: int = 0
    hits: dict[str, int] = field(default_factory=dict)
    site: str | None = None
    group: str | None = None  # the site group whose learned rules cleaned it
    encoding: str | None = None
    html: bool = False
    seconds: float = 0.0  # wall time of this page
    cpu_seconds: float = 0.0  # CPU time of this page in its thread (wall time counts the neighbours too)
    capped: list[str] = field(default_factory=list)  # rule files over their max_removed_share, not applied
    why: str = ""  # why it was cleaned rather than skipped (new, input changed, rules changed, ...)
    input_digest: str = ""  # SHA-256 of the input bytes, for the manifest

    def as_dict(self) -> dict[str, object]:
        """Plain data for the JSON report: asdict's result, ~8x faster (the report has one per page)."""
        data = {name: getattr(self, name) for name in _OUTCOME_FIELDS}
        data["hits"] = dict(self.hits)  # the mutable fields: copies, as asdict makes
        data["capped"] = list(self.capped)
        return data


_OUTCOME_FIELDS = tuple(f.name for f in fields(FileOutcome))


# ---------------------------------------------------------------------------------------------
# Planning


def check_dirs(in_dir: Path, out_dir: Path) -> None:
    """Refuse an IN_DIR that is not a folder, and an OUT_DIR equal to or inside IN_DIR.

    IN_DIR inside OUT_DIR is refused too: an output mirrored from IN_DIR could then land in
    IN_DIR, and batch never writes there.
    """
    if not in_dir.is_dir():
        raise BatchPathError(f"{in_dir}: input folder not found")
    if out_dir.exists() and not out_dir.is_dir():
        raise BatchPathError(f"{out_dir}: output exists and is not a folder")
    src, dst = in_dir.resolve(), out_dir.resolve()
    if dst == src:
        raise BatchPathError(f"{out_dir}: the output folder is the input folder; batch never writes into IN_DIR")
    if dst.is_relative_to(src):
        raise BatchPathError(f"{out_dir}: the output folder is inside the input folder {in_dir}; choose another")
    if src.is_relative_to(dst):
        raise BatchPathError(
            f"{in_dir}: the input folder is inside the output folder {out_dir}; outputs could overwrite inputs"
        )


def output_rel(rel: str) -> str:
    """The output's relative path: the input's, with .html/.htm turned into .txt."""
    if is_html_path(rel):
        return str(PurePosixPath(rel).with_suffix(".txt"))
    return rel


def _matches(rel: str, globs: Sequence[str]) -> bool:
    """Case-insensitive glob match from the right ('*.txt' at any depth, 'news/*.txt' too)."""
    path = PurePosixPath(rel.lower())
    return any(path.match(g.lower()) for g in globs)


def walk(
    in_dir: Path, globs: Sequence[str] = DEFAULT_GLOBS, exclude: Path | None = None
) -> tuple[list[str], list[FileOutcome]]:
    """Relative paths of the pages under IN_DIR matching the globs, sorted; and folders that failed.

    Symlinked folders are followed, except one that points back to a folder above it (a loop),
    which is reported. Anything matching a glob that is not a folder is a page; if it cannot be
    read (a dangling link, a file symlink loop, a FIFO), cleaning it reports why. Nothing whose
    resolved path lies inside ``exclude`` (OUT_DIR) is read: a symlink from IN_DIR into OUT_DIR
    would otherwise make every run clean the last run's outputs, one level deeper each time.
    """
    outside = os.path.realpath(exclude) if exclude is not None else None

    def inside_exclude(path: str) -> bool:
        if outside is None:
            return False
        real = os.path.realpath(path)
        return real == outside or real.startswith(outside.rstrip(os.sep) + os.sep)

    pages: list[str] = []
    problems: list[FileOutcome] = []

    def visit(folder: Path, rel: str, ancestors: tuple[str, ...]) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            problems.append(FileOutcome(rel or ".", None, FAILED, f"cannot list folder: {exc.strerror}"))
            return
        for entry in entries:
            child_rel = f"{rel}/{entry.name}" if rel else entry.name
            if entry.name.endswith(TMP_SUFFIX):
                continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            # A folder is checked whatever it is (a symlinked folder's real subfolder may be OUT_DIR);
            # a page only when it is a symlink, since its folder was checked already.
            if (is_dir or (_matches(child_rel, globs) and entry.is_symlink())) and inside_exclude(entry.path):
                problems.append(FileOutcome(child_rel, None, FAILED, "inside the output folder (a symlink): not read"))
                continue
            if is_dir:
                real = os.path.realpath(entry.path)
                if real in ancestors:
                    problems.append(FileOutcome(child_rel, None, FAILED, "symlink loop: points to a folder above it"))
                    continue
                visit(Path(entry.path), child_rel, (*ancestors, real))
            elif _matches(child_rel, globs):
                pages.append(child_rel)

    visit(in_dir, "", (os.path.realpath(in_dir),))
    pages.sort()
    return pages, problems


def plan(
    in_dir: Path,
    out_dir: Path,
    rules: RuleSet,
    globs: Sequence[str] = DEFAULT_GLOBS,
    force: bool = False,
    options: Options | None = None,
    manifest: Manifest | None = None,
) -> tuple[list[Task], list[FileOutcome]]:
    """The tasks to run, and outcomes already known (skipped as up to date, collisions, bad folders).

    An output is up to date when OUT_DIR's manifest says it was made from the same input
    content with the same rules, options and cleaner version, and it is still there
    (cleaner/manifest.py); each task says why it is redone.
    """
    check_dirs(in_dir, out_dir)
    pages, known = walk(in_dir, globs, exclude=out_dir)
    config = config_for(rules, options or Options())
    manifest = Manifest.load(out_dir) if manifest is None else manifest
    tasks: list[Task] = []
    producers: dict[str, str] = {}
    for rel in pages:
        out_rel = output_rel(rel)
        if out_rel in producers:
            reason = f"output {out_rel} is also produced by {producers[out_rel]}"
            known.append(FileOutcome(rel, out_rel, FAILED, reason))
            continue
        producers[out_rel] = rel
        src, dst = in_dir / rel, out_dir / out_rel
        why = FORCED if force else manifest.why_redo(rel, src, dst, config)
        if why is None:
            known.append(FileOutcome(rel, out_rel, SKIPPED, "up to date: same input, rules and options"))
            continue
        tasks.append(Task(str(src), str(dst), rel, out_rel, why))
    return tasks, known


def sweep_temporaries(out_dir: Path) -> int:
    """Delete temporary files an interrupted run left in OUT_DIR (only cleaner's own); return how many."""
    removed = 0
    if not out_dir.is_dir():
        return 0
    for path in out_dir.rglob(f".*{TMP_SUFFIX}"):
        try:
            path.unlink()
            removed += 1
        except OSError:
            continue
    return removed


# ---------------------------------------------------------------------------------------------
# Cleaning one file


def clean_file(task: Task, rules: RuleSet, options: Options) -> FileOutcome:
    """Clean one page file into its output, atomically; every problem becomes a failed outcome."""
    # The thread's CPU, not the process's: a Dask worker runs its event loop in another thread.
    started, cpu = time.perf_counter(), time.thread_time()
    outcome = FileOutcome(task.rel, task.out_rel, FAILED, why=task.why)
    try:
        _clean_into(task, rules, options, outcome)
    except _PageFailure as exc:
        outcome.reason = str(exc)
    except OSError as exc:
        outcome.reason = _os_reason(exc)
    except Exception as exc:  # a crash on one page must not stop the batch; report it instead
        outcome.reason = f"crash: {type(exc).__name__}: {exc}"
    outcome.seconds = round(time.perf_counter() - started, 6)
    outcome.cpu_seconds = round(time.thread_time() - cpu, 6)
    return outcome


class _PageFailure(Exception):
    """A page that cannot be cleaned, with the reason shown to the user."""


def _os_reason(exc: OSError) -> str:
    """A short reason for a file system error."""
    if exc.errno == errno.ENOENT:
        return "no such file (deleted during the run, or a dangling symlink)"
    if exc.errno == errno.ELOOP:
        return "symlink loop"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return f"cannot read or write: {exc.strerror or exc}"


def read_page(task: Task, options: Options, full: bool = True) -> tuple[bytes, str, str | None, str, bool]:
    """A page's bytes, its text as cleaning sees it, its URL, encoding and whether it was HTML.

    With ``full`` false an HTML page's text is its block lines (cheap), not its extracted article:
    enough for the scan of ``--learn``. Raises _PageFailure or OSError.
    """
    return read_page_notes(task, options, full)[:5]  # type: ignore[return-value]


def read_page_notes(
    task: Task, options: Options, full: bool = True
) -> tuple[bytes, str, str | None, str, bool, list[str]]:
    """read_page, and the notes on how the page was read (bytes read as U+FFFD, a page too deep)."""
    st = os.stat(task.src)
    if not stat.S_ISREG(st.st_mode):
        raise _PageFailure("not a regular file")
    if st.st_size > options.max_bytes:
        raise _PageFailure(f"too big: {st.st_size} bytes, over --max-bytes {options.max_bytes}")
    with open(task.src, "rb") as handle:
        # Sized by the stat: read(max_bytes + 1) would allocate max_bytes (50 MiB) for every page.
        data = handle.read(st.st_size + 1)
        if len(data) > st.st_size:  # the file grew since the stat: read on, up to the limit
            data += handle.read(options.max_bytes + 1 - len(data))
    if len(data) > options.max_bytes:
        raise _PageFailure(f"too big: over --max-bytes {options.max_bytes} (the file grew while read)")
    from .errors import DecodeError

    try:
        if is_html_path(task.rel):
            found = decode_html_page(data, task.rel, options.encoding, options.encoding_errors)
            html = True
        else:
            found = decode_page(data, task.rel, options.encoding, options.encoding_errors)
            html = looks_like_html(found.text)
    except DecodeError as exc:
        raise _PageFailure(str(exc).removeprefix(f"{task.rel}: ")) from None
    text = found.text
    notes = [replaced_warning(task.rel, found).removeprefix(f"{task.rel}: ")] if found.replaced_count else []
    url = None
    if html:
        url = page_url(text)
        text, note = html_page_text(text, options.html_mode if full else "lines", url)
        notes += [note] if note else []
    return data, text, url, found.encoding, html, notes


def _clean_into(task: Task, rules: RuleSet, options: Options, outcome: FileOutcome) -> None:
    """The work of :func:`clean_file`, raising on failure."""
    data, text, url, outcome.encoding, outcome.html, notes = read_page_notes(task, options)
    outcome.bytes_in = len(data)
    outcome.input_digest = bytes_digest(data)
    learned = rules.learned.get(task.group) if task.group else None
    result = clean(text, rules, site=options.site, url=url, generic=options.generic, learned=learned)
    out = result.text.encode("utf-8")
    write_atomic(Path(task.dst), out)
    outcome.status = OK
    outcome.reason = "empty input" if not data else "; ".join(notes)
    outcome.bytes_out = len(out)
    outcome.lines = result.stats["lines"]
    outcome.removed = result.stats["removed"]
    outcome.site = result.site
    outcome.capped = list(result.capped)
    outcome.group = task.group if learned is not None else None
    hits = Counter(reason.rule for reason in result.reasons if reason is not None and reason.kind != "layout")
    outcome.hits = dict(sorted(hits.items()))


# ---------------------------------------------------------------------------------------------
# Summary


@dataclass(slots=True)
class Summary:
    """Totals of a batch run, for the closing line and the JSON report."""

    files: int = 0
    cleaned: int = 0
    skipped: int = 0
    failed: int = 0
    empty: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    lines: int = 0
    removed: int = 0
    capped: int = 0  # pages where a rule file went over its max_removed_share
    redone: Counter[str] = field(default_factory=Counter)  # cleaned pages by why they were (re)done
    hits: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # CPU time spent on pages, summed over all processes

    def add(self, outcome: FileOutcome) -> None:
        """Count one outcome."""
        self.files += 1
        if outcome.status == OK:
            self.cleaned += 1
            if outcome.why:
                self.redone[outcome.why] += 1
            self.empty += outcome.bytes_in == 0
        elif outcome.status == SKIPPED:
            self.skipped += 1
        else:
            self.failed += 1
        self.bytes_in += outcome.bytes_in
        self.bytes_out += outcome.bytes_out
        self.lines += outcome.lines
        self.removed += outcome.removed
        self.capped += bool(outcome.capped)
        self.hits.update(outcome.hits)
        self.cpu_seconds += outcome.cpu_seconds

    @property
    def pages_per_second(self) -> float:
        """Cleaned pages per second of wall time."""
        return self.cleaned / self.seconds if self.seconds > 0 else 0.0

    def as_dict(self) -> dict[str, object]:
        """Plain data for the JSON report; hits sorted by count, then rule id."""
        data = asdict(self)
        data["hits"] = dict(sorted(self.hits.items(), key=lambda kv: (-kv[1], kv[0])))
        data["redone"] = dict(sorted(self.redone.items(), key=lambda kv: (-kv[1], kv[0])))
        data["seconds"] = round(self.seconds, 3)
        data["cpu_seconds"] = round(self.cpu_seconds, 3)
        data["pages_per_second"] = round(self.pages_per_second, 1)
        return data
