"""Rule files: find and load them from paths, and merge them into the RuleSet in force.

A rule file describes one site's junk (or, with ``common: true``, junk of every site). The
format is documented in the README. This module is the entry point: it reads files and folders
(bundled, ``$CLEANER_RULES``, ``--rules``) in order of precedence; the data model lives in
:mod:`cleaner.rulemodel` and validation in :mod:`cleaner.rulecheck`, and every public name of
both is re-exported here, so ``from cleaner.rules import ...`` keeps working.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path

from .errors import RuleError
from .generic.model import MODEL_ENV, model_choice
from .rulecheck import PROBE_LINES, SHAPE_MAX_ELEMENTS, compile_pattern, compile_pattern_set, parse_rule_text
from .rulemodel import (
    BLOCK_MAX_LINES_DEFAULT,
    EXTENTS,
    FILE_KEYS,
    GENERIC_MODES,
    KINDS,
    MAX_REMOVED_SHARE_DEFAULT,
    RULE_KEYS,
    SHAPE_KEYS,
    THRESHOLD_DEFAULT,
    Examples,
    Rule,
    RuleFile,
    RuleSet,
    ShapeElement,
)

__all__ = [
    "BLOCK_MAX_LINES_DEFAULT",
    "EXTENTS",
    "FILE_KEYS",
    "GENERIC_MODES",
    "KINDS",
    "MAX_REMOVED_SHARE_DEFAULT",
    "PROBE_LINES",
    "RULES_ENV",
    "RULE_FILE_MAX_BYTES",
    "RULE_KEYS",
    "SHAPE_KEYS",
    "SHAPE_MAX_ELEMENTS",
    "THRESHOLD_DEFAULT",
    "Examples",
    "Rule",
    "RuleFile",
    "RulePaths",
    "RuleSet",
    "ShapeElement",
    "build_ruleset",
    "bundled_rules_dir",
    "compile_pattern",
    "compile_pattern_set",
    "duplicate_id_message",
    "load_rule_file",
    "load_rules",
    "parse_rule_text",
    "rule_dirs",
    "same_id_files",
]

RULES_ENV = "CLEANER_RULES"  # and generic detection's line model: $CLEANER_MODEL (generic/model.py)
# A rule file past this is a mistake (10,000 rules take about 1 MB).
RULE_FILE_MAX_BYTES = 32 * 1024 * 1024


def load_rule_file(path: Path | str) -> RuleFile:
    """Load and validate one rule file; any problem raises RuleError naming file and line."""
    path = Path(path)
    data = _read_regular(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RuleError(path, f"not UTF-8 ({exc.reason} at byte {exc.start})") from None
    return parse_rule_text(text, str(path))


def _read_regular(path: Path) -> bytes:
    """A rule file's bytes; a FIFO, device or folder is refused without blocking on it."""
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; a regular file ignores it.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise RuleError(path, f"cannot read: {exc.strerror}") from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise RuleError(path, "not a regular file (a FIFO, device or folder named like a rule file)")
    with os.fdopen(fd, "rb") as handle:
        if info.st_size > RULE_FILE_MAX_BYTES:
            raise RuleError(path, f"too big: {info.st_size} bytes, over {RULE_FILE_MAX_BYTES}")
        try:
            return handle.read(RULE_FILE_MAX_BYTES + 1)
        except OSError as exc:
            raise RuleError(path, f"cannot read: {exc.strerror}") from None


# ---------------------------------------------------------------------------------------------
# Finding rule folders


