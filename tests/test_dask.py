"""Dask: `batch` and `clean --jsonl` with --scheduler on a real cluster of worker processes, and cleaner.dask.

One LocalCluster (2 worker processes, 1 thread each, on 127.0.0.1) serves the whole module; the
CLI runs as a subprocess and connects to it as a user's would to a remote scheduler.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from cleaner import clean, load_rules
from cleaner.manifest import MANIFEST_NAME
from cleaner.textio import TMP_SUFFIX

from .conftest import GOLDEN, cleaner_exe, run_cli

distributed = pytest.importorskip("distributed")  # the test extra installs it: CI runs all of these

INPUTS = sorted(GOLDEN.glob("*/*.input.txt"))
SEED_002 = GOLDEN / "ostro.org/seed-002.input.txt"
TIMING = ("seconds", "cpu_seconds", "pages_per_second")
Cluster = tuple[str, "distributed.Client", "distributed.LocalCluster"]


@contextmanager
def _two_workers() -> Iterator[tuple[distributed.Client, distributed.LocalCluster]]:
    """A local cluster of two worker processes, both running, and a client of it."""
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
        ) as local,
        distributed.Client(local) as client,
    ):
        client.wait_for_workers(2, timeout=60)
        yield client, local


@pytest.fixture(scope="module")
def cluster() -> Iterator[tuple[str, distributed.Client, distributed.LocalCluster]]:
    """The module's cluster: its scheduler address, a client of it, the cluster."""
    with _two_workers() as (client, local):
        yield local.scheduler_address, client, local


def _tree(root: Path) -> dict[str, bytes]:
    """Every file under root by relative path, with its bytes."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _pages(src: Path) -> None:
    """The golden inputs three times over in nested folders, an HTML page, an empty page and two bad ones."""
    for copy in range(3):
        for page in INPUTS:
            dst = src / f"c{copy}" / page.parent.name / page.name.replace(".input", "")
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(page, dst)
    body = "".join(f"<p>{line}</p>" for line in SEED_002.read_text(encoding="utf-8").splitlines() if line.strip())
    (src / "page.html").write_text(f"<!DOCTYPE html><html><body><article>{body}</article></body></html>")
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (src / "dangling.txt").symlink_to(src / "gone.txt")


def _without_timing(report: dict) -> dict:
    """A batch report with wall and CPU times, jobs and the scheduler left out: what must not differ."""
    files = [{k: v for k, v in f.items() if k not in TIMING} for f in report["files"]]
    summary = {k: v for k, v in report["summary"].items() if k not in TIMING}
    options = {k: v for k, v in report["options"].items() if k not in ("jobs", "scheduler")}
    return {"files": files, "summary": summary, "options": options}


def _messages(stderr: bytes) -> list[str]:
    """stderr lines that must match a local run's: all but the cluster line and the timing line."""
    lines = stderr.decode().splitlines()
    return [line for line in lines if "on the Dask cluster" not in line and " pages/s" not in line]


def test_batch_on_the_cluster_matches_a_local_run_byte_for_byte(tmp_path: Path, cluster: Cluster) -> None:
    address, _, _ = cluster
    src = tmp_path / "in"
    _pages(src)
    local = run_cli("batch", src, tmp_path / "local", "--jobs", "1", "--report", tmp_path / "local.json")
    remote = run_cli("batch", src, tmp_path / "remote", "--scheduler", address, "--report", tmp_path / "remote.json")
    assert local.returncode == remote.returncode == 1, remote.stderr  # the bad pages fail in both
    assert _tree(tmp_path / "remote") == _tree(tmp_path / "local")
    assert len(_tree(tmp_path / "remote")) == 3 * len(INPUTS) + 2 + 1  # the pages and the batch manifest
    assert _messages(remote.stderr) == _messages(local.stderr)
    assert "cleaner: failed: dangling.txt: no such file" in remote.stderr.decode()
    assert f"on the Dask cluster at {address}: 2 workers, 2 threads" in remote.stderr.decode()
    reports = [json.loads((tmp_path / f"{n}.json").read_text(encoding="utf-8")) for n in ("local", "remote")]
    assert _without_timing(reports[1]) == _without_timing(reports[0])
    assert reports[1]["options"]["scheduler"] == address and reports[1]["options"]["jobs"] == 2
    assert remote.stdout == b""


