"""Faults and hostile input on the rules side, through the real CLI: every one is one error line and a
documented exit code, never a traceback, a hang, or a lost or half-written file (docs/reliability-rules.md).
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks import seedgen
from cleaner.matcher import PatternGroups, _fits, _shape_run
from cleaner.rules import SHAPE_MAX_ELEMENTS, ShapeElement, compile_pattern

from .conftest import GOLDEN, cleaner_exe, run_cli

SEED_000 = GOLDEN / "interfax.com.ua/seed-000.input.txt"
GOOD_RULE = "  - id: ad\n    kind: line\n    text: Реклама\n"


def _rules_folder(tmp_path: Path, text: str, name: str = "x.yaml") -> Path:
    """A rules folder holding one rule file with this text."""
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def _one_error_line(proc: subprocess.CompletedProcess[bytes], *needles: str) -> str:
    """Assert exit 2, no traceback, one stderr line `cleaner: error: ...` holding the needles; return it."""
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 2, (proc.returncode, err)
    assert "Traceback" not in err, err
    lines = [line for line in err.splitlines() if line.startswith("cleaner: error:")]
    assert len(lines) == 1, err
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


def _drop_root_powers() -> None:
    """preexec_fn: lose the capabilities that let root ignore file permissions (for this child only)."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP: gone from the exec'd program too
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def run_unprivileged(*args: str | os.PathLike[str], env: dict[str, str] | None = None, **kw):
    """Run the CLI so that file permissions apply even when the tests run as root (as CI does)."""
    full_env = {k: v for k, v in os.environ.items() if k != "CLEANER_RULES"} | (env or {})
    preexec = _drop_root_powers if os.geteuid() == 0 else None
    try:
        return subprocess.run(
            [cleaner_exe(), *map(str, args)], capture_output=True, env=full_env, preexec_fn=preexec, timeout=120, **kw
        )
    except subprocess.SubprocessError as exc:  # prctl refused: no way to test permissions here
        pytest.skip(f"cannot drop root's file powers: {exc}")


# ---------------------------------------------------------------------------------------------
# YAML that PyYAML accepts or chokes on: one line with file:line, exit 2


def _billion_laughs() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, cur in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "id: x\n" + "\n".join(lines) + "\nrules: []\n"


BAD_YAML = {
    "int-tag": ("id: x\nthreshold: !!int abc\nrules: []\n", 2, "tag"),
    "local-tag": ("id: x\nthreshold: !foo 3\nrules: []\n", 2, "tag !foo"),
    "timestamp-tag": ("id: x\ndescription: !!timestamp 2024-99-99\nrules: []\n", 2, "tag"),
    "python-tag": ("id: x\ndescription: !!python/object:os.system ls\nrules: []\n", 2, "tag"),
    "map-tag": ("id: x\nrules: !!map {}\n", 2, "tag"),
    "merge-key": ("id: x\nrules: []\nbase: &b {threshold: 80}\n<<: *b\n", 3, "anchor"),
    "merge-key-plain": ("id: x\nrules: []\n<<: {threshold: 80}\n", 3, "unknown key '<<'"),
    "self-alias": ("id: x\nrules: &a [*a]\n", 2, "anchor &a"),
    "undefined-alias": ("id: x\nrules: [*nope]\n", 2, "alias"),
    "billion-laughs": (_billion_laughs(), 2, "anchor &a"),
    "deep-flow-lists": ("id: x\nrules: " + "[" * 20_000 + "\n", 2, "nest"),
    "deep-flow-maps": ("id: x\nrules: " + "{a: " * 20_000 + "\n", 2, "nest"),
    "deep-block-lists": ("id: x\nrules:\n" + "".join(" " * i + "-\n" for i in range(2, 200)), 34, "nested deeper"),
    "huge-int": ("id: x\nthreshold: " + "9" * 5000 + "\nrules: []\n", 2, "bad value"),
    "value-key": ("id: x\nrules: []\n=: 1\n", 3, "unknown key '='"),
    "two-documents": ("id: x\nrules: []\n---\nid: y\n", 3, "another document"),
    "nul-byte": ("id: x\nrules: []\ndescription: a\x00b\n", 3, "YAML error"),
    "line-separator": ("id: x\nrules: []\n\n[\u2028\u2028\n", 4, "U+2028 is a line break"),
    "lone-cr": ("id: x\rrules: []\n", 1, "U+000D is a line break"),
}


