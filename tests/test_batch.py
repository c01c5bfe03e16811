"""`cleaner batch` through the real CLI: mirrored paths, parallel runs, skips, bad pages, atomic writes."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from cleaner.manifest import MANIFEST_NAME

from .conftest import GOLDEN, cleaner_exe, run_cli

SEED_000 = GOLDEN / "interfax.com.ua/seed-000.input.txt"
SEED_002 = GOLDEN / "ostro.org/seed-002.input.txt"
INPUTS = sorted(GOLDEN.glob("*/*.input.txt"))


def _start_batch_until(src: Path, out: Path, written: int, stderr: int) -> subprocess.Popen[bytes]:
    """Start `cleaner batch -j2` in its own process group; return once OUT holds `written` entries (or after 60 s)."""
    proc = subprocess.Popen(
        [cleaner_exe(), "batch", src, out, "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=stderr,
        start_new_session=True,
    )
    deadline = time.time() + 60
    while time.time() < deadline and (not out.is_dir() or len(os.listdir(out)) < written):
        time.sleep(0.005)
    return proc


def _page_html(text_page: Path) -> str:
    """An HTML page whose body holds the text page's non-blank lines, with a menu, a script and a footer."""
    lines = [line for line in text_page.read_text(encoding="utf-8").splitlines() if line.strip()]
    body = "\n".join(f"<p>{line}</p>" for line in lines)
    return (
        "<!DOCTYPE html><html><head><title>t</title><script>var menu = 1;</script></head><body>"
        f"<article>{body}</article><script>track();</script></body></html>"
    )


