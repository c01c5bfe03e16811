"""Build hook: a wheel gets the hot modules compiled with Cython; pure Python when that cannot be done.

Which modules: ``COMPILED`` in cleaner/_compiled.py, the one list. An editable install never
compiles (the checkout's source always runs), nor does a build with ``CLEANER_PURE=1``. Without a
C compiler or Cython the build falls back to a pure-Python wheel with a note on stderr, unless
``CLEANER_REQUIRE_COMPILED=1`` makes that an error (CI uses it to test the compiled path).
"""

from __future__ import annotations

import os
import runpy
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

ROOT = Path(__file__).resolve().parent


def compiled_list(root: Path = ROOT) -> tuple[str, ...]:
    """COMPILED from cleaner/_compiled.py, read without importing the package (its dependencies
    are not in the build environment)."""
    return tuple(runpy.run_path(str(root / "cleaner" / "_compiled.py"), run_name="cleaner_compiled_list")["COMPILED"])


def build_extensions(root: Path, work: Path) -> dict[str, Path]:
    """Compile the listed modules of the package under root; each module's extension file, in work.

    Generated C and objects go to work too: nothing is written into the source tree.
    """
    from Cython.Build import cythonize
    from setuptools import Distribution, Extension
    from setuptools.command.build_ext import build_ext

    names = compiled_list(root)
    # No debugging symbols (-g0): they would triple the wheel's size.
    flags = ["-g0"] if os.name == "posix" else []
    extensions = [
        Extension(name, [str(root / (name.replace(".", "/") + ".py"))], extra_compile_args=flags) for name in names
    ]
    cythonized = cythonize(
        extensions, language_level=3, quiet=True, build_dir=str(work / "c"), nthreads=os.cpu_count() or 1
    )
    command = build_ext(Distribution({"ext_modules": cythonized}))
    command.build_lib = str(work / "lib")
    command.build_temp = str(work / "tmp")
    command.parallel = os.cpu_count() or 1
    command.ensure_finalized()
    command.run()
    return {name: Path(command.get_ext_fullpath(name)) for name in names}


class CompileHook(BuildHookInterface):  # type: ignore[type-arg]
    """Adds the compiled modules to a regular (non-editable) wheel."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Compile unless editable or asked for pure; fall back to pure Python on failure."""
        if self.target_name != "wheel" or version == "editable":
            return
        if os.environ.get("CLEANER_PURE", "") not in ("", "0"):
            print("cleaner: CLEANER_PURE is set: building a pure-Python wheel", file=sys.stderr)
            return
        self._work = Path(tempfile.mkdtemp(prefix="cleaner-build-"))
        try:
            built = build_extensions(Path(self.root), self._work)
        except Exception as exc:  # no compiler, no Cython, a module Cython refuses: pure Python
            if os.environ.get("CLEANER_REQUIRE_COMPILED", "") not in ("", "0"):
                raise
            print(f"cleaner: compiling failed ({exc!r}): building a pure-Python wheel", file=sys.stderr)
            return
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        for name, path in built.items():
            target = name.replace(".", "/").rpartition("/")[0] + "/" + path.name
            build_data["force_include"][str(path)] = target

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        """Remove the build's work folder."""
        work = getattr(self, "_work", None)
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