def bundled_rules_dir() -> Path:
    """The rules shipped with cleaner: cleaner/_rules in a wheel, ../rules in a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_rules", here.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise RuleError(here / "_rules", "bundled rules folder not found; reinstall cleaner")


RulePaths = Path | str | Sequence[Path | str]


def _as_paths(extra: RulePaths | None) -> list[Path]:
    """One path (str or Path) or a list of them: a lone ``str`` is a path, never its characters."""
    if extra is None:
        return []
    if isinstance(extra, str | os.PathLike):
        return [Path(extra)]
    return [Path(p) for p in extra]


def rule_dirs(extra: RulePaths = (), *, env: dict[str, str] | None = None) -> list[Path]:
    """Rule files and folders in order of precedence, lowest first: bundled, $CLEANER_RULES, then extra."""
    return [folder for folder, _ in _rule_sources(extra, env)]


def _rule_sources(extra: RulePaths, env: dict[str, str] | None) -> list[tuple[Path, str]]:
    """Rule files and folders with where each came from, for messages: bundled, $CLEANER_RULES, then extra."""
    env = os.environ if env is None else env
    dirs = [(bundled_rules_dir(), "bundled rules folder")]
    dirs += [(Path(p), f"rules path from ${RULES_ENV}") for p in env.get(RULES_ENV, "").split(os.pathsep) if p]
    dirs += [(p, "rules path") for p in _as_paths(extra)]
    return dirs


def load_rules(extra: RulePaths = (), *, env: dict[str, str] | None = None, bundled: bool = True) -> RuleSet:
    """Load every rule file from the bundled folder, $CLEANER_RULES and ``extra`` (files or folders).

    ``extra`` is one path or a list of paths; each is a rule file (``*.yaml``/``*.yml``) or a
    folder of them. A later path's file with the same id replaces an earlier one (user rules win
    over bundled ones, a later ``--rules`` over an earlier); two files with the same id in one
    folder are an error that names both files. A path that is missing or cannot be read is an
    error wherever it was named (``--rules`` or ``$CLEANER_RULES``).
    """
    sources = _rule_sources(extra, env)
    if not bundled:
        sources = sources[1:]
    ruleset = build_ruleset(_files_in(sources))
    ruleset.model = model_choice((os.environ if env is None else env).get(MODEL_ENV))
    return ruleset


def _files_in(sources: Iterable[tuple[Path, str]]) -> list[list[RuleFile]]:
    """Load each path: one rule file, or a folder's *.yaml/*.yml files sorted by name, ids unique per folder."""
    out = []
    for folder, origin in sources:
        if folder.is_file():
            out.append([load_rule_file(folder)])
            continue
        try:
            names = sorted(entry.name for entry in os.scandir(folder))
        except FileNotFoundError:
            raise RuleError(folder, f"{origin} does not exist") from None
        except NotADirectoryError:
            raise RuleError(folder, f"{origin} is neither a rule file nor a folder") from None
        except OSError as exc:
            raise RuleError(folder, f"{origin} cannot be read: {exc.strerror}") from None
        loaded: dict[str, RuleFile] = {}
        for name in names:
            if not name.endswith((".yaml", ".yml")):
                continue
            path = folder / name
            rf = load_rule_file(path)
            if rf.id in loaded:
                raise RuleError(path, duplicate_id_message(rf.id, loaded[rf.id].path))
            loaded[rf.id] = rf
        out.append(list(loaded.values()))
    return out


def duplicate_id_message(site_id: str, other: str) -> str:
    """Why two files of one folder clash, and the two ways out."""
    return (
        f"site id {site_id!r} is already defined in {other}; one folder holds one file per site id: "
        "merge the two files, give one another id, or move one (say a learned file) to its own "
        "folder or file and pass it with --rules (a later --rules path wins over an earlier one)"
    )


def build_ruleset(folders: Sequence[Sequence[RuleFile]]) -> RuleSet:
    """Merge folders of rule files, later folders overriding earlier ones by id."""
    by_id: dict[str, RuleFile] = {}
    for files in folders:
        for rf in files:
            by_id[rf.id] = rf
    sites = {k: v for k, v in by_id.items() if not v.common}
    common = tuple(v for k, v in sorted(by_id.items()) if v.common)
    return RuleSet(sites=sites, common=common)


def same_id_files(target: Path, site_id: str) -> list[str]:
    """Rule files beside ``target`` (in its folder, itself excepted) that define ``site_id``.

    ``cleaner learn -o`` asks before writing: a second file with the same id in one folder would
    make that folder fail to load for every later command.
    """
    folder = target.parent
    if not folder.is_dir():
        return []
    out = []
    for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
        if path.resolve() == target.resolve():
            continue
        try:
            if load_rule_file(path).id == site_id:
                out.append(str(path))
        except RuleError:
            continue
    return out