@pytest.mark.parametrize("name", sorted(BAD_YAML))
def test_hostile_yaml_is_one_error_line_with_file_and_line(tmp_path: Path, name: str) -> None:
    text, line, problem = BAD_YAML[name]
    folder = _rules_folder(tmp_path, text)
    started = time.perf_counter()
    for command in ("rules", "clean"):
        proc = run_cli(command, "--rules", folder, stdin="Реклама\n", timeout=60)
        _one_error_line(proc, f"x.yaml:{line}: ", problem)
        assert proc.stdout == b""
    assert time.perf_counter() - started < 30  # no expansion, no exponential parse


def test_billion_laughs_is_refused_before_anything_is_built(tmp_path: Path) -> None:
    """With 300 MB of address space the old loader died expanding the aliases; refusing them needs none."""
    folder = _rules_folder(tmp_path, _billion_laughs())

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    env = {k: v for k, v in os.environ.items() if k != "CLEANER_RULES"}
    proc = subprocess.run(
        [cleaner_exe(), "rules", "--rules", folder], capture_output=True, env=env, preexec_fn=limit, timeout=60
    )
    _one_error_line(proc, "x.yaml:2: ", "anchor")


def test_date_like_text_stays_text(tmp_path: Path) -> None:
    rule = "id: x\nhosts: [x.test]\nrules:\n  - id: stamp\n    kind: line\n    text: 2024-99-99\n"
    folder = _rules_folder(tmp_path, rule)
    proc = run_cli("clean", "--rules", folder, "--site", "x", "--no-generic", stdin="2024-99-99\nArticle.\n")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == b"Article.\n"


def test_str_tag_is_allowed(tmp_path: Path) -> None:
    rule = "id: x\nhosts: [x.test]\nrules:\n  - id: year\n    kind: line\n    text: !!str 2024\n"
    folder = _rules_folder(tmp_path, rule)
    assert run_cli("rules", "--rules", folder).returncode == 0


# ---------------------------------------------------------------------------------------------
# Files and folders in the rule path


def test_fifo_named_like_a_rule_file_is_refused_without_blocking(tmp_path: Path) -> None:
    folder = _rules_folder(tmp_path, "id: a\nrules:\n" + GOOD_RULE, "a.yaml")
    os.mkfifo(folder / "x.yaml")
    for command in ("rules", "clean", "check"):
        proc = run_cli(command, "--rules", folder, stdin="", timeout=30)
        _one_error_line(proc, "x.yaml", "not a regular file")


def test_folder_named_like_a_rule_file_is_refused(tmp_path: Path) -> None:
    folder = _rules_folder(tmp_path, "id: a\nrules:\n" + GOOD_RULE, "a.yaml")
    (folder / "x.yml").mkdir()
    _one_error_line(run_cli("rules", "--rules", folder), "x.yml", "not a regular file")


@pytest.mark.parametrize("how", ["--rules", "CLEANER_RULES"])
def test_missing_rules_folder_is_refused_the_same_way_from_option_and_variable(tmp_path: Path, how: str) -> None:
    missing = tmp_path / "nope"
    proc = run_cli("rules", "--rules", missing) if how == "--rules" else run_cli("rules", env={how: str(missing)})
    line = _one_error_line(proc, str(missing), "does not exist")
    assert ("$CLEANER_RULES" in line) == (how == "CLEANER_RULES")


@pytest.mark.parametrize("how", ["--rules", "CLEANER_RULES"])
def test_unreadable_rules_folder_is_refused_from_option_and_variable(tmp_path: Path, how: str) -> None:
    base = Path(os.environ.get("TMPDIR", "/tmp")) / f"cleaner-unreadable-{os.getpid()}"
    folder = base / "rules"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "x.yaml").write_text("id: x\nrules:\n" + GOOD_RULE, encoding="utf-8")
    folder.chmod(0)
    try:
        if how == "--rules":
            proc = run_unprivileged("rules", "--rules", folder)
        else:
            proc = run_unprivileged("rules", env={how: str(folder)})
        line = _one_error_line(proc, str(folder), "cannot be read")
        assert ("$CLEANER_RULES" in line) == (how == "CLEANER_RULES")
    finally:
        folder.chmod(0o755)
        shutil.rmtree(base)