def _records_file(path: Path) -> None:
    """JSON lines of the golden inputs with URLs, and among them bad lines, a blank line and a BOM."""
    rows = []
    for n, page in enumerate(INPUTS * 4):
        row = {"id": n, "url": f"https://{page.parent.name}/{n}", "text": page.read_text(encoding="utf-8")}
        rows.append(json.dumps(row, ensure_ascii=False))
        if n % 7 == 3:
            rows += ["not json", "", '{"text": 5}', '{"id": "no text"}']
    path.write_bytes(b"\xef\xbb\xbf" + "\n".join(rows).encode("utf-8"))  # and no newline at the end


@pytest.mark.parametrize("extra", [[], ["--stats", "--on-error", "drop"]])
def test_jsonl_on_the_cluster_matches_a_local_run_byte_for_byte(
    tmp_path: Path, cluster: Cluster, extra: list[str]
) -> None:
    address, _, _ = cluster
    records = tmp_path / "in.jsonl"
    _records_file(records)
    local = run_cli("clean", "--jsonl", records, *extra)
    remote = run_cli("clean", "--jsonl", records, *extra, "--scheduler", address)
    assert local.returncode == remote.returncode == 1
    assert remote.stdout == local.stdout
    assert len(remote.stdout.splitlines()) >= 4 * len(INPUTS)
    assert _messages(remote.stderr) == _messages(local.stderr)
    assert "bad record" in remote.stderr.decode()
    written = tmp_path / "out.jsonl"
    to_file = run_cli("clean", "--jsonl", records, *extra, "--scheduler", address, "-o", written)
    assert to_file.returncode == 1 and written.read_bytes() == local.stdout


