"""The batch manifest: how each output in OUT_DIR was made, so a re-run redoes exactly the stale ones.

``OUT_DIR/.cleaner-manifest.json`` records, per page, the SHA-256 of the input it was made
from, its output path and size, and the *config* it was made with: the fingerprint of the rule
files in force, the cleaning options and cleaner's version. A page is skipped only when all of
these are the same now and its output is still there; otherwise it is redone, and the reason
(new, input changed, rules changed, options changed, cleaner version changed, output missing)
is counted for the summary. The file is written atomically at the end of a run (and when one
is interrupted). Library code: no printing, no exits.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from . import __version__
from .rules import RuleSet
from .textio import write_atomic

MANIFEST_NAME = ".cleaner-manifest.json"
FORMAT = 1
NEW, INPUT, RULES, OPTIONS, VERSION, OUTPUT, FORCED = (
    "new",
    "input changed",
    "rules changed",
    "options changed",
    "cleaner version changed",
    "output missing or changed",
    "forced",
)


def rules_fingerprint(rules: RuleSet) -> str:
    """A digest of the compiled rule files in force (where they lie does not count)."""
    files = sorted([*rules.common, *rules.sites.values()], key=lambda rf: rf.id)
    text = "\n".join(repr(replace(rf, path="")) for rf in files)
    if rules.model is not None:  # generic detection's line model decides too: its bytes count
        from cleaner.generic.model import BUNDLED_MODEL

        text += "\nmodel " + file_digest(BUNDLED_MODEL if rules.model == "bundled" else rules.model)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def file_digest(path: Path | str) -> str:
    """SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def bytes_digest(data: bytes) -> str:
    """SHA-256 of bytes already read."""
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Config:
    """What an output depends on besides its input."""

    rules: str
    options: dict[str, Any]
    version: str = __version__

    @property
    def key(self) -> str:
        """A short digest naming this config in the manifest."""
        text = json.dumps(asdict(self), sort_keys=True)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def config_for(rules: RuleSet, options: object) -> Config:
    """The config of a batch run: rules fingerprint, options (a dataclass) and version."""
    return Config(rules_fingerprint(rules), asdict(options))  # type: ignore[call-overload]


@dataclass
class Manifest:
    """Per page: input digest, output path and size, config key; and the configs by key."""

    files: dict[str, dict[str, Any]] = field(default_factory=dict)
    configs: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, out_dir: Path) -> Manifest:
        """The manifest in OUT_DIR; an empty one if there is none or it cannot be read (all pages redone)."""
        try:
            data = json.loads((out_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return cls()
        files, configs = data.get("files"), data.get("configs")
        if not isinstance(files, dict) or not isinstance(configs, dict):
            return cls()
        return cls(files, configs)

    def why_redo(self, rel: str, src: Path, dst: Path, config: Config) -> str | None:
        """None when the page's output is up to date; else why it must be cleaned again."""
        record = self.files.get(rel)
        if not isinstance(record, dict):
            return NEW
        made_with = self.configs.get(record.get("config", ""))
        if not isinstance(made_with, dict):
            return NEW
        if made_with.get("rules") != config.rules:
            return RULES
        if made_with.get("options") != config.options:
            return OPTIONS
        if made_with.get("version") != config.version:
            return VERSION
        try:
            if dst.stat().st_size != record.get("bytes"):
                return OUTPUT
        except OSError:
            return OUTPUT
        try:
            if file_digest(src) != record.get("input"):
                return INPUT
        except OSError:
            return INPUT  # cleaning it will report why it cannot be read
        return None

    def record(self, rel: str, out_rel: str, input_digest: str, bytes_out: int, config: Config) -> None:
        """Note that a page's output was just made from this input with this config."""
        self.configs.setdefault(config.key, asdict(config))
        self.files[rel] = {"input": input_digest, "output": out_rel, "bytes": bytes_out, "config": config.key}

    def forget(self, rel: str) -> None:
        """Drop a page's record (its cleaning failed: redo it next time)."""
        self.files.pop(rel, None)

    def save(self, out_dir: Path) -> None:
        """Write the manifest atomically, keeping only the configs still in use."""
        used = {r.get("config") for r in self.files.values() if isinstance(r, dict)}
        configs = {k: v for k, v in self.configs.items() if k in used}
        data = {"format": FORMAT, "configs": configs, "files": dict(sorted(self.files.items()))}
        text = json.dumps(data, ensure_ascii=False, indent=0)
        try:
            encoded = text.encode("utf-8")
        except UnicodeEncodeError:  # a file name that is not UTF-8 (surrogate escapes): \u escapes
            encoded = json.dumps(data, ensure_ascii=True, indent=0).encode("ascii")
        write_atomic(out_dir / MANIFEST_NAME, encoded + b"\n")