# ---------------------------------------------------------------------------------------------
# Rules that load but used to break every clean, hang, or remove every line


def test_patterns_re2_cannot_compile_as_one_set_still_clean(tmp_path: Path) -> None:
    rules = "".join(
        f"  - id: p{i}\n    kind: pattern\n    pattern: '^[a-z]{{1,1000}}{i}zz$'\n" for i in range(60)
    )  # each compiles alone; together they are past RE2's set memory budget
    folder = _rules_folder(tmp_path, "id: big\nhosts: [big.test]\nrules:\n" + rules)
    assert run_cli("rules", "--rules", folder).returncode == 0
    page = "Article line one.\nabc7zz\nxyz59zz\nArticle line two.\n"
    proc = run_cli("clean", "--rules", folder, "--site", "big", "--no-generic", "--explain", stdin=page)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode() == "Article line one.\nArticle line two.\n"
    assert "big/p7" in proc.stderr.decode() and "big/p59" in proc.stderr.decode()


def _shape_rule(optional: int) -> str:
    elements = "      - pattern: '^x'\n" + "      - pattern: '^x'\n        optional: true\n" * optional
    return (
        "id: sh\nhosts: [sh.test]\nrules:\n  - id: list\n    kind: block\n    anchor: START HERE\n"
        f"    extent: shape\n    shape:\n{elements}"
    )


def test_shape_of_many_optional_elements_is_fast(tmp_path: Path) -> None:
    """30 optional elements took over 60 s (2**30 paths); the automaton takes milliseconds."""
    folder = _rules_folder(tmp_path, _shape_rule(40))
    article = "".join(f"The article goes on with its paragraph number {n}.\n" for n in range(60))
    page = "START HERE\n" + "x item\n" * 300 + article  # the list is under the 90% removal cap
    proc = run_cli("clean", "--rules", folder, "--site", "sh", "--no-generic", stdin=page, timeout=30)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode() == article


def test_shape_longer_than_the_bound_is_refused(tmp_path: Path) -> None:
    folder = _rules_folder(tmp_path, _shape_rule(SHAPE_MAX_ELEMENTS))
    _one_error_line(run_cli("rules", "--rules", folder), "x.yaml:8: ", f"at most {SHAPE_MAX_ELEMENTS} elements")


@pytest.mark.parametrize(
    ("threshold", "where"), [("-1", "file"), ("101", "file"), ("0", "file"), ("0", "rule"), ("1e999", "rule")]
)
def test_thresholds_outside_range_or_zero_are_refused(tmp_path: Path, threshold: str, where: str) -> None:
    rule = f"  - id: ad\n    kind: line\n    text: Реклама\n    threshold: {threshold}\n"
    text = f"id: x\nthreshold: {threshold}\nrules:\n{GOOD_RULE}" if where == "file" else f"id: x\nrules:\n{rule}"
    line = 2 if where == "file" else 6
    _one_error_line(run_cli("rules", "--rules", _rules_folder(tmp_path, text)), f"x.yaml:{line}: ", "threshold")


def test_threshold_that_looks_like_a_fraction_warns(tmp_path: Path) -> None:
    folder = _rules_folder(tmp_path, "id: x\nthreshold: 0.9\nrules:\n" + GOOD_RULE)
    proc = run_cli("rules", "--rules", folder)
    assert proc.returncode == 0
    assert "cleaner: warning: " in proc.stderr.decode() and "x.yaml:2: threshold 0.9" in proc.stderr.decode()


def test_rule_that_removes_its_own_keep_example_is_refused(tmp_path: Path) -> None:
    rule = (
        "  - id: ad\n    kind: line\n    text: Реклама\n    threshold: 0.9\n"
        "    examples:\n      drop: [Реклама]\n      keep: [Стаття про економіку]\n"
    )
    folder = _rules_folder(tmp_path, "id: x\nrules:\n" + rule)
    _one_error_line(run_cli("rules", "--rules", folder), "x.yaml:3: ", "keep example", "removed it")


@pytest.mark.parametrize("pattern", [".", "a*", "^", "(?:)", "\\S|\\s", "[\\s\\S]", "^.*$", "x?", "\\w|\\W"])
def test_removal_patterns_that_match_every_line_are_refused(tmp_path: Path, pattern: str) -> None:
    rule = f"  - id: all\n    kind: pattern\n    pattern: '{pattern}'\n"
    folder = _rules_folder(tmp_path, "id: x\nrules:\n" + rule)
    _one_error_line(run_cli("rules", "--rules", folder), "x.yaml:5: ", "every line")