def test_a_worker_killed_mid_job_loses_no_page_and_half_writes_none(tmp_path: Path, cluster: Cluster) -> None:
    address, client, _ = cluster
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    expected = run_cli("clean", SEED_002).stdout
    for i in range(1200):
        shutil.copy(SEED_002, src / f"{i:04d}.txt")
    pids = client.run(os.getpid)
    proc = subprocess.Popen(
        [cleaner_exe(), "batch", src, out, "--scheduler", address, "--report", tmp_path / "r.json"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.time() + 60
    while time.time() < deadline and (not out.is_dir() or len(os.listdir(out)) < 150):
        time.sleep(0.005)
    if proc.poll() is not None:
        pytest.fail("the batch finished before a worker could be killed; give it more pages")
    victim = sorted(pids.values())[0]
    os.kill(victim, signal.SIGKILL)
    written_at_kill = len(os.listdir(out))
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode()
    assert written_at_kill < 1200  # the kill came mid-job
    assert sorted(os.listdir(out)) == [MANIFEST_NAME] + [f"{i:04d}.txt" for i in range(1200)]  # no temporary left
    assert all((out / name).read_bytes() == expected for name in os.listdir(out) if name != MANIFEST_NAME)
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["summary"]["cleaned"] == 1200
    client.wait_for_workers(2, timeout=60)  # the nanny restarts the worker for the tests after this one
    assert victim not in client.run(os.getpid).values()


def _free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_an_unreachable_scheduler_is_one_error_line_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    shutil.copy(SEED_002, tmp_path / "in" / "a.txt")
    address = f"tcp://127.0.0.1:{_free_port()}"
    env = {"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "1s"}
    proc = run_cli("batch", tmp_path / "in", tmp_path / "out", "--scheduler", address, env=env)
    assert proc.returncode == 2
    [line] = proc.stderr.decode().splitlines()
    assert line.startswith(f"cleaner: error: cannot reach the Dask scheduler at {address}")
    assert not list((tmp_path / "out").iterdir())
    jsonl = run_cli("clean", "--jsonl", "--scheduler", address, stdin='{"text": "a"}\n', env=env)
    assert jsonl.returncode == 2 and jsonl.stdout == b""
    one_page = run_cli("clean", SEED_002, "--scheduler", address)
    assert one_page.returncode == 2 and "--scheduler works with --jsonl" in one_page.stderr.decode()


def test_workers_that_cannot_see_the_folders_are_refused(cluster: Cluster) -> None:
    from cleaner.dask import ClusterError, check_workers

    _, client, _ = cluster
    check_workers(client, [GOLDEN])
    with pytest.raises(ClusterError, match="a file system all workers share"):
        check_workers(client, ["/nonexistent/cleaner-test"])


_IMPORTS = """
import sys
import cleaner, cleaner.cli, cleaner.batch, cleaner.jsonl
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("dask", "distributed") or m == "cleaner.dask")
print(",".join(loaded))
"""


def test_cleaner_without_scheduler_never_imports_dask(tmp_path: Path) -> None:
    probe = subprocess.run([sys.executable, "-c", _IMPORTS], capture_output=True, text=True, check=True)
    assert probe.stdout.strip() == ""
    (tmp_path / "in").mkdir()
    shutil.copy(SEED_002, tmp_path / "in" / "a.txt")
    for args in (["batch", tmp_path / "in", tmp_path / "out", "-j", "1"], ["clean", "--jsonl", "--no-generic"]):
        proc = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "cleaner", *map(str, args)],
            input=b'{"text": "a"}\n',
            capture_output=True,
            check=False,
        )
        assert proc.returncode == 0, proc.stderr
        imported = [line.rsplit("|", 1)[-1].strip() for line in proc.stderr.decode().splitlines() if "|" in line]
        assert "cleaner.cli" in imported  # the probe sees the imports
        assert not [m for m in imported if m.split(".")[0] in ("dask", "distributed")]


def test_clean_bag_of_texts_and_of_records_read_from_json_lines(tmp_path: Path, cluster: Cluster) -> None:
    import dask.bag

    from cleaner.dask import clean_bag

    _, client, _ = cluster
    rules = load_rules(env={})
    texts = [page.read_text(encoding="utf-8") for page in INPUTS]
    cleaned = clean_bag(dask.bag.from_sequence(texts, npartitions=3), rules).compute(scheduler=client)
    assert cleaned == [clean(text, rules).text for text in texts]
    assert cleaned != texts
    records = tmp_path / "in.jsonl"
    _records_file(records)
    local = run_cli("clean", "--jsonl", records, "--stats", "--on-error", "drop")
    bag = dask.bag.read_text(str(records), blocksize=20_000).filter(str.strip).map(_parse).filter(bool)
    out = clean_bag(bag, rules, stats=True, on_error="drop").compute(scheduler=client)
    assert [json.dumps(r, ensure_ascii=False) for r in out] == local.stdout.decode("utf-8").splitlines()
    kept = clean_bag(dask.bag.from_sequence([{"text": 5}, {"id": 1}]), rules).compute(scheduler=client)
    assert kept == [{"text": 5}, {"id": 1}]  # records without a string field pass unchanged by default


def _parse(line: str) -> dict | None:
    """A JSON object from a line, or None for a line that is not one (as the CLI's bad records)."""
    try:
        value = json.loads(line.removeprefix("\ufeff"))
    except json.JSONDecodeError:
        return None
    return value if isinstance(value, dict) else None


def test_dataframe_text_column_cleaned_by_map_partitions(cluster: Cluster) -> None:
    dd = pytest.importorskip("dask.dataframe")
    import dask
    import pandas as pd

    from cleaner.dask import clean_dataframe, clean_partition

    _, client, _ = cluster
    rules = load_rules(env={})
    texts = [page.read_text(encoding="utf-8") for page in INPUTS]
    urls = [f"https://{page.parent.name}/" for page in INPUTS]
    frame = pd.DataFrame({"id": range(len(texts)), "text": texts, "url": urls})
    ddf = dd.from_pandas(frame, npartitions=3)
    expected = [clean(text, rules, url=url).text for text, url in zip(texts, urls, strict=True)]
    out = clean_dataframe(ddf, "text", rules, url_column="url").compute(scheduler=client)
    assert list(out["text"]) == expected and list(out["id"]) == list(frame["id"])
    direct = ddf.map_partitions(clean_partition, "text", dask.delayed(rules), meta=ddf._meta)
    assert list(direct.compute(scheduler=client)["text"]) == [clean(text, rules).text for text in texts]


def test_a_lost_scheduler_is_one_error_line_exit_2_and_only_whole_outputs(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    expected = run_cli("clean", SEED_002).stdout
    for i in range(600):
        shutil.copy(SEED_002, src / f"{i:04d}.txt")
    address = f"tcp://127.0.0.1:{_free_port()}"
    dask = str(Path(sys.executable).parent / "dask")
    port = address.rsplit(":", 1)[1]
    scheduler = subprocess.Popen(
        [dask, "scheduler", "--host", "127.0.0.1", "--port", port, "--no-dashboard"], stderr=subprocess.DEVNULL
    )
    worker = subprocess.Popen(
        [dask, "worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard"], stderr=subprocess.DEVNULL
    )
    try:
        with distributed.Client(address, timeout="60s") as client:
            client.wait_for_workers(1, timeout=60)
        env = {**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"}
        proc = subprocess.Popen(
            [cleaner_exe(), "batch", src, out, "--scheduler", address], stderr=subprocess.PIPE, env=env
        )
        deadline = time.time() + 60
        while time.time() < deadline and (not out.is_dir() or len(os.listdir(out)) < 30):
            time.sleep(0.005)
        scheduler.kill()
        _, err = proc.communicate(timeout=60)
    finally:
        for child in (scheduler, worker):
            child.kill() if child is scheduler else child.terminate()
            child.wait(timeout=30)
    assert proc.returncode == 2
    lines = err.decode().splitlines()
    assert len(lines) == 2 and lines[1].startswith("cleaner: error: the Dask cluster failed: "), lines
    # Not a killed write's leftover, nor the manifest of the pages done.
    written = [name for name in os.listdir(out) if not name.endswith(TMP_SUFFIX) and name != MANIFEST_NAME]
    assert 30 <= len(written) < 600
    assert all((out / name).read_bytes() == expected for name in written)  # whole, or not there
    again = run_cli("batch", src, out, "--jobs", "1")  # a run without the cluster finishes the job
    # Pages whose outcome reached the CLI before the scheduler died are recorded and skipped; the
    # others were written whole by a worker but are not known to be, so they are redone.
    skipped = re.search(r"(\d+) skipped up to date", again.stderr.decode())
    assert again.returncode == 0 and skipped and int(skipped.group(1)) <= len(written)
    assert sorted(os.listdir(out)) == [MANIFEST_NAME] + [f"{i:04d}.txt" for i in range(600)]


def _die_on_13(items: list[int]) -> list[int]:
    """A task that kills its worker process when it holds item 13, as a page that crashes the interpreter would."""
    if 13 in items:
        os._exit(1)
    return [item * 2 for item in items]


def test_an_item_that_kills_workers_on_its_own_is_reported_and_the_rest_go_on() -> None:
    from cleaner.dask import _in_order

    # A cluster of its own: the workers it kills need not be back for any later test.
    with _two_workers() as (client, local):
        local.scheduler.allowed_failures = 1  # a task is given up after two dead workers, not four: faster
        parts = [list(range(i, i + 5)) for i in range(0, 30, 5)]
        out = list(_in_order(client, _die_on_13, parts, (), lambda item: f"lost {item}", "test"))
    assert out[13] == "lost 13" and len(out) == 30
    # In order; a task that shared the dying worker twice is given up too (Dask cannot tell it apart).
    assert all(value in (i * 2, f"lost {i}") for i, value in enumerate(out))
    assert sum(isinstance(value, int) for value in out) >= 25
