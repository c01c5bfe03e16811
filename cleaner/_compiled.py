"""Which modules a wheel build compiles (Cython), and the switch that runs their Python source instead.

The one list of compiled modules is COMPILED: the build hook (``hatch_build.py``) reads it and
nothing else is compiled, so a module added to the package stays pure Python until it is added
here. A compiled module is its own ``.py`` file translated as it is, so both paths give the same
verdicts; ``benchmarks/compiled_verdicts.py`` checks that on every dev page.

Python imports an extension module before a source file of the same name. The source runs instead
when ``CLEANER_PURE`` is set (to anything but "" or "0"), and always in a source checkout (a
``pyproject.toml`` beside the package), so an extension left there by a build can never run stale
code under an editable install.

Writing code for a listed module: Cython checks builtin container annotations exactly, so where a
function or variable is annotated ``dict``, ``list``, ``set`` or ``tuple``, a subclass (a
``defaultdict``, a ``Counter``) raises TypeError in the compiled module only: annotate what the
value is (``defaultdict[...]``) or an abstract type (``Mapping``, ``Sequence``). The comparison
and CI's compiled build catch such a slip; the Python source cannot.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

# The per-line hot path, in the order the build lists them. Not here: modules that only load,
# parse or print (rules, CLI), and any module this list does not name (new ones start pure).
COMPILED = (
    "cleaner.normalize",
    "cleaner.core",
    "cleaner.matcher",
    "cleaner.generic.language",
    "cleaner.generic.signals",
    "cleaner.generic.lines",
    "cleaner.generic.shapes",
    "cleaner.generic.tables",
    "cleaner.generic.blocks",
    "cleaner.generic.context",
    "cleaner.generic.region",
    "cleaner.generic.ends",
    "cleaner.generic.pipeline",
)

PACKAGE_DIR = Path(__file__).resolve().parent


def pure_requested(env: Mapping[str, str] | None = None) -> bool:
    """True when CLEANER_PURE asks for the Python source of the compiled modules."""
    value = (os.environ if env is None else env).get("CLEANER_PURE", "")
    return value not in ("", "0")


def in_source_checkout() -> bool:
    """True when the package is imported from a clone (editable install or PYTHONPATH), not a wheel."""
    return (PACKAGE_DIR.parent / "pyproject.toml").is_file()


class _SourceFirst(importlib.abc.MetaPathFinder):
    """Finds the ``.py`` file of a module in COMPILED before any extension module beside it."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: object = None
    ) -> importlib.machinery.ModuleSpec | None:
        """The source file's spec for a compiled module; None (the usual search) for any other."""
        if fullname not in COMPILED:
            return None
        leaf = fullname.rpartition(".")[2] + ".py"
        for entry in path if path is not None else sys.path:
            candidate = Path(entry or ".") / leaf
            if candidate.is_file():
                return importlib.util.spec_from_file_location(fullname, candidate)
        return None


def use_source_when_asked() -> None:
    """Put the source-first finder in front when CLEANER_PURE asks or the package is a checkout."""
    if (pure_requested() or in_source_checkout()) and not any(isinstance(f, _SourceFirst) for f in sys.meta_path):
        sys.meta_path.insert(0, _SourceFirst())


def compiled_modules() -> list[str]:
    """The modules of COMPILED that this process runs as extension modules (imports them)."""
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    out = []
    for name in COMPILED:
        module = importlib.import_module(name)
        if (getattr(module, "__file__", None) or "").endswith(suffixes):
            out.append(name)
    return out


use_source_when_asked()  # on import: cleaner/__init__.py imports this module before any other