def test_a_keep_pattern_or_a_word_bound_pattern_may_match_widely(tmp_path: Path) -> None:
    rules = (
        "  - id: guard\n    kind: keep\n    pattern: '.'\n"
        "  - id: short\n    kind: pattern\n    pattern: '.'\n    max_words: 1\n"
    )
    assert run_cli("rules", "--rules", _rules_folder(tmp_path, "id: x\nrules:\n" + rules)).returncode == 0


def test_bundled_rules_pass_every_new_check() -> None:
    proc = run_cli("rules")
    assert proc.returncode == 0, proc.stderr
    assert "warning" not in proc.stderr.decode()


# ---------------------------------------------------------------------------------------------
# check


def _golden_copy(root: Path) -> Path:
    target = root / "golden"
    shutil.copytree(GOLDEN, target)
    return target


@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_check_reports_a_case_that_is_not_a_file_and_goes_on(tmp_path: Path, kind: str) -> None:
    golden = _golden_copy(tmp_path)
    bad = golden / "ostro.org/zz-bad.input.txt"
    bad.mkdir() if kind == "folder" else os.mkfifo(bad)
    proc = run_cli("check", golden, timeout=60)
    out = proc.stdout.decode()
    assert proc.returncode == 2, out
    assert "UNREADABLE ostro.org/zz-bad: " in out and "not a regular file" in out
    assert out.count("\n") == 2 and "1 unreadable" in out  # the other cases ran and passed
    assert "Traceback" not in proc.stderr.decode()


def test_check_reports_an_unreadable_case(tmp_path: Path) -> None:
    base = Path("/tmp") / f"cleaner-check-{os.getpid()}"
    golden = _golden_copy(base)
    case = golden / "ostro.org/seed-002.input.txt"
    case.chmod(0)
    try:
        proc = run_unprivileged("check", golden)
        out = proc.stdout.decode()
        assert proc.returncode == 2, (out, proc.stderr)
        assert "UNREADABLE ostro.org/seed-002: cannot read" in out and "Permission denied" in out
    finally:
        shutil.rmtree(base)


def test_check_update_in_a_read_only_folder_loses_nothing(tmp_path: Path) -> None:
    base = Path("/tmp") / f"cleaner-ro-{os.getpid()}"
    golden = _golden_copy(base)
    expected = golden / "ostro.org/seed-002.expected.txt"
    original = expected.read_bytes()
    expected.write_bytes(b"stale\n")
    for folder in (golden, *golden.iterdir()):
        folder.chmod(0o555)
    try:
        proc = run_unprivileged("check", golden, "--update")
        out = proc.stdout.decode()
        assert proc.returncode == 2, (out, proc.stderr)
        assert "UNWRITABLE ostro.org/seed-002: cannot write" in out and "Traceback" not in proc.stderr.decode()
        assert expected.read_bytes() == b"stale\n"
        assert not [p for p in golden.rglob("*") if p.name.endswith(".tmp")]
    finally:
        for folder in (golden, *golden.iterdir()):
            folder.chmod(0o755)
        expected.write_bytes(original)
        shutil.rmtree(base)


def test_temporary_file_of_a_killed_update_is_ignored_then_swept(tmp_path: Path) -> None:
    golden = _golden_copy(tmp_path)
    expected = golden / "ostro.org/seed-002.expected.txt"
    # A writer killed mid-write, with the real temporary-file naming of write_atomic.
    killed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, sys; from pathlib import Path; from cleaner.textio import open_atomic\n"
            "with open_atomic(Path(sys.argv[1])) as h:\n    os._exit(9)",
            expected,
        ],
        check=False,
    )
    assert killed.returncode == 9
    leftovers = [p for p in expected.parent.iterdir() if p.name.startswith(".")]
    assert len(leftovers) == 1 and leftovers[0].stat().st_size == 0
    proc = run_cli("check", golden)
    assert proc.returncode == 0, proc.stdout  # ignored: not a case, not an orphan
    assert leftovers[0].exists()
    proc = run_cli("check", golden, "--update")
    assert proc.returncode == 0, proc.stdout
    assert not leftovers[0].exists()
    assert expected.read_bytes() == (GOLDEN / "ostro.org/seed-002.expected.txt").read_bytes()