def _tree(root: Path) -> dict[str, bytes]:
    """Every file under root by relative path, with its bytes (but batch's own manifest)."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != MANIFEST_NAME
    }


def _report(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _by_path(report: dict) -> dict[str, dict]:
    return {f["path"]: f for f in report["files"]}


def test_batch_mirrors_paths_and_matches_single_clean(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    (src / "ua" / "deep").mkdir(parents=True)
    shutil.copy(SEED_000, src / "ua" / "deep" / "a.txt")
    shutil.copy(SEED_002, src / "b.txt")
    (src / "notes.md").write_text("not a page\n", encoding="utf-8")
    (src / "ua" / "page.HTML").write_text(_page_html(SEED_002), encoding="utf-8")
    before = _tree(src)
    proc = run_cli("batch", src, out, "--jobs", "2")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == b""  # messages only on stderr
    assert sorted(_tree(out)) == ["b.txt", "ua/deep/a.txt", "ua/page.txt"]
    assert _tree(src) == before  # nothing written into IN_DIR
    for rel, page in (("ua/deep/a.txt", SEED_000), ("b.txt", SEED_002)):
        assert (out / rel).read_bytes() == run_cli("clean", page).stdout
    html_out = (out / "ua/page.txt").read_text(encoding="utf-8")
    assert "Вашингтонський саміт НАТО має стати платформою" in html_out and "track()" not in html_out
    err = proc.stderr.decode()
    assert "3 files: 3 cleaned" in err and "pages/s" in err and "lines removed" in err
    assert "\x1b[" not in err and "\r" not in err  # no progress bar when stderr is not a terminal


def test_glob_option_chooses_files(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    (src / "x").mkdir(parents=True)
    shutil.copy(SEED_000, src / "x" / "a.page")
    shutil.copy(SEED_002, src / "b.txt")
    proc = run_cli("batch", src, out, "--glob", "*.page")
    assert proc.returncode == 0, proc.stderr
    assert sorted(_tree(out)) == ["x/a.page"]


@pytest.mark.parametrize("where", ["same", "inside"])
def test_refuses_out_dir_equal_to_or_inside_in_dir(tmp_path: Path, where: str) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SEED_000, src / "a.txt")
    out = src if where == "same" else src / "cleaned"
    proc = run_cli("batch", src, out)
    assert proc.returncode == 2 and proc.stdout == b""
    err = proc.stderr.decode()
    assert err.startswith("cleaner: error: ") and err.count("\n") == 1 and "input folder" in err
    assert sorted(p.name for p in src.iterdir()) == ["a.txt"]


def test_refuses_missing_input_folder_and_unknown_site(tmp_path: Path) -> None:
    missing = run_cli("batch", tmp_path / "nope", tmp_path / "out")
    assert missing.returncode == 2 and "nope" in missing.stderr.decode()
    (tmp_path / "in").mkdir()
    unknown = run_cli("batch", tmp_path / "in", tmp_path / "out", "--site", "example.org")
    assert unknown.returncode == 2 and "example.org" in unknown.stderr.decode()


def test_rerun_skips_up_to_date_outputs_and_force_redoes_them(tmp_path: Path) -> None:
    src, out, report = tmp_path / "in", tmp_path / "out", tmp_path / "r.json"
    src.mkdir()
    for name, page in (("a.txt", SEED_000), ("b.txt", SEED_002)):
        shutil.copy(page, src / name)
        os.utime(src / name, (time.time() - 100, time.time() - 100))
    assert run_cli("batch", src, out).returncode == 0
    first = _tree(out)
    again = run_cli("batch", src, out, "--report", report)
    assert again.returncode == 0
    assert {f["status"] for f in _report(report)["files"]} == {"skipped"}
    assert "2 skipped" in again.stderr.decode()
    # A changed input is redone, the other one skipped.
    (src / "a.txt").write_bytes(SEED_002.read_bytes())
    os.utime(src / "a.txt", (time.time() + 100, time.time() + 100))
    assert run_cli("batch", src, out, "--report", report).returncode == 0
    statuses = {path: f["status"] for path, f in _by_path(_report(report)).items()}
    assert statuses == {"a.txt": "ok", "b.txt": "skipped"}
    assert (out / "a.txt").read_bytes() == first["b.txt"]
    assert run_cli("batch", src, out, "--force", "--report", report).returncode == 0
    assert {f["status"] for f in _report(report)["files"]} == {"ok"}


def _many_pages(src: Path, copies: int) -> None:
    """Golden inputs copied under many names and folders, with small changes so pages differ."""
    for i in range(copies):
        for j, page in enumerate(INPUTS):
            target = src / f"d{i % 3}" / f"p{i:03d}-{j:02d}.txt"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(page.read_bytes() + f"Рядок {i} сторінки {j}.\n".encode())


def test_jobs_1_and_jobs_2_give_identical_outputs_and_reports(tmp_path: Path) -> None:
    src = tmp_path / "in"
    _many_pages(src, 6)
    runs = {}
    for jobs in ("1", "2"):
        out, report = tmp_path / f"out{jobs}", tmp_path / f"r{jobs}.json"
        proc = run_cli("batch", src, out, "--jobs", jobs, "--report", report)
        assert proc.returncode == 0, proc.stderr
        data = _report(report)
        for f in data["files"]:
            f.pop("seconds")
            f.pop("cpu_seconds")
        runs[jobs] = (_tree(out), data["files"], {k: v for k, v in data["summary"].items() if "second" not in k})
    assert runs["1"] == runs["2"]
    assert len(runs["1"][0]) == 6 * len(INPUTS)


def test_report_has_summary_and_per_file_figures(tmp_path: Path) -> None:
    src, out, report = tmp_path / "in", tmp_path / "out", tmp_path / "reports" / "r.json"
    src.mkdir()
    shutil.copy(SEED_000, src / "a.txt")
    shutil.copy(SEED_002, src / "b.txt")
    (src / "bad.txt").write_bytes(b"\x00\x01binary\x00" * 10)
    proc = run_cli("batch", src, out, "--report", report)
    assert proc.returncode == 1
    data = _report(report)
    s = data["summary"]
    assert (s["files"], s["cleaned"], s["failed"], s["skipped"]) == (3, 2, 1, 0)
    files = _by_path(data)
    assert list(files) == ["a.txt", "b.txt", "bad.txt"]  # sorted, whatever finished first
    a = files["a.txt"]
    assert a["status"] == "ok" and a["site"] == "interfax.com.ua" and a["encoding"] == "utf-8"
    assert a["bytes_in"] == SEED_000.stat().st_size and a["bytes_out"] == (out / "a.txt").stat().st_size
    assert a["removed"] > 0 and a["hits"]["interfax.com.ua/ad-label"] == 2
    assert s["bytes_in"] == sum(f["bytes_in"] for f in files.values())
    assert s["removed"] == sum(f["removed"] for f in files.values())
    assert s["hits"]["interfax.com.ua/ad-label"] == 2 and s["pages_per_second"] > 0
    assert files["bad.txt"]["status"] == "failed" and "binary" in files["bad.txt"]["reason"]
    err = proc.stderr.decode()
    assert "cleaner: failed: bad.txt:" in err and "1 failed" in err and "interfax.com.ua/ad-label" in err


def test_bad_pages_are_reported_and_the_batch_goes_on(tmp_path: Path) -> None:
    src, out, report = tmp_path / "in", tmp_path / "out", tmp_path / "r.json"
    (src / "sub").mkdir(parents=True)
    shutil.copy(SEED_000, src / "good.txt")
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(bytes(range(256)) * 64)
    with open(src / "huge.txt", "wb") as handle:  # one 200 MB line: over the 50 MiB default limit
        chunk = b"x" * (1 << 20)
        for _ in range(200):
            handle.write(chunk)
    (src / "loop1.txt").symlink_to(src / "loop2.txt")
    (src / "loop2.txt").symlink_to(src / "loop1.txt")
    (src / "sub" / "up").symlink_to(src)  # a folder loop
    (src / "dangling.txt").symlink_to(src / "gone.txt")
    os.mkfifo(src / "fifo.txt")
    unreadable = src / "unreadable.txt"
    shutil.copy(SEED_002, unreadable)
    unreadable.chmod(0)
    proc = run_cli("batch", src, out, "--jobs", "2", "--report", report)
    assert proc.returncode == 1
    files = _by_path(_report(report))
    reasons = {path: f["reason"] for path, f in files.items() if f["status"] == "failed"}
    assert "binary" in reasons.pop("binary.txt")
    assert "too big" in reasons.pop("huge.txt") and "--max-bytes" in proc.stderr.decode()
    assert reasons.pop("loop1.txt") == reasons.pop("loop2.txt") == "symlink loop"
    assert "symlink loop" in reasons.pop("sub/up")
    assert "no such file" in reasons.pop("dangling.txt")
    assert reasons.pop("fifo.txt") == "not a regular file"
    if os.geteuid() != 0:  # root reads any file, whatever its mode (see the test below)
        assert reasons.pop("unreadable.txt") == "permission denied"
    assert reasons == {}
    assert files["empty.txt"]["status"] == "ok" and files["empty.txt"]["reason"] == "empty input"
    assert (out / "empty.txt").read_bytes() == b""
    assert (out / "good.txt").read_bytes() == run_cli("clean", SEED_000).stdout
    assert not (out / "huge.txt").exists() and not (out / "binary.txt").exists()
    assert not list(out.rglob("*.tmp"))
    err = proc.stderr.decode()
    for name in ("binary.txt", "huge.txt", "loop1.txt", "dangling.txt", "fifo.txt"):
        assert f"cleaner: failed: {name}: " in err


def _as_unprivileged_user() -> list[str]:
    """A command prefix that runs the CLI without root's right to read any file, or [] if we are not root.

    Root ignores file modes, so a permission-denied page can only be made for another user:
    as root, the CLI runs as 'nobody' through util-linux's setpriv (skipped where that cannot run).
    """
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    prefix = [setpriv or "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    if setpriv is None or subprocess.run([*prefix, cleaner_exe(), "--help"], capture_output=True).returncode != 0:
        pytest.skip("running as root and cannot run the CLI as another user (setpriv)")
    return prefix


def test_an_unreadable_page_is_reported_as_permission_denied_and_the_others_go_on() -> None:
    prefix = _as_unprivileged_user()
    # A world-writable folder of its own: pytest's tmp_path is private to the user running the tests.
    base = Path(tempfile.mkdtemp(prefix="cleaner-perm-"))
    try:
        base.chmod(0o777)
        src, out = base / "in", base / "out"
        src.mkdir()
        src.chmod(0o755)
        shutil.copy(SEED_000, src / "good.txt")
        (src / "good.txt").chmod(0o644)
        shutil.copy(SEED_002, src / "secret.txt")
        (src / "secret.txt").chmod(0)
        proc = subprocess.run([*prefix, cleaner_exe(), "batch", str(src), str(out)], capture_output=True, check=False)
        assert proc.returncode == 1
        assert "cleaner: failed: secret.txt: permission denied" in proc.stderr.decode()
        assert (out / "good.txt").read_bytes() == run_cli("clean", SEED_000).stdout
        assert not (out / "secret.txt").exists() and not list(out.rglob("*.tmp"))
    finally:
        shutil.rmtree(base)


def test_max_bytes_limit_can_be_lowered(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "small.txt").write_text("Заголовок\nТекст статті.\n", encoding="utf-8")
    (src / "line.txt").write_bytes("Дуже довгий рядок. ".encode() * 200)  # one 4.6 KB line
    proc = run_cli("batch", src, out, "--max-bytes", "1000")
    assert proc.returncode == 1
    assert "line.txt: too big" in proc.stderr.decode()
    assert (out / "small.txt").exists() and not (out / "line.txt").exists()


def test_a_page_deleted_mid_run_is_reported(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    page = SEED_000.read_bytes()
    for i in range(1500):
        (src / f"p{i:04d}.txt").write_bytes(page)
    victim = src / "p1499.txt"  # the last in order: with one job, processed last
    proc = subprocess.Popen(
        [cleaner_exe(), "batch", src, out, "--jobs", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    deadline = time.time() + 60
    while not (out / "p0000.txt").exists() and time.time() < deadline:
        time.sleep(0.005)
    victim.unlink()
    _, err = proc.communicate(timeout=120)
    if proc.returncode == 0:  # the run finished before the delete: nothing to see, but nothing broken
        pytest.skip("the batch finished before the page could be deleted")
    assert proc.returncode == 1
    assert "cleaner: failed: p1499.txt: no such file" in err.decode()
    assert len(list(out.glob("p*.txt"))) == 1499


def test_killed_run_leaves_only_complete_outputs_and_a_rerun_finishes(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    pages = [SEED_000, SEED_002, GOLDEN / "ostro.org/russian-edition.input.txt"]
    expected = {}
    for page in pages:
        expected[page.name] = run_cli("clean", page).stdout
    for i in range(2400):
        page = pages[i % len(pages)]
        (src / f"{i:04d}-{page.name}").write_bytes(page.read_bytes())
    proc = _start_batch_until(src, out, written=200, stderr=subprocess.DEVNULL)
    os.killpg(proc.pid, signal.SIGKILL)  # the main process and its workers, mid-write
    proc.wait(timeout=30)
    written = [p for p in out.iterdir() if not p.name.startswith(".")]
    assert 0 < len(written) < 2400
    for path in written:
        assert path.read_bytes() == expected[path.name.split("-", 1)[1]], path
    rerun = run_cli("batch", src, out, "--jobs", "2")
    assert rerun.returncode == 0, rerun.stderr
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    outputs = [p for p in out.iterdir() if p.name != MANIFEST_NAME]
    assert len(outputs) == 2400
    for path in outputs:
        assert path.read_bytes() == expected[path.name.split("-", 1)[1]], path


def test_ctrl_c_stops_cleanly_with_exit_130(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    expected = run_cli("clean", SEED_000).stdout
    for i in range(2000):
        (src / f"{i:04d}.txt").write_bytes(SEED_000.read_bytes())
    proc = _start_batch_until(src, out, written=100, stderr=subprocess.PIPE)
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C sends: the whole foreground process group
    _, err = proc.communicate(timeout=60)
    if proc.returncode == 0:
        pytest.skip("the batch finished before the interrupt")
    assert proc.returncode == 130
    assert "cleaner: interrupted after" in err.decode() and "Traceback" not in err.decode()
    names = [n for n in os.listdir(out) if n != MANIFEST_NAME]
    assert not [n for n in names if n.endswith(".tmp")]
    assert all((out / n).read_bytes() == expected for n in names)
    # The interrupted run recorded the pages whose outcome it had received (on a busy machine the
    # workers may have written pages it had not heard of yet: those are whole, and redone), so a
    # re-run skips exactly those.
    recorded = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))["files"]
    assert set(recorded) <= set(names)
    rerun = run_cli("batch", src, out)
    assert f", {len(recorded)} skipped up to date" in rerun.stderr.decode()


def test_progress_bar_shows_on_a_terminal(tmp_path: Path) -> None:
    import pty

    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    for i in range(300):
        (src / f"{i:03d}.txt").write_bytes(SEED_002.read_bytes())
    master, slave = pty.openpty()
    proc = subprocess.Popen([cleaner_exe(), "batch", src, out, "--jobs", "1"], stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the other end closed
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    assert proc.wait(timeout=60) == 0
    assert b"cleaning" in seen and "━".encode() in seen and b"/300" in seen
    assert b"300 cleaned" in seen  # the summary follows the (erased) bar


def _descendants(pid: int) -> dict[int, int]:
    """Processes below pid, from /proc: {pid: parent pid}."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            parents.setdefault(ppid, []).append(int(entry))
    found: dict[int, int] = {}
    todo = [pid]
    while todo:
        parent = todo.pop(0)
        for child in parents.get(parent, []):
            found[child] = parent
            todo.append(child)
    return found


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_a_killed_worker_costs_nothing_its_pages_are_retried(tmp_path: Path) -> None:
    src, out, report = tmp_path / "in", tmp_path / "out", tmp_path / "r.json"
    src.mkdir()
    expected = run_cli("clean", SEED_002).stdout
    for i in range(2400):
        (src / f"{i:04d}.txt").write_bytes(SEED_002.read_bytes())
    proc = subprocess.Popen(
        [cleaner_exe(), "batch", src, out, "--jobs", "2", "--report", report],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.time() + 60
    while time.time() < deadline and (not out.is_dir() or len(os.listdir(out)) < 100):
        time.sleep(0.005)
    # The pool's workers: forked copies of the main process (same command line), or the
    # forkserver's children when the pool was started that way. Kill one.
    below = _descendants(proc.pid)
    main_cmd = Path(f"/proc/{proc.pid}/cmdline").read_bytes()
    forked = [p for p in below if _cmdline(p) == main_cmd]
    workers = sorted(forked or [p for p, parent in below.items() if parent != proc.pid])
    if not workers or proc.poll() is not None:
        proc.kill()
        pytest.skip("the batch finished before a worker could be killed")
    os.kill(workers[0], signal.SIGKILL)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode()
    assert sorted(set(os.listdir(out)) - {MANIFEST_NAME}) == [f"{i:04d}.txt" for i in range(2400)]
    assert all((out / name).read_bytes() == expected for name in set(os.listdir(out)) - {MANIFEST_NAME})
    assert _report(report)["summary"]["cleaned"] == 2400


@pytest.mark.parametrize(("max_bytes", "status"), [(1000, "ok"), (12, "failed")])
def test_a_page_that_grew_after_its_stat_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, max_bytes: int, status: str
) -> None:
    from types import SimpleNamespace

    from cleaner import batch as b
    from cleaner.rules import load_rules

    src = tmp_path / "in.txt"
    src.write_text("First line of text.\nSecond line of text.\n", encoding="utf-8")
    real_stat = os.stat

    def stale_stat(path: str, **kwargs: object) -> object:  # the size the file had before it grew
        found = real_stat(path, **kwargs)
        return SimpleNamespace(st_mode=found.st_mode, st_size=5) if path == str(src) else found

    monkeypatch.setattr(b.os, "stat", stale_stat)
    task = b.Task(str(src), str(tmp_path / "out.txt"), "in.txt", "in.txt")
    outcome = b.clean_file(task, load_rules(env={}), b.Options(generic=False, max_bytes=max_bytes))
    assert outcome.status == status
    if status == "ok":
        assert (tmp_path / "out.txt").read_bytes() == src.read_bytes()
    else:
        assert "grew while read" in outcome.reason


def test_outcome_as_dict_is_asdict() -> None:
    from dataclasses import asdict

    from cleaner.batch import FileOutcome

    outcome = FileOutcome("a.txt", "a.txt", "ok", "", 10, 5, 3, 1, {"common/x": 1}, "site", "utf-8", False, 0.1, 0.2)
    data = outcome.as_dict()
    assert data == asdict(outcome) and list(data) == list(asdict(outcome))
    assert data["hits"] is not outcome.hits


def test_an_in_process_run_restores_the_gc(tmp_path: Path) -> None:
    import gc

    from cleaner import batch as b
    from cleaner.batchpool import run
    from cleaner.rules import load_rules

    src = tmp_path / "in.txt"
    src.write_text("A line of text.\n", encoding="utf-8")
    tasks = [b.Task(str(src), str(tmp_path / f"out{n}.txt"), "in.txt", f"out{n}.txt") for n in range(2)]
    before = gc.get_threshold(), gc.get_freeze_count()
    outcomes = list(run(tasks, load_rules(env={}), b.Options(generic=False), jobs=1))
    assert [o.status for o in outcomes] == ["ok", "ok"]
    assert (gc.get_threshold(), gc.get_freeze_count()) == before
