"""The bundled rules are found however cleaner is installed: editable checkout or built wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from .conftest import GOLDEN, ROOT, RULES


def test_editable_install_finds_the_repo_rules_folder() -> None:
    from cleaner.rules import bundled_rules_dir

    assert bundled_rules_dir() == RULES


def test_editable_install_runs_the_source_of_every_compiled_module() -> None:
    from cleaner._compiled import COMPILED, compiled_modules

    assert "cleaner.generic.lines" in COMPILED
    assert compiled_modules() == []


def test_wheel_ships_the_rules_and_uses_them(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    # CLEANER_PURE: a pure-Python wheel, in seconds (benchmarks/compiled_verdicts.py builds the compiled one).
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
        env={**os.environ, "CLEANER_PURE": "1"},
    )
    wheel = next(dist.glob("cleaner-*.whl"))
    assert wheel.name.endswith("-py3-none-any.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        assert {f"cleaner/_rules/{p.name}" for p in RULES.glob("*.yaml")} <= set(names)
        assert "cleaner/generic/model.npz" in names  # generic detection's bundled line model
        assert "cleaner/_compiled.py" in names
        site = tmp_path / "site"
        zf.extractall(site)
    env = {**os.environ, "PYTHONPATH": str(site)}
    env.pop("CLEANER_RULES", None)
    probe = subprocess.run(
        [sys.executable, "-c", "from cleaner.rules import bundled_rules_dir; print(bundled_rules_dir())"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=True,
    )
    assert Path(probe.stdout.strip()) == site / "cleaner" / "_rules"
    seed = GOLDEN / "ostro.org/seed-002.input.txt"
    proc = subprocess.run(
        [sys.executable, "-m", "cleaner", "clean", str(seed)], capture_output=True, env=env, cwd=tmp_path, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == (GOLDEN / "ostro.org/seed-002.expected.txt").read_bytes()


# A finder that raises KeyboardInterrupt when cleaner.cli is imported: the Ctrl-C a user gives while
# the CLI's modules load (trafilatura, lxml, rich: about a second), delivered at a fixed point.
_CTRL_C_DURING_IMPORT = """
import sys
class Interrupt:
    def find_spec(self, name, path=None, target=None):
        if name == "cleaner.cli":
            raise KeyboardInterrupt
sys.meta_path.insert(0, Interrupt())
from cleaner._entry import main
main()
"""


def test_ctrl_c_while_the_cli_loads_exits_130_without_a_traceback() -> None:
    proc = subprocess.run([sys.executable, "-c", _CTRL_C_DURING_IMPORT, "--help"], capture_output=True, text=True)
    assert proc.returncode == 130
    assert proc.stderr == "\ncleaner: interrupted\n"
    assert proc.stdout == ""


def test_the_console_script_runs_through_the_guarded_entry_point() -> None:
    script = Path(sys.executable).parent / "cleaner"
    assert "cleaner._entry" in script.read_text()
    proc = subprocess.run([str(script), "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.strip()


def test_cleaner_pure_runs_the_source_beside_an_extension_module(tmp_path: Path) -> None:
    """An installed package prefers an extension module to its .py; CLEANER_PURE=1 skips it."""
    import importlib.machinery
    import shutil

    site = tmp_path / "site"
    shutil.copytree(ROOT / "cleaner", site / "cleaner", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(RULES, site / "cleaner" / "_rules")
    # Not a loadable extension: importing it fails, which shows which file the import chose.
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    (site / "cleaner" / f"normalize{suffix}").write_bytes(b"not an extension module")
    probe = "from cleaner._compiled import compiled_modules; import cleaner; print(compiled_modules())"
    env = {k: v for k, v in os.environ.items() if k not in ("CLEANER_PURE", "CLEANER_RULES")}
    env["PYTHONPATH"] = str(site)
    as_installed = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, cwd=tmp_path, check=False
    )
    assert as_installed.returncode != 0
    assert "normalize" in as_installed.stderr
    pure = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env={**env, "CLEANER_PURE": "1"},
        cwd=tmp_path,
        check=True,
    )
    assert pure.stdout.strip() == "[]"