# ---------------------------------------------------------------------------------------------
# batch


def _pages(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"p{i:03d}.txt").write_bytes(SEED_000.read_bytes())
    return folder


@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_batch_report_that_is_not_a_file_is_refused_before_cleaning(tmp_path: Path, kind: str) -> None:
    src, out, report = _pages(tmp_path / "in", 3), tmp_path / "out", tmp_path / "report.json"
    report.mkdir() if kind == "folder" else os.mkfifo(report)
    proc = run_cli("batch", src, out, "--report", report)
    _one_error_line(proc, str(report), "must name a file")
    assert not out.exists()


@pytest.mark.parametrize(("limit", "what"), [(48_000, "the report"), (8_000, "the manifest")])
def test_batch_metadata_write_failure_is_one_line_and_leaves_no_partial_file(
    tmp_path: Path, limit: int, what: str
) -> None:
    """A file-size limit makes writes fail as a full disk does: past the 1.7 KB outputs, then past the
    32 KB manifest (200 pages) but not the 94 KB report, or past neither."""
    src, out, report = _pages(tmp_path / "in", 200), tmp_path / "out", tmp_path / "rep" / "report.json"
    report.parent.mkdir()

    def cap_file_size() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    env = {k: v for k, v in os.environ.items() if k != "CLEANER_RULES"}
    proc = subprocess.run(
        [cleaner_exe(), "batch", src, out, "--jobs", "1", "--report", report],
        capture_output=True,
        env=env,
        preexec_fn=cap_file_size,
        timeout=120,
    )
    _one_error_line(proc, f"cannot write {what}", "written")
    assert list(report.parent.iterdir()) == []  # no half report, no temporary
    assert len(list(out.glob("*.txt"))) == 200
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


NASTY_NAMES = [b"caf\xe9.txt", b"a\nb.txt", b"tab\there.txt", b"cr\rx.txt", b"esc\x1b[31m.txt", b"\xff\xfe.txt"]


def test_batch_report_and_failed_lines_survive_any_file_name(tmp_path: Path) -> None:
    src, out, report = tmp_path / "in", tmp_path / "out", tmp_path / "report.json"
    src.mkdir()
    for n, name in enumerate(NASTY_NAMES):
        body = SEED_000.read_bytes() if n % 2 == 0 else b"\x00binary\x00"  # half of them fail
        with open(os.fsencode(src) + b"/" + name, "wb") as handle:
            handle.write(body)
    proc = run_cli("batch", src, out, "--jobs", "1", "--report", report)
    assert proc.returncode == 1, proc.stderr
    err = proc.stderr.decode("utf-8")  # strict: valid UTF-8
    failed = [line for line in err.split("\n") if line.startswith("cleaner: failed: ")]
    assert len(failed) == len(NASTY_NAMES) // 2
    assert not [line for line in err.split("\n") if line.startswith("b.txt") or line.startswith("x.txt")]
    data = json.loads(report.read_bytes().decode("utf-8"))  # strict UTF-8, valid JSON
    paths = {row["path"] for row in data["files"]}
    assert "caf\\xe9.txt" in paths and "a\\nb.txt" in paths and "\\xff\\xfe.txt" in paths
    assert all("\n" not in p and "\x1b" not in p for p in paths)
    outputs = {os.fsencode(p.name) for p in out.iterdir() if not p.name.startswith(".")}
    assert outputs == set(NASTY_NAMES[0::2])  # outputs keep the real names
    again = run_cli("batch", src, out, "--jobs", "1")  # the manifest holds the names too, and reads back
    assert again.returncode == 1 and f"{len(NASTY_NAMES) // 2} skipped up to date" in again.stderr.decode()


@pytest.mark.parametrize("jobs", ["99999999999999999999", "0", "-3", "1025"])
def test_absurd_job_counts_are_usage_errors(tmp_path: Path, jobs: str) -> None:
    proc = run_cli("batch", _pages(tmp_path / "in", 2), tmp_path / "out", "-j", jobs, timeout=30)
    assert proc.returncode == 2
    assert "--jobs" in proc.stderr.decode() and "Traceback" not in proc.stderr.decode()
    assert not (tmp_path / "out").exists()


def test_many_jobs_for_few_pages_start_only_what_is_needed(tmp_path: Path) -> None:
    proc = run_cli("batch", _pages(tmp_path / "in", 3), tmp_path / "out", "-j", "1024", timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert len(list((tmp_path / "out").glob("*.txt"))) == 3


@pytest.mark.parametrize("target", ["out", "parent-of-out", "page-in-out"])
def test_symlinks_into_the_output_folder_are_never_read(tmp_path: Path, target: str) -> None:
    src, out = _pages(tmp_path / "in", 3), tmp_path / "work" / "out"
    out.mkdir(parents=True)  # as after a first run
    if target == "out":
        (src / "link").symlink_to(out, target_is_directory=True)
    elif target == "parent-of-out":
        (src / "link").symlink_to(out.parent, target_is_directory=True)
    else:
        (out / "planted.txt").write_bytes(SEED_000.read_bytes())
        (src / "planted.txt").symlink_to(out / "planted.txt")
    for _ in range(3):
        proc = run_cli("batch", src, out, "--jobs", "1")
        assert proc.returncode == 1, proc.stderr
        assert "inside the output folder" in proc.stderr.decode()
    outputs = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file() and not p.name.startswith("."))
    assert outputs == sorted(
        ["p000.txt", "p001.txt", "p002.txt", *(["planted.txt"] if target == "page-in-out" else [])]
    )


def test_output_folder_inside_the_input_folder_is_refused(tmp_path: Path) -> None:
    src = _pages(tmp_path / "in", 2)
    _one_error_line(run_cli("batch", src, src / "out"), "inside the input folder")
    (tmp_path / "alias").symlink_to(src, target_is_directory=True)
    _one_error_line(run_cli("batch", tmp_path / "alias", src / "out"), "inside the input folder")


@pytest.mark.parametrize("when", ["at-start", "mid-run"])
def test_two_ctrl_c_in_quick_succession_exit_130_promptly(tmp_path: Path, when: str) -> None:
    """Two SIGINTs 30 ms apart, five times: each run exits 130 within seconds, leaves no process behind."""
    src = _pages(tmp_path / "in", 1500)
    expected = run_cli("clean", SEED_000).stdout
    for trial in range(5):
        out = tmp_path / f"out{trial}"
        proc = subprocess.Popen(
            [cleaner_exe(), "batch", src, out, "--jobs", "2"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        # at-start: as soon as OUT_DIR is made, while the workers start; mid-run: 40 pages in
        written = 0 if when == "at-start" else 40
        deadline = time.time() + 60
        while time.time() < deadline and (not out.is_dir() or len(os.listdir(out)) < written):
            time.sleep(0.002)
        for _ in range(2):
            try:
                os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C sends: the whole process group
            except ProcessLookupError:
                break
            time.sleep(0.03)
        started = time.time()
        try:
            _, err = proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            pytest.fail(f"trial {trial}: still running 10 s after two Ctrl-C")
        assert time.time() - started < 10
        if proc.returncode == 0:
            continue  # finished before the signals: nothing to see
        text = err.decode()
        assert proc.returncode == 130, (trial, proc.returncode, text)
        assert "Traceback" not in text and "Exception ignored" not in text, text
        with pytest.raises(ProcessLookupError):  # no worker outlived the run
            for _ in range(50):
                os.killpg(proc.pid, 0)
                time.sleep(0.1)
        if out.is_dir():
            names = [n for n in os.listdir(out) if not n.startswith(".cleaner-manifest")]
            assert not [n for n in names if n.endswith(".tmp")]
            assert all((out / n).read_bytes() == expected for n in names)


# ---------------------------------------------------------------------------------------------
# learn -o


@pytest.fixture(scope="module")
def site_pages(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("pages")
    for i, text in enumerate(seedgen.pages("interfax", 8, seed=3)):
        (folder / f"page-{i:02d}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("force", [False, True])
@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_learn_output_that_is_a_folder_or_fifo_is_refused(site_pages: Path, tmp_path: Path, kind: str, force: bool):
    target = tmp_path / "out"
    target.mkdir() if kind == "folder" else os.mkfifo(target)
    args = ["learn", site_pages, "--site", "example.test", "-o", target, *(["--force"] if force else [])]
    _one_error_line(run_cli(*args, timeout=60), str(target), "is a folder or a device")
    assert target.is_dir() if kind == "folder" else not target.is_file()


def test_learn_output_in_a_read_only_folder_is_one_line(site_pages: Path) -> None:
    base = Path("/tmp") / f"cleaner-learn-{os.getpid()}"
    (base / "ro").mkdir(parents=True)
    shutil.copytree(site_pages, base / "pages")
    (base / "ro").chmod(0o555)
    try:
        proc = run_unprivileged("learn", base / "pages", "--site", "example.test", "-o", base / "ro" / "x.yaml")
        _one_error_line(proc, "cannot write", "nothing written")
        assert list((base / "ro").iterdir()) == []
    finally:
        (base / "ro").chmod(0o755)
        shutil.rmtree(base)


# ---------------------------------------------------------------------------------------------
# The linear shape matcher and the split pattern sets give the verdicts of the originals


def _old_shape_run(shape, keys) -> int:
    """The search through every optional choice that the automaton replaced (exponential), as reference."""
    compiled: dict = {}

    def item_ends(start: int) -> list[int]:
        def walk(e: int, p: int):
            if e == len(shape):
                yield p
                return
            if shape[e].optional:
                yield from walk(e + 1, p)
            if p < len(keys) and _fits(shape[e], keys[p], compiled):
                yield from walk(e + 1, p + 1)

        return sorted({end for end in walk(0, start) if end > start}, reverse=True)

    def partial(start: int) -> bool:
        def walk(e: int, p: int) -> bool:
            if p == len(keys):
                return True
            if e == len(shape):
                return False
            if shape[e].optional and walk(e + 1, p):
                return True
            return _fits(shape[e], keys[p], compiled) and walk(e + 1, p + 1)

        return start < len(keys) and walk(0, start)

    pos = 0
    while pos < len(keys):
        ends = item_ends(pos)
        if not ends:
            return len(keys) if partial(pos) else pos
        pos = next((e for e in ends if e == len(keys) or item_ends(e)), ends[0])
    return pos


_elements = st.builds(
    ShapeElement,
    pattern=st.sampled_from([None, "^x", "^y", "^[xy]", "z$"]),
    optional=st.booleans(),
    min_words=st.integers(0, 2),
    max_words=st.sampled_from([None, 1, 2, 3]),
)


@settings(max_examples=400, deadline=None)
@given(
    shape=st.lists(_elements, min_size=1, max_size=7),
    keys=st.lists(st.sampled_from(["x", "y", "x y", "y z", "z", "x y z", "q"]), max_size=14),
)
def test_shape_automaton_agrees_with_the_exhaustive_search(shape, keys) -> None:
    assert _shape_run(shape, keys) == _old_shape_run(shape, keys)


@settings(max_examples=200, deadline=None)
@given(
    sources=st.lists(st.sampled_from(["^a", "b$", "a.c", "\\d+", "^[a-z]{1,1000}7$", "x|y", "(?i)Q"]), min_size=1),
    text=st.text(alphabet="abcxyq7Q0 ", max_size=12),
)
def test_split_pattern_sets_match_as_one_set_would(sources, text) -> None:
    expected = [n for n, source in enumerate(sources) if compile_pattern(source).search(text) is not None]
    assert PatternGroups(sources).Match(text) == expected


def test_patterns_past_the_set_budget_are_split_and_match_the_same() -> None:
    sources = [f"^[a-z]{{1,1000}}{i}zz$" for i in range(60)] + ["^read more$", "\\d{4}"]
    groups = PatternGroups(sources)
    assert len(groups.groups) > 1
    for text in ["abc7zz", "xyz59zz", "read more", "in 2024", "nothing", "q0zz 1999"]:
        expected = [n for n, source in enumerate(sources) if compile_pattern(source).search(text) is not None]
        assert groups.Match(text) == expected, text


def test_check_reports_an_unreadable_folder_of_cases() -> None:
    base = Path("/tmp") / f"cleaner-check-dir-{os.getpid()}"
    golden = _golden_copy(base)
    (golden / "ostro.org").chmod(0)
    try:
        proc = run_unprivileged("check", golden)
        out = proc.stdout.decode()
        assert proc.returncode == 2, (out, proc.stderr)
        assert "UNREADABLE " in out and "ostro.org: folder cannot be listed (Permission denied)" in out
        assert "1 folders unreadable" in out
    finally:
        (golden / "ostro.org").chmod(0o755)
        shutil.rmtree(base)
